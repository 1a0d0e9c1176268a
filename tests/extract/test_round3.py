"""The round-3 rules, each on an invented text (not taken from the evaluation cases).

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habeas.extract import Role, extract_text
from habeas.extract.dates import classify_dates
from habeas.extract.institutions import find_facilities
from habeas.extract.terms import find_terms
from tests.extract.helpers import person


def names(result, role=Role.DEFENDANT):
    return sorted(p.name for p in result.persons if p.role is role)


def test_prison_part_then_colony_records_the_colony_regime() -> None:
    r = extract_text(
        "Суд приговорил Тараса Ведерникова к 15 годам. Первые три года он проведёт в тюрьме, "
        "остальной срок — в колонии строгого режима.",
        lang="ru",
    )
    assert person(r, "Тарас Ведерников").sentence.regime == "strict"


def test_prison_alone_is_still_the_prison_regime() -> None:
    facts = find_terms(
        "Суд назначил ему 12 лет с отбыванием первых двух лет в тюрьме.", 0, 62, "ru"
    )
    assert [f.value for f in facts if f.kind == "regime"] == ["prison"]


def test_fraction_of_a_year_in_english() -> None:
    r = extract_text("A court sentenced Oleg Varganov to 9 1/2 years in a strict-regime colony.")
    d = person(r, "Oleg Varganov")
    assert (d.sentence.years, d.sentence.months) == (9, 6)


def test_fine_after_the_name_in_english() -> None:
    r = extract_text(
        "A court in Tula fined Irina Belkina, a 60-year-old teacher, 90,000 roubles for "
        "discrediting the army."
    )
    assert person(r, "Irina Belkina").sentence.fine == 90_000


def test_fine_after_an_age_in_russian() -> None:
    r = extract_text(
        "Суд оштрафовал 58-летнюю пенсионерку Нину Сорокину на 2 млн рублей.", lang="ru"
    )
    assert person(r, "Нина Сорокина").sentence.fine == 2_000_000


def test_term_asked_with_an_infinitive_is_a_request() -> None:
    r = extract_text(
        "Суд оштрафовал Петра Лаврова на 100 тысяч рублей. Прокурор просил приговорить "
        "Лаврова к двум годам колонии общего режима.",
        lang="ru",
    )
    d = person(r, "Пётр Лавров")
    assert d.sentence.years is None and d.sentence.regime is None
    assert d.sentence.fine == 100_000


@pytest.mark.parametrize(
    ("text", "facility_key"),
    [
        ("Его поместили в тульский СИЗО-1.", "тульский"),
        ("Он находится в СИЗО-2 Самары.", "Самары"),
        ("Её перевели в СИЗО-3 по Ростовской области.", "Ростовской"),
    ],
)
def test_facility_keeps_its_town(text: str, facility_key: str) -> None:
    (fact,) = find_facilities(text, "ru")
    assert facility_key in fact.value


def test_facility_does_not_swallow_a_following_name() -> None:
    (fact,) = find_facilities("В СИЗО-1 Сергей Петров провёл год.", "ru")
    assert fact.value == "СИЗО-1"


def test_one_verdict_date_for_defendants_named_later() -> None:
    r = extract_text(
        "Ленинский районный суд Уфы 3 марта вынес приговор двум активистам. Суд приговорил "
        "Ильдара Галеева и Тимура Ахметова к трём и двум годам колонии соответственно.",
        lang="ru",
        published=date(2025, 3, 5),
    )
    assert {p.dates["verdict"] for p in r.persons} == {date(2025, 3, 3)}


def test_verdict_date_given_once_for_two_sentences() -> None:
    r = extract_text(
        "Тверской областной суд 12 мая приговорил Олега Сизова к 14 годам колонии строгого "
        "режима. Его коллегу Ирину Зотову суд признал виновной и назначил ей три года колонии "
        "общего режима.",
        lang="ru",
        published=date(2025, 5, 14),
    )
    assert person(r, "Ирина Зотова").dates["verdict"] == date(2025, 5, 12)


def test_korean_surname_after_a_given_name() -> None:
    r = extract_text("Суд приговорил Елену Ким и Артура Цоя к двум годам условно.", lang="ru")
    assert names(r) == ["Артур Цой", "Елена Ким"]


def test_names_coordinated_before_each_are_all_defendants() -> None:
    r = extract_text(
        "Pavel Sokolov and Dmitry Lukin were given four years each. Ruslan Gazin got three years."
    )
    assert names(r) == ["Dmitry Lukin", "Pavel Sokolov", "Ruslan Gazin"]
    assert person(r, "Pavel Sokolov").sentence.years == 4


def test_all_three_reaches_every_defendant_named_so_far() -> None:
    r = extract_text(
        "Nikita Orlov received five years; Pyotr Belov and Ivan Zuev were given four years each. "
        "All three will serve their sentences in strict-regime colonies."
    )
    assert {p.sentence.regime for p in r.persons} == {"strict"}


def test_official_with_a_rank_is_not_the_defendant() -> None:
    r = extract_text(
        "The court sentenced the defendant to 10 years in a strict-regime colony. The "
        "prosecution was represented by military prosecutor Major of Justice Anton Surikov."
    )
    assert names(r) == []
    assert person(r, "Anton Surikov").role is Role.OFFICIAL


def test_state_prosecutor_in_russian() -> None:
    r = extract_text(
        "Суд оштрафовал Веру Лапину на 300 тысяч рублей. Государственный обвинитель Олег "
        "Дронов просил для неё реальный срок.",
        lang="ru",
    )
    assert person(r, "Олег Дронов").role is Role.OFFICIAL
    assert names(r) == ["Вера Лапина"]


@pytest.mark.parametrize(
    ("text", "witness"),
    [
        (
            "Rita Volkova was sentenced to two years. A colleague, Boris Titov, who had filmed "
            "the lesson, testified against her.",
            "Boris Titov",
        ),
        (
            "Rita Volkova was sentenced to two years. Police officer Boris Titov testified "
            "that she had resisted.",
            "Boris Titov",
        ),
        (
            "Риту Волкову приговорили к двум годам. Её сосед, Борис Титов, снял видео; в суде он "
            "выступил свидетелем обвинения.",
            "Борис Титов",
        ),
        (
            "Риту Волкову приговорили к двум годам. Свидетель обвинения, вахтёр Борис Титов, "
            "ничего не видел.",
            "Борис Титов",
        ),
    ],
)
def test_witness_by_predicate_or_apposition(text: str, witness: str) -> None:
    r = extract_text(text)
    assert person(r, witness).role is Role.WITNESS


def test_vague_court_takes_the_full_name_given_later() -> None:
    r = extract_text(
        "A court in Omsk on Friday sentenced Anna Sedova to three years in a general-regime "
        "colony. Judge Pavel Orlov of the Kuibyshevsky District Court read the verdict.",
        published=date(2025, 4, 12),
    )
    court = person(r, "Anna Sedova").court
    assert "Kuibyshevsky District Court" in court and "Omsk" in court


def test_court_that_only_banned_an_organisation_is_not_the_verdict_court() -> None:
    r = extract_text(
        "Курский областной суд приговорил Андрея Грачёва к шести годам колонии общего режима "
        "за участие в «Свидетелях Иеговы». В 2017 году Верховный суд запретил организацию.",
        lang="ru",
    )
    assert person(r, "Андрей Грачёв").court == "Курский областной суд"


def test_in_absentia_needs_a_verdict_cue() -> None:
    r = extract_text(
        "Суд приговорил Степана Юдина к году колонии-поселения. Юдин продолжает учиться "
        "заочно и готовит апелляцию.",
        lang="ru",
    )
    assert person(r, "Степан Юдин").sentence.in_absentia is False


def test_suspended_sentence_asked_for_is_not_given() -> None:
    r = extract_text(
        "Суд приговорил Романа Осипова к трём годам колонии общего режима. Защита будет "
        "обжаловать приговор, добиваясь условного срока.",
        lang="ru",
    )
    assert person(r, "Роман Осипов").sentence.suspended is False


def test_request_to_increase_on_appeal_is_not_a_change() -> None:
    r = extract_text(
        "The appeals court upheld the five-year sentence of Lev Markin. The prosecutors had "
        "asked the appeals court to increase the term to six years."
    )
    kinds = [c.kind.value for c in person(r, "Lev Markin").changes]
    assert "increased_on_appeal" not in kinds


def test_first_charge_replaced_later_is_dropped() -> None:
    r = extract_text(
        "Суд приговорил Олесю Фомину к трём годам колонии общего режима по ст. 275.1 УК. "
        "Изначально её обвиняли в госизмене, но обвинение переквалифицировали.",
        lang="ru",
    )
    assert person(r, "Олеся Фомина").articles == ["275.1"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2025, 6, 13), date(2025, 6, 6)),  # Friday: last week's Friday
        (date(2025, 6, 16), date(2025, 6, 10)),  # Monday: last week's Tuesday
    ],
)
def test_last_weekday_is_in_the_previous_week(published: date, expected: date) -> None:
    weekday = "пятницу" if published.weekday() == 4 else "вторник"
    text = f"Суд в прошлую {weekday} приговорил его."
    if weekday == "вторник":
        text = "Суд в прошлый вторник приговорил его."
    facts = classify_dates(text, 0, len(text), "ru", published)
    assert [f.value for f in facts] == [("verdict", expected)]


def test_dateline_and_said_on_are_not_event_dates() -> None:
    text = "MOSCOW, May 9 - A court on Thursday sentenced him, the press service said on Friday."
    facts = classify_dates(text, 0, len(text), "en", date(2025, 5, 9))
    assert [f.value for f in facts] == [("verdict", date(2025, 5, 8))]


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=30), st.sampled_from(["1/2", "½"]))
def test_fraction_terms_parse_for_any_number_of_years(years: int, half: str) -> None:
    text = f"He was sentenced to {years} {half} years in a general-regime colony."
    terms = [f.value for f in find_terms(text, 0, len(text), "en") if f.kind == "term"]
    assert [(t.years, t.months) for t in terms] == [(years, 6)]
