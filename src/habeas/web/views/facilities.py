"""Facility pages: the list, and one facility with its letter address and who is held there."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from habeas.apps.cases.models import Facility
from habeas.web.queries import facilities_queryset, facility_view
from habeas.web.roles import audience_for


def facility_list(request: HttpRequest) -> HttpResponse:
    """All facilities, those holding most people first, with a name/region filter."""
    q = request.GET.get("q", "")[:200]
    page = Paginator(facilities_queryset(q, audience_for(request.user)), 50).get_page(
        request.GET.get("page")
    )
    template = "web/_facility_rows.html" if request.headers.get("HX-Request") else None
    return render(request, template or "web/facilities.html", {"page": page, "q": q})


def facility(request: HttpRequest, facility_id: int) -> HttpResponse:
    """One facility, with the persons it holds today: those the list counts for the visitor."""
    found = get_object_or_404(Facility.objects.prefetch_related("addresses"), pk=facility_id)
    return render(request, "web/facility.html", facility_view(found, audience_for(request.user)))
