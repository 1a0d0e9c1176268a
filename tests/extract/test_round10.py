"""Round 10: the families behind the ``heldout16`` and ``heldout17`` misses, each on invented
sentences in several wordings (none taken from an evaluation case): an age in apposition
read as a term, a term written «4 г.» before the kind of penalty, a feared span ("would not
last even a year") read as a term, an earlier sentence still being served read as the new
one, an offence wording that tells the act while the bracket after it cites the charge, a
call to "sabotage the mobilisation" read as sabotage, and a background sentence on how such
cases used to be prosecuted.

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

import pytest

from tests.extract.helpers import person, run

# --- terms ---


@pytest.mark.parametrize(
    ("text", "name", "years", "months"),
    [
        (
            "Мария Захарова, 52 года, признана виновной по ч. 1 ст. 207.3 УК. Ей назначили "
            "три года колонии общего режима.",
            "Мария Захарова",
            3,
            None,
        ),
        (
            "Суд приговорил Олега Смирнова (27 лет) к шести годам колонии строгого режима по "
            "ч. 2 ст. 205.2 УК.",
            "Олег Смирнов",
            6,
            None,
        ),
        (
            "Салавата Гарипова, 61 год, осудили по ч. 2 ст. 212 УК и назначили 2 г. 6 мес. "
            "колонии общего режима.",
            "Салават Гарипов",
            2,
            6,
        ),
    ],
)
def test_ru_age_in_apposition_is_no_term(
    text: str, name: str, years: int, months: int | None
) -> None:
    s = person(run(text), name).sentence
    assert (s.years, s.months) == (years, months)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Суд назначил Ивану Кравцову 4 г. лишения свободы по ч. 2 ст. 212 УК.", 4),
        ("Суд назначил Ивану Кравцову 7 г. колонии строгого режима по ст. 275 УК.", 7),
        ("Ивану Кравцову назначено 3 г. воспитательной колонии по ч. 2 ст. 205 УК.", 3),
    ],
)
def test_ru_abbreviated_year_before_penalty(text: str, years: int) -> None:
    assert person(run(text), "Иван Кравцов").sentence.years == years


def test_ru_calendar_year_abbreviation_is_no_term() -> None:
    text = (
        "В 2024 г. колонию посетил омбудсмен. Суд приговорил Ивана Кравцова к 5 годам "
        "колонии общего режима по ст. 212 УК."
    )
    assert person(run(text), "Иван Кравцов").sentence.years == 5


@pytest.mark.parametrize(
    "tail",
    [
        'His daughter said he "would not last even a year behind bars".',
        "Relatives feared he might not survive even a year in a colony.",
        "Его жена боялась, что он не выдержит даже года в колонии.",
    ],
)
def test_feared_span_is_no_term(tail: str) -> None:
    text = (
        "A court in Perm gave Yuri Antonov a three-year suspended sentence for spreading "
        f"false information about the army under Article 207.3. {tail}"
    )
    s = person(run(text), "Yuri Antonov").sentence
    assert (s.years, s.suspended) == (3, True)


@pytest.mark.parametrize(
    "text",
    [
        "Ivan Petrov, a prisoner already serving a four-year term for theft, was given six "
        "more years on Monday for justifying terrorism.",
        "Ivan Petrov was given six more years on Monday for justifying terrorism. The court "
        "noted his earlier convictions, including the four-year term he is now serving.",
        "Ivan Petrov received an additional six years in a special-regime colony for "
        "justifying terrorism; he was already serving a four-year sentence for robbery.",
    ],
)
def test_en_sentence_being_served_is_not_the_new_term(text: str) -> None:
    assert person(run(text), "Ivan Petrov").sentence.years == 6


# --- articles ---


@pytest.mark.parametrize(
    ("text", "name", "articles"),
    [
        (
            "Суд приговорил Павла Орлова к пяти годам: он одобрительно написал о диверсии на "
            "мосту (ч. 2 ст. 205.2 УК).",
            "Павел Орлов",
            ["205.2"],
        ),
        (
            "Суд приговорил Павла Орлова к 12 годам за диверсию (ч. 2 ст. 281 УК).",
            "Павел Орлов",
            ["281"],
        ),
        (
            "A court jailed Ann Volkova for five years for praising an act of sabotage on the "
            "railway (Part 2 of Article 205.2).",
            "Ann Volkova",
            ["205.2"],
        ),
    ],
)
def test_bracket_after_offence_wording_decides(text: str, name: str, articles: list[str]) -> None:
    assert person(run(text), name).articles == articles


@pytest.mark.parametrize(
    "call",
    [
        "urged his followers to sabotage the mobilisation",
        "called on Russians to sabotage the draft",
        "wrote about sabotaging the call-up",
    ],
)
def test_en_call_to_sabotage_a_campaign_is_no_sabotage(call: str) -> None:
    text = (
        f"A Moscow court jailed Oleg Rudin for six years for justifying terrorism in videos "
        f"in which he {call}."
    )
    assert person(run(text), "Oleg Rudin").articles == ["205.2"]


def test_en_sabotage_act_still_counts() -> None:
    text = "A court jailed Oleg Rudin for 12 years for sabotage on the railway near Kursk."
    assert person(run(text), "Oleg Rudin").articles == ["281"]


@pytest.mark.parametrize(
    "aside",
    [
        "Early cases were usually prosecuted as hooliganism or vandalism.",
        "Such attacks have been treated as hooliganism in the past, but not any more.",
        "Many arsons were classified as hooliganism before 2023.",
    ],
)
def test_en_how_cases_used_to_be_prosecuted_is_background(aside: str) -> None:
    text = (
        "A military court sentenced Denis Frolov to 11 years for a terrorist act under "
        f"Article 205 after he threw a firebomb at an enlistment office. {aside}"
    )
    assert person(run(text), "Denis Frolov").articles == ["205"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Суд приговорил Павла Орлова к 14 годам за диверсию и призывы (ч. 2 ст. 280 УК).",
            "Павел Орлов",
        ),
        (
            "A court jailed Ann Volkova for 14 years for sabotage and calls (Part 2 of Article 280).",
            "Ann Volkova",
        ),
    ],
)
def test_bracket_after_a_conjunction_is_the_second_charge(text: str, name: str) -> None:
    assert sorted(person(run(text), name).articles) == ["280", "281"]


@pytest.mark.parametrize(
    "aside",
    [
        "У него уже есть четыре года, которые он сейчас отбывает за кражу.",
        "Четырёхлетний срок, который он уже отбывает за кражу, истекает весной.",
    ],
)
def test_ru_sentence_being_served_is_not_the_new_term(aside: str) -> None:
    text = f"Суд приговорил Ивана Петрова к шести годам по ч. 2 ст. 205.2 УК. {aside}"
    assert person(run(text), "Иван Петров").sentence.years == 6
