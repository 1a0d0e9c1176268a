"""``habeas names``: parse, spell out and compare personal names (no database needed).

* ``habeas names parse NAME`` — surname, given name, patronymic, script, gender, search keys;
* ``habeas names variants NAME`` — the name under every transliteration scheme and in the
  six Russian cases (for a Latin name, its Cyrillic readings first);
* ``habeas names compare A B`` — score, verdict at the default threshold and explanation;
* ``habeas names compare --pairs FILE.csv`` — batch evaluation: a CSV with columns ``a,b``
  in, CSV ``a,b,score,same`` out.

Exit codes: 0 success, 1 bad input (not a name, unreadable or malformed file), 2 usage.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from habeas.cli.options import JsonOption
from habeas.cli.output import EXIT_BAD_INPUT, EXIT_USAGE, console, emit_json, fail

names_app = typer.Typer(
    help="Personal names: parse, spellings under every scheme and case, comparison.",
    no_args_is_help=True,
)

NameArgument = Annotated[str, typer.Argument(help="A name in any script, order or case form.")]


def _invalid(exc: Exception, as_json: bool) -> None:
    fail(f"not a name: {exc}", code=EXIT_BAD_INPUT, as_json=as_json)


@names_app.command("parse")
def parse(name: NameArgument, as_json: JsonOption = False) -> None:
    """Split a name into surname, given name and patronymic; show its search keys."""
    from habeas.names import InvalidNameError, nominative, parse_name, search_keys

    try:
        parsed = parse_name(name)
        readings = nominative(name)
    except InvalidNameError as exc:
        _invalid(exc, as_json)
    data: dict[str, Any] = parsed.to_dict()
    data["nominative"] = readings
    data["search_keys"] = sorted(search_keys(name))
    if as_json:
        emit_json(data)
        return
    table = Table("field", "value", title=f"«{name}»", show_header=False)
    for field in ("surname", "given", "patronymic", "script", "gender", "order"):
        table.add_row(field, str(data[field]) if data[field] is not None else "—")
    flags = [f for f in ("given_initial", "patronymic_initial", "initials_only") if data[f]]
    if flags:
        table.add_row("flags", ", ".join(flags))
    table.add_row("nominative", "; ".join(readings))
    table.add_row("search keys", " ".join(data["search_keys"]))
    console.print(table)


@names_app.command("variants")
def variants(name: NameArgument, as_json: JsonOption = False) -> None:
    """The name under every transliteration scheme and in the six Russian cases."""
    from habeas.names import InvalidNameError
    from habeas.names import variants as name_variants

    try:
        data = name_variants(name)
    except InvalidNameError as exc:
        _invalid(exc, as_json)
    if as_json:
        emit_json(data)
        return
    cyrillic = data.get("cyrillic")
    if cyrillic is not None:
        table = Table("Cyrillic reading", "share", title="Readings of the Latin spelling")
        for row in cyrillic:
            table.add_row(row["text"], f"{row['share']:.2f}")
        console.print(table)
    if "nominative" in data:
        console.print("nominative: " + "; ".join(data["nominative"]), highlight=False)
    if "schemes" in data:
        table = Table("scheme", "spelling", title="Transliterations")
        for scheme, text in data["schemes"].items():
            table.add_row(scheme, text)
        console.print(table)
    if "cases" in data:
        table = Table("case", "form", title="Case forms")
        for case, text in data["cases"].items():
            table.add_row(case, text)
        console.print(table)


def _read_pairs(path: Path, as_json: bool) -> list[tuple[int, str, str]]:
    """Rows (line number, a, b) of a CSV file with columns ``a`` and ``b``; fail clearly."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            columns = reader.fieldnames or []
            if "a" not in columns or "b" not in columns:
                found = ", ".join(columns) if columns else "no header"
                fail(f"{path}: needs columns a,b (found: {found})", as_json=as_json)
            rows = []
            for record in reader:
                line = reader.line_num
                a, b = record.get("a"), record.get("b")
                if a is None or b is None:
                    fail(f"{path}, row {line}: missing the a or b column", as_json=as_json)
                if not a.strip() or not b.strip():
                    fail(f"{path}, row {line}: empty name in column a or b", as_json=as_json)
                rows.append((line, a, b))
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}", as_json=as_json)
    except UnicodeDecodeError as exc:
        fail(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})", as_json=as_json)
    except csv.Error as exc:
        fail(f"{path}: malformed CSV: {exc}", as_json=as_json)
    return rows


