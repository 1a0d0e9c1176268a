"""Import runs and the changes each run found in its source's list."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    """One import of one file into one source; all of it is written, or none of it."""

    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="imports")
    file_name = models.CharField(max_length=500)
    file_sha256 = models.CharField(max_length=64)
    file_format = models.CharField(max_length=16)
    mapping = models.TextField(blank=True, help_text="The TOML mapping used, verbatim.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_added = models.PositiveIntegerField(default=0)
    rows_modified = models.PositiveIntegerField(default=0)
    rows_removed = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.source} ← {self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"


class SourceChange(models.Model):
    """A row of a source's list added, modified, removed or restored by an import."""

    class Kind(models.TextChoices):
        ADDED = "added"
        MODIFIED = "modified"
        REMOVED = "removed"
        RESTORED = "restored"

    import_run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="changes")
    record = models.ForeignKey(
        "registry.SourceRecord", on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    fields = models.JSONField(
        default=dict, blank=True, help_text="For a modification: field → [before, after]."
    )

    class Meta:
        ordering = ["import_run", "id"]
        indexes = [models.Index(fields=["record", "import_run"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id}"
