"""Names of a person in several scripts, each asserted by a source record."""

from __future__ import annotations

from django.db import models

from habeas.vocabulary import NameKind, Script


class PersonName(models.Model):
    """One spelling of a person's name, with its parts, as one source record writes it."""

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="names")
    record = models.ForeignKey(
        "registry.SourceRecord", on_delete=models.CASCADE, related_name="names"
    )
    full = models.CharField(max_length=300)
    surname = models.CharField(max_length=150, blank=True)
    given = models.CharField(max_length=150, blank=True)
    patronymic = models.CharField(max_length=150, blank=True)
    script = models.CharField(max_length=10, choices=Script.choices())
    language = models.CharField(max_length=8, blank=True, help_text="BCP 47 code, e.g. ru, en.")
    kind = models.CharField(max_length=16, choices=NameKind.choices(), default=NameKind.OFFICIAL)
    folded = models.CharField(
        max_length=300, db_index=True, help_text="Case-folded full name (ё→е) for lookups."
    )

    class Meta:
        ordering = ["person", "id"]
        indexes = [models.Index(fields=["person", "kind"])]

    def __str__(self) -> str:
        return self.full
