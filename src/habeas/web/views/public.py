"""The public site: the home page with search, and person pages."""

from __future__ import annotations

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from habeas.apps.registry.models import Person
from habeas.apps.registry.queries import PersonNotFound
from habeas.security.gate import published_only
from habeas.web.queries import (
    SearchFilters,
    articles_by_person,
    filter_choices,
    person_view,
    search_queryset,
)
from habeas.web.roles import audience_for

PAGE_SIZE = 25


def filters_from(request: HttpRequest) -> SearchFilters:
    """The search as the query string states it (unknown values are ignored)."""
    get = request.GET
    facility = get.get("facility", "")
    return SearchFilters(
        q=get.get("q", "")[:200],
        status=get.get("status", "")[:24],
        article=get.get("article", "")[:16],
        region=get.get("region", "")[:200],
        facility=int(facility) if facility.isdigit() else None,
        gender=get.get("gender", "")[:8],
    )


def home(request: HttpRequest) -> HttpResponse:
    """The search box, filters and results; an htmx request gets the results only."""
    filters = filters_from(request)
    context: dict[str, object] = {"filters": filters}
    if filters.active:
        paginator = Paginator(search_queryset(filters, audience_for(request.user)), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        persons = list(page.object_list)
        articles = articles_by_person([p.pk for p in persons])
        context.update(
            page=page,
            results=[(p, articles.get(p.pk, [])) for p in persons],
            total=paginator.count,
        )
    if request.headers.get("HX-Request"):
        return render(request, "web/_results.html", context)
    total = cache.get_or_set(
        "web:published-count",
        lambda: published_only(Person.objects.filter(merged_into__isnull=True)).count(),
        60,
    )
    context.update(choices=filter_choices(), persons=total, today=timezone.localdate())
    return render(request, "web/home.html", context)


def person(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's page, with the fields the visitor's role may see."""
    try:
        data = person_view(person_id, audience_for(request.user))
    except PersonNotFound as exc:
        raise Http404("no such person") from exc
    if data["person_id"] != person_id:
        return redirect("web:person", person_id=data["person_id"])
    timeline = sorted(
        [("event", e["on"], e) for e in data["events"]]
        + [("custody", c["from"], c) for c in data["custody"]],
        key=lambda item: (item[1] is None, item[1] or timezone.localdate()),
    )
    return render(request, "web/person.html", {"p": data, "timeline": timeline})
