"""The plain per-person facts statistics are computed from, and what they say on a date.

``PersonFacts`` carries what the registry knows of one person (no Django): the stated current
status, gender, birth date, region, articles, sentences, dated events and custody periods. The
status on a past date comes from the dated timeline through
:func:`habeas.law.timeline.derive_status`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from habeas.law.timeline import TimelineCustody, TimelineEvent, derive_status
from habeas.vocabulary import CustodyKind, EventKind, Status

__all__ = ["CustodyFact", "EventFact", "PersonFacts", "SentenceFact", "custodial", "term_months"]

_DECISIONS = {EventKind.VERDICT.value, EventKind.APPEAL.value, EventKind.CASSATION.value}
# Code → member lookups (much cheaper than calling the enum for every row).
_EVENT_KINDS = {kind.value: kind for kind in EventKind}
_CUSTODY_KINDS = {kind.value: kind for kind in CustodyKind}
_NOT_YET = date.max


# The three kinds of fact are named tuples; plain tuples of the same layout work as well (the
# registry loader builds plain ones, several times cheaper), so the code below indexes them.


class EventFact(NamedTuple):
    """A dated event: ``kind`` an EventKind value, ``release_kind`` for releases."""

    kind: str
    on: date
    release_kind: str = ""


class CustodyFact(NamedTuple):
    """A custody period (both ends included; ``end`` None while it lasts) and its facility."""

    kind: str
    start: date
    end: date | None = None
    facility: str = ""


class SentenceFact(NamedTuple):
    """A sentence as a verdict states it. ``on`` None when the verdict date is unknown."""

    on: date | None
    months: int = 0
    days: int = 0
    regime: str = ""
    suspended: bool = False


def custodial(sentence: tuple) -> bool:
    """Whether a :class:`SentenceFact` is a real term of imprisonment (not suspended, not 0)."""
    return not sentence[4] and (sentence[1] > 0 or sentence[2] > 0)


def term_months(sentence: tuple) -> float:
    """A :class:`SentenceFact`'s term in months, days counted as thirtieths of a month."""
    return sentence[1] + sentence[2] / 30


@dataclass(slots=True)
class PersonFacts:
    """What the statistics need to know about one person.

    ``status`` is the registry's current status (derived from every source, including
    statuses stated without a date, such as "died"); ``articles`` are keys such as ``205.2``
    (other countries' codes are prefixed, ``BY-UK 361-1``); a repeated one counts once.
    """

    person_id: int
    gender: str = ""
    birth_date: date | None = None
    region: str = ""
    status: str = ""
    articles: tuple[str, ...] = ()
    sentences: tuple[SentenceFact, ...] = ()
    events: tuple[EventFact, ...] = ()
    custody: tuple[CustodyFact, ...] = ()
    _timeline: tuple[list[TimelineEvent], list[TimelineCustody]] | None = field(
        default=None, repr=False, compare=False
    )
    _first: date | None = field(default=_NOT_YET, repr=False, compare=False)

    @property
    def first_date(self) -> date | None:
        """The earliest dated fact (event, custody start or verdict), None if none is dated."""
        if self._first is _NOT_YET:
            dates = [e[1] for e in self.events] + [c[1] for c in self.custody]
            dates += [s[0] for s in self.sentences if s[0] is not None]
            self._first = min(dates) if dates else None
        return self._first

    def timeline(self) -> tuple[list[TimelineEvent], list[TimelineCustody]]:
        """The events and custody periods in :mod:`habeas.law.timeline` form (built once).

        A verdict is custodial when a sentence of that day is; a suspended or zero-term one
        makes it ``suspended`` or ``non_custodial``. Periods are ordered by start, so a colony
        period starting on the verdict day wins over the pre-trial one ending that day."""
        if self._timeline is None:
            by_day = {s[0]: s for s in self.sentences if s[0] is not None}
            events = []
            for event in self.events:
                kind = _EVENT_KINDS.get(event[0])
                if kind is None:
                    continue
                on = event[1]
                detail: dict[str, str] = {}
                if kind in _DECISIONS and on in by_day:
                    sentence = by_day[on]
                    if sentence[4]:
                        detail["outcome"] = "suspended"
                    elif not custodial(sentence):
                        detail["outcome"] = "non_custodial"
                elif kind == EventKind.RELEASED and len(event) > 2 and event[2]:
                    detail["release_kind"] = event[2]
                events.append(TimelineEvent(kind, on, detail))
            periods = sorted(
                (
                    TimelineCustody(_CUSTODY_KINDS[c[0]], c[1], c[2])
                    for c in self.custody
                    if c[0] in _CUSTODY_KINDS
                ),
                key=lambda p: (p.start, p.end or date.max),
            )
            self._timeline = (events, periods)
        return self._timeline

    def status_on(self, day: date) -> Status:
        """The status on ``day`` derived from the dated timeline (UNKNOWN before any fact)."""
        events, periods = self.timeline()
        if not events and not periods:
            return Status.UNKNOWN
        return derive_status(events, periods, day)

    def sentence_on(self, day: date) -> SentenceFact | None:
        """The sentence in force on ``day``: the latest one decided by then (an undated
        sentence counts as the earliest)."""
        current: SentenceFact | None = None
        for sentence in sorted(self.sentences, key=lambda s: s[0] or date.min):
            if sentence[0] is not None and sentence[0] > day:
                break
            current = sentence
        return current

    def facility_on(self, day: date) -> str:
        """The facility of the custody period covering ``day`` (the latest-starting one with a
        facility), or ``""``."""
        found = ""
        for _kind, start, end, facility in sorted(self.custody, key=lambda c: c[1]):
            if facility and start <= day and (end is None or day <= end):
                found = facility
        return found
