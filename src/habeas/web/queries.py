"""Reads for the web pages and the API: search with filters, a person as an audience may see
them, facilities. Everything here takes an ``audience`` or returns public values only."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, Max, Q, QuerySet, Value, When
from django.utils import timezone

from habeas.apps.cases.models import Charge, CustodyPeriod, Facility
from habeas.apps.registry.models import Person
from habeas.apps.registry.queries import PersonNotFound, person_detail_rows, resolve_person
from habeas.apps.registry.search import find_persons
from habeas.apps.registry.visibility import Audience, may_see
from habeas.audit.models import AuditEntry
from habeas.law import load_pack
from habeas.security.gate import is_published, published_only
from habeas.security.models import Publication
from habeas.vocabulary import Status
from habeas.web.release import expected_release


@dataclass(frozen=True)
class SearchFilters:
    """A search as the home page's form (and the API's query string) states it."""

    q: str = ""
    status: str = ""
    article: str = ""
    region: str = ""
    facility: int | None = None
    gender: str = ""

    @property
    def active(self) -> bool:
        """Whether anything was asked at all."""
        return bool(
            self.q or self.status or self.article or self.region or self.facility or self.gender
        )


#: How many name matches a search ranks before the filters narrow them down.
SEARCH_CANDIDATES = 200
#: Below this comparison score a name is too far from the query to show as a result.
SEARCH_MIN_SCORE = 0.6


def search_queryset(
    filters: SearchFilters, audience: Audience = Audience.PUBLIC
) -> QuerySet[Person]:
    """Live persons matching the filters (no confidential field is searched: names, status,
    articles, region, facility and gender are public). A name query is answered from the
    indexed name keys (:mod:`habeas.apps.registry.search`), best match first; the start of
    a name also finds names that begin with it. The public finds published persons only
    (see :mod:`habeas.security.gate`)."""
    persons = published_only(Person.objects.filter(merged_into__isnull=True), audience)
    ranked: list[int] = []
    if filters.q.strip():
        hits = find_persons(filters.q, limit=SEARCH_CANDIDATES, min_score=SEARCH_MIN_SCORE)
        ranked = [h["person_id"] for h in hits]
        persons = persons.filter(pk__in=ranked)
    if filters.status:
        persons = persons.filter(status=filters.status)
    if filters.gender:
        persons = persons.filter(gender=filters.gender)
    if filters.region:
        persons = persons.filter(region=filters.region)
    if filters.article:
        persons = persons.filter(
            pk__in=Charge.objects.filter(article=filters.article).values("case__person_id")
        )
    if filters.facility:
        persons = persons.filter(
            pk__in=CustodyPeriod.objects.filter(facility_id=filters.facility).values("person_id")
        )
    if ranked:
        order = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)))
        return persons.order_by(order, "pk")
    return persons.order_by("display_name", "pk")


def search_page(
    filters: SearchFilters, number: object, page_size: int, audience: Audience = Audience.PUBLIC
) -> tuple[Page, list[Person]]:
    """One page of :func:`search_queryset`'s results: the paginator's page and its persons
    in order. A name query's candidates (at most :data:`SEARCH_CANDIDATES`) are narrowed
    and ordered by rank in Python from one query over their ids, which is much cheaper than
    having the database count and sort by a ``CASE`` of up to 200 branches."""
    if not filters.q.strip():
        page = Paginator(search_queryset(filters, audience), page_size).get_page(number)
        return page, list(page.object_list)
    hits = find_persons(filters.q, limit=SEARCH_CANDIDATES, min_score=SEARCH_MIN_SCORE)
    ranked = list(dict.fromkeys(h["person_id"] for h in hits))
    narrowed = search_queryset(replace(filters, q=""), audience).filter(pk__in=ranked)
    allowed = set(narrowed.order_by().values_list("pk", flat=True))
    page = Paginator([pk for pk in ranked if pk in allowed], page_size).get_page(number)
    found = Person.objects.in_bulk(list(page.object_list))
    return page, [found[pk] for pk in page.object_list if pk in found]


def articles_by_person(person_ids: list[int]) -> dict[int, list[str]]:
    """Distinct article numbers charged, per person, in one query."""
    found: dict[int, list[str]] = defaultdict(list)
    rows = (
        Charge.objects.filter(case__person_id__in=person_ids)
        .values_list("case__person_id", "article")
        .order_by("article")
    )
    for person_id, article in rows:
        if article not in found[person_id]:
            found[person_id].append(article)
    return found


def article_title(article: str, language: str) -> str:
    """The article's name in the interface language ('' when the pack does not know it)."""
    info = load_pack("RU").article(article, "UK")
    if info is None:
        return ""
    return info.title_ru if language == "ru" else info.title_en


