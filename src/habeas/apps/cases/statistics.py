"""Loading the registry into :class:`habeas.stats.PersonFacts` for the statistics.

Five reads, one per table (persons, charges, sentences, events, custody periods), each
streamed in chunks with ``values_list``; the rows are run through the ORM's SQL compiler but
fetched without per-row model or converter work (figures in bench/stats/RESULTS.md).
Persons merged into another (``merged_into``) are left out, as in the registry summary.

Every function takes an ``audience``: the command line (an operator with the database in
hand) counts every person by default; ``Audience.PUBLIC`` counts *published* persons only,
so that figures meant for the public are unchanged by any unpublished person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat

from habeas.apps.cases.models import Charge, CustodyPeriod, Event, Facility, Sentence
from habeas.apps.registry.models import Person
from habeas.apps.registry.visibility import Audience
from habeas.security.gate import published_only
from habeas.stats import PersonFacts
from habeas.stats.compute import paused_gc
from habeas.stats.compute import today as registry_today
from habeas.stats.rows import held_from_rows, stats_from_rows

__all__ = [
    "article_key",
    "held_on",
    "load_person_facts",
    "registry_rows",
    "registry_statistics",
]

CHUNK = 10_000


def article_key(country: str, code: str, article: str) -> str:
    """``205.2`` for the Russian criminal code, ``BY-UK 361-1`` for any other."""
    if (country or "RU") == "RU" and (code or "UK") == "UK":
        return article
    return f"{country}-{code} {article}"


def _date(name: str) -> Any:
    """A date column to select: cast to text on SQLite, where Django's per-value date converter
    costs more than reading the text with :meth:`date.fromisoformat`."""
    if connection.vendor == "sqlite":
        return Cast(name, output_field=CharField())
    return F(name)


def _rows(queryset: QuerySet) -> Iterator[tuple]:
    """The rows of a ``values_list`` queryset, as the database driver returns them, in chunks.

    The SQL is the ORM's own (so it is portable); only Django's per-row work is skipped."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(CHUNK):
            yield from chunk


def _persons(audience: Audience | str) -> QuerySet[Person]:
    """The unmerged persons ``audience`` may count."""
    return published_only(Person.objects.filter(merged_into__isnull=True), audience)


def load_person_facts(audience: Audience | str = Audience.INTERNAL) -> list[PersonFacts]:
    """Every (unmerged) person of the registry as :class:`PersonFacts`, ordered by id; with
    ``Audience.PUBLIC``, the published ones only.

    Events, custody periods and sentences are plain tuples in the layout of
    :class:`EventFact`, :class:`CustodyFact` and :class:`SentenceFact` (cheaper to build)."""
    with paused_gc():
        return _load(audience)


def _load(audience: Audience | str) -> list[PersonFacts]:
    day = date.fromisoformat if connection.vendor == "sqlite" else _same
    persons = list(
        _rows(
            _persons(audience)
            .order_by("pk")
            .annotate(born=_date("birth_date"))
            .values_list("pk", "gender", "born", "region", "status")
        )
    )
    articles: dict[int, dict[str, None]] = defaultdict(dict)
    for person_id, country, code, article in _rows(
        Charge.objects.order_by().values_list("case__person_id", "country", "code", "article")
    ):
        key = article if country == "RU" and code == "UK" else article_key(country, code, article)
        articles[person_id][key] = None

    superseded = set(
        Sentence.objects.exclude(supersedes=None).values_list("supersedes_id", flat=True)
    )
    sentences: dict[int, list[tuple]] = defaultdict(list)
    for pk, person_id, on, years, months, days, regime, suspended in _rows(
        Sentence.objects.order_by("pk")
        .annotate(on=_date("verdict_on"))
        .values_list(
            "pk", "case__person_id", "on", "term_years", "term_months", "term_days", "regime",
            "suspended",
        )
    ):  # fmt: skip
        if pk not in superseded:
            sentences[person_id].append(
                (day(on) if on else None, years * 12 + months, days, regime, bool(suspended))
            )

    events: dict[int, list[tuple]] = defaultdict(list)
    for person_id, kind, on, release_kind in _rows(
        Event.objects.exclude(occurred_on=None)
        .order_by()
        .annotate(on=_date("occurred_on"))
        .values_list("person_id", "kind", "on", "release_kind")
    ):
        events[person_id].append((kind, day(on), release_kind))

    facilities: dict[int | None, str] = dict(Facility.objects.values_list("pk", "name"))
    facilities[None] = ""
    custody: dict[int, list[tuple]] = defaultdict(list)
    for person_id, kind, start, end, facility_id in _rows(
        CustodyPeriod.objects.exclude(started_on=None)
        .order_by("pk")
        .annotate(start=_date("started_on"), end=_date("ended_on"))
        .values_list("person_id", "kind", "start", "end", "facility_id")
    ):
        custody[person_id].append(
            (kind, day(start), day(end) if end else None, facilities[facility_id])
        )

    empty: tuple = ()
    return [
        PersonFacts(
            pk,
            gender,
            day(birth) if birth else None,
            region,
            status,
            tuple(articles.get(pk, empty)),
            tuple(sentences.get(pk, empty)),
            tuple(events.get(pk, empty)),
            tuple(custody.get(pk, empty)),
        )
        for pk, gender, birth, region, status in persons
    ]


