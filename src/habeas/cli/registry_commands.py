"""Commands that read the registry: init, show, search, stats."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from habeas.cli.options import DbOption, JsonOption
from habeas.cli.output import EXIT_BAD_INPUT, console, emit_json, fail
from habeas.cli.store import connect
from habeas.store import describe


def init(db: DbOption = None) -> None:
    """Create the registry (or bring its schema up to date)."""
    location = connect(db)
    console.print(f"Registry ready: {describe(location)}", highlight=False)


def show(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    audience: Annotated[str, typer.Option(help="public, internal or confidential.")] = "internal",
) -> None:
    """Show a person whole: names, case, custody, events, and the sources of each fact."""
    connect(db)
    from habeas.apps.registry.queries import PersonNotFound, person_detail
    from habeas.apps.registry.visibility import Audience

    try:
        detail = person_detail(person_id, Audience(audience))
    except PersonNotFound as exc:
        fail(str(exc), code=EXIT_BAD_INPUT, as_json=as_json)
    except ValueError:
        fail(f"unknown audience {audience!r}; use public, internal or confidential", code=2)
    if as_json:
        emit_json(detail)
        return
    _print_person(detail)


def _print_person(d: dict[str, Any]) -> None:
    console.print(f"[bold]{d['display_name']}[/]  {d['display_name_latin']}  (#{d['person_id']})")
    console.print(
        f"status: {d['status']}  gender: {d['gender'] or '—'}  "
        f"born: {d['birth_date'] or '—'}  region: {d['region'] or '—'}",
        highlight=False,
    )
    for field, values in d["conflicts"].items():
        shown = "; ".join(f"{v['value']} ({v['source']})" for v in values)
        console.print(f"[yellow]sources disagree on {field}:[/] {shown}", highlight=False)
    table = Table("fact", "value", "source", title="Facts", show_lines=False)
    for n in d["names"]:
        table.add_row(f"name ({n['kind']})", n["full"], n["source"].get("source", ""))
    for c in d["charges"]:
        table.add_row("charge", c["reference"], c["source"].get("source", ""))
    for s in d["sentences"]:
        table.add_row(
            "sentence",
            f"{s['term']} {s['regime'] or ''} ({s['verdict_on'] or '?'})",
            s["source"].get("source", ""),
        )
    for c in d["custody"]:
        table.add_row(
            c["kind"],
            f"{c['from'] or '?'} – {c['to'] or ''} {c['facility'] or ''}",
            c["source"].get("source", ""),
        )
    for e in d["events"]:
        table.add_row("event", f"{e['kind']} {e['on'] or ''}", e["source"].get("source", ""))
    for r in d["recognitions"]:
        table.add_row("recognised by", r["organisation"], r["source"].get("source", ""))
    console.print(table)
    console.print(
        f"{len(d['records'])} source record(s): "
        + ", ".join(f"{r['source']}:{r['source_id']}" for r in d["records"]),
        highlight=False,
    )


def search(
    query: Annotated[str, typer.Argument(help="A name or part of one, in any script.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    status: Annotated[str | None, typer.Option(help="Only persons with this status.")] = None,
    article: Annotated[str | None, typer.Option(help="Only persons charged under it.")] = None,
    region: Annotated[str | None, typer.Option(help="Only persons from this region.")] = None,
    gender: Annotated[str | None, typer.Option(help="male or female.")] = None,
    facility: Annotated[str | None, typer.Option(help="Facility name contains this.")] = None,
) -> None:
    """Find persons by name in any script or spelling, best first, each hit explained.

    A query that is not a whole name (the start of a surname, say) also finds names that
    begin with it.
    """
    connect(db)
    from habeas.apps.registry.search import find_persons

    filters = {
        k: v
        for k, v in {
            "status": status,
            "article": article,
            "region": region,
            "gender": gender,
            "facility": facility,
        }.items()
        if v
    }
    hits = find_persons(query, limit=limit, filters=filters or None)
    if as_json:
        emit_json(hits)
        return
    if not hits:
        console.print("No match.")
        return
    table = Table("id", "name", "latin", "status", "score")
    for h in hits:
        table.add_row(
            str(h["person_id"]), h["name"], h["name_latin"], h["status"], f"{h['score']:.2f}"
        )
    console.print(table)


def print_summary(summary: dict[str, Any]) -> None:
    """Print the registry summary as text."""
    console.print(
        f"[bold]{summary['persons']}[/] persons from [bold]{summary['source_records']}"
        f"[/] source records in {len(summary['sources'])} sources "
        f"({summary['imports']} imports)"
    )
    for source in summary["sources"]:
        console.print(f"  {source['name']}: {source['records']} records", highlight=False)
    table = Table("status", "persons", title="By status")
    for status, n in summary["by_status"].items():
        table.add_row(status, str(n))
    console.print(table)
    table = Table("article", "persons", title="Most frequent articles")
    for article, n in summary["top_articles"].items():
        table.add_row(article, str(n))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.command()(init)
    app.command()(show)
    app.command()(search)
