"""Registry statistics as of any date, from plain :class:`PersonFacts` (no Django).

Definitions (also in docs/statistics.md):

- **Who is counted.** In the present (``as_of`` today or later) everyone, with the registry's
  current status. On a past date, the people with a dated fact on or before it, with the
  status their timeline gives for that day; people with no dated fact are left out (their
  number is ``undated_left_out``).
- **by_regime**: people imprisoned that day, by the regime of the sentence in force;
  **by_facility**: people held that day (house arrest excepted) by the facility of the
  custody period covering it. Missing values count as ``unknown``.
- **by_age_band**: age on ``as_of``; a birth year alone counts as born on 1 January.
- **monthly**: ``new_cases`` are arrests (a person never arrested counts once, at the first
  charge or verdict), ``verdicts`` first-instance verdicts, ``releases`` release events.
- **sentence_months_by_article**: the custodial sentences in force that day, in months (days
  as thirtieths of a month), for each article of the person's charges.
"""

from __future__ import annotations

import gc
import statistics
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from habeas.law.timeline import HELD_STATUSES
from habeas.stats.facts import PersonFacts, custodial, term_months
from habeas.vocabulary import EventKind, Status

__all__ = [
    "AGE_BANDS",
    "UNKNOWN",
    "age_band",
    "compute_stats",
    "held_person_ids",
    "paused_gc",
    "status_of",
    "today",
]

UNKNOWN = "unknown"
#: (lowest age, highest age or None, label)
AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 17, "under 18"),
    (18, 24, "18-24"),
    (25, 34, "25-34"),
    (35, 44, "35-44"),
    (45, 54, "45-54"),
    (55, 64, "55-64"),
    (65, None, "65+"),
)
_HELD = frozenset(s.value for s in HELD_STATUSES)
_IN_FACILITY = _HELD - {Status.HOUSE_ARREST.value}
_IMPRISONED = Status.IMPRISONED.value
_NEW_CASE_FALLBACK = {EventKind.CHARGED.value, EventKind.VERDICT.value}
_DETAINED, _VERDICT, _RELEASED = "detained", "verdict", "released"
#: The registry's day changes at midnight in Moscow, as in the sentence arithmetic.
TIMEZONE = ZoneInfo("Europe/Moscow")


def today() -> date:
    """Today's date in the registry's time zone (Moscow)."""
    return datetime.now(TIMEZONE).date()


