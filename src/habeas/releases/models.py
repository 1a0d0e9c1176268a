"""Release lists, manual inclusions and exclusions, and immutable frozen versions."""

from __future__ import annotations

from typing import Any

from django.db import models


class ReleaseList(models.Model):
    """A named selection defined by criteria (see :class:`habeas.lists.Criteria`)."""

    name = models.CharField(max_length=100, unique=True)
    title = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    criteria = models.JSONField(default=dict, blank=True)
    weights = models.JSONField(
        default=dict,
        blank=True,
        help_text="Overrides of the default priority weights (TOML shape).",
    )
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ListEntry(models.Model):
    """A manual inclusion or exclusion of one person, with its reason."""

    class Action(models.TextChoices):
        INCLUDE = "include"
        EXCLUDE = "exclude"

    release_list = models.ForeignKey(ReleaseList, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=8, choices=Action.choices)
    reason = models.TextField()
    added_by = models.CharField(max_length=150, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["release_list", "id"]
        constraints = [
            models.UniqueConstraint(fields=["release_list", "person"], name="one_entry_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.person_id} in {self.release_list_id}"


class ListVersion(models.Model):
    """A frozen, numbered version of a list: its content, hash and signature. Immutable."""

    class Audience(models.TextChoices):
        COUNTERPART = "counterpart"
        PUBLIC = "public"
        INTERNAL = "internal"

    release_list = models.ForeignKey(ReleaseList, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    audience = models.CharField(max_length=16, choices=Audience.choices)
    content = models.JSONField()
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the canonical content.")
    signature = models.TextField(blank=True, help_text="Ed25519 signature (base64).")
    public_key = models.CharField(max_length=100, blank=True, help_text="Ed25519 key (base64).")
    frozen_by = models.CharField(max_length=150)
    frozen_at = models.DateTimeField()

    class Meta:
        ordering = ["release_list", "number"]
        constraints = [
            models.UniqueConstraint(fields=["release_list", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.release_list_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only: a frozen version is never changed."""
        if self.pk is not None:
            raise ValueError("list versions are immutable; freeze a new version instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        """Refused: a frozen version is never deleted."""
        raise ValueError("list versions are immutable and are never deleted")

    def intact(self) -> bool:
        """Whether the stored content still has the stored hash."""
        from habeas.lists.versions import content_hash

        return content_hash(self.content) == self.content_hash
