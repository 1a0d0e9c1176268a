"""A source: an organisation's list, a court, a news outlet, a document, an editor."""

from __future__ import annotations

from django.db import models

from habeas.vocabulary import Confidentiality, Reliability


class SourceKind(models.TextChoices):
    ORGANISATION_LIST = "organisation_list", "Organisation's list"
    COURT = "court", "Court record"
    NEWS = "news", "News report"
    DOCUMENT = "document", "Document"
    LAWYER = "lawyer", "Lawyer"
    FAMILY = "family", "Family"
    ANNOUNCEMENT = "announcement", "Announcement"
    EDITORIAL = "editorial", "Editorial entry"


class Source(models.Model):
    """Who or what asserts facts. Each source record belongs to exactly one source.

    The identity of some sources (a family member, a lawyer) is itself confidential:
    ``confidentiality`` says who may see the name and URL.
    """

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=32, choices=SourceKind.choices, default=SourceKind.ORGANISATION_LIST
    )
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    reliability = models.CharField(
        max_length=16, choices=Reliability.choices(), default=Reliability.UNKNOWN
    )
    confidentiality = models.CharField(
        max_length=16, choices=Confidentiality.choices(), default=Confidentiality.PUBLIC
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
