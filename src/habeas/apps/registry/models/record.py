"""Source records: every imported row, kept whole, with the person-level facts it asserts."""

from __future__ import annotations

from django.db import models

from habeas.vocabulary import DatePrecision, Gender, Status


class SourceRecord(models.Model):
    """One row of one source, as imported, never destroyed by linking.

    ``raw`` keeps the row as the file had it; ``data`` the normalised interchange values.
    The person-level facts the row asserts (gender, birth date, region, stated status) are
    columns here, so each carries its provenance: this record, its source and its import.
    Case facts (charges, sentences, custody, events) are rows of the cases app pointing here.
    """

    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="records")
    source_key = models.CharField(
        max_length=200, help_text="The row's id within its source (source_id, or a content key)."
    )
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="records")
    first_import = models.ForeignKey(
        "sources.ImportRun", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_import = models.ForeignKey(
        "sources.ImportRun", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_in = models.ForeignKey(
        "sources.ImportRun",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The import of a newer list version that no longer had this row.",
    )
    row_number = models.PositiveIntegerField(null=True, blank=True)
    content_hash = models.CharField(max_length=64)
    raw = models.JSONField(default=dict)
    data = models.JSONField(default=dict)
    name = models.CharField(max_length=300)
    gender = models.CharField(max_length=8, choices=Gender.choices(), blank=True)
    birth_date = models.DateField(null=True, blank=True)
    birth_precision = models.CharField(max_length=8, choices=DatePrecision.choices(), blank=True)
    region = models.CharField(max_length=200, blank=True)
    citizenships = models.JSONField(default=list, blank=True)
    stated_status = models.CharField(max_length=24, choices=Status.choices(), blank=True)
    url = models.URLField(max_length=1000, blank=True)
    notes = models.TextField(blank=True)
    verified = models.BooleanField(default=False, help_text="Checked by an editor.")
    created_at = models.DateTimeField(auto_now_add=True)

    #: Columns that stay inside the organisations (see docs/data-model.md).
    INTERNAL_FIELDS = ("raw", "notes", "row_number")

    class Meta:
        ordering = ["source", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_key"], name="unique_record_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id}:{self.source_key} {self.name}"
