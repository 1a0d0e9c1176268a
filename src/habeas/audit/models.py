"""Audit entries and the chain head.

Entries are never updated or deleted through the ORM (``save`` of an existing entry and
``delete`` raise). Someone with direct database access still can, which is what the hash
chain is for: each entry's hash covers its content and the previous entry's hash, and the
head row records the last sequence number and hash, so ``habeas audit verify`` finds an
edited, deleted, inserted or truncated entry. An attacker who rewrites the whole chain and
the head is caught by comparing the head with a copy kept elsewhere (``--expect-head``).
"""

from __future__ import annotations

from typing import Any

from django.db import models


class AppendOnlyError(RuntimeError):
    """An audit entry may not be changed or deleted."""


class AuditEntryQuerySet(models.QuerySet):
    """Refuses bulk deletes and updates."""

    def delete(self) -> Any:  # type: ignore[override]
        """Refused."""
        raise AppendOnlyError("audit entries are append-only")

    def update(self, **kwargs: Any) -> int:
        """Refused."""
        raise AppendOnlyError("audit entries are append-only")


class AuditEntry(models.Model):
    """One change: who, when, what (object and action), before and after, and from where."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.CharField(max_length=150, help_text="Username, or 'system'/'import'.")
    actor_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, db_index=True)
    person_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    origin = models.CharField(max_length=200, help_text="Screen (view name) or import:<id>.")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id} by {self.actor}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only."""
        if self.pk is not None:
            raise AppendOnlyError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        """Refused."""
        raise AppendOnlyError("audit entries are append-only")


class AuditHead(models.Model):
    """One row: the last entry's sequence number and hash (also the lock appenders take)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head #{self.seq} {self.hash[:12]}"
