"""Timelines: validation, ordering, custody periods and the status on any date."""

from __future__ import annotations

from datetime import date

from habeas.law.terms import Term
from habeas.law.timeline import (
    TimelineCustody,
    TimelineEvent,
    custody_periods_from_events,
    derive_status,
    held_on,
    order_events,
    sentence_in_force,
    validate_timeline,
)
from habeas.vocabulary import CustodyKind, EventKind, Status

D, V, A, R = EventKind.DETAINED, EventKind.VERDICT, EventKind.APPEAL, EventKind.RELEASED


def ev(kind: EventKind, on: str, **detail: object) -> TimelineEvent:
    return TimelineEvent(kind, date.fromisoformat(on), detail, id=f"{kind.value}-{on}")


# Detained 25 Jul 2023, sentenced to 5y on 13 Feb 2024, appeal cut it to 4y on 1 Jun 2024,
# released in an exchange on 1 Aug 2024.
CASE = [
    ev(R, "2024-08-01", release_kind="exchange"),
    ev(A, "2024-06-01", term="4y"),
    ev(D, "2023-07-25"),
    ev(V, "2024-02-13", term={"years": 5}, regime="general", articles=["205.2(2)"]),
]


def test_events_are_ordered_by_date_then_natural_order() -> None:
    same_day = [ev(R, "2024-01-01"), ev(V, "2024-01-01"), ev(D, "2024-01-01")]
    assert [e.kind for e in order_events(same_day)] == [D, V, R]
    assert [e.kind for e in order_events(CASE)] == [D, V, A, R]


def test_consistent_timeline_has_no_problems() -> None:
    assert validate_timeline(CASE) == []


def test_verdict_before_arrest_names_both_events() -> None:
    verdict, arrest = ev(V, "2023-01-01", term="2y"), ev(D, "2023-02-01")
    problems = validate_timeline([arrest, verdict])
    assert [(p.code, p.first, p.second) for p in problems] == [
        ("verdict_before_arrest", verdict, arrest)
    ]


def test_appeal_before_verdict() -> None:
    appeal, verdict = ev(A, "2023-01-01"), ev(V, "2023-03-01")
    problems = validate_timeline([ev(D, "2022-12-01"), appeal, verdict])
    assert [(p.code, p.first, p.second) for p in problems] == [
        ("appeal_before_verdict", appeal, verdict)
    ]


def test_custody_event_after_release_and_event_after_death() -> None:
    release, transfer = ev(R, "2024-01-01"), ev(EventKind.TRANSFER, "2024-02-01")
    died, later = (
        ev(EventKind.DIED_IN_CUSTODY, "2024-03-01"),
        ev(EventKind.HUNGER_STRIKE, "2024-04-01"),
    )
    codes = [
        p.code for p in validate_timeline([ev(D, "2023-01-01"), release, transfer, died, later])
    ]
    assert "custody_event_after_release" in codes
    assert "event_after_death" in codes


def test_overlapping_custody_periods() -> None:
    periods = [
        TimelineCustody(CustodyKind.PRETRIAL_DETENTION, date(2023, 1, 1), date(2023, 3, 1)),
        TimelineCustody(CustodyKind.HOUSE_ARREST, date(2023, 2, 1), date(2023, 4, 1)),
    ]
    assert [p.code for p in validate_timeline([], periods)] == ["custody_overlap"]


def test_release_closes_the_custody_period() -> None:
    periods = custody_periods_from_events(CASE)
    assert periods == [
        TimelineCustody(CustodyKind.PRETRIAL_DETENTION, date(2023, 7, 25), date(2024, 8, 1))
    ]


def test_transfer_after_verdict_opens_a_colony_period() -> None:
    events = [*CASE[1:], ev(EventKind.TRANSFER, "2024-07-01")]
    periods = custody_periods_from_events(events)
    assert [p.kind for p in periods] == [CustodyKind.PRETRIAL_DETENTION, CustodyKind.COLONY]
    assert periods[1].end is None


def test_status_over_time() -> None:
    assert derive_status(CASE, as_of=date(2023, 7, 1)) == Status.UNKNOWN
    assert derive_status(CASE, as_of=date(2023, 8, 1)) == Status.PRETRIAL_DETENTION
    assert derive_status(CASE, as_of=date(2024, 3, 1)) == Status.IMPRISONED
    assert derive_status(CASE, as_of=date(2024, 8, 2)) == Status.EXCHANGED
    assert derive_status(CASE) == Status.EXCHANGED


def test_house_arrest_period_decides_the_status() -> None:
    periods = [TimelineCustody(CustodyKind.HOUSE_ARREST, date(2023, 1, 1), date(2023, 6, 1))]
    events = [ev(D, "2023-01-01", custody="house_arrest")]
    assert derive_status(events, periods, date(2023, 3, 1)) == Status.HOUSE_ARREST
    assert derive_status(events, periods, date(2023, 7, 1)) == Status.RELEASED


def test_acquittal_releases() -> None:
    events = [ev(D, "2023-01-01"), ev(V, "2023-06-01", outcome="acquittal")]
    assert derive_status(events, as_of=date(2023, 6, 2)) == Status.RELEASED


def test_death_is_final() -> None:
    events = [ev(D, "2021-01-17"), ev(V, "2021-02-02"), ev(EventKind.DIED_IN_CUSTODY, "2024-02-16")]
    assert derive_status(events, as_of=date(2025, 1, 1)) == Status.DIED


def test_appeal_term_supersedes_the_verdict() -> None:
    sentence = sentence_in_force(CASE)
    assert sentence is not None
    assert sentence.term == Term(4, 0, 0)
    assert sentence.source == EventKind.APPEAL
    # The appeal did not mention regime or articles: the verdict's remain.
    assert sentence.regime == "general"
    assert sentence.articles == ("205.2(2)",)


def test_who_was_held_on_1_march_2024() -> None:
    timelines = {
        "held": (CASE, []),
        "freed": ([ev(D, "2023-01-01"), ev(R, "2023-12-01")], []),
        "later": ([ev(D, "2024-03-02")], []),
        "house": ([ev(D, "2024-02-01", custody="house_arrest")], []),
    }
    assert held_on(timelines, date(2024, 3, 1)) == ["held", "house"]
