"""The timeline of a person: custody periods, events, and recognition as a political prisoner."""

from __future__ import annotations

from django.db import models

from habeas.vocabulary import (
    Confidentiality,
    CustodyKind,
    DatePrecision,
    EventKind,
    Regime,
    ReleaseKind,
)


class CustodyPeriod(models.Model):
    """A span of deprivation or restriction of liberty, in one kind and (often) one facility."""

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="custody_periods"
    )
    record = models.ForeignKey(
        "registry.SourceRecord", on_delete=models.CASCADE, related_name="custody_periods"
    )
    kind = models.CharField(max_length=24, choices=CustodyKind.choices())
    regime = models.CharField(max_length=16, choices=Regime.choices(), blank=True)
    facility = models.ForeignKey(
        "cases.Facility",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="custody_periods",
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person", "started_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.started_on}–{self.ended_on or ''}"


class Event(models.Model):
    """Something that happened to a person on a date, as a source record states it."""

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="events")
    record = models.ForeignKey(
        "registry.SourceRecord", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=24, choices=EventKind.choices(), db_index=True)
    occurred_on = models.DateField(null=True, blank=True, db_index=True)
    precision = models.CharField(
        max_length=8, choices=DatePrecision.choices(), default=DatePrecision.DAY
    )
    release_kind = models.CharField(max_length=16, choices=ReleaseKind.choices(), blank=True)
    details = models.TextField(blank=True)
    confidentiality = models.CharField(
        max_length=16, choices=Confidentiality.choices(), default=Confidentiality.PUBLIC
    )

    class Meta:
        ordering = ["person", "occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_on}"


class Recognition(models.Model):
    """Recognition as a political prisoner (or as persecuted) by an organisation."""

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="recognitions"
    )
    record = models.ForeignKey(
        "registry.SourceRecord", on_delete=models.CASCADE, related_name="recognitions"
    )
    organisation = models.CharField(max_length=200, db_index=True)
    criteria = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'PACE 1900 (2012) a, e' or 'persecuted'"
    )
    recognised_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person", "organisation"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.person_id}"
