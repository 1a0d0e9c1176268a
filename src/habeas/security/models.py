"""Publication records: a person becomes public only after a second person's review and a
recorded consent or risk check (see :mod:`habeas.security.gate`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from habeas.security.fields import EncryptedTextField


class Publication(models.Model):
    """Whether, and on whose word, a person is shown to the public."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for a second person's review"
        PUBLISHED = "published", "Published"
        WITHHELD = "withheld", "Withheld"

    class Consent(models.TextChoices):
        PERSON = "person", "The person agreed"
        FAMILY = "family", "The family or lawyer agreed"
        PUBLIC_CASE = "public_case", "The case is already public (court, media)"
        PARTNER_LIST = "partner_list", "Published by a partner organisation"
        REFUSED = "refused", "The family or person asked not to publish"
        NOT_ASKED = "not_asked", "Not asked yet"

    #: Consents that allow publication at all.
    ALLOWING = frozenset(
        {Consent.PERSON, Consent.FAMILY, Consent.PUBLIC_CASE, Consent.PARTNER_LIST}
    )

    person = models.OneToOneField(
        "registry.Person", on_delete=models.CASCADE, related_name="publication"
    )
    state = models.CharField(
        max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    consent = models.CharField(max_length=16, choices=Consent.choices, default=Consent.NOT_ASKED)
    risk_checked = models.BooleanField(
        default=False, help_text="Someone checked that publication puts no one at risk."
    )
    #: Why (or why not): may name relatives, so encrypted at rest.
    note = EncryptedTextField(blank=True, default="")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person"]

    def __str__(self) -> str:
        return f"{self.state} #{self.person_id}"
