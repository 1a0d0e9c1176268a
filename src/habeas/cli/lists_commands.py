"""Commands for release lists: ``habeas lists create|include|exclude|show|freeze|diff|export|
keygen`` and ``habeas reconcile``."""

from __future__ import annotations

import getpass
import json
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from habeas.cli.options import DbOption, JsonOption
from habeas.cli.output import EXIT_BAD_INPUT, EXIT_USAGE, console, emit_json, fail
from habeas.cli.store import connect

lists_app = typer.Typer(
    name="lists", help="Release lists: build, freeze, diff, export.", no_args_is_help=True
)
Multi = Annotated[list[str] | None, typer.Option()]


def _months(value: str | None, what: str) -> int | None:
    """``18``, ``18m``, ``5y``, ``5y6m`` → months."""
    if value is None:
        return None
    m = re.fullmatch(r"(?:(\d+)y)?(?:(\d+)m?)?", value.strip())
    if not m or not value.strip():
        fail(f"{what}: {value!r} is not a term (use 18, 18m, 5y or 5y6m)", code=EXIT_USAGE)
    return int(m.group(1) or 0) * 12 + int(m.group(2) or 0)


def create(
    name: Annotated[str, typer.Argument(help="The list's name (unique).")],
    title: Annotated[str, typer.Option(help="Title printed on exports.")] = "",
    description: Annotated[str, typer.Option()] = "",
    status: Multi = None,
    recognised_by: Multi = None,
    recognition_criterion: Annotated[
        list[str] | None, typer.Option(help="PACE 1900 letter, e.g. a")
    ] = None,
    article: Annotated[list[str] | None, typer.Option(help="e.g. 207.3, or 205* for 205.x")] = None,
    region: Multi = None,
    facility: Annotated[list[str] | None, typer.Option(help="Part of a facility's name.")] = None,
    gender: Multi = None,
    age_min: Annotated[int | None, typer.Option()] = None,
    age_max: Annotated[int | None, typer.Option()] = None,
    health: Annotated[list[str] | None, typer.Option(help="serious_illness or disability")] = None,
    sentence_min: Annotated[str | None, typer.Option(help="e.g. 5y")] = None,
    sentence_max: Annotated[str | None, typer.Option()] = None,
    remaining_min: Annotated[str | None, typer.Option(help="Time still to serve, e.g. 2y")] = None,
    remaining_max: Annotated[str | None, typer.Option()] = None,
    citizenship: Annotated[list[str] | None, typer.Option(help="ISO code, or 'foreign'")] = None,
    weights: Annotated[Path | None, typer.Option(help="TOML file of priority weights.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Redefine an existing list.")] = False,
    by: Annotated[str, typer.Option(help="Who creates it.")] = "",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a release list from criteria (AND across options, OR within one)."""
    from habeas.lists.criteria import Criteria

    criteria = Criteria(
        statuses=tuple(status or ()),
        recognised_by=tuple(recognised_by or ()),
        recognition_criteria=tuple(recognition_criterion or ()),
        articles=tuple(article or ()),
        regions=tuple(region or ()),
        facilities=tuple(facility or ()),
        genders=tuple(gender or ()),
        age_min=age_min,
        age_max=age_max,
        health=tuple(health or ()),
        sentence_min_months=_months(sentence_min, "--sentence-min"),
        sentence_max_months=_months(sentence_max, "--sentence-max"),
        remaining_min_months=_months(remaining_min, "--remaining-min"),
        remaining_max_months=_months(remaining_max, "--remaining-max"),
        citizenships=tuple(citizenship or ()),
    )
    overrides: dict[str, Any] = {}
    if weights is not None:
        import tomllib

        try:
            overrides = tomllib.loads(weights.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            fail(f"cannot read {weights}: {exc}", as_json=as_json)
    connect(db)
    from habeas.releases.services import ListError, create_list

    try:
        made = create_list(
            name, criteria, title=title, description=description, weights=overrides,
            by=by or getpass.getuser(), replace=replace,
        )  # fmt: skip
    except ListError as exc:
        fail(str(exc), code=EXIT_BAD_INPUT, as_json=as_json)
    data = {
        "list": made.name,
        "title": made.title,
        "criteria": made.criteria,
        "weights": made.weights,
    }
    if as_json:
        emit_json(data)
    else:
        console.print(
            f"List [bold]{made.name}[/] saved: {json.dumps(made.criteria, ensure_ascii=False)}"
        )


def _entry(
    name: str, person_id: int, reason: str, action: str, db: str | None, as_json: bool
) -> None:
    connect(db)
    from habeas.releases.services import ListError, get_list, set_entry

    try:
        entry = set_entry(get_list(name), person_id, action, reason, getpass.getuser())
    except ListError as exc:
        fail(str(exc), as_json=as_json)
    data = {
        "list": name,
        "person_id": entry.person_id,
        "action": entry.action,
        "reason": entry.reason,
    }
    emit_json(data) if as_json else console.print(
        f"{action}d person {entry.person_id} in {name}: {reason}"
    )


def include(
    name: str, person_id: int,
    reason: Annotated[str, typer.Option(help="Why (required).")],
    db: DbOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """Put a person on the list by hand, whatever the criteria say."""
    _entry(name, person_id, reason, "include", db, as_json)


def exclude(
    name: str, person_id: int,
    reason: Annotated[str, typer.Option(help="Why (required).")],
    db: DbOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """Keep a person off the list by hand, whatever the criteria say."""
    _entry(name, person_id, reason, "exclude", db, as_json)


def show(
    name: str,
    limit: Annotated[int, typer.Option(min=1, help="Rows to print.")] = 30,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who the list selects now (priority, reasons) and its frozen versions."""
    connect(db)
    from habeas.releases.services import ListError, evaluate, get_list, version_summary

    try:
        rl = get_list(name)
    except ListError as exc:
        fail(str(exc), as_json=as_json)
    sel = evaluate(rl)
    versions = [version_summary(v) for v in rl.versions.order_by("number")]
    if as_json:
        emit_json({
            "list": rl.name, "title": rl.title, "criteria": rl.criteria, "count": len(sel.entries),
            "persons": sel.entries, "excluded": sel.excluded, "missing": sel.missing,
            "versions": versions,
        })  # fmt: skip
        return
    console.print(f"[bold]{rl.name}[/] {rl.title}: {len(sel.entries)} persons", highlight=False)
    table = Table("ref", "name", "latin", "priority", "reasons", "why")
    for e in sel.entries[:limit]:
        reasons = "; ".join(f"{r['detail']} +{r['points']:g}" for r in e["priority_reasons"])
        table.add_row(
            e["ref"], e["name"], e["name_latin"], f"{e['priority']:g}", reasons, "; ".join(e["why"])
        )
    console.print(table)
    for v in versions:
        console.print(
            f"v{v['version']} {v['audience']} {v['frozen_at']} by {v['frozen_by']} sha256 {v['sha256']}"
        )


def freeze(
    name: str,
    audience: Annotated[str, typer.Option(help="counterpart, public or internal.")] = "counterpart",
    by: Annotated[str, typer.Option(help="Who freezes it (default: your login).")] = "",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Freeze the list: a new immutable, numbered version with its hash (and signature when
    HABEAS_SIGNING_KEY names an Ed25519 key)."""
    connect(db)
    from habeas.releases.services import ListError, get_list, version_summary
    from habeas.releases.services import freeze as do_freeze

    try:
        version = do_freeze(get_list(name), audience, by or getpass.getuser())
    except ListError as exc:
        fail(str(exc), as_json=as_json)
    data = version_summary(version)
    if as_json:
        emit_json(data)
        return
    console.print(
        f"Froze [bold]{name}[/] v{data['version']} for {data['audience']}: {data['count']} persons\n"
        f"sha256 {data['sha256']}", highlight=False,
    )  # fmt: skip
    if data["signature"]:
        console.print(
            f"signature {data['signature']}\npublic key {data['public_key']}", highlight=False
        )


def diff(name: str, old: int, new: int, db: DbOption = None, as_json: JsonOption = False) -> None:
    """What changed between two versions: added, removed, changed, and why."""
    connect(db)
    from habeas.releases.services import ListError, diff_versions, get_list

    try:
        data = diff_versions(get_list(name), old, new)
    except ListError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(data)
        return
    console.print(f"{name}: v{old} → v{new}", highlight=False)
    for key, sign in (("added", "+"), ("removed", "-"), ("changed", "~")):
        for item in data[key]:
            console.print(
                f" {sign} {item['ref']} {item['name']}: {'; '.join(item['why'])}", highlight=False
            )
    if not (data["added"] or data["removed"] or data["changed"]):
        console.print(" no change")


def export(
    name: str,
    out: Annotated[Path, typer.Argument(help="Output file (.pdf, .csv, .xlsx, .json).")],
    version: Annotated[int | None, typer.Option(help="Version number (default: latest).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="pdf, csv, xlsx or json.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export a frozen version."""
    file_format = fmt or out.suffix.lstrip(".").lower()
    connect(db)
    from habeas.releases.services import ListError, export_version, get_list, get_version

    try:
        v = get_version(get_list(name), version)
        count = export_version(v, out, file_format)
    except ListError as exc:
        fail(str(exc), as_json=as_json)
    data = {
        "list": name,
        "version": v.number,
        "format": file_format,
        "path": str(out),
        "persons": count,
        "sha256": v.content_hash,
    }
    emit_json(data) if as_json else console.print(
        f"Wrote {out}: {count} persons, v{v.number}", highlight=False
    )


def keygen(path: Annotated[Path, typer.Argument(help="Where to write the private key.")]) -> None:
    """Make an Ed25519 signing key; set HABEAS_SIGNING_KEY to its path to sign versions."""
    from habeas.lists.versions import generate_key

    if path.exists():
        fail(f"{path} exists; refusing to overwrite a key", code=EXIT_USAGE)
    console.print(f"public key {generate_key(path)}", highlight=False)


def reconcile(
    file: Annotated[
        Path,
        typer.Argument(help="Announcement: names one a line, a CSV with a name column, or text."),
    ],
    list_name: Annotated[
        str | None, typer.Option("--list", help="Compare with this release list.")
    ] = None,
    lang: Annotated[str, typer.Option(help="ru, en, de or auto.")] = "auto",
    apply: Annotated[
        bool, typer.Option("--apply", help="Record the outcome for matched persons.")
    ] = False,
    on: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD of the outcome.")] = None,
    outcome: Annotated[
        str, typer.Option(help="released, exchanged, pardoned or deported.")
    ] = "released",
    person: Annotated[
        list[int] | None, typer.Option(help="Apply to these ids (matched or candidates).")
    ] = None,
    url: Annotated[str, typer.Option(help="URL of the announcement.")] = "",
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Find every person an announcement names, match each to the registry, compare with a
    list and the totals stated; with --apply, record the outcome."""
    if apply and not on:
        fail("--apply needs --date YYYY-MM-DD", code=EXIT_USAGE, as_json=as_json)
    try:
        when = date.fromisoformat(on) if on else None
    except ValueError:
        fail(f"--date {on!r} is not YYYY-MM-DD", code=EXIT_USAGE, as_json=as_json)
    try:
        text = file.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {exc}", as_json=as_json)
    connect(db)
    from habeas.releases.outcome import apply_outcome, reconcile_announcement
    from habeas.releases.services import ListError, get_list

    try:
        rl = get_list(list_name) if list_name else None
        result = reconcile_announcement(text, release_list=rl, lang=lang)
        if apply:
            if not yes and not as_json:
                _print_reconcile(result)
                typer.confirm(f"Record '{outcome}' on {when} for these persons?", abort=True)
            result["applied"] = apply_outcome(
                result, text=text, outcome=outcome, on=when, title=file.name, url=url,
                by="cli", person_ids=person,
            )  # fmt: skip
    except ListError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(result)
    elif not apply or yes:
        _print_reconcile(result)
    if apply and not as_json:
        console.print(
            f"Applied to {len(result['applied']['applied'])} person(s); source: {result['applied']['source']}",
            highlight=False,
        )


def _print_reconcile(r: dict[str, Any]) -> None:
    table = Table("mention", "status", "person", "score", "candidates")
    for m in r["mentions"]:
        cands = ", ".join(
            f"#{c['person_id']} {c['name']} ({c['score']:.2f})" for c in m["candidates"][:3]
        )
        table.add_row(m["text"], m["status"], str(m["person_id"] or ""), f"{m['score']:.2f}", cands)
    console.print(table)
    c = r["counts"]
    console.print(
        f"{r['persons_named']} persons named: {c['matched']} matched, {c['ambiguous']} ambiguous, "
        f"{c['unknown']} not in the registry", highlight=False,
    )  # fmt: skip
    for t in r["totals_stated"]:
        verdict = "agrees" if t["agrees"] else f"DISAGREES: {t['persons_named']} named"
        console.print(f"stated «{t['text']}» = {t['value']}: {verdict}", highlight=False)
    if "listed_named" in r:
        for p in r["listed_named"]:
            console.print(f"  named: #{p['person_id']} {p['name']}", highlight=False)
        console.print(
            f"On the list and named: {len(r['listed_named'])}; not named: {len(r['listed_not_named'])}"
        )
        for p in r["listed_not_named"][:20]:
            console.print(
                f"  not named: #{p['person_id']} {p['name']}"
                + (" (possibly)" if p["possibly_named"] else ""),
                highlight=False,
            )


def register(app: typer.Typer) -> None:
    """Add ``lists`` (a command group) and ``reconcile`` to the app."""
    for command in (create, include, exclude, show, freeze, diff, export, keygen):
        lists_app.command()(command)
    app.add_typer(lists_app, name="lists")
    app.command()(reconcile)
