"""Opening the registry for a command: configure Django for ``--db`` and migrate if needed."""

from __future__ import annotations

import os

from habeas.store import DB_ENV, resolve_db

SETTINGS_MODULE = "habeas.server.settings"


def connect(db: str | None = None, *, migrate: bool = True) -> str:
    """Set up Django on the chosen database and bring its schema up to date.

    When Django is already set up (inside the test suite or the web server), the existing
    configuration is kept. Returns the database location in use.
    """
    import django
    from django.apps import apps

    if apps.ready:
        from django.conf import settings

        return str(settings.DATABASES["default"]["NAME"])
    value = resolve_db(db)
    os.environ[DB_ENV] = value
    # Another project's DJANGO_SETTINGS_MODULE in the environment must not leak in.
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("HABEAS_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()
    if migrate:
        migrate_if_needed()
    return value


def migrate_if_needed() -> bool:
    """Apply unapplied migrations; returns whether any were applied.

    Checking costs one query: the migration files on disk are compared with the rows of
    ``django_migrations``; Django's migration loader (slow to build) runs only when they
    differ.
    """
    from django.core.management import call_command

    if _on_disk() <= _applied():
        return False
    call_command("migrate", verbosity=0, interactive=False)
    return True


def _on_disk() -> set[tuple[str, str]]:
    import importlib.util
    from pathlib import Path

    from django.apps import apps

    found: set[tuple[str, str]] = set()
    for config in apps.get_app_configs():
        spec = importlib.util.find_spec(f"{config.name}.migrations")
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for path in Path(folder).glob("[0-9][0-9][0-9][0-9]_*.py"):
                found.add((config.label, path.stem))
    return found


def _applied() -> set[tuple[str, str]]:
    from django.db import connection
    from django.db.utils import DatabaseError

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            return {(app, name) for app, name in cursor.fetchall()}
    except DatabaseError:
        return set()