#: The filter choices change only with imports and publication steps; recomputing them
#: costs ≈ 300 ms of CPU on 100,000 persons, so every page shares them for a few minutes,
#: and at once anew after any publication step (a withheld person's values leave at once).
CHOICES_SECONDS = 300
#: The audited steps of the publication gate (habeas.security.gate).
PUBLICATION_ACTIONS = ("request_publication", "publish", "withhold", "publish_demo")


def publication_stamp() -> int:
    """The audit sequence number of the latest publication step (0 before any): it changes
    whenever someone is published or withheld. One indexed query."""
    latest = AuditEntry.objects.filter(action__in=PUBLICATION_ACTIONS).aggregate(m=Max("seq"))
    return int(latest["m"] or 0)


def filter_choices(stamp: int | None = None) -> dict[str, Any]:
    """Values for the search filters: statuses, and the articles, regions and facilities of
    *published* persons only (a value only unpublished persons have would tell the public
    that such a person exists). Cached for :data:`CHOICES_SECONDS`, and recomputed after
    any publication step (``stamp``: :func:`publication_stamp`, when already read)."""
    if stamp is None:
        stamp = publication_stamp()
    return cache.get_or_set(f"web:filter-choices:{stamp}", _filter_choices, CHOICES_SECONDS)


def _filter_choices() -> dict[str, Any]:
    public = published_only(Person.objects.filter(merged_into__isnull=True)).values("pk")
    articles = (
        Charge.objects.filter(case__person_id__in=public)
        .values_list("article")
        .annotate(n=Count("case__person", distinct=True))
        .order_by("-n", "article")
    )
    regions = (
        published_only(Person.objects.filter(merged_into__isnull=True))
        .exclude(region="")
        .values_list("region", flat=True)
        .distinct()
        .order_by("region")
    )
    facilities = (
        Facility.objects.filter(
            pk__in=CustodyPeriod.objects.filter(person_id__in=public).values("facility_id")
        )
        .order_by("name")
        .values_list("pk", "name")
    )
    return {
        # Identifies this set of choices (a rendered search form is cached under it).
        "stamp": time.time_ns(),
        "statuses": [s.value for s in Status],
        "articles": [a for a, _ in articles],
        "regions": list(regions),
        "facilities": list(facilities),
    }


def _mask_conflicts(
    conflicts: dict[str, list[dict[str, Any]]], visible: set[int], audience: Audience
) -> dict[str, list[dict[str, Any]]]:
    shown: dict[str, list[dict[str, Any]]] = {}
    for name, values in conflicts.items():
        if name == "birth_date" and audience == Audience.PUBLIC:
            continue
        shown[name] = [
            {**v, "source": v["source"] if v.get("record") in visible else None}
            for v in values
            if v.get("record") in visible or audience != Audience.PUBLIC
        ]
    return {k: v for k, v in shown.items() if len(v) > 1}


def person_view(person_id: int, audience: Audience) -> dict[str, Any]:
    """A person as ``audience`` may see them, ready for the page and the API.

    Builds on :func:`habeas.apps.registry.queries.person_detail` and adds the articles'
    names, the current facility with its letter address, and the expected release date.
    The public sees the birth year only, no raw record data and no internal notes. Each
    table is read once: the source records and custody periods ``person_detail`` loaded
    serve the masking of conflicts, the current facility and the release computation.

    Raises:
        PersonNotFound: no such person.
    """
    person = resolve_person(person_id)
    if audience == Audience.PUBLIC and not is_published(person.pk):
        raise PersonNotFound(f"no person {person_id}")
    data, rows = person_detail_rows(person, audience)
    visible = {r.pk for r in rows.records if may_see(audience, r.source.confidentiality)}
    if audience == Audience.PUBLIC:
        data["birth_date"] = data["birth_date"][:4] if data["birth_date"] else None
        data["birth_precision"] = "year" if data["birth_date"] else None
        data["records"] = [{k: v for k, v in r.items() if k != "data"} for r in data["records"]]
    data["conflicts"] = _mask_conflicts(data["conflicts"], visible, audience)
    data["articles"] = list(dict.fromkeys(c["article"] for c in data["charges"]))
    current = _latest_with_facility(rows.custody)
    data["facility"] = None
    if current is not None and current.ended_on is None and person.status not in _OUT:
        facility = current.facility
        assert facility is not None
        addresses = list(facility.addresses.all())
        data["facility"] = {
            "id": facility.pk,
            "name": facility.name,
            "type": facility.facility_type,
            "region": facility.region,
            "since": current.started_on,
            "letter_address": addresses[0].address if addresses else None,
        }
    release = expected_release(person, rows.custody)
    data["expected_release"] = (
        None
        if release is None
        else {
            "date": release.release_date,
            "parole_eligible_on": release.parole_eligible_on,
            "term": release.term,
            "regime": release.regime,
            "term_start": release.term_start,
            "credited_days": release.credited_days,
            "uncertain": release.uncertain,
            "steps": list(release.steps),
        }
    )
    data["sources"] = _sources(data["records"])
    return data


