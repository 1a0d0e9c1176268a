"""The law commands on their own Typer app, until ``habeas`` registers them (for timing).

.venv/bin/python bench/stats/law_cli.py stats --json --db /tmp/stats100k.sqlite3
"""

from __future__ import annotations

import typer

from habeas.cli import law_commands

app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
law_commands.register(app)

if __name__ == "__main__":
    app()
