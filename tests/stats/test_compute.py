"""habeas.stats on five hand-made people; every expected number is worked out in the comments."""

from __future__ import annotations

from datetime import date

import pytest

from habeas.stats import (
    CustodyFact,
    EventFact,
    PersonFacts,
    SentenceFact,
    age_band,
    compute_stats,
    held_person_ids,
)

TODAY = date(2026, 11, 26)
PAST = date(2024, 3, 1)


def people() -> list[PersonFacts]:
    """A: sentenced 2023 (5y strict, colony IK-1); B: in a SIZO since 2023 (17 on 2024-03-01);
    C: suspended sentence and release in 2021; D: no dated fact at all; E: house arrest."""
    a = PersonFacts(
        1,
        "male",
        date(1990, 5, 10),
        "Москва",
        "imprisoned",
        ("205.2",),
        (SentenceFact(date(2023, 1, 20), 60, 0, "strict"),),
        (EventFact("detained", date(2022, 1, 10)), EventFact("verdict", date(2023, 1, 20))),
        (
            CustodyFact("pretrial_detention", date(2022, 1, 10), date(2023, 1, 20)),
            CustodyFact("colony", date(2023, 1, 20), None, "IK-1"),
        ),
    )
    b = PersonFacts(
        2,
        "female",
        date(2007, 3, 1),
        "Пермский край",
        "pretrial_detention",
        ("207.3", "280.3", "207.3"),  # a repeated article counts once
        (),
        (EventFact("detained", date(2023, 6, 5)),),
        (CustodyFact("pretrial_detention", date(2023, 6, 5), None, "SIZO-1"),),
    )
    c = PersonFacts(
        3,
        "male",
        None,
        "",
        "released",
        ("207.3",),
        (SentenceFact(date(2021, 9, 1), 24, 0, "general", suspended=True),),
        (
            EventFact("detained", date(2021, 2, 1)),
            EventFact("verdict", date(2021, 9, 1)),
            EventFact("released", date(2021, 9, 1), "other"),
        ),
        (CustodyFact("pretrial_detention", date(2021, 2, 1), date(2021, 9, 1)),),
    )
    d = PersonFacts(4, "", None, "", "died")
    e = PersonFacts(
        5,
        "",
        date(1958, 12, 1),
        "",
        "house_arrest",
        (),
        (),
        (EventFact("detained", date(2022, 12, 1)),),
        (CustodyFact("house_arrest", date(2022, 12, 1)),),
    )
    return [a, b, c, d, e]


def test_a_past_date_uses_each_timeline_and_leaves_out_the_undated():
    stats = compute_stats(people(), PAST, today=TODAY)
    assert (stats["as_of"], stats["present"]) == ("2024-03-01", False)
    # D has no dated fact; the other four have one before 2024-03-01.
    assert (stats["persons"], stats["undated_left_out"]) == (4, 1)
    # A: custodial verdict, colony period covers the day; B: SIZO; C: suspended sentence and
    # released in 2021; E: house arrest. Held: A, B, E.
    assert stats["by_status"] == {
        "house_arrest": 1,
        "imprisoned": 1,
        "pretrial_detention": 1,
        "released": 1,
    }
    assert stats["held"] == 3
    assert stats["by_regime"] == {"strict": 1}
    # House arrest is not a facility: A in IK-1, B in SIZO-1.
    assert stats["by_facility"] == {"IK-1": 1, "SIZO-1": 1}
    assert stats["by_gender"] == {"male": 2, "female": 1, "unknown": 1}
    assert stats["by_region"] == {"Москва": 1, "Пермский край": 1, "unknown": 2}
    assert stats["by_article"] == {"207.3": 2, "205.2": 1, "280.3": 1}
    # A 33, B turns 17 that very day, C no birth date, E 65 since 2023-12-01.
    assert stats["by_age_band"] == {"65+": 1, "25-34": 1, "under 18": 1, "unknown": 1}


def test_sentence_lengths_count_custodial_sentences_in_force():
    stats = compute_stats(people(), PAST, today=TODAY)
    # Only A's 5 years; C's sentence was suspended.
    expected = {"persons": 1, "mean": 60.0, "median": 60.0, "min": 60.0, "max": 60.0}
    assert stats["sentence_months"] == expected
    assert stats["sentence_months_by_article"] == {"205.2": expected}


