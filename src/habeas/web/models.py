"""The web app's own data: volunteers' drafts, and the permissions the roles are made of."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Draft(models.Model):
    """A new person a volunteer proposes; an editor publishes it (through the registry
    actions) or rejects it. Nothing in a draft is visible to the public."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafts"
    )
    payload = models.JSONField(help_text="The person form's cleaned values.")
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    person = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_drafts",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("view_internal", "Can see internal values"),
            ("view_confidential", "Can see confidential values"),
            ("publish_draft", "Can publish or reject drafts"),
            ("import_lists", "Can import lists"),
            ("manage_tokens", "Can create API tokens"),
            ("coordinate", "Can merge persons, freeze lists and publish"),
        ]

    def __str__(self) -> str:
        return f"Draft {self.pk}: {self.payload.get('name', '')}"


class Generation(models.Model):
    """One row: a counter bumped in the same transaction as every ORM write to the data the
    public pages show (see :mod:`habeas.web.pagecache`). Cached public fragments are keyed
    by it, so a committed change is never answered from the cache."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    n = models.BigIntegerField(default=0)
    #: Random, renewed with every bump: a generation number seen again after a rollback
    #: (or a flushed and refilled database) never matches fragments cached under the old one.
    token = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"generation {self.n} ({self.token})"
