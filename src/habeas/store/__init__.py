"""Where the registry lives: resolving ``--db`` / ``HABEAS_DB`` to a Django database config.

A value is either a filesystem path (an SQLite file, the embedded default) or a database URL
(``sqlite:///path``, ``postgresql://user@host:port/name``). Without one, the registry is an
SQLite file under the user's data directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs

DB_ENV = "HABEAS_DB"

#: PRAGMAs applied to every SQLite connection: WAL lets readers run beside the one writer.
SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"


def default_db_path() -> Path:
    """The embedded registry file used when neither ``--db`` nor ``HABEAS_DB`` is given."""
    return Path(platformdirs.user_data_dir("habeas")) / "habeas.sqlite3"


#: How long a web worker keeps its database connection between requests.
CONNECTION_SECONDS = 600


def resolve_db(value: str | None = None) -> str:
    """The effective database location: the argument, else ``HABEAS_DB``, else the default."""
    return value or os.environ.get(DB_ENV) or str(default_db_path())


def is_url(value: str) -> bool:
    """Whether ``value`` is a database URL rather than a path."""
    return "://" in value


def database_config(value: str) -> dict[str, Any]:
    """Django ``DATABASES['default']`` for a path or URL.

    Raises:
        ValueError: the URL names an engine Habeas does not support.
    """
    if not is_url(value):
        path = Path(value).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        value = f"sqlite:///{path.resolve()}"
    # A connection lives across requests: opening one costs a web request several
    # milliseconds (SQLite reads the schema and planner statistics anew, PostgreSQL starts
    # a backend); a health check replaces a connection that went away.
    config = dj_database_url.parse(value, conn_max_age=CONNECTION_SECONDS, conn_health_checks=True)
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {"init_command": SQLITE_INIT, "transaction_mode": "IMMEDIATE"}
    elif engine not in ("django.db.backends.postgresql",):
        raise ValueError(
            f"unsupported database {value!r}: use an SQLite path or a postgresql:// URL"
        )
    return config


def describe(value: str) -> str:
    """A short, password-free description of the database for messages."""
    if not is_url(value):
        return f"SQLite file {value}"
    config = dj_database_url.parse(value)
    engine = "PostgreSQL" if "postgresql" in config["ENGINE"] else "SQLite"
    host = config.get("HOST") or "local socket"
    return f"{engine} database {config.get('NAME')} at {host}"


#: Where the linker keeps its prepared records: a folder, or ``off`` to keep none.
LINKAGE_CACHE_ENV = "HABEAS_LINKAGE_CACHE"


def linkage_cache_path(config: dict[str, Any]) -> Path | None:
    """The file in which identity resolution keeps the registry's prepared records.

    ``HABEAS_LINKAGE_CACHE`` names a folder for it (``off``: none is kept). Otherwise an
    SQLite registry keeps it beside its file (``<file>.linkage.parquet``); an in-memory one
    keeps none; a PostgreSQL registry keeps it in the user's data directory, named after the
    server and database. The file only ever saves work: every row is checked against the
    record's current content before it is used (see :mod:`habeas.linkage.prepared`).
    """
    name = str(config.get("NAME") or "")
    sqlite = "sqlite" in str(config.get("ENGINE", ""))
    if sqlite:
        stem = Path(name).name or "memory"
    else:
        host = str(config.get("HOST") or "local").replace("/", "_")
        stem = f"{host}-{config.get('PORT') or 5432}-{name}"
    file_name = f"{stem}.linkage.parquet"
    folder = os.environ.get(LINKAGE_CACHE_ENV, "").strip()
    if folder.lower() == "off":
        return None
    if folder:
        return Path(folder).expanduser() / file_name
    if sqlite:
        if not name or name == ":memory:" or "mode=memory" in name:
            return None
        return Path(name).with_name(file_name)
    return Path(platformdirs.user_data_dir("habeas")) / "linkage" / file_name
