"""A person's timeline: events validated and ordered, custody periods derived from them, the
status on any date, and the sentence in force (an appeal's term supersedes the verdict's).

Pure functions over plain dataclasses; the registry turns its rows into ``TimelineEvent``s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from habeas.law.terms import Term
from habeas.vocabulary import CustodyKind, EventKind, ReleaseKind, Status

__all__ = [
    "HELD_STATUSES",
    "SentenceInForce",
    "TimelineCustody",
    "TimelineEvent",
    "TimelineProblem",
    "custody_periods_from_events",
    "derive_status",
    "held_on",
    "order_events",
    "sentence_in_force",
    "validate_timeline",
]

# Order of events on the same day: an arrest comes before a verdict, a release last.
_SAME_DAY_ORDER = {
    EventKind.DETAINED: 0,
    EventKind.CHARGED: 1,
    EventKind.VERDICT: 2,
    EventKind.APPEAL: 3,
    EventKind.CASSATION: 4,
    EventKind.TRANSFER: 5,
    EventKind.PUNISHMENT_CELL: 6,
    EventKind.HUNGER_STRIKE: 7,
    EventKind.HEALTH_EMERGENCY: 8,
    EventKind.RELEASED: 9,
    EventKind.LEFT_COUNTRY: 10,
    EventKind.DIED_IN_CUSTODY: 11,
}
_DECISIONS = {EventKind.VERDICT, EventKind.APPEAL, EventKind.CASSATION}
_IN_CUSTODY_ONLY = {
    EventKind.TRANSFER,
    EventKind.PUNISHMENT_CELL,
    EventKind.DIED_IN_CUSTODY,
}
_KIND_STATUS = {
    CustodyKind.DETENTION_AFTER_ARREST: Status.PRETRIAL_DETENTION,
    CustodyKind.PRETRIAL_DETENTION: Status.PRETRIAL_DETENTION,
    CustodyKind.HOUSE_ARREST: Status.HOUSE_ARREST,
    CustodyKind.BAN_ON_ACTIONS: Status.RESTRICTED,
    CustodyKind.COLONY: Status.IMPRISONED,
    CustodyKind.PRISON: Status.IMPRISONED,
    CustodyKind.STRICT_CONDITIONS: Status.IMPRISONED,
    CustodyKind.COMPULSORY_TREATMENT: Status.COMPULSORY_TREATMENT,
}
_RELEASE_STATUS = {
    ReleaseKind.EXCHANGE: Status.EXCHANGED,
    ReleaseKind.DEPORTATION: Status.ABROAD,
}
# Statuses in which a person is deprived of liberty (house arrest included).
HELD_STATUSES = frozenset(
    {
        Status.PRETRIAL_DETENTION,
        Status.HOUSE_ARREST,
        Status.IMPRISONED,
        Status.COMPULSORY_TREATMENT,
    }
)
_PRETRIAL_STATUSES = {Status.PRETRIAL_DETENTION, Status.HOUSE_ARREST, Status.RESTRICTED}


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event. ``detail`` carries kind-specific facts:

    - DETAINED / TRANSFER: ``custody`` (a CustodyKind value; default pre-trial detention for
      DETAINED, colony for TRANSFER after a verdict)
    - VERDICT / APPEAL / CASSATION: ``term`` (``{"years":..}`` or ``"5y"``), ``regime``,
      ``articles``, ``outcome`` (``custodial`` default, ``acquittal``, ``suspended``,
      ``non_custodial``, ``restriction``)
    - RELEASED: ``release_kind`` (a ReleaseKind value)
    ``id`` is optional and only used to name events in problems.
    """

    kind: EventKind
    on: date
    detail: Mapping[str, Any] = field(default_factory=dict, compare=False)
    id: str | None = None

    def describe(self) -> str:
        """Short description such as ``verdict on 2024-02-13``."""
        name = f" {self.id}" if self.id else ""
        return f"{self.kind.value}{name} on {self.on}"

    @property
    def outcome(self) -> str:
        """For decisions: ``custodial`` unless the detail says otherwise."""
        return str(self.detail.get("outcome", "custodial"))


@dataclass(frozen=True)
class TimelineCustody:
    """A period in custody of one kind; ``end`` None while it lasts (both ends included)."""

    kind: CustodyKind
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls in the period."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class TimelineProblem:
    """A contradiction in a timeline; ``first`` and ``second`` are the events in conflict."""

    code: str
    message: str
    first: TimelineEvent | None = None
    second: TimelineEvent | None = None

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class SentenceInForce:
    """The sentence that counts: the latest decision that set a term (or the outcome)."""

    decided_on: date
    source: EventKind
    outcome: str
    term: Term | None
    regime: str | None
    articles: tuple[str, ...]


