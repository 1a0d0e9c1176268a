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
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (one per core suits SQLite).")
    ] = 2,
    threads: Annotated[
        int, typer.Option(min=1, max=64, help="Threads per worker (gthread when above 1).")
    ] = 1,
    demo_users: Annotated[
        bool,
        typer.Option(
            "--demo-users",
            help="Create the demo accounts (volunteer, editor, coordinator) and print their "
            "login; the password comes from HABEAS_DEMO_PASSWORD or is made up.",
        ),
    ] = False,
) -> None:
    """Serve the web interface (static files included) until interrupted.

    Example: habeas serve --db var/demo.sqlite3 --port 8000 --demo-users
    """
    location = connect(db)
    from django.core.management import call_command

    from habeas.web.roles import ensure_demo_users, ensure_roles

    call_command("collectstatic", interactive=False, verbosity=0)
    ensure_roles()
    url = f"http://{host}:{port}/"
    if demo_users:
        logins = ensure_demo_users(os.environ.get("HABEAS_DEMO_PASSWORD") or None)
        for username, password in logins.items():
            console.print(
                f"Demo login: {username} / {password}  ({url}accounts/login/)", highlight=False
            )
    console.print(f"Serving Habeas at {url} (Ctrl-C to stop)", highlight=False)
    os.environ["HABEAS_DB"] = location
    hosts = {h for h in os.environ.get("HABEAS_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")}
    if host not in ("0.0.0.0", "::"):  # noqa: S104
        hosts.add(host)
    os.environ["HABEAS_ALLOWED_HOSTS"] = ",".join(sorted(h for h in hosts if h))
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    # Replace this process with the server, so signals reach gunicorn directly.
    arguments = [
        gunicorn,
        "habeas.server.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
    ]
    os.execv(gunicorn, arguments)  # noqa: S606


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(serve)
