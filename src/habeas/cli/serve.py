"""``habeas serve``: run the web application on a production server (gunicorn)."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Annotated

import typer

from habeas.cli.options import DbOption
from habeas.cli.output import console
from habeas.cli.store import connect


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64)] = 2,
) -> None:
    """Serve the web interface (static files included) until interrupted."""
    location = connect(db)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    console.print(f"Serving Habeas at http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    os.environ["HABEAS_DB"] = location
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    # Replace this process with the server, so signals reach gunicorn directly.
    arguments = [
        gunicorn,
        "habeas.server.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
    ]
    os.execv(gunicorn, arguments)  # noqa: S606


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(serve)