_today = today


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of small acyclic objects
    are built (it would otherwise rescan them again and again: ~40 % of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def age_band(birth: date | None, on: date) -> str:
    """The age band of someone born on ``birth`` on the day ``on`` (``unknown`` if unborn or
    no birth date)."""
    if birth is None or birth > on:
        return UNKNOWN
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return UNKNOWN


def status_of(person: PersonFacts, as_of: date, present: bool) -> str | None:
    """The person's status on ``as_of``, or None when the person is not counted that day.

    In the present the registry's current status (the timeline's when none is stored); on a
    past date the timeline's, for people with a dated fact on or before the day."""
    if present:
        return person.status or person.status_on(as_of).value
    first = person.first_date
    if first is None or first > as_of:
        return None
    return person.status_on(as_of).value


def held_person_ids(
    people: Iterable[PersonFacts],
    day: date,
    *,
    today: date | None = None,
    statuses: Iterable[str] | None = None,
) -> dict[int, str]:
    """``{person_id: status}`` of the people held on ``day`` (deprived of liberty, house arrest
    included), or whose status is one of ``statuses`` when given; ordered by id."""
    wanted = frozenset(str(s) for s in statuses) if statuses is not None else _HELD
    present = day >= (today or _today())
    found = {}
    with paused_gc():
        for person in people:
            status = status_of(person, day, present)
            if status is not None and status in wanted:
                found[person.person_id] = status
    return dict(sorted(found.items()))


def _ranked(counter: Mapping[str, int]) -> dict[str, int]:
    """Largest first, ties by key; ``unknown`` last."""
    return dict(sorted(counter.items(), key=lambda kv: (kv[0] == UNKNOWN, -kv[1], kv[0])))


def _months_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _summary(values: list[float]) -> dict[str, Any]:
    return {
        "persons": len(values),
        "mean": round(statistics.fmean(values), 1),
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
    }


def _age_thresholds(on: date) -> list[date]:
    """The latest birth dates for each band's lowest age on ``on``, oldest band first: a
    person born on or before ``thresholds[i]`` is at least ``AGE_BANDS[-1 - i]``'s age."""
    thresholds = []
    for low, _, _ in reversed(AGE_BANDS):
        try:
            thresholds.append(on.replace(year=on.year - low))
        except ValueError:  # 29 February in a year that has none
            thresholds.append(date(on.year - low, 2, 28))
    return thresholds


_BAND_BY_INDEX = [band[2] for band in reversed(AGE_BANDS)] + [UNKNOWN]


def _monthly_counts(person: PersonFacts, as_of: date, counts: dict[str, Counter]) -> None:
    arrested = False
    first_other: date | None = None
    new_cases, verdicts, releases = counts["new_cases"], counts["verdicts"], counts["releases"]
    for event in person.events:
        kind, on = event[0], event[1]
        if on > as_of:
            continue
        if kind == _DETAINED:
            new_cases[on.year, on.month] += 1
            arrested = True
        elif kind in _NEW_CASE_FALLBACK and (first_other is None or on < first_other):
            first_other = on
        if kind == _VERDICT:
            verdicts[on.year, on.month] += 1
        elif kind == _RELEASED:
            releases[on.year, on.month] += 1
    if not arrested and first_other is not None:
        new_cases[first_other.year, first_other.month] += 1


def compute_stats(
    people: Iterable[PersonFacts], as_of: date | None = None, *, today: date | None = None
) -> dict[str, Any]:
    """Counts by status, article, regime, region, facility, gender and age band; new cases,
    verdicts and releases per month; sentence length by article; all as of ``as_of`` (today
    when None). ``today`` is the date that separates the present from the past (the real
    date when None). Returns a JSON-ready dict (see docs/statistics.md)."""
    with paused_gc():
        return _compute(people, as_of, today)


def _compute(people: Iterable[PersonFacts], as_of: date | None, today: date | None) -> dict:
    today = today or _today()
    as_of = as_of or today
    present = as_of >= today
    counted = undated = held = 0
    by: dict[str, Counter[str]] = {
        name: Counter()
        for name in ("status", "article", "regime", "region", "facility", "gender", "age_band")
    }
    monthly: dict[str, Counter[tuple[int, int]]] = {
        "new_cases": Counter(),
        "verdicts": Counter(),
        "releases": Counter(),
    }
    lengths: dict[str, list[float]] = defaultdict(list)
    all_lengths: list[float] = []
    thresholds = _age_thresholds(as_of)
    for person in people:
        status = status_of(person, as_of, present)
        if status is None:
            undated += person.first_date is None
            continue
        counted += 1
        by["status"][status] += 1
        by["gender"][person.gender or UNKNOWN] += 1
        by["region"][person.region or UNKNOWN] += 1
        birth = person.birth_date
        by["age_band"][_BAND_BY_INDEX[bisect_left(thresholds, birth)] if birth else UNKNOWN] += 1
        articles = person.articles
        if len(articles) > 1:
            articles = tuple(dict.fromkeys(articles))
        for article in articles:
            by["article"][article] += 1
        sentence = person.sentence_on(as_of) if person.sentences else None
        serving = sentence is not None and custodial(sentence)
        if serving:
            months = term_months(sentence)  # type: ignore[arg-type]
            all_lengths.append(months)
            for article in articles:
                lengths[article].append(months)
        if status in _HELD:
            held += 1
            if status == _IMPRISONED:
                by["regime"][(sentence[3] if serving else "") or UNKNOWN] += 1  # type: ignore[index]
            if status in _IN_FACILITY:
                by["facility"][person.facility_on(as_of) or UNKNOWN] += 1
        if person.events:
            _monthly_counts(person, as_of, monthly)
    return _result(as_of, present, counted, held, undated, by, monthly, lengths, all_lengths)


def _result(
    as_of: date,
    present: bool,
    counted: int,
    held: int,
    undated: int,
    by: dict[str, Counter[str]],
    monthly: dict[str, Counter[tuple[int, int]]],
    lengths: dict[str, list[float]],
    all_lengths: list[float],
) -> dict[str, Any]:
    """The JSON-ready statistics from the counts (shared with :mod:`habeas.stats.rows`)."""
    seen = [m for counter in monthly.values() for m in counter]
    months = _months_between(min(seen), (as_of.year, as_of.month)) if seen else []
    return {
        "as_of": as_of.isoformat(),
        "present": present,
        "persons": counted,
        "held": held,
        "undated_left_out": undated,
        "by_status": _ranked(by["status"]),
        "by_article": _ranked(by["article"]),
        "by_regime": _ranked(by["regime"]),
        "by_region": _ranked(by["region"]),
        "by_facility": _ranked(by["facility"]),
        "by_gender": _ranked(by["gender"]),
        "by_age_band": {
            label: by["age_band"][label]
            for label in [band[2] for band in AGE_BANDS] + [UNKNOWN]
            if by["age_band"][label]
        },
        "monthly": [
            {
                "month": f"{year:04d}-{month:02d}",
                **{name: counter[(year, month)] for name, counter in monthly.items()},
            }
            for year, month in months
        ],
        "sentence_months": _summary(all_lengths) if all_lengths else None,
        "sentence_months_by_article": {
            article: _summary(values)
            for article, values in sorted(lengths.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        },
    }
