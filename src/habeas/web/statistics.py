"""The registry's statistics for the statistics page and the API: counts over time, by
article, by region and by status, each as of a date.

The public counts only *published* persons (the publication gate): an unpublished person
changes no public figure, or the figures would tell the public that such a person exists.
Internal audiences (editors and above, tokens with ``read:internal``) count everyone."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max
from django.db.models.functions import ExtractYear
from django.utils import timezone

from habeas.apps.cases.models import Charge, Event
from habeas.apps.registry.models import Person
from habeas.apps.registry.visibility import Audience
from habeas.apps.sources.models import ImportRun
from habeas.security.gate import published_only

TOP = 15


def as_of() -> date:
    """The date the figures describe: the last change to the registry (or today)."""
    last = ImportRun.objects.filter(finished_at__isnull=False).aggregate(m=Max("finished_at"))["m"]
    return timezone.localdate(last) if last else timezone.localdate()


def _per_year(kind: str, persons: Any) -> list[tuple[str, int]]:
    rows = (
        Event.objects.filter(
            kind=kind,
            occurred_on__isnull=False,
            person__in=persons,
            confidentiality="public",
        )
        .annotate(year=ExtractYear("occurred_on"))
        .values_list("year")
        .annotate(n=Count("person", distinct=True))
        .order_by("year")
    )
    return [(str(year), n) for year, n in rows]


def registry_statistics(audience: Audience | str = Audience.PUBLIC) -> dict[str, Any]:
    """All figures of the statistics page (public values only), over the persons
    ``audience`` may list: the published ones for the public, everyone for editors."""
    live = published_only(Person.objects.filter(merged_into__isnull=True), audience)
    by_article = (
        Charge.objects.filter(case__person__in=live)
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
        "detained_per_year": _per_year("detained", live),
        "released_per_year": _per_year("released", live),
        "by_article": [(a, n) for a, n in by_article],
        "by_region": [(r, n) for r, n in by_region],
        "by_status": [(s, n) for s, n in by_status],
    }
