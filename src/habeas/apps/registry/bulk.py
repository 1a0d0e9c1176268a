"""Fast bulk insertion for imports: rows as dicts, written with ``executemany``.

The ORM's ``bulk_create`` builds a model instance and prepares every value through the field
machinery; at a million fact rows that dominates an import. Here each table's columns and
value adapters are worked out once, rows stay plain dicts, and ids that other rows point to
are reserved up front (:class:`IdPool`), on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db import connection, models

Adapter = Callable[[Any], Any]


def _adapter(field: models.Field) -> Adapter | None:
    prepare = getattr(field, "bulk_prepare", None)
    if prepare is not None:  # e.g. encrypted fields (habeas.security.fields)
        return lambda v: prepare(v)
    kind = field.get_internal_type()
    ops = connection.ops
    if kind == "DateField":
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    if kind == "DateTimeField":
        return lambda v: None if v is None else ops.adapt_datetimefield_value(v)
    if kind == "JSONField":
        return _json
    if kind == "DecimalField":
        return lambda v: (
            None
            if v is None
            else ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
        )
    return None


def _json(value: Any) -> str:
    # Most JSON columns hold their empty default; skip the encoder for those.
    if not value:
        return (
            "{}"
            if isinstance(value, dict)
            else "[]"
            if isinstance(value, list)
            else json.dumps(value)
        )
    return json.dumps(value, ensure_ascii=False)


class BulkTable:
    """Collects rows for one model and inserts them in one ``executemany``.

    Rows are dicts keyed by field attribute names (``person_id`` for a foreign key); a field
    left out takes its model default. ``id`` is written only when the row has one.
    """

    def __init__(self, model: type[models.Model], *, with_ids: bool = False) -> None:
        self.model = model
        fields = [f for f in model._meta.concrete_fields if with_ids or not f.primary_key]
        self.names = [f.attname for f in fields]
        self.defaults = {f.attname: f.get_default() for f in fields}
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = _NOW
        self.adapters = [(i, a) for i, f in enumerate(fields) if (a := _adapter(f)) is not None]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        table = quote(model._meta.db_table)
        # Only model metadata goes into the statement; every value is a parameter.
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        self.rows: list[dict[str, Any]] = []

    def add(self, **values: Any) -> None:
        """Queue one row."""
        self.rows.append(values)

    def flush(self, now: Any) -> int:
        """Insert the queued rows; returns how many."""
        if not self.rows:
            return 0
        names, defaults = self.names, self.defaults
        params = []
        for row in self.rows:
            values = [row[n] if n in row else defaults[n] for n in names]
            for i, adapt in self.adapters:
                value = values[i]
                values[i] = adapt(now if value is _NOW else value)
            params.append(values)
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, params)
        count = len(self.rows)
        self.rows = []
        return count


class _Now:
    """Placeholder for ``auto_now`` fields, replaced by the flush's timestamp."""


_NOW = _Now()


class IdPool:
    """Hands out primary keys for the rows of one import that other rows point to.

    On PostgreSQL ids are drawn from each table's sequence (safe under concurrency). On
    SQLite the import holds the database's write lock for its whole transaction, so the ids
    after both the table's maximum and its AUTOINCREMENT counter are free; they are read
    once and counted on here, and the explicit inserts move the counter on, so ids are
    never reused.
    """

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def take(self, model: type[models.Model], count: int) -> list[int]:
        """Reserve ``count`` ids of ``model``."""
        if count <= 0:
            return []
        table = model._meta.db_table
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, count],
                )
                return [row[0] for row in cursor.fetchall()]
        if table not in self._next:
            self._next[table] = _sqlite_next_id(table)
        start = self._next[table]
        self._next[table] = start + count
        return list(range(start, start + count))


def _sqlite_next_id(table: str) -> int:
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")  # noqa: S608
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
    return max(highest, row[0] if row else 0) + 1
