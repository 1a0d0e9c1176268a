"""``habeas demo``: build a realistic synthetic registry from three partner lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from habeas.cli.options import DbOption, JsonOption
from habeas.cli.output import bar_callbacks, console, emit_json, progress_bar
from habeas.cli.store import connect
from habeas.store import is_url, resolve_db


def demo(
    people: Annotated[int, typer.Option(min=1, max=2_000_000, help="How many people.")] = 2000,
    seed: Annotated[
        int, typer.Option(help="Random seed (the same seed, the same registry).")
    ] = 2026,
    out: Annotated[Path | None, typer.Option(help="Folder for the partner lists.")] = None,
    reset: Annotated[bool, typer.Option("--reset", help="Delete the SQLite file first.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Generate synthetic partner lists, import them, and print the registry summary."""
    location = resolve_db(db)
    if reset and not is_url(location):
        for suffix in ("", "-wal", "-shm"):
            Path(location + suffix).unlink(missing_ok=True)
    connect(location)
    from habeas.apps.registry.importer import import_file
    from habeas.apps.registry.queries import registry_summary
    from habeas.cli.registry_commands import print_summary
    from habeas.demo import generate_people, write_partner_lists
    from habeas.interchange import load_mapping

    folder = out or (
        Path(location).parent / "demo-lists" if not is_url(location) else Path("demo-lists")
    )
    folder.mkdir(parents=True, exist_ok=True)
    persons = generate_people(people, seed=seed)
    lists = write_partner_lists(persons, folder, seed=seed)
    reports = []
    for partner in lists:
        mapping = load_mapping(partner.mapping_path) if partner.mapping_path else None
        with progress_bar(f"Importing {partner.path.name}", enabled=not as_json) as bar:
            kwargs = {"mapping": mapping} if mapping else {}
            if bar is not None:
                kwargs.update(bar_callbacks(bar, f"Importing {partner.path.name}"))
            report = import_file(partner.path, source=partner.source_name, **kwargs)
        reports.append(report)
        if not as_json:
            console.print(
                f"{partner.source_name}: {report.rows_read} rows from "
                f"{partner.path.name}, {report.added} added, "
                f"{report.unchanged} unchanged",
                highlight=False,
            )
    from habeas.apps.registry.identity import run_linking

    if not as_json:
        console.print("Linking the lists' records into persons…")
    linked = run_linking(incremental=False)
    if not as_json:
        console.print(
            f"{linked.source_records} records → {linked.persons} persons "
            f"({linked.linked_automatically} links made, {linked.sent_to_review} pairs sent to "
            "review: habeas review)",
            highlight=False,
        )
    from habeas.security.gate import publish_demo

    publish_demo()  # synthetic people only: published without the review real persons need
    summary = registry_summary()
    if as_json:
        emit_json(
            {
                "lists": [str(p.path) for p in lists],
                "imports": [r.to_dict() for r in reports],
                "link": linked.to_dict(),
                "summary": summary,
            }
        )
        return
    print_summary(summary)
    console.print(f"Partner lists are in {folder}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(demo)
