"""Search keys: script-independent forms of names, for indexed cross-script lookup."""

from __future__ import annotations

from django.db import models


class NameKey(models.Model):
    """One search key (see :func:`habeas.names.search_keys`) of a name a record asserts."""

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="name_keys"
    )
    record = models.ForeignKey(
        "registry.SourceRecord", on_delete=models.CASCADE, related_name="name_keys"
    )
    key = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["person", "key"]

    def __str__(self) -> str:
        return self.key
