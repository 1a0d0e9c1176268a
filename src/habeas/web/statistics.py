"""The registry's statistics for the statistics page and the API: counts over time, by
article, by region and by status, each as of a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max
from django.db.models.functions import ExtractYear
from django.utils import timezone

from habeas.apps.cases.models import Charge, Event
from habeas.apps.registry.models import Person
from habeas.apps.sources.models import ImportRun

TOP = 15


def as_of() -> date:
    """The date the figures describe: the last change to the registry (or today)."""
    last = ImportRun.objects.filter(finished_at__isnull=False).aggregate(m=Max("finished_at"))["m"]
    return timezone.localdate(last) if last else timezone.localdate()


def _per_year(kind: str) -> list[tuple[str, int]]:
    rows = (
        Event.objects.filter(
            kind=kind,
            occurred_on__isnull=False,
            person__merged_into__isnull=True,
            confidentiality="public",
        )
        .annotate(year=ExtractYear("occurred_on"))
        .values_list("year")
        .annotate(n=Count("person", distinct=True))
        .order_by("year")
    )
    return [(str(year), n) for year, n in rows]


def registry_statistics() -> dict[str, Any]:
    """All figures of the statistics page (public values only)."""
    live = Person.objects.filter(merged_into__isnull=True)
    by_article = (
        Charge.objects.filter(case__person__merged_into__isnull=True)
        .values_list("article")
        .annotate(n=Count("case__person", distinct=True))
        .order_by("-n", "article")[:TOP]
    )
    by_region = (
        live.exclude(region="")
        .values_list("region")
        .annotate(n=Count("pk"))
        .order_by("-n", "region")[:TOP]
    )
    by_status = live.values_list("status").annotate(n=Count("pk")).order_by("-n", "status")
    return {
        "as_of": as_of(),
        "persons": live.count(),
        "detained_per_year": _per_year("detained"),
        "released_per_year": _per_year("released"),
        "by_article": [(a, n) for a, n in by_article],
        "by_region": [(r, n) for r, n in by_region],
        "by_status": [(s, n) for s, n in by_status],
    }
