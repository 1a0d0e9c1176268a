"""Identity resolution commands: link, review (single keys in the terminal), explain."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from habeas.cli.options import DbOption, JsonOption
from habeas.cli.output import console, emit_json, fail
from habeas.cli.store import connect

KEYS = {"s": "same", "n": "not_same", "u": "unsure"}
HELP_LINE = "[s] same  [n] not the same  [u] unsure  [k] skip  [z] undo  [q] quit"


def link(
    full: Annotated[
        bool, typer.Option("--full", help="Re-link every record, not only new ones.")
    ] = False,
    renormalise: Annotated[
        bool,
        typer.Option(
            "--renormalise",
            help="Normalise every record again instead of reusing the kept prepared records.",
        ),
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Link source records into persons; uncertain pairs go to the review queue.

    Prepared (normalised) records are kept beside the registry, so a run normalises only
    records that are new or changed (``HABEAS_LINKAGE_CACHE``: another folder, or ``off``).
    """
    connect(db)
    from habeas.apps.registry.identity import run_linking

    report = run_linking(
        incremental=False if full else None,
        progress=None if as_json else lambda m: console.print(m),
        reuse_prepared=not renormalise,
    )
    if as_json:
        emit_json(report.to_dict())
        return
    table = Table("", "count", title="Link run" + (" (incremental)" if report.incremental else ""))
    for label, value in (
        ("source records", report.source_records),
        ("records normalised", report.records_normalised),
        ("pairs scored", report.pairs_scored),
        ("linked automatically", report.linked_automatically),
        ("sent to review", report.sent_to_review),
        ("persons", report.persons),
        ("persons created", report.persons_created),
        ("persons merged", report.persons_merged),
        ("records moved", report.records_moved),
    ):
        table.add_row(label, str(value))
    console.print(table)
    console.print(
        "time per stage: "
        + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in report.stage_seconds.items())
    )


def explain(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Why a person's records are together: pairs, field weights, human decisions."""
    connect(db)
    from habeas.apps.registry.identity import explain_person
    from habeas.apps.registry.queries import PersonNotFound, resolve_person

    try:
        person = resolve_person(person_id)
    except PersonNotFound as exc:
        fail(str(exc), as_json=as_json)
    data = explain_person(person.pk)
    if as_json:
        emit_json(data)
        return
    console.print(f"Person #{person.pk} {person.display_name}: {len(data['records'])} records")
    for pair in data.get("pairs", []):
        console.print(
            f"  records {pair.get('left')} ~ {pair.get('right')}: "
            f"probability {pair.get('probability', pair.get('score', 0)):.3f}",
            highlight=False,
        )
        print_fields(pair.get("explanation", pair))
    for decision in data["decisions"]:
        console.print(
            f"  decision by {decision['by']}: {decision['verdict']}"
            f"{' (withdrawn)' if decision['withdrawn'] else ''}",
            highlight=False,
        )


def _level_text(level: str) -> str:
    # splink names its catch-all level "All other comparisons": for a reader, "different".
    return "different" if level == "All other comparisons" else level


def print_fields(explanation: dict[str, Any]) -> None:
    """A table of per-field comparison levels and match weights."""
    fields = explanation.get("fields") or {}
    if not fields:
        return
    table = Table("field", "how they compare", "weight (bits)")
    for name, info in fields.items():
        weight = info.get("weight", 0.0)
        colour = "green" if weight > 0 else "red" if weight < 0 else "white"
        table.add_row(name, _level_text(info.get("level", "")), f"[{colour}]{weight:+.2f}[/]")
    console.print(table)


def _record_table(left: dict[str, Any], right: dict[str, Any]) -> Table:
    table = Table(
        "",
        f"record {left['id']} ({left['source']})",
        f"record {right['id']} ({right['source']})",
        title="Is this the same person?",
    )
    for column in (
        "name",
        "name_latin",
        "aliases",
        "gender",
        "birth_date",
        "region",
        "articles",
        "sentence",
        "facility",
        "detained_on",
        "verdict_on",
        "status",
    ):
        a, b = left["data"].get(column) or "", right["data"].get(column) or ""
        if isinstance(a, list):
            a = "; ".join(a)
        if isinstance(b, list):
            b = "; ".join(b)
        if a or b:
            style = "" if a == b else "bold yellow"
            table.add_row(
                column, f"[{style}]{a}[/]" if style else a, f"[{style}]{b}[/]" if style else b
            )
    return table


def review(
    limit: Annotated[int, typer.Option(min=1, help="Stop after this many pairs.")] = 1000,
    reviewer: Annotated[str, typer.Option("--as", help="Your name, for the decision log.")] = "",
    db: DbOption = None,
) -> None:
    """Review uncertain pairs, most uncertain first, with single keys."""
    connect(db)
    import getpass

    from habeas.apps.registry import review_queue

    who = reviewer or getpass.getuser()
    done: list[int] = []
    for _ in range(limit):
        item = review_queue.next_item()
        if item is None:
            console.print("The review queue is empty.")
            return
        console.clear()
        console.print(_record_table(item["left"], item["right"]))
        console.print(f"model's score: {item['score']:.3f} ({item['reason']})", highlight=False)
        print_fields(item["explanation"])
        console.print(HELP_LINE, markup=False)
        key = typer.getchar().lower()
        if key == "q":
            return
        if key == "k":
            review_queue.skip(item["id"])
        elif key == "z":
            if not done:
                console.print("Nothing to undo.")
                continue
            review_queue.undo(done.pop(), by=who)
        elif key in KEYS:
            done.append(review_queue.decide(item["id"], KEYS[key], by=who).pk)
        else:
            console.print(f"Unknown key {key!r}. {HELP_LINE}", markup=False)


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.command()(link)
    app.command()(review)
    app.command()(explain)
