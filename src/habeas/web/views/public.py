"""The public site: the home page with search, and person pages.

For anonymous visitors the expensive parts (search results, a person's page body) come
from :mod:`habeas.web.pagecache`, keyed by the registry's generation, and the search
form's long filter option lists per language and set of filter choices, shared by every
query (only the visitor's query and selections are rendered per request); signed-in users
always get them freshly rendered with their own audience's values.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import check_for_language

from habeas.apps.registry.queries import PersonNotFound
from habeas.security.gate import published_only
from habeas.web.pagecache import cached_fragment, cached_value, is_public, request_generation
from habeas.web.queries import (
    SearchFilters,
    articles_by_person,
    filter_choices,
    person_view,
    publication_stamp,
    search_page,
)
from habeas.web.roles import audience_for

PAGE_SIZE = 25
#: The search filters whose option lists come from the registry (long: cached rendered).
OPTION_FIELDS = ("status", "article", "region", "facility")


def filters_from(request: HttpRequest) -> SearchFilters:
    """The search as the query string states it (unknown values are ignored)."""
    get = request.GET
    facility = get.get("facility", "")
    # Decimal digits of any script (int() reads them; "²" is a digit it does not), and no
    # number beyond the database's integers (SQLite raises OverflowError, PostgreSQL a 500).
    facility_id = int(facility) if facility.isdecimal() and len(facility) <= 18 else None
    return SearchFilters(
        q=get.get("q", "")[:200],
        status=get.get("status", "")[:24],
        article=get.get("article", "")[:16],
        region=get.get("region", "")[:200],
        facility=facility_id,
        gender=get.get("gender", "")[:8],
    )


def _results_html(request: HttpRequest, filters: SearchFilters) -> str:
    context: dict[str, object] = {"filters": filters}
    if filters.active:
        page, persons = search_page(
            filters, request.GET.get("page"), PAGE_SIZE, audience_for(request.user)
        )
        articles = articles_by_person([p.pk for p in persons])
        context.update(
            page=page,
            results=[(p, articles.get(p.pk, [])) for p in persons],
            total=page.paginator.count,
        )
    return render_to_string("web/_results.html", context, request)


def _filter_options(request: HttpRequest, choices: dict[str, object]) -> dict[str, str]:
    """Each filter's rendered option list with nothing selected, cached per interface
    language and set of filter choices (their stamp identifies them completely); the same
    for every query, so a new search does not render them again."""
    return cached_value(
        request,
        "filter-options",
        lambda: {
            field: render_to_string(
                "web/_filter_options.html", {"field": field, "choices": choices}, request
            ).strip()
            for field in OPTION_FIELDS
        },
        parts=(choices["stamp"],),
        per_generation=False,
    )


def with_selected(options: str, value: object) -> SafeString:
    """Rendered ``<option>`` elements with the one whose value is ``value`` (as the
    template escapes it) marked selected; unchanged when none has that value."""
    text = "" if value is None else str(value)
    if text:
        needle = f'<option value="{escape(text)}">'
        options = options.replace(needle, needle[:-1] + " selected>", 1)
    return mark_safe(options)  # noqa: S308 - our own rendered template, values escaped


def search_form(request: HttpRequest, filters: SearchFilters, choices: dict[str, object]) -> str:
    """The search form showing the visitor's query and filters: the long option lists come
    rendered from the cache (:func:`_filter_options`), only the rest is rendered here."""
    cached = _filter_options(request, choices)
    options = {
        field: with_selected(cached[field], getattr(filters, field)) for field in OPTION_FIELDS
    }
    return render_to_string(
        "web/_search_form.html", {"filters": filters, "options": options}, request
    )


def _published_count() -> int:
    from habeas.apps.registry.models import Person

    return published_only(Person.objects.filter(merged_into__isnull=True)).count()


def home(request: HttpRequest) -> HttpResponse:
    """The search box, filters and results; an htmx request gets the results only."""
    if is_public(request):
        request_generation(request)  # before any data is read (see habeas.web.pagecache)
    filters = filters_from(request)
    # The whole query string: the pager's links repeat it.
    query = tuple(sorted(request.GET.lists()))
    results = cached_fragment(request, "results", query, lambda: _results_html(request, filters))
    if request.headers.get("HX-Request"):
        return HttpResponse(results)
    published = publication_stamp()
    choices = filter_choices(published)
    form = search_form(request, filters, choices)
    context = {
        "filters": filters,
        "search_form": mark_safe(form),  # noqa: S308 - our own rendered template
        "results_html": mark_safe(results),  # noqa: S308 - our own rendered template
        # A headline figure: shared for a minute, and counted anew after a publication step.
        "persons": cache.get_or_set(f"web:published-count:{published}", _published_count, 60),
        "today": timezone.localdate(),
    }
    return render(request, "web/home.html", context)


def _person_body(request: HttpRequest, person_id: int) -> tuple[str, object]:
    """("page", (title, body HTML)), ("redirect", id) or ("missing", None)."""
    try:
        data = person_view(person_id, audience_for(request.user))
    except PersonNotFound:
        return ("missing", None)
    if data["person_id"] != person_id:
        return ("redirect", data["person_id"])
    timeline = sorted(
        [("event", e["on"], e) for e in data["events"]]
        + [("custody", c["from"], c) for c in data["custody"]],
        key=lambda item: (item[1] is None, item[1] or timezone.localdate()),
    )
    body = render_to_string("web/_person_body.html", {"p": data, "timeline": timeline}, request)
    return ("page", (data["display_name"], body))


def person(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's page, with the fields the visitor's role may see."""
    if is_public(request):
        request_generation(request)  # before any data is read (see habeas.web.pagecache)
    kind, value = cached_value(
        request,
        f"person:{person_id}",
        lambda: _person_body(request, person_id),
        parts=(timezone.localdate(),),  # the timeline's undated items sort by today
    )
    if kind == "missing":
        raise Http404("no such person")
    if kind == "redirect":
        return redirect("web:person", person_id=value)
    title, body = value  # type: ignore[misc]
    return render(
        request,
        "web/person.html",
        {"title": title, "body": mark_safe(body)},  # noqa: S308 - our own rendered template
    )


def switch_language(request: HttpRequest) -> HttpResponseRedirect:
    """``GET ?language=ru&next=/path``: keep the interface language in its cookie and go
    back to the page. A plain link-like form, so the public pages carry no CSRF token and
    can be shared from :mod:`habeas.web.responsecache`; a preference cookie is all it
    changes. An unknown language changes nothing; a ``next`` off this site goes home."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    code = request.GET.get("language", "")
    if code in dict(settings.LANGUAGES) and check_for_language(code):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
