"""Commands that move data in and out: import and export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from habeas.cli.options import DbOption, JsonOption
from habeas.cli.output import (
    EXIT_USAGE,
    bar_callbacks,
    console,
    emit_json,
    err_console,
    fail,
    progress_bar,
)
from habeas.cli.store import connect


def import_(
    file: Annotated[Path, typer.Argument(help="CSV, XLSX, JSON or JSONL file.")],
    source: Annotated[
        str, typer.Option("--source", help="The organisation or list it comes from.")
    ],
    mapping: Annotated[Path | None, typer.Option(help="TOML column mapping.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report; write nothing.")] = False,
    skip_bad_rows: Annotated[
        bool, typer.Option("--skip-bad-rows", help="Import good rows; write bad ones beside.")
    ] = False,
    max_size: Annotated[
        str, typer.Option(help="Refuse larger files (a number with K, M or G).")
    ] = "1G",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import a list into the registry: all of it, or nothing."""
    from django.db import DatabaseError

    from habeas.interchange import InterchangeError, load_mapping, parse_size

    try:
        limit = parse_size(max_size)
    except ValueError as exc:
        fail(str(exc), code=EXIT_USAGE, as_json=as_json)
    connect(db)
    from habeas.apps.registry.importer import import_file

    try:
        chosen = load_mapping(mapping) if mapping else None
        kwargs: dict[str, Any] = {"mapping": chosen} if chosen else {}
        with progress_bar(f"Importing {file.name}", enabled=not as_json) as bar:
            if bar is not None:
                kwargs.update(bar_callbacks(bar, f"Importing {file.name}"))
            report = import_file(
                file,
                source=source,
                dry_run=dry_run,
                skip_bad_rows=skip_bad_rows,
                max_bytes=limit,
                **kwargs,
            )
    except DatabaseError as exc:
        # A full disk, a locked or read-only database: the transaction was rolled back.
        fail(f"the database refused the import ({exc}); nothing was written", as_json=as_json)
    except InterchangeError as exc:
        details = [p.to_dict() for p in exc.problems]
        if not as_json:
            err_console.print(
                f"[bold red]Import failed[/]: {len(exc.problems)} problem(s); nothing was written."
            )
            for problem in exc.problems:
                err_console.print(f"  {problem}", highlight=False, markup=False)
            raise typer.Exit(1) from None
        fail("import failed; nothing was written", as_json=True, details=details)
    if as_json:
        emit_json(report.to_dict())
        return
    verb = "Would import" if dry_run else "Imported"
    console.print(
        f"{verb} {report.rows_read} rows from {file.name} into '{report.source}': "
        f"{report.added} added, {report.modified} modified, {report.restored} restored, "
        f"{report.removed} removed, {report.unchanged} unchanged, {report.rejected} rejected "
        f"({report.seconds:.1f} s).",
        highlight=False,
    )
    if not report.changed and not dry_run:
        console.print("Nothing changed; nothing was written.")
    if report.rejects_file:
        console.print(f"Rejected rows written to {report.rejects_file}", highlight=False)


def export(
    file: Annotated[Path, typer.Argument(help="Output file.")],
    file_format: Annotated[
        str | None,
        typer.Option("--format", help="csv, jsonl, xlsx, ftm or sqlite (default: by extension)."),
    ] = None,
    audience: Annotated[str, typer.Option(help="public or internal.")] = "internal",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export the registry: one row per person, each with its canonical facts."""
    from habeas.cli.exports import choose_format

    chosen = file_format or choose_format(file)
    if chosen is None:
        fail(f"cannot tell the format of {file.name}; pass --format", code=EXIT_USAGE)
    if audience not in ("public", "internal"):
        fail(
            "--audience must be public or internal (confidential data is never exported)",
            code=EXIT_USAGE,
        )
    connect(db)
    from habeas.apps.registry.exports import export_registry
    from habeas.apps.registry.visibility import Audience

    try:
        count = export_registry(file, chosen, Audience(audience))
    except ValueError as exc:
        fail(str(exc), code=EXIT_USAGE, as_json=as_json)
    if as_json:
        emit_json({"file": str(file), "format": chosen, "persons": count, "audience": audience})
    else:
        console.print(
            f"Exported {count} persons to {file} ({chosen}, {audience}).", highlight=False
        )


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.command("import")(import_)
    app.command()(export)
