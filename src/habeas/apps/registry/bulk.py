"""Fast bulk insertion for imports: rows as dicts or tuples, written in bulk.

The ORM's ``bulk_create`` builds a model instance and prepares every value through the field
machinery; at a million fact rows that dominates an import. Here each table's columns and
value adapters are worked out once, rows stay plain dicts (:class:`BulkTable`) or
database-ready tuples (:class:`RowTable`, written with ``COPY`` on PostgreSQL), and ids that
other rows point to are reserved up front (:class:`IdPool`), on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Sequence
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


class RowTable:
    """Collects database-ready tuples for one model and writes them in one statement.

    ``columns`` names (by attribute name: ``person_id`` for a foreign key) the values of each
    tuple, in order; every other field of the model (the primary key aside, unless listed)
    takes its default, ``auto_now`` fields the ``now`` given. Values are written as they are
    (text, integers, ``None``, ISO dates, JSON text), except for fields that prepare their
    own (encrypted ones). On PostgreSQL rows go through ``COPY``, elsewhere ``executemany``.
    """

    def __init__(self, model: type[models.Model], columns: Sequence[str], now: Any) -> None:
        self.model = model
        by_name = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in by_name]
        if unknown:
            raise ValueError(f"{model.__name__} has no column(s) {', '.join(unknown)}")
        rest = [f for f in model._meta.concrete_fields if f.attname not in columns]
        rest = [f for f in rest if not f.primary_key]
        self.tail = tuple(_default(f, now) for f in rest)
        self.prepare = [
            (i, prepare)
            for i, name in enumerate(columns)
            if (prepare := getattr(by_name[name], "bulk_prepare", None)) is not None
        ]
        quote = connection.ops.quote_name
        fields = [by_name[c] for c in columns] + rest
        self.table = quote(model._meta.db_table)
        self.columns = ", ".join(quote(f.column) for f in fields)
        self.width = len(fields)
        self.rows: list[tuple[Any, ...]] = []

    def add(self, row: tuple[Any, ...]) -> None:
        """Queue one row (the listed columns' values, in order)."""
        self.rows.append(row)

    def extend(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Queue rows."""
        self.rows.extend(rows)

    def flush(self) -> int:
        """Write the queued rows; returns how many."""
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        if self.prepare:
            rows = [self._prepared(row) for row in rows]
        tail = self.tail
        if tail:
            rows = [row + tail for row in rows]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Only model metadata goes into the statement; the values are COPY data.
                copy_sql = f"COPY {self.table} ({self.columns}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * self.width)
                insert = f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(insert, rows)
        return len(rows)

    def _prepared(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        values = list(row)
        for i, prepare in self.prepare:
            values[i] = prepare(values[i])
        return tuple(values)


def _default(field: models.Field, now: Any) -> Any:
    """A field's default as the database takes it (``now`` for ``auto_now`` fields)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = now
    else:
        value = field.get_default()
    if isinstance(value, enum.Enum):
        value = value.value
    adapt = _adapter(field)
    return value if adapt is None or value is None else adapt(value)


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
