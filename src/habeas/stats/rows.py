"""The statistics of :mod:`habeas.stats.compute`, straight from the registry's table rows.

:func:`habeas.stats.compute_stats` works on one :class:`PersonFacts` per person and, for a
past date, on each person's :mod:`habeas.law.timeline` objects; over 100,000 persons building
those objects costs more than the statistics themselves. Here the same definitions are applied
in one pass over each table's rows, with dates kept as ISO text (``YYYY-MM-DD`` compares like
the date) and the status on a past date derived by a lean copy of
:func:`habeas.law.timeline.derive_status` restricted to what the registry's rows can say
(a decision's outcome from the sentence of that day, a release's kind; no custody details).
``tests/stats/test_rows.py`` checks both ways agree, figure for figure.

Rows (plain tuples; every iterable is read once, in the order given):

- persons: ``(person_id, gender, birth_date or None, region, status)``
- sentences (superseded ones left out), by id: ``(person_id, verdict_on or None, months, days,
  regime, suspended)`` with ``months`` = years * 12 + months
- custody periods with a start, by id: ``(person_id, kind, start, end or None, facility name)``
- dated events, by id: ``(person_id, kind, occurred_on, release_kind)``
- charges: ``(person_id, article key)`` (see ``habeas.apps.cases.statistics.article_key``)

Rows of a person not among ``persons`` are ignored. In the present (``as_of`` on or after
``today``) the custody rows may be limited to the periods covering the day with a facility and
every period of the persons without a stored status: no other one changes a figure then.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from operator import itemgetter
from typing import Any

from habeas.law.timeline import _SAME_DAY_ORDER
from habeas.stats.compute import (
    _BAND_BY_INDEX,
    _HELD,
    _IMPRISONED,
    _IN_FACILITY,
    _NEW_CASE_FALLBACK,
    UNKNOWN,
    _age_thresholds,
    _result,
    paused_gc,
)
from habeas.stats.compute import today as _today
from habeas.vocabulary import CustodyKind, EventKind, ReleaseKind, Status

__all__ = ["held_from_rows", "stats_from_rows"]

PersonRow = tuple[int, str, str | None, str, str]
SentenceRow = tuple[int, str | None, int, int, str, bool]
CustodyRow = tuple[int, str, str, str | None, str]
EventRow = tuple[int, str, str, str]
ChargeRow = tuple[int, str]

_ORDER = {kind.value: order for kind, order in _SAME_DAY_ORDER.items()}
_CUSTODY_KINDS = frozenset(kind.value for kind in CustodyKind)
_DECISIONS = frozenset({EventKind.VERDICT.value, EventKind.APPEAL.value, EventKind.CASSATION.value})
_DETAINED, _VERDICT, _RELEASED = (
    EventKind.DETAINED.value,
    EventKind.VERDICT.value,
    EventKind.RELEASED.value,
)
_DIED_IN_CUSTODY, _LEFT = EventKind.DIED_IN_CUSTODY.value, EventKind.LEFT_COUNTRY.value
_PRETRIAL, _RESTRICTED = Status.PRETRIAL_DETENTION.value, Status.RESTRICTED.value
_RELEASED_STATUS, _ABROAD, _DIED = Status.RELEASED.value, Status.ABROAD.value, Status.DIED.value
_RELEASE_STATUS = {
    ReleaseKind.EXCHANGE.value: Status.EXCHANGED.value,
    ReleaseKind.DEPORTATION.value: Status.ABROAD.value,
}
#: The status a custody period of each kind gives (as in :mod:`habeas.law.timeline`).
_KIND_STATUS = {
    CustodyKind.DETENTION_AFTER_ARREST.value: _PRETRIAL,
    CustodyKind.PRETRIAL_DETENTION.value: _PRETRIAL,
    CustodyKind.HOUSE_ARREST.value: Status.HOUSE_ARREST.value,
    CustodyKind.BAN_ON_ACTIONS.value: _RESTRICTED,
    CustodyKind.COLONY.value: _IMPRISONED,
    CustodyKind.PRISON.value: _IMPRISONED,
    CustodyKind.STRICT_CONDITIONS.value: _IMPRISONED,
    CustodyKind.COMPULSORY_TREATMENT.value: Status.COMPULSORY_TREATMENT.value,
}
_CUSTODIAL, _SUSPENDED, _NON_CUSTODIAL = "custodial", "suspended", "non_custodial"
_NO_END = "9999-12-31"
_by_day_and_order = itemgetter(0, 1)


class _Scan:
    """What the rows say about each person on ``day`` (ISO text)."""

    def __init__(
        self,
        persons: Iterable[PersonRow],
        sentences: Iterable[SentenceRow],
        custody: Iterable[CustodyRow],
        events: Iterable[EventRow],
        day: str,
        present: bool,
    ) -> None:
        self.day, self.present = day, present
        self.persons = list(persons)
        known = {row[0] for row in self.persons}
        # Who needs a status derived from the timeline: everyone on a past date, in the
        # present only those without a stored status.
        self.derive: set[int] | None = (
            {row[0] for row in self.persons if not row[4]} if present else None
        )
        self.dated: set[int] = set()  # a dated fact at all
        self.dated_by: set[int] = set()  # a dated fact on or before the day
        self.sentence: dict[int, tuple[str, int, int, str, bool]] = {}
        self.outcome: dict[tuple[int, str], str] = {}
        self.covering: dict[int, tuple[tuple[str, str], str]] = {}
        self.facility: dict[int, tuple[str, str]] = {}
        self.with_periods: set[int] = set()
        self.open: set[int] = set()  # a period not ended before the day
        self.timelines: dict[int, list[tuple[str, int, str, str]]] = defaultdict(list)
        self.monthly: dict[str, Counter[str]] = {
            "new_cases": Counter(),
            "verdicts": Counter(),
            "releases": Counter(),
        }
        self._sentences(sentences, known)
        self._custody(custody, known)
        self._events(events, known)

    def _sentences(self, rows: Iterable[SentenceRow], known: set[int]) -> None:
        day, current, outcome, derive = self.day, self.sentence, self.outcome, self.derive
        dated, dated_by = self.dated, self.dated_by
        for pid, on, months, days, regime, suspended in rows:
            if pid not in known:
                continue
            if on is not None:
                if derive is None or pid in derive:
                    dated.add(pid)
                    outcome[pid, on] = (
                        _SUSPENDED if suspended else _CUSTODIAL if months > 0 or days > 0
                        else _NON_CUSTODIAL
                    )  # fmt: skip
                if on > day:
                    continue
                dated_by.add(pid)
            # The sentence in force: the latest decided by the day (undated: the earliest);
            # on the same day the later row.
            key = on or ""
            held = current.get(pid)
            if held is None or key >= held[0]:
                current[pid] = (key, months, days, regime, bool(suspended))

    def _custody(self, rows: Iterable[CustodyRow], known: set[int]) -> None:
        day, dated, dated_by, derive = self.day, self.dated, self.dated_by, self.derive
        covering, facility = self.covering, self.facility
        with_periods, open_ = self.with_periods, self.open
        for pid, kind, start, end, name in rows:
            if pid not in known:
                continue
            covers = start <= day and (end is None or day <= end)
            if covers and name:
                found = facility.get(pid)
                if found is None or start >= found[0]:
                    facility[pid] = (start, name)
            if derive is not None and pid not in derive:
                continue  # in the present, only the facility of a stored status matters
            dated.add(pid)
            if start <= day:
                dated_by.add(pid)
            if kind in _CUSTODY_KINDS:
                with_periods.add(pid)
                if end is None or end >= day:
                    open_.add(pid)
                if covers:
                    key = (start, end or _NO_END)
                    found_kind = covering.get(pid)
                    if found_kind is None or key >= found_kind[0]:
                        covering[pid] = (key, kind)

    def _events(self, rows: Iterable[EventRow], known: set[int]) -> None:
        day, dated, dated_by, timelines = self.day, self.dated, self.dated_by, self.timelines
        derive = self.derive
        # Days first (counted in C), months after: cheaper than a month key for every row.
        detained: list[str] = []
        verdicts: list[str] = []
        releases: list[str] = []
        arrested: set[int] = set()
        first_other: dict[int, str] = {}
        for pid, kind, on, release_kind in rows:
            if pid not in known:
                continue
            if on > day:
                dated.add(pid)
                continue
            if kind == _DETAINED:
                detained.append(on)
                arrested.add(pid)
            elif kind in _NEW_CASE_FALLBACK:
                other = first_other.get(pid)
                if other is None or on < other:
                    first_other[pid] = on
                if kind == _VERDICT:
                    verdicts.append(on)
            elif kind == _RELEASED:
                releases.append(on)
            if derive is None or pid in derive:
                dated_by.add(pid)
                if kind in _ORDER:
                    timelines[pid].append((on, _ORDER[kind], kind, release_kind))
        dated |= dated_by
        detained.extend(on for pid, on in first_other.items() if pid not in arrested)
        for name, days in (("new_cases", detained), ("verdicts", verdicts), ("releases", releases)):
            months = self.monthly[name]
            for on, n in Counter(days).items():
                months[on[:7]] += n

    def derived_status(self, pid: int) -> str:
        """The status on the day from the person's timeline, as
        :meth:`habeas.stats.PersonFacts.status_on` gives it."""
        status, convicted = Status.UNKNOWN.value, False
        events = self.timelines.get(pid)
        if events:
            if len(events) > 1:
                events.sort(key=_by_day_and_order)
            outcome = self.outcome
            for on, _order, kind, release_kind in events:
                if kind == _DIED_IN_CUSTODY:
                    return _DIED
                if kind == _DETAINED:
                    status, convicted = _PRETRIAL, False
                elif kind in _DECISIONS:
                    if outcome.get((pid, on), _CUSTODIAL) == _CUSTODIAL:
                        status, convicted = _IMPRISONED, True
                    else:
                        status = _RELEASED_STATUS if status in _HELD else status
                        convicted = False
                elif kind == _RELEASED:
                    status = _RELEASE_STATUS.get(release_kind, _RELEASED_STATUS)
                    convicted = False
                elif kind == _LEFT:
                    status = status if status in _HELD else _ABROAD
        covering = self.covering.get(pid)
        if covering is not None:
            period_status = _KIND_STATUS[covering[1]]
            if convicted and period_status in (_PRETRIAL, _RESTRICTED):
                return _IMPRISONED
            return period_status
        if status in _HELD and pid in self.with_periods and pid not in self.open:
            return _RELEASED_STATUS
        return status

    def counted(self) -> Iterator[tuple[PersonRow, str]]:
        """Each person counted on the day with their status; ``self.undated`` afterwards
        holds how many were left out for want of any dated fact."""
        self.undated = 0
        derived = self.derived_status
        if self.present:
            for row in self.persons:
                yield row, row[4] or derived(row[0])
            return
        dated, dated_by = self.dated, self.dated_by
        for row in self.persons:
            pid = row[0]
            if pid in dated_by:
                yield row, derived(pid)
            elif pid not in dated:
                self.undated += 1


def _present(as_of: date | None, today: date | None) -> tuple[date, bool]:
    today = today or _today()
    as_of = as_of or today
    return as_of, as_of >= today


def stats_from_rows(
    persons: Iterable[PersonRow],
    sentences: Iterable[SentenceRow],
    custody: Iterable[CustodyRow],
    events: Iterable[EventRow],
    charges: Iterable[ChargeRow],
    as_of: date | None = None,
    *,
    today: date | None = None,
) -> dict[str, Any]:
    """:func:`habeas.stats.compute_stats` of the persons these rows describe (see the module
    docstring for the rows), as of ``as_of`` (today when None)."""
    as_of, present = _present(as_of, today)
    with paused_gc():
        scan = _Scan(persons, sentences, custody, events, as_of.isoformat(), present)
        articles: dict[int, dict[str, None]] = defaultdict(dict)
        for pid, key in charges:
            articles[pid][key] = None
        return _stats(scan, articles, as_of, present)


def _stats(
    scan: _Scan, articles: dict[int, dict[str, None]], as_of: date, present: bool
) -> dict[str, Any]:
    held = 0
    statuses: list[str] = []
    genders: list[str] = []
    regions: list[str] = []
    births: list[str | None] = []
    keys: list[str] = []
    regimes: list[str] = []
    facilities: list[str] = []
    lengths: dict[str, list[float]] = defaultdict(list)
    all_lengths: list[float] = []
    sentences, facility, none = scan.sentence, scan.facility, {}
    for (pid, gender, birth, region, _stored), status in scan.counted():
        statuses.append(status)
        genders.append(gender)
        regions.append(region)
        births.append(birth)
        mine = articles.get(pid, none)
        if mine:
            keys.extend(mine)
        sentence = sentences.get(pid)
        serving = sentence is not None and not sentence[4] and (sentence[1] > 0 or sentence[2] > 0)
        if serving:
            months = sentence[1] + sentence[2] / 30  # type: ignore[index]
            all_lengths.append(months)
            for key in mine:
                lengths[key].append(months)
        if status in _HELD:
            held += 1
            if status == _IMPRISONED:
                regimes.append((sentence[3] if serving else "") or UNKNOWN)  # type: ignore[index]
            if status in _IN_FACILITY:
                found = facility.get(pid)
                facilities.append(found[1] if found else UNKNOWN)
    thresholds = [t.isoformat() for t in _age_thresholds(as_of)]
    by = {
        "status": Counter(statuses),
        "article": Counter(keys),
        "regime": Counter(regimes),
        "facility": Counter(facilities),
        "gender": Counter(g or UNKNOWN for g in genders),
        "region": Counter(r or UNKNOWN for r in regions),
        "age_band": Counter(
            _BAND_BY_INDEX[bisect_left(thresholds, b)] if b else UNKNOWN for b in births
        ),
    }
    monthly = {
        name: Counter({(int(m[:4]), int(m[5:7])): n for m, n in counter.items()})
        for name, counter in scan.monthly.items()
    }
    return _result(
        as_of, present, len(statuses), held, scan.undated, by, monthly, lengths, all_lengths
    )


def held_from_rows(
    persons: Iterable[PersonRow],
    sentences: Iterable[SentenceRow],
    custody: Iterable[CustodyRow],
    events: Iterable[EventRow],
    day: date,
    *,
    today: date | None = None,
    statuses: Iterable[str] | None = None,
) -> dict[int, str]:
    """:func:`habeas.stats.held_person_ids` of the persons these rows describe: ``{person_id:
    status}`` of those held on ``day`` (or in one of ``statuses``), ordered by id."""
    wanted = frozenset(str(s) for s in statuses) if statuses is not None else _HELD
    day, present = _present(day, today)
    with paused_gc():
        scan = _Scan(persons, sentences, custody, events, day.isoformat(), present)
        found = {row[0]: status for row, status in scan.counted() if status in wanted}
    return dict(sorted(found.items()))