_OUT = {Status.RELEASED, Status.EXCHANGED, Status.ABROAD, Status.DIED}


def _latest_with_facility(periods: list[CustodyPeriod]) -> CustodyPeriod | None:
    """The custody period with a facility that ``order_by("-started_on", "-pk")`` would put
    first, picked from periods already read: an unknown start sorts as the database sorts
    NULL (largest on PostgreSQL, smallest on SQLite), so the result is the query's."""
    nulls_largest = connection.features.nulls_order_largest

    def key(period: CustodyPeriod) -> tuple[bool, date, int]:
        if period.started_on is None:
            return (nulls_largest, date.min, period.pk)
        return (not nulls_largest, period.started_on, period.pk)

    with_facility = [p for p in periods if p.facility_id is not None]
    return max(with_facility, key=key) if with_facility else None


def _sources(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str | None], dict[str, Any]] = {}
    for r in records:
        key = (r["source"], r.get("url"))
        if key not in seen:
            seen[key] = {"name": r["source"], "url": r.get("url"), "removed": r.get("removed")}
    return list(seen.values())


def held_at_facility(day: date, prefix: str = "") -> Q:
    """Who a facility holds on ``day``, as a condition on custody periods (``prefix`` leads
    from the queried model to them, e.g. ``"custody_periods__"``): a period begun by
    ``day`` (or of unknown start) and not ended before it, of a live person (not merged
    away) whose status does not say they are out (released, exchanged, abroad, dead).
    The facilities list counts them and a facility's page lists them, so the two agree."""
    return (
        (Q(**{f"{prefix}started_on__isnull": True}) | Q(**{f"{prefix}started_on__lte": day}))
        & (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day}))
        & Q(**{f"{prefix}person__merged_into__isnull": True})
        & ~Q(**{f"{prefix}person__status__in": sorted(_OUT)})
    )


def facilities_queryset(
    q: str = "", audience: Audience | str = Audience.PUBLIC, day: date | None = None
) -> QuerySet[Facility]:
    """Facilities with the number of persons they hold on ``day`` (today by default; see
    :func:`held_at_facility`): published persons only for the public (an unpublished
    person changes no public count)."""
    now = held_at_facility(day or timezone.localdate(), "custody_periods__")
    if Audience(audience) == Audience.PUBLIC:
        now &= Q(custody_periods__person__publication__state=Publication.State.PUBLISHED)
    facilities = Facility.objects.annotate(
        held=Count("custody_periods__person", filter=now, distinct=True)
    )
    if q.strip():
        text = q.strip()
        facilities = facilities.filter(Q(name__icontains=text) | Q(region__icontains=text))
    return facilities.order_by("-held", "name")


def facility_view(
    facility: Facility, audience: Audience | str = Audience.PUBLIC, day: date | None = None
) -> dict[str, Any]:
    """A facility's page: type, region, letter addresses, and the persons it holds on
    ``day`` (today by default): exactly those :func:`facilities_queryset` counts for
    ``audience`` (published persons only for the public)."""
    periods = CustodyPeriod.objects.filter(
        held_at_facility(day or timezone.localdate()), facility=facility
    )
    held = (
        published_only(Person.objects.all(), Audience(audience))
        .filter(pk__in=periods.values("person_id"))
        .order_by("display_name", "pk")
    )
    return {
        "facility": facility,
        "addresses": list(facility.addresses.all()),
        "held": list(held.values("pk", "display_name", "display_name_latin", "status")),
    }