def test_monthly_series_run_from_the_first_month_to_the_day():
    monthly = compute_stats(people(), PAST, today=TODAY)["monthly"]
    # 2021-02 .. 2024-03: 11 + 12 + 12 + 3 months.
    assert len(monthly) == 38
    assert (monthly[0]["month"], monthly[-1]["month"]) == ("2021-02", "2024-03")
    rows = {m["month"]: m for m in monthly}
    arrests = {k for k, m in rows.items() if m["new_cases"]}
    assert arrests == {"2021-02", "2022-01", "2022-12", "2023-06"}
    assert {k for k, m in rows.items() if m["verdicts"]} == {"2021-09", "2023-01"}
    assert {k for k, m in rows.items() if m["releases"]} == {"2021-09"}
    assert sum(m["new_cases"] for m in monthly) == 4


def test_an_earlier_date_counts_only_who_was_known_then():
    stats = compute_stats(people(), date(2022, 6, 1), today=TODAY)
    # A arrested 2022-01-10 (pre-trial), C released in 2021; B and E come later, D undated.
    assert stats["persons"] == 2
    assert stats["by_status"] == {"pretrial_detention": 1, "released": 1}
    assert stats["by_regime"] == {}
    assert stats["by_facility"] == {"unknown": 1}  # A's pre-trial period names no facility


def test_the_present_uses_the_registrys_status_for_everyone():
    stats = compute_stats(people(), TODAY, today=TODAY)
    assert stats["present"] is True
    assert (stats["persons"], stats["held"], stats["undated_left_out"]) == (5, 3, 0)
    assert stats["by_status"]["died"] == 1
    assert stats["by_facility"] == {"IK-1": 1, "SIZO-1": 1}
    assert compute_stats(people(), today=TODAY)["as_of"] == "2026-11-26"


def test_a_person_never_arrested_is_a_new_case_at_the_first_verdict():
    fined = PersonFacts(
        9,
        status="released",
        sentences=(SentenceFact(date(2024, 5, 2), 0, 0, ""),),
        events=(EventFact("verdict", date(2024, 5, 2)),),
    )
    stats = compute_stats([fined], date(2024, 6, 30), today=TODAY)
    assert stats["monthly"][0] == {
        "month": "2024-05",
        "new_cases": 1,
        "verdicts": 1,
        "releases": 0,
    }
    # A verdict with no term is not custodial: the timeline (no arrest) gives no status,
    # there is no regime and no sentence length.
    assert stats["by_status"] == {"unknown": 1}
    assert (stats["held"], stats["by_regime"]) == (0, {})
    assert stats["sentence_months"] is None


def test_held_person_ids_answers_who_was_held_on_a_day():
    assert held_person_ids(people(), PAST, today=TODAY) == {
        1: "imprisoned",
        2: "pretrial_detention",
        5: "house_arrest",
    }
    assert held_person_ids(people(), PAST, today=TODAY, statuses=["released"]) == {3: "released"}
    # 2021-06-01: only C (pre-trial) was held.
    assert held_person_ids(people(), date(2021, 6, 1), today=TODAY) == {3: "pretrial_detention"}


@pytest.mark.parametrize(
    ("birth", "on", "band"),
    [
        (date(2007, 3, 1), date(2024, 3, 1), "under 18"),  # 17 on the birthday
        (date(2006, 3, 1), date(2024, 3, 1), "18-24"),  # 18 on the birthday
        (date(2006, 3, 2), date(2024, 3, 1), "under 18"),  # 18 the next day
        (date(1959, 3, 1), date(2024, 2, 29), "55-64"),  # 65 only on 1 March
        (date(1959, 2, 28), date(2024, 2, 29), "65+"),
        (None, date(2024, 3, 1), "unknown"),
        (date(2030, 1, 1), date(2024, 3, 1), "unknown"),
    ],
)
def test_age_bands_at_the_edges(birth, on, band):
    assert age_band(birth, on) == band
    # The fast path inside compute_stats agrees with age_band.
    person = PersonFacts(1, birth_date=birth, status="imprisoned")
    stats = compute_stats([person], on, today=on)
    assert stats["by_age_band"] == {band: 1}
