"""Person notes are encrypted at rest: the column's type stays text; existing rows are
encrypted in place (and decrypted again when the migration is reversed)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

import habeas.security.fields
from habeas.security.fields import PREFIX, seal, unseal


def _rewrite(schema_editor: Any, change: Any) -> None:
    connection = schema_editor.connection
    table = connection.ops.quote_name("registry_personnote")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, text FROM {table}")  # noqa: S608
        rows = cursor.fetchall()
    updates = [(new, pk) for pk, text in rows if (new := change(text)) is not None]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET text = %s WHERE id = %s", updates)  # noqa: S608


def encrypt_notes(apps: Any, schema_editor: Any) -> None:
    """Encrypt every note not yet encrypted."""
    _rewrite(schema_editor, lambda text: None if text.startswith(PREFIX) else seal(text))


def decrypt_notes(apps: Any, schema_editor: Any) -> None:
    """Back to plain text (reversing the migration)."""
    _rewrite(schema_editor, lambda text: unseal(text) if text.startswith(PREFIX) else None)


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_identity")]

    operations = [
        migrations.AlterField(
            model_name="personnote",
            name="text",
            field=habeas.security.fields.EncryptedTextField(),
        ),
        migrations.RunPython(encrypt_notes, decrypt_notes),
    ]
