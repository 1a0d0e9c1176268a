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
    """Apply unapplied migrations; returns whether any were applied."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        call_command("migrate", verbosity=0, interactive=False)
    return bool(plan)
