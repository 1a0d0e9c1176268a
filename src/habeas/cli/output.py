"""Shared output for commands: JSON, tables, progress bars, errors and exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2

console = Console()
# Errors are never wrapped: a path or value split over lines cannot be copied or grepped.
err_console = Console(stderr=True, soft_wrap=True)


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON on standard output (UTF-8, not ASCII-escaped)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def fail(
    message: str,
    *,
    code: int = EXIT_BAD_INPUT,
    as_json: bool = False,
    details: list[dict[str, Any]] | None = None,
) -> NoReturn:
    """Report an error and exit with ``code`` (1 bad input, 2 usage)."""
    if as_json:
        emit_json({"error": message, "problems": details or []})
    else:
        err_console.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    raise typer.Exit(code)


@contextmanager
def progress_bar(description: str, *, enabled: bool = True) -> Iterator[Progress | None]:
    """A progress bar on standard error, shown only on a terminal and when enabled."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )
    with bar:
        yield bar


def bar_callbacks(bar: Progress, description: str) -> dict[str, Callable[..., None]]:
    """``progress`` and ``on_total`` callbacks for an importer, driving one task of ``bar``."""
    task = bar.add_task(description, total=None)

    def progress(n: int) -> None:
        bar.advance(task, n)

    def on_total(total: int | None) -> None:
        bar.update(task, total=total)

    return {"progress": progress, "on_total": on_total}
