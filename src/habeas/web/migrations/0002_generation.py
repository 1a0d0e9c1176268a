import secrets

from django.db import migrations, models


def _first_row(apps, schema_editor):
    apps.get_model("web", "Generation").objects.using(schema_editor.connection.alias).create(
        id=1, n=0, token=secrets.token_hex(8)
    )


class Migration(migrations.Migration):
    dependencies = [("web", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("n", models.BigIntegerField(default=0)),
                ("token", models.CharField(default="", max_length=32)),
            ],
        ),
        migrations.RunPython(_first_row, migrations.RunPython.noop),
    ]
