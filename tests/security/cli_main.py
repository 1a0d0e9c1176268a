"""``habeas`` with the security commands, for tests that run it as a separate process
(so it can be killed): ``python tests/security/cli_main.py ARGS``."""

from __future__ import annotations

import typer

from habeas.cli import data_commands, identity_commands, registry_commands, security_commands

app = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
registry_commands.register(app)
data_commands.register(app)
identity_commands.register(app)
security_commands.register(app)

if __name__ == "__main__":
    app()
