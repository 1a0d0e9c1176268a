"""``EncryptedTextField``: text stored encrypted (Fernet, authenticated) in the database.

The database holds ``enc1:<token>``; Python code sees plain text. A value that no key opens,
or that was altered, raises instead of being shown. Encrypted values cannot be searched or
compared in SQL (each encryption is randomised), which is the point for confidential notes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db import connection, models

from habeas.security import keys

PREFIX = "enc1:"


def seal(text: str) -> str:
    """The stored form of ``text``."""
    return PREFIX + keys.encrypt(text.encode("utf-8")).decode("ascii")


def unseal(stored: str) -> str:
    """The text of a stored value.

    Raises:
        keys.KeyProblem: the value is not encrypted, was altered, or no key opens it.
    """
    if not stored.startswith(PREFIX):
        raise keys.KeyProblem("an encrypted column holds a value that is not encrypted")
    return keys.decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")


class EncryptedTextField(models.TextField):
    """A TextField whose values are encrypted at rest."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        """Encrypt on the way to the database."""
        value = super().get_prep_value(value)
        if value is None:
            return None
        return seal(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        """Decrypt on the way out."""
        return None if value is None else unseal(value)

    def bulk_prepare(self, value: Any) -> Any:
        """Adapter for :class:`habeas.apps.registry.bulk.BulkTable` (raw ``executemany``)."""
        return None if value is None else seal(str(value))


def encrypted_columns() -> Iterator[tuple[type[models.Model], models.Field]]:
    """Every (model, field) of an installed model stored encrypted."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field


def rotate_all() -> int:
    """Re-encrypt every encrypted value under the first key; returns how many.

    Runs in the caller's transaction; values are rewritten with raw SQL so nothing else
    about the rows (timestamps) changes.
    """
    count = 0
    quote = connection.ops.quote_name
    for model, field in encrypted_columns():
        table, column = quote(model._meta.db_table), quote(field.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL")  # noqa: S608
            rows = cursor.fetchall()
        updates = []
        for pk, stored in rows:
            if not stored.startswith(PREFIX):
                raise keys.KeyProblem(f"{table} row {pk} is not encrypted")
            token = keys.rotate_token(stored[len(PREFIX) :].encode("ascii"))
            updates.append((PREFIX + token.decode("ascii"), pk))
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s", updates)  # noqa: S608
        count += len(updates)
    return count
