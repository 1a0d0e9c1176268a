"""The ``habeas`` command: a thin layer over the domain core and the store.

Exit codes: 0 success, 1 bad input, 2 usage error.
"""

from __future__ import annotations

import typer

from habeas.cli import (
    data_commands,
    demo,
    extract_commands,
    identity_commands,
    law_commands,
    lists_commands,
    names_commands,
    registry_commands,
    security_commands,
    serve,
)

app = typer.Typer(
    name="habeas",
    help="Habeas: an evidence-backed registry of political prisoners and release lists.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

registry_commands.register(app)
data_commands.register(app)
demo.register(app)
identity_commands.register(app)
law_commands.register(app)
extract_commands.register(app)
lists_commands.register(app)
names_commands.register(app)
security_commands.register(app)
serve.register(app)


def main() -> None:
    """Entry point of the ``habeas`` console script."""
    app()
