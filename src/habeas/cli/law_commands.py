"""Commands on the law and the statistics: ``sentence compute|show``, ``stats``, ``status``.

``habeas sentence PERSON_ID`` is short for ``habeas sentence show PERSON_ID``: the ``sentence``
group reads a first argument that is not a subcommand but a number as a person id.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from typer.core import TyperGroup

from habeas.cli.options import DbOption, JsonOption
from habeas.cli.output import EXIT_BAD_INPUT, EXIT_USAGE, console, emit_json, fail
from habeas.cli.store import connect
from habeas.vocabulary import Status

DateOption = Annotated[
    datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="The day to compute for (YYYY-MM-DD)."),
]


class _SentenceGroup(TyperGroup):
    """A group whose first argument may be a person id, meaning ``show PERSON_ID``."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Route ``sentence 42 …`` to ``sentence show 42 …``."""
        if args and args[0] not in self.commands and args[0].isdigit():
            args = ["show", *args]
        return super().resolve_command(ctx, args)


sentence_app = typer.Typer(
    cls=_SentenceGroup,
    help="Sentence arithmetic: release and parole dates, credited, served and remaining days. "
    "'habeas sentence PERSON_ID' is short for 'habeas sentence show PERSON_ID'.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _print_result(data: dict[str, Any], heading: str) -> None:
    console.print(f"[bold]{heading}[/]", highlight=False)
    table = Table("", "", show_header=False)
    term = data["term"]
    rows = [
        ("term", f"{term['years']}y {term['months']}m {term['days']}d, {data['regime']} regime"),
        ("articles", ", ".join(data["articles"]) or "—"),
        ("term start", data["term_start"]),
        ("term end", data["term_end"]),
        ("credited days", str(data["credited_days"])),
        ("release date", data["release_date"]),
        ("parole eligible on", data["parole_eligible_on"] or "—"),
        (f"served days (as of {data['as_of']})", f"{data['served_days']} of {data['term_days']}"),
        ("remaining days", str(data["remaining_days"])),
    ]
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
    console.print("[bold]Steps[/]")
    for i, step in enumerate(data["steps"], 1):
        rule = f" [{step['rule']}]" if step["rule"] else ""
        flag = " (UNCONFIRMED)" if step["uncertain"] else ""
        console.print(f"{i}. {step['text']}{rule}{flag}", highlight=False, markup=False)


@sentence_app.command("compute")
def sentence_compute(
    spec_file: Annotated[
        str, typer.Argument(metavar="SPEC.json", help="SPEC file, or - for stdin.")
    ],
    as_json: JsonOption = False,
    as_of: DateOption = None,
) -> None:
    """Compute a sentence from a SPEC file: country, articles, term {years, months, days},
    regime, term_start, custody [{kind, from, to}], optional as_of (see docs/statistics.md)."""
    from habeas.law import LawError
    from habeas.law.sentence import SentenceSpec, compute_sentence

    try:
        text = (
            typer.get_text_stream("stdin").read()
            if spec_file == "-"
            else Path(spec_file).read_text(encoding="utf-8")
        )
    except OSError as exc:
        fail(
            f"cannot read {spec_file}: {exc.strerror or exc}", code=EXIT_BAD_INPUT, as_json=as_json
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"{spec_file} is not JSON: {exc}", code=EXIT_BAD_INPUT, as_json=as_json)
    try:
        if as_of is not None and isinstance(data, dict):
            data = {**data, "as_of": _day(as_of).isoformat()}  # type: ignore[union-attr]
        result = compute_sentence(SentenceSpec.from_dict(data))
    except LawError as exc:
        fail(str(exc), code=EXIT_BAD_INPUT, as_json=as_json)
    if as_json:
        emit_json(result.to_dict())
        return
    _print_result(result.to_dict(), f"Sentence from {spec_file}")


@sentence_app.command("show")
def sentence_show(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    as_json: JsonOption = False,
    as_of: DateOption = None,
    db: DbOption = None,
) -> None:
    """Compute the sentence in force of a registry person (the SPEC it used is in --json)."""
    connect(db)
    from habeas.apps.cases.sentence import (
        InsufficientData,
        compute_for_person,
        person_sentence_dict,
    )
    from habeas.apps.registry.queries import PersonNotFound

    try:
        built, result = compute_for_person(person_id, _day(as_of))
    except (PersonNotFound, InsufficientData) as exc:
        fail(f"person {person_id}: {exc}", code=EXIT_BAD_INPUT, as_json=as_json)
    data = person_sentence_dict(built, result)
    if as_json:
        emit_json(data)
        return
    _print_result(data, f"{built.display_name} (#{built.person_id}), sentence #{built.sentence_id}")


def stats(
    as_json: JsonOption = False,
    as_of: DateOption = None,
    charts: Annotated[
        Path | None, typer.Option("--charts", help="Write SVG charts into this folder.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Registry statistics as of a date (today by default): counts by status, article,
    regime, region, facility, gender and age band; monthly series; sentence lengths."""
    connect(db)
    from habeas.apps.cases.statistics import registry_statistics
    from habeas.stats.charts import write_charts

    data = registry_statistics(_day(as_of))
    if charts is not None:
        try:
            data["charts"] = [str(p) for p in write_charts(data, charts)]
        except OSError as exc:
            fail(f"cannot write charts to {charts}: {exc}", code=EXIT_BAD_INPUT, as_json=as_json)
    if as_json:
        emit_json(data)
        return
    _print_stats(data)


def _table(title: str, column: str, counts: dict[str, Any], limit: int = 10) -> Table:
    table = Table(column, "persons", title=title)
    items = list(counts.items())
    for key, n in items[:limit]:
        table.add_row(str(key), str(n))
    if len(items) > limit:
        table.add_row(f"… {len(items) - limit} more", str(sum(n for _, n in items[limit:])))
    return table


def _print_stats(d: dict[str, Any]) -> None:
    when = "today" if d["present"] else "that day"
    console.print(
        f"As of [bold]{d['as_of']}[/]: [bold]{d['persons']}[/] persons, [bold]{d['held']}[/] "
        f"held {when}; registry: {d['registry_persons']} persons, {d['source_records']} source "
        f"records in {len(d['sources'])} sources ({d['imports']} imports)",
        highlight=False,
    )
    if d["undated_left_out"]:
        console.print(f"{d['undated_left_out']} persons with no dated fact left out.")
    for title, column, key in (
        ("By status", "status", "by_status"),
        ("By article", "article", "by_article"),
        ("Imprisoned, by regime", "regime", "by_regime"),
        ("By region", "region", "by_region"),
        ("Held, by facility", "facility", "by_facility"),
        ("By gender", "gender", "by_gender"),
        ("By age band", "age", "by_age_band"),
    ):
        console.print(_table(title, column, d[key]))
    months = Table("month", "new cases", "verdicts", "releases", title="Last 12 months")
    for row in d["monthly"][-12:]:
        months.add_row(row["month"], *(str(row[k]) for k in ("new_cases", "verdicts", "releases")))
    console.print(months)
    lengths = Table("article", "persons", "median", "mean", "min", "max", title="Sentence (months)")
    for article, s in list(d["sentence_months_by_article"].items())[:10]:
        lengths.add_row(article, *(str(s[k]) for k in ("persons", "median", "mean", "min", "max")))
    console.print(lengths)
    for path in d.get("charts", []):
        console.print(f"chart: {path}", highlight=False)


def status(
    on: Annotated[
        datetime | None,
        typer.Option(
            "--on", formats=["%Y-%m-%d"], help="The day (YYYY-MM-DD); today if not given."
        ),
    ] = None,
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option(min=0, help="How many ids to list (0: none).")] = 50,
    only: Annotated[
        list[str] | None,
        typer.Option("--status", help="Only this status (repeatable); default: all held."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Who was held on a date: pre-trial detention, house arrest, imprisonment, compulsory
    treatment (or the statuses given with --status)."""
    known = {s.value for s in Status}
    for value in only or []:
        if value not in known:
            fail(f"unknown status {value!r}; known: {', '.join(sorted(known))}", code=EXIT_USAGE)
    connect(db)
    from habeas.apps.cases.statistics import held_on
    from habeas.apps.registry.models import Person
    from habeas.stats.compute import today as registry_today

    today = registry_today()
    day = _day(on) or today
    found = held_on(day, statuses=only or None, today=today)
    by_status: dict[str, int] = {}
    for value in found.values():
        by_status[value] = by_status.get(value, 0) + 1
    ids = list(found)[:limit]
    data = {
        "on": day.isoformat(),
        "present": day >= today,
        "statuses": sorted(only) if only else None,
        "count": len(found),
        "by_status": dict(sorted(by_status.items(), key=lambda kv: (-kv[1], kv[0]))),
        "person_ids": ids,
        "limit": limit,
        "truncated": len(found) > len(ids),
    }
    if as_json:
        emit_json(data)
        return
    console.print(f"[bold]{data['count']}[/] persons held on {data['on']}", highlight=False)
    console.print(_table("By status", "status", data["by_status"]))
    names = Person.objects.in_bulk(ids)
    table = Table("id", "name", "status", title=f"First {len(ids)} by id" if ids else None)
    for pk in ids:
        table.add_row(str(pk), names[pk].display_name if pk in names else "", found[pk])
    if ids:
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``sentence`` (compute, show), ``stats`` and ``status`` to the app."""
    app.add_typer(sentence_app, name="sentence")
    app.command("stats")(stats)
    app.command("status")(status)