def order_events(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
    """Events by date, and on one date in their natural order (arrest, verdict, release)."""
    return sorted(events, key=lambda e: (e.on, _SAME_DAY_ORDER.get(e.kind, 99)))


def validate_timeline(
    events: Iterable[TimelineEvent], custody: Iterable[TimelineCustody] = ()
) -> list[TimelineProblem]:
    """Contradictions in a timeline, each naming the events in conflict: a verdict before the
    arrest, an appeal with no verdict before it, a second release without a new arrest, a
    custody event after release, anything after death, and bad or overlapping custody periods.
    """
    ordered = order_events(events)
    problems: list[TimelineProblem] = []
    detentions = [e for e in ordered if e.kind == EventKind.DETAINED]
    verdicts = [e for e in ordered if e.kind == EventKind.VERDICT]
    if detentions:
        for verdict in verdicts:
            if verdict.on < detentions[0].on and not verdict.detail.get("in_absentia"):
                problems.append(
                    TimelineProblem(
                        "verdict_before_arrest",
                        f"{verdict.describe()} comes before the arrest ({detentions[0].describe()})",
                        verdict,
                        detentions[0],
                    )
                )
    for event in ordered:
        if event.kind in {EventKind.APPEAL, EventKind.CASSATION}:
            earlier = [v for v in verdicts if v.on <= event.on]
            if not earlier:
                later = verdicts[0] if verdicts else None
                what = f" ({later.describe()})" if later else ""
                problems.append(
                    TimelineProblem(
                        "appeal_before_verdict",
                        f"{event.describe()} has no verdict before it{what}",
                        event,
                        later,
                    )
                )
    held = False
    last_release: TimelineEvent | None = None
    death: TimelineEvent | None = None
    for event in ordered:
        if death is not None:
            problems.append(
                TimelineProblem(
                    "event_after_death",
                    f"{event.describe()} comes after death ({death.describe()})",
                    event,
                    death,
                )
            )
            continue
        if event.kind == EventKind.DETAINED:
            held = True
        elif event.kind == EventKind.RELEASED:
            if not held and last_release is not None:
                problems.append(
                    TimelineProblem(
                        "double_release",
                        f"{event.describe()} follows {last_release.describe()} with no arrest "
                        "between",
                        last_release,
                        event,
                    )
                )
            held, last_release = False, event
        elif event.kind in _IN_CUSTODY_ONLY and not held and last_release is not None:
            problems.append(
                TimelineProblem(
                    "custody_event_after_release",
                    f"{event.describe()} comes after {last_release.describe()} with no new arrest",
                    last_release,
                    event,
                )
            )
        if event.kind == EventKind.DIED_IN_CUSTODY:
            death = event
    periods = sorted(custody, key=lambda p: p.start)
    for period in periods:
        if period.end is not None and period.end < period.start:
            problems.append(
                TimelineProblem(
                    "custody_ends_before_start",
                    f"{period.kind.value} custody ends {period.end} before it starts {period.start}",
                )
            )
    for first, second in zip(periods, periods[1:], strict=False):
        if first.end is None or second.start <= first.end:
            problems.append(
                TimelineProblem(
                    "custody_overlap",
                    f"{first.kind.value} custody from {first.start} overlaps "
                    f"{second.kind.value} custody from {second.start}",
                )
            )
    return problems


def custody_periods_from_events(events: Iterable[TimelineEvent]) -> list[TimelineCustody]:
    """Custody periods implied by the events: an arrest opens one, a transfer with a
    ``custody`` kind closes it and opens the next, a release or death closes it."""
    periods: list[TimelineCustody] = []
    current: TimelineCustody | None = None
    convicted = False
    for event in order_events(events):
        if event.kind in _DECISIONS and event.outcome == "custodial":
            convicted = True
        new_kind: CustodyKind | None = None
        if event.kind == EventKind.DETAINED:
            new_kind = CustodyKind(event.detail.get("custody", CustodyKind.PRETRIAL_DETENTION))
            convicted = False
        elif event.kind == EventKind.TRANSFER and current is not None:
            default = CustodyKind.COLONY if convicted else current.kind
            new_kind = CustodyKind(event.detail.get("custody", default))
            if new_kind == current.kind:
                new_kind = None
        if new_kind is not None:
            if current is not None:
                periods.append(TimelineCustody(current.kind, current.start, event.on))
            current = TimelineCustody(new_kind, event.on)
        closes = event.kind in {EventKind.RELEASED, EventKind.DIED_IN_CUSTODY} or (
            event.kind in _DECISIONS and event.outcome in {"acquittal", "suspended"}
        )
        if closes and current is not None:
            periods.append(TimelineCustody(current.kind, current.start, event.on))
            current = None
    if current is not None:
        periods.append(current)
    return periods


def derive_status(
    events: Iterable[TimelineEvent],
    custody: Iterable[TimelineCustody] = (),
    as_of: date | None = None,
) -> Status:
    """The person's status on ``as_of`` (the latest event's date when None): from the events
    up to that day, with a custody period covering the day deciding the kind of custody.

    A person held after a custodial verdict is IMPRISONED even while still in a SIZO."""
    ordered = order_events(events)
    periods = list(custody)
    if as_of is None:
        dates = [e.on for e in ordered] + [p.start for p in periods]
        dates += [p.end for p in periods if p.end is not None]
        if not dates:
            return Status.UNKNOWN
        as_of = max(dates)
    status = Status.UNKNOWN
    convicted = False
    for event in ordered:
        if event.on > as_of:
            break
        status, convicted = _apply(event, status, convicted)
        if status == Status.DIED:
            return status
    covering = [p for p in periods if p.covers(as_of)]
    if covering:
        period_status = _KIND_STATUS[covering[-1].kind]
        if convicted and period_status in _PRETRIAL_STATUSES - {Status.HOUSE_ARREST}:
            return Status.IMPRISONED
        return period_status
    if (
        periods
        and status in HELD_STATUSES
        and all(p.end is not None and p.end < as_of for p in periods)
    ):
        # Custody periods were given and all ended before the day: the person was out.
        return Status.RELEASED
    return status


def _apply(event: TimelineEvent, status: Status, convicted: bool) -> tuple[Status, bool]:
    kind = event.kind
    if kind == EventKind.DIED_IN_CUSTODY:
        return Status.DIED, convicted
    if kind == EventKind.DETAINED:
        custody = CustodyKind(event.detail.get("custody", CustodyKind.PRETRIAL_DETENTION))
        return _KIND_STATUS[custody], False
    if kind in _DECISIONS:
        outcome = event.outcome
        if outcome == "custodial":
            if status in HELD_STATUSES - {Status.HOUSE_ARREST} or status == Status.UNKNOWN:
                return Status.IMPRISONED, True
            # Sentenced while free or under house arrest: taken into custody in court.
            return Status.IMPRISONED, True
        if outcome == "acquittal" or (outcome == "suspended" and status in HELD_STATUSES):
            return Status.RELEASED, False
        if outcome == "restriction":
            return Status.RESTRICTED, False
        if outcome in {"non_custodial", "suspended"}:
            return (Status.RELEASED if status in HELD_STATUSES else status), False
        return status, convicted
    if kind == EventKind.TRANSFER:
        custody = event.detail.get("custody")
        if custody is not None:
            mapped = _KIND_STATUS[CustodyKind(custody)]
            if convicted and mapped == Status.PRETRIAL_DETENTION:
                return Status.IMPRISONED, convicted
            return mapped, convicted
        return status, convicted
    if kind == EventKind.RELEASED:
        release = event.detail.get("release_kind")
        mapped = _RELEASE_STATUS.get(ReleaseKind(release)) if release else None
        return mapped or Status.RELEASED, False
    if kind == EventKind.LEFT_COUNTRY:
        return (status if status in HELD_STATUSES else Status.ABROAD), convicted
    return status, convicted


def sentence_in_force(events: Iterable[TimelineEvent]) -> SentenceInForce | None:
    """The latest verdict, appeal or cassation decision; a decision without a term keeps the
    previous term (an appeal that only changes the regime), a new term supersedes it."""
    current: SentenceInForce | None = None
    for event in order_events(events):
        if event.kind not in _DECISIONS:
            continue
        if event.kind == EventKind.DETAINED:
            continue
        raw_term = event.detail.get("term")
        term = Term.from_value(raw_term) if raw_term else (current.term if current else None)
        regime = event.detail.get("regime") or (current.regime if current else None)
        articles = event.detail.get("articles") or (current.articles if current else ())
        if isinstance(articles, str):
            articles = (articles,)
        current = SentenceInForce(
            decided_on=event.on,
            source=event.kind,
            outcome=event.outcome,
            term=term if event.outcome not in {"acquittal"} else None,
            regime=str(regime) if regime else None,
            articles=tuple(str(a) for a in articles),
        )
    return current


def held_on(
    timelines: Mapping[Any, tuple[Sequence[TimelineEvent], Sequence[TimelineCustody]]],
    day: date,
    statuses: frozenset[Status] = HELD_STATUSES,
) -> list[Any]:
    """The keys of the people whose status on ``day`` is one of ``statuses`` (deprived of
    liberty by default): "who was held on 1 March 2024?"."""
    return [
        key
        for key, (events, custody) in timelines.items()
        if derive_status(events, custody, day) in statuses
    ]
