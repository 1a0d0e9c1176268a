"""The word index of stored names (model NameWord), filled for the names already stored;
name keys indexed by (key, person); then fresh planner statistics on SQLite."""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.db import migrations, models

from habeas.apps.registry.models.words import word_tails

BATCH = 5000


def fill_words(apps: Any, schema_editor: Any) -> None:
    """Index every stored name's words (what the search's ``sync_name_words`` does later)."""
    person_name = apps.get_model("registry", "PersonName")
    name_word = apps.get_model("registry", "NameWord")
    db = schema_editor.connection.alias
    start = 0
    while True:
        rows = list(
            person_name.objects.using(db)
            .filter(pk__gt=start)
            .order_by("pk")
            .values_list("pk", "folded")[:BATCH]
        )
        if not rows:
            return
        name_word.objects.using(db).bulk_create(
            [
                name_word(name_id=pk, tail=tail)
                for pk, folded in rows
                for tail in word_tails(folded)
            ],
            batch_size=BATCH,
        )
        start = rows[-1][0]


def analyze(apps: Any, schema_editor: Any) -> None:
    """Give SQLite's query planner statistics (see ``refresh_search_index`` in the search)."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("ANALYZE")


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_encrypt_person_notes")]

    operations = [
        # the search reads a key's persons from the index alone: (key, person) replaces (key)
        migrations.AddIndex(
            model_name="namekey",
            index=models.Index(fields=["key", "person"], name="registry_namekey_key_person"),
        ),
        migrations.AlterField(
            model_name="namekey", name="key", field=models.CharField(max_length=64)
        ),
        migrations.CreateModel(
            name="NameWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("tail", models.CharField(max_length=64)),
                (
                    "name",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="registry.personname",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["tail", "name"],
                        name="registry_nameword_tail",
                        opclasses=["varchar_pattern_ops", "int8_ops"],
                    )
                ],
            },
        ),
        migrations.RunPython(fill_words, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True),
    ]
