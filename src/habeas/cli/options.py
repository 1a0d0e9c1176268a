"""Options shared by several commands."""

from __future__ import annotations

from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="HABEAS_DB", help="SQLite file path or database URL.", show_envvar=True
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
