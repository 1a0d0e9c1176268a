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
    key = models.CharField(max_length=64)

    class Meta:
        ordering = ["person", "key"]
        # (key, person): a search reads the persons of a key from the index alone, in order
        indexes = [models.Index(fields=["key", "person"], name="registry_namekey_key_person")]

    def __str__(self) -> str:
        return self.key
