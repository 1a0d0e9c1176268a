"""Statistics and the sentence of a person, read from a registry built by the importer.

The list is tests/conftest.py's three rows:
  m-1 Kagarlitsky: 205.2(2), 5y general, detained 2023-07-25, verdict 2024-02-13, IK-4
  m-2 Smirnova:    207.3(2); 280.3, 6y6m general, detained 2022-05-10, verdict 2023-03-01
  m-3 Orlov:       280.3(1), pre-trial in SIZO-1 since 2024-01-15
"""

from __future__ import annotations

from datetime import date

import pytest

from habeas.apps.cases.models import Sentence
from habeas.apps.cases.sentence import InsufficientData, compute_for_person, spec_for_person
from habeas.apps.cases.statistics import held_on, load_person_facts, registry_statistics
from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import Person
from habeas.apps.registry.queries import PersonNotFound, registry_summary

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


@pytest.fixture
def ids(list_file) -> dict[str, int]:
    import_file(list_file(), source="Memorial", today=TODAY)
    return {key: Person.objects.get(records__source_key=key).pk for key in ("m-1", "m-2", "m-3")}


def test_facts_are_loaded_with_their_timeline(ids):
    facts = {p.person_id: p for p in load_person_facts()}
    k = facts[ids["m-1"]]
    assert (k.gender, k.birth_date, k.region, k.status) == (
        "male",
        date(1958, 8, 29),
        "Москва",
        "imprisoned",
    )
    assert k.articles == ("205.2",)
    assert k.sentences == ((date(2024, 2, 13), 60, 0, "general", False),)
    assert sorted(k.events) == [
        ("detained", date(2023, 7, 25), ""),
        ("verdict", date(2024, 2, 13), ""),
    ]
    assert facts[ids["m-2"]].articles == ("207.3", "280.3")


def test_the_present_agrees_with_the_registry_summary(ids):
    stats = registry_statistics(today=TODAY)
    summary = registry_summary()
    assert stats["by_status"] == summary["by_status"] == {"imprisoned": 2, "pretrial_detention": 1}
    assert stats["persons"] == stats["registry_persons"] == 3
    assert (stats["source_records"], stats["imports"]) == (3, 1)
    assert stats["top_articles"] == {"280.3": 2, "205.2": 1, "207.3": 1}
    assert stats["by_regime"] == {"general": 2}
    # Smirnova's row names no facility; the two others name theirs.
    assert stats["by_facility"] == {
        "ИК-4 УФСИН России по Тверской области": 1,
        "СИЗО-1 УФСИН России по Пермскому краю": 1,
        "unknown": 1,
    }
    # 5y = 60 months (Kagarlitsky), 6y6m = 78 months (Smirnova).
    assert stats["sentence_months"] == {
        "persons": 2,
        "mean": 69.0,
        "median": 69.0,
        "min": 60.0,
        "max": 78.0,
    }
    assert stats["sentence_months_by_article"]["280.3"]["persons"] == 1


def test_a_past_date_counts_who_was_known_and_their_status_then(ids):
    stats = registry_statistics(date(2023, 1, 1), today=TODAY)
    # Only Smirnova had been arrested (2022-05-10); her verdict came on 2023-03-01.
    assert (stats["as_of"], stats["persons"]) == ("2023-01-01", 1)
    assert stats["by_status"] == {"pretrial_detention": 1}
    assert stats["by_age_band"] == {"25-34": 1}  # born 1990 (year only): 32


def test_who_was_held_on_a_day(ids):
    # On 2024-03-01 all three: two after their verdicts, Orlov in a SIZO since 2024-01-15.
    assert held_on(date(2024, 3, 1), today=TODAY) == {
        ids["m-1"]: "imprisoned",
        ids["m-2"]: "imprisoned",
        ids["m-3"]: "pretrial_detention",
    }
    # On 2023-08-01 Kagarlitsky awaited trial, Smirnova was sentenced, Orlov still free.
    assert held_on(date(2023, 8, 1), today=TODAY) == {
        ids["m-1"]: "pretrial_detention",
        ids["m-2"]: "imprisoned",
    }
    assert held_on(date(2023, 8, 1), today=TODAY, statuses=["imprisoned"]) == {
        ids["m-2"]: "imprisoned"
    }


def test_kagarlitsky_worked_example(ids):
    """5 years general regime from the verdict date 2024-02-13 under 205.2(2).

    UK RF art. 72 pt 3.2 lists 205.2: custody is credited day for day. Pre-trial custody
    2023-07-25 .. 2024-02-12 = 7 + 31 + 30 + 31 + 30 + 31 + 31 + 12 = 203 days.
    Term end (UIK RF art. 173): 2024-02-13 + 5 years = 2029-02-13.
    Release: 2029-02-13 - 203 days = 2028-07-25 (13 + 31 + 31 + 30 + 31 + 30 + 31 + 6 = 203),
    a Tuesday (1 January 2028 is a Saturday; 25 July is day 207: 206 days later, 206 = 7*29 + 3).
    Parole (art. 79 pt 3(d), 205.2: 3/4): 3/4 of 60 months = 45 months, 2024-02-13 + 45 months
    = 2027-11-13, minus 203 credited days = 2027-04-24 (6 + 31 + 30 + 31 + 31 + 30 + 31 + 13).
    """
    built, result = compute_for_person(ids["m-1"], date(2025, 1, 1))
    assert built.spec.term_start == date(2024, 2, 13)
    assert [str(r) for r in built.spec.articles] == ["RU-UK 205.2(2)"]
    assert [(p.start, p.end) for p in built.spec.custody] == [
        (date(2023, 7, 25), date(2024, 2, 13))
    ]
    assert result.credited_days == 203
    assert result.term_end == date(2029, 2, 13)
    assert result.release_date == date(2028, 7, 25)
    assert result.parole_eligible_on == date(2027, 4, 24)
    # As of 2025-01-01: 203 credited days plus the 323 days from 2024-02-13 (16 in February,
    # 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 306 from March to December, 1).
    assert result.served_days == 526
    first, second = result.steps[0], result.steps[1]
    assert "Sentence in force" in first.text and "Memorial" in first.text
    assert "verdict date" in second.text and second.uncertain


def test_an_appeal_changes_the_first_instance_sentence(ids):
    first = Sentence.objects.get(case__person_id=ids["m-2"])
    Sentence.objects.create(
        case=first.case,
        stage=Sentence.Stage.APPEAL,
        verdict_on=date(2023, 6, 1),
        term_years=5,
        regime="general",
        supersedes=first,
    )
    built, result = compute_for_person(ids["m-2"], date(2025, 1, 1))
    assert built.spec.term_start == date(2023, 3, 1)
    assert built.spec.appeal is not None and built.spec.appeal.on == date(2023, 6, 1)
    assert result.term.years == 5 and result.term.months == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"suspended": True}, "suspended"),
        ({"regime": ""}, "no regime"),
        ({"term_years": 0, "term_months": 0}, "no custodial term"),
        ({"verdict_on": None}, "no sentence with a verdict date"),
    ],
)
def test_missing_facts_are_named(ids, change, message):
    Sentence.objects.filter(case__person_id=ids["m-1"]).update(**change)
    with pytest.raises(InsufficientData, match=message):
        spec_for_person(ids["m-1"])


def test_no_sentence_and_no_person(ids):
    with pytest.raises(InsufficientData, match="no sentence"):
        spec_for_person(ids["m-3"])
    with pytest.raises(PersonNotFound):
        spec_for_person(10**9)
