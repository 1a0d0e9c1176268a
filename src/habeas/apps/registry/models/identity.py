"""Identity resolution in the store: link runs, the decision log, and the review queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LinkRun(models.Model):
    """One run of identity resolution over the registry (whole or incremental)."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    incremental = models.BooleanField(default=False)
    max_record_id = models.BigIntegerField(
        default=0, help_text="Records up to this id had been linked when the run finished."
    )
    counts = models.JSONField(default=dict, blank=True)
    stage_seconds = models.JSONField(default=dict, blank=True)
    model = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"link run {self.pk} ({self.started_at:%Y-%m-%d %H:%M})"


class LinkDecision(models.Model):
    """A decision on a pair of records: same person, not the same, unsure — or the
    withdrawal of such a decision. Append-only: entries are never changed or deleted."""

    class Verdict(models.TextChoices):
        SAME = "same"
        NOT_SAME = "not_same"
        UNSURE = "unsure"

    left = models.ForeignKey("registry.SourceRecord", on_delete=models.PROTECT, related_name="+")
    right = models.ForeignKey("registry.SourceRecord", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    withdrawn = models.BooleanField(
        default=False, help_text="This entry withdraws the pair's decision of this verdict."
    )
    decided_by = models.CharField(max_length=150, help_text="A user name, or 'model'.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    score = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["decided_at", "id"]
        indexes = [models.Index(fields=["left", "right"])]

    def __str__(self) -> str:
        action = "withdraws " if self.withdrawn else ""
        return f"{self.decided_by} {action}{self.verdict}: {self.left_id} ~ {self.right_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        """Insert only: a decision, once written, is never changed."""
        if self.pk is not None:
            raise ValueError("link decisions are append-only; append a withdrawal instead")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ReviewItem(models.Model):
    """An uncertain pair waiting for a person, with the model's score and explanation."""

    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="review_items")
    left = models.ForeignKey("registry.SourceRecord", on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey("registry.SourceRecord", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    match_weight = models.FloatField(default=0.0)
    uncertainty = models.FloatField(
        db_index=True, help_text="|score − 0.5|: the queue shows the smallest first."
    )
    reason = models.CharField(max_length=200, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    decision = models.ForeignKey(
        LinkDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    skipped = models.BooleanField(default=False)

    class Meta:
        ordering = ["uncertainty", "id"]

    def __str__(self) -> str:
        return f"review {self.left_id} ~ {self.right_id} ({self.score:.2f})"
