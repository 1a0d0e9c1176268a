"""Scratch PostgreSQL databases for the tests that run ``habeas`` in other processes (backups,
kill -9): each gets a database of its own with a unique name, dropped afterwards, so two
runs at once never collide."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

import psycopg
from psycopg import sql

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"


def configured_url() -> str | None:
    """The server the suite was asked to use (``HABEAS_TEST_POSTGRES``), or None."""
    return os.environ.get("HABEAS_TEST_POSTGRES") or None


def unique_name(prefix: str) -> str:
    """A database name of this run's own: ``prefix``, the process id and a random part."""
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"


def url_for(url: str, name: str) -> str:
    """``url`` with its database replaced by ``name``."""
    return f"{url.rsplit('/', 1)[0]}/{name}"


def _admin(url: str) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=True)


def database_names(url: str) -> set[str]:
    """The databases on the server of ``url``."""
    with closing(_admin(url)) as connection:
        return {r[0] for r in connection.execute("SELECT datname FROM pg_database").fetchall()}


@contextmanager
def scratch_database(
    prefix: str, url: str | None = None, template: str | None = None
) -> Iterator[str]:
    """A new, empty database (or a copy of ``template``); yields its URL; dropped at the end
    (``WITH (FORCE)``: even a killed client's leftover connection does not keep it)."""
    url = url or configured_url() or DEFAULT_URL
    name = unique_name(prefix)
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        create = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    with closing(_admin(url)) as connection:
        connection.execute(create)
    try:
        yield url_for(url, name)
    finally:
        with closing(_admin(url)) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def query(url: str, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The rows of ``statement`` in the database at ``url``."""
    with closing(psycopg.connect(url, autocommit=True)) as connection:
        return connection.execute(statement, params).fetchall()  # type: ignore[arg-type]


def index_check(url: str) -> str:
    """PostgreSQL's counterpart of SQLite's integrity check: ``amcheck``'s ``bt_index_check``
    on every B-tree index of the public schema (with ``heapallindexed``: each table row has
    its index entries). ``"ok"``, or the first error."""
    with closing(psycopg.connect(url, autocommit=True)) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        indexes = connection.execute(
            "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam "
            "WHERE n.nspname = 'public' AND a.amname = 'btree' AND i.indisvalid"
        ).fetchall()
        try:
            for (oid,) in indexes:
                connection.execute("SELECT bt_index_check(%s, true)", (oid,))
        except psycopg.Error as exc:
            return str(exc)
    return "ok" if indexes else "no indexes"