def _same(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


def _text(name: str) -> Cast:
    """A date column read as ISO text (``YYYY-MM-DD``) on every database."""
    return Cast(name, output_field=CharField())


def registry_rows(
    audience: Audience | str = Audience.INTERNAL, *, present_on: date | None = None
) -> dict[str, Any]:
    """The registry's rows in the layout of :mod:`habeas.stats.rows` (dates as ISO text):
    ``persons`` a list (the unmerged ones ``audience`` may count, by id); ``sentences`` (the
    superseded left out), ``custody``, ``events`` and ``charges`` iterators over one query each,
    read in chunks without Django's per-row work. Rows of persons not counted are not filtered
    out in SQL: :mod:`habeas.stats.rows` skips them.

    With ``present_on`` (statistics of the present), the custody periods covering that day
    with a facility and those of persons without a stored status only: the others change no
    figure of the present, and are half the rows."""
    with paused_gc():
        persons = list(
            _rows(
                _persons(audience)
                .order_by("pk")
                .annotate(born=_text("birth_date"))
                .values_list("pk", "gender", "born", "region", "status")
            )
        )
    superseded = Sentence.objects.exclude(supersedes=None).values("supersedes_id")
    sentences = _rows(
        Sentence.objects.exclude(pk__in=superseded)
        .order_by("pk")
        .annotate(on=_text("verdict_on"), months=F("term_years") * 12 + F("term_months"))
        .values_list("case__person_id", "on", "months", "term_days", "regime", "suspended")
    )
    facilities: dict[int | None, str] = dict(Facility.objects.values_list("pk", "name"))
    facilities[None] = ""
    periods = CustodyPeriod.objects.exclude(started_on=None)
    if present_on is not None:
        periods = periods.filter(
            Q(facility__isnull=False, started_on__lte=present_on)
            & (Q(ended_on=None) | Q(ended_on__gte=present_on))
            | Q(person__in=Person.objects.filter(status="").values("pk"))
        )
    custody = (
        (pid, kind, start, end, facilities[facility_id])
        for pid, kind, start, end, facility_id in _rows(
            periods.order_by("pk")
            .annotate(start=_text("started_on"), end=_text("ended_on"))
            .values_list("person_id", "kind", "start", "end", "facility_id")
        )
    )
    events = _rows(
        Event.objects.exclude(occurred_on=None)
        .order_by("pk")
        .annotate(on=_text("occurred_on"))
        .values_list("person_id", "kind", "on", "release_kind")
    )
    # article_key in SQL: the bare article for the Russian criminal code, else prefixed.
    russian = Q(country__in=["RU", ""], code__in=["UK", ""])
    key = Case(
        When(russian, then=F("article")),
        default=Concat(F("country"), Value("-"), F("code"), Value(" "), F("article")),
        output_field=CharField(),
    )
    charges = _rows(
        Charge.objects.order_by().annotate(key=key).values_list("case__person_id", "key")
    )
    return {
        "persons": persons,
        "sentences": sentences,
        "custody": custody,
        "events": events,
        "charges": charges,
    }


def registry_statistics(
    as_of: date | None = None,
    *,
    today: date | None = None,
    audience: Audience | str = Audience.INTERNAL,
) -> dict[str, Any]:
    """The registry summary's fields (persons, source records, sources, imports, by status,
    top articles, facilities) together with :func:`habeas.stats.compute_stats` as of
    ``as_of``; ``registry_persons`` is every unmerged person whatever the date.

    With ``Audience.PUBLIC`` every person count — the summary's included (source records,
    records per source, facilities) — covers published persons only."""
    from habeas.apps.registry.models import SourceRecord
    from habeas.apps.sources.models import ImportRun, Source

    today = today or registry_today()
    day = as_of or today
    rows = registry_rows(audience, present_on=day if day >= today else None)
    stats = stats_from_rows(**rows, as_of=day, today=today)
    persons = _persons(audience)
    records = SourceRecord.objects.all()
    per_source = Count("records")
    custody = CustodyPeriod.objects.exclude(facility=None)
    if Audience(audience) == Audience.PUBLIC:
        records = records.filter(person__in=persons)
        per_source = Count("records", filter=Q(records__person__in=persons))
        custody = custody.filter(person__in=persons)
    return {
        "as_of": stats["as_of"],
        "present": stats["present"],
        "persons": stats["persons"],
        "registry_persons": persons.count(),
        "source_records": records.count(),
        "sources": [
            {"name": s.name, "records": s.n}
            for s in Source.objects.annotate(n=per_source).order_by("name")
        ],
        "imports": ImportRun.objects.count(),
        "facilities": custody.values("facility").distinct().count(),
        "by_status": stats["by_status"],
        "top_articles": dict(list(stats["by_article"].items())[:10]),
        **{k: v for k, v in stats.items() if k not in {"as_of", "present", "persons", "by_status"}},
    }


def held_on(
    day: date,
    *,
    statuses: list[str] | None = None,
    today: date | None = None,
    audience: Audience | str = Audience.INTERNAL,
) -> dict[int, str]:
    """``{person_id: status}`` of the registry's people held on ``day`` (or in one of
    ``statuses``), ordered by id; see :func:`habeas.stats.held_person_ids`. With
    ``Audience.PUBLIC``, published persons only."""
    today = today or registry_today()
    rows = registry_rows(audience, present_on=day if day >= today else None)
    del rows["charges"]
    return held_from_rows(**rows, day=day, today=today, statuses=statuses)