def _compare_pairs(path: Path, threshold: float, as_json: bool) -> None:
    from habeas.names import InvalidNameError, compare_normalized, normalize

    results: list[dict[str, Any]] = []
    for line, a, b in _read_pairs(path, as_json):
        try:
            cmp = compare_normalized(normalize(a), normalize(b), threshold)
        except InvalidNameError as exc:
            fail(f"{path}, row {line}: not a name: {exc}", as_json=as_json)
        results.append({"a": a, "b": b, "score": round(cmp.score, 4), "same": cmp.same})
    if as_json:
        emit_json(results)
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["a", "b", "score", "same"])
    for r in results:
        writer.writerow([r["a"], r["b"], f"{r['score']:.4f}", "true" if r["same"] else "false"])


def _print_comparison(data: dict[str, Any]) -> None:
    verdict = "[green]same person[/]" if data["same"] else "[red]different persons[/]"
    console.print(
        f"{data['a']['full']}  ~  {data['b']['full']}: score [bold]{data['score']:.2f}[/] "
        f"→ {verdict} (threshold {data['threshold']})"
    )
    table = Table("part", "a", "b", "how", "score", "detail")
    for part in data["explanation"]["parts"]:
        detail = []
        schemes = part["schemes"]
        if schemes:
            more = f" +{len(schemes) - 3} more" if len(schemes) > 3 else ""
            detail.append("schemes: " + ", ".join(schemes[:3]) + more)
        if part["distance"]:
            detail.append(f"distance {part['distance']}")
        if part["a_form"] and part["a_form"] != part["a"]:
            detail.append(f"a as {part['a_form']}")
        if part["b_form"] and part["b_form"] != part["b"]:
            detail.append(f"b as {part['b_form']}")
        table.add_row(
            part["part"],
            part["a"] or "—",
            part["b"] or "—",
            part["how"],
            f"{part['score']:.2f}",
            "; ".join(detail),
        )
    console.print(table)
    if data["explanation"]["swapped_order"]:
        console.print("surname and given name were read in swapped order")
    for reason in data["explanation"]["against"]:
        console.print(f"[yellow]against:[/] {reason}", highlight=False)


@names_app.command("compare")
def compare(
    a: Annotated[str | None, typer.Argument(help="First name.")] = None,
    b: Annotated[str | None, typer.Argument(help="Second name.")] = None,
    pairs: Annotated[
        Path | None,
        typer.Option("--pairs", help="CSV file with columns a,b; prints a,b,score,same."),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Score at or above which names are the same."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Compare two names (score, verdict, explanation), or every pair of a CSV file."""
    from habeas.names import DEFAULT_THRESHOLD, InvalidNameError
    from habeas.names import compare as compare_names

    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    if pairs is not None:
        if a is not None or b is not None:
            fail("give either two names or --pairs FILE, not both", code=EXIT_USAGE)
        _compare_pairs(pairs, limit, as_json)
        return
    if a is None or b is None:
        fail("give two names to compare (or --pairs FILE.csv)", code=EXIT_USAGE)
    try:
        data = compare_names(a, b, limit).to_dict()
    except InvalidNameError as exc:
        _invalid(exc, as_json)
    if as_json:
        emit_json(data)
        return
    _print_comparison(data)


def register(app: typer.Typer) -> None:
    """Add the ``names`` sub-app (parse, variants, compare) to the app."""
    app.add_typer(names_app, name="names")
