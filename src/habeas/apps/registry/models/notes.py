"""Notes on a person that are not for the public: health, relatives, lawyers' notes."""

from __future__ import annotations

from django.db import models

from habeas.security.fields import EncryptedTextField
from habeas.vocabulary import Confidentiality


class PersonNote(models.Model):
    """A free-text note with its own confidentiality (confidential unless stated)."""

    class Topic(models.TextChoices):
        GENERAL = "general"
        HEALTH = "health"
        RELATIVES = "relatives"
        LAWYER = "lawyer"
        SOURCE_IDENTITY = "source_identity"

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="notes")
    record = models.ForeignKey(
        "registry.SourceRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="person_notes",
    )
    topic = models.CharField(max_length=24, choices=Topic.choices, default=Topic.GENERAL)
    #: Encrypted at rest (see :mod:`habeas.security.fields`); never searchable in SQL.
    text = EncryptedTextField()
    confidentiality = models.CharField(
        max_length=16, choices=Confidentiality.choices(), default=Confidentiality.CONFIDENTIAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "created_at"]

    def __str__(self) -> str:
        return f"{self.topic} note on {self.person_id}"
