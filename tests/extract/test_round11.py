"""Round 11: the co-defendant family behind the ``heldout18`` and ``heldout19`` misses (a
co-defendant missed, or one defendant's facts not reaching another), each rule on invented
sentences in several wordings (none taken from an evaluation case): a dative name in
apposition to a noun that governs an organisation word («лидеру ячейки Ивану Петрову»), a
given name no dictionary knows before a surname, a relative's own term after her age, and
the guards of the distributive and coordinated wordings that already worked.

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

import pytest

from tests.extract.helpers import defendants, person, run

# --- a dative name after «noun + genitive noun» ---


@pytest.mark.parametrize(
    ("text", "name", "years"),
    [
        (
            "Лидеру ячейки Игорю Сомову суд назначил 16 лет колонии строгого режима по ч. 1 "
            "ст. 205.5 УК.",
            "Игорь Сомов",
            16,
        ),
        (
            "Предполагаемому руководителю группы Антону Белову назначено 12 лет колонии "
            "строгого режима по ч. 1 ст. 205.4 УК.",
            "Антон Белов",
            12,
        ),
        (
            "Суд назначил организатору ячейки Денису Крылову 15 лет колонии строгого режима "
            "по ч. 1 ст. 205.5 УК.",
            "Денис Крылов",
            15,
        ),
    ],
)
def test_ru_dative_name_after_organisation_word(text: str, name: str, years: int) -> None:
    p = person(run(text), name)
    assert p.sentence.years == years
    assert p.sentence.regime == "strict"
    assert name in defendants(run(text))


# --- a given name no dictionary knows, before a surname ---


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Сейрану Мамбетову, которого обвинили в организации ячейки, назначено 18 лет "
            "колонии строгого режима по ч. 1 ст. 205.5 УК.",
            "Сейран Мамбетов",
        ),
        (
            "Суд назначил Ремзи Аблаеву 14 лет колонии строгого режима по ч. 2 ст. 205.5 УК.",
            "Ремзи Аблаев",
        ),
        (
            "Организатору ячейки Ризану Джемилеву дали 17 лет колонии строгого режима (ч. 1 "
            "ст. 205.5 УК).",
            "Ризан Джемилев",
        ),
    ],
)
def test_ru_unknown_given_name_before_surname(text: str, name: str) -> None:
    assert name in defendants(run(text))
    assert person(run(text), name).articles == ["205.5"]


# --- a relative's own term after her age ---


@pytest.mark.parametrize(
    ("text", "relative", "years", "regime"),
    [
        (
            "The court sentenced Pavel Lebedev, 51, to nine years in a strict-regime penal "
            "colony for treason, and his wife, Olga Lebedeva, 47, to seven years in a "
            "general-regime colony.",
            "Olga Lebedeva",
            7,
            "general",
        ),
        (
            "A judge sentenced Timur Zaitsev to eight years in a strict-regime colony and his "
            "brother, Ruslan Zaitsev, 29, to five years in a general-regime colony for arson.",
            "Ruslan Zaitsev",
            5,
            "general",
        ),
        (
            "Суд приговорил Павла Лебедева к девяти годам колонии строгого режима по ст. 275 "
            "УК, а его жену Ольгу Лебедеву, 47 лет, — к семи годам колонии общего режима.",
            "Ольга Лебедева",
            7,
            "general",
        ),
        (
            "Суд приговорил Тимура Зайцева к восьми годам колонии строгого режима, а его брата "
            "Руслана Зайцева (29 лет) — к пяти годам колонии общего режима по ч. 2 ст. 167 УК.",
            "Руслан Зайцев",
            5,
            "general",
        ),
    ],
)
def test_relative_term_after_age(text: str, relative: str, years: int, regime: str) -> None:
    result = run(text)
    assert relative in defendants(result)
    s = person(result, relative).sentence
    assert (s.years, s.regime) == (years, regime)


# --- a facility with its town «-на-Дону» ---


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        (
            "Фигурантов дела Олега Сидорова и Павла Орлова, осуждённых по ч. 2 ст. 205.5 УК, "
            "держали в СИЗО-4 Ростова-на-Дону.",
            "СИЗО-4 Ростова-на-Дону",
        ),
        (
            "Осуждённый по ч. 1 ст. 280 УК Максим Гуров содержится в СИЗО-2 Ростова-на-Дону.",
            "СИЗО-2 Ростова-на-Дону",
        ),
    ],
)
def test_ru_facility_with_hyphenated_town(text: str, facility: str) -> None:
    result = run(text)
    assert any(p.facility == facility for p in result.persons)


# --- guards: distributive and coordinated wordings (already right, kept so) ---


@pytest.mark.parametrize(
    ("text", "names", "years"),
    [
        (
            "Ивану Громову и Олегу Седых дали по 6 лет колонии общего режима по ч. 2 ст. 280 УК.",
            ["Иван Громов", "Олег Седых"],
            6,
        ),
        (
            "Суд приговорил Анну Ветрову и Марка Ветрова по ч. 1 ст. 282.3 УК. Им назначили "
            "по четыре года колонии общего режима.",
            ["Анна Ветрова", "Марк Ветров"],
            4,
        ),
        (
            "Maxim Gromov and Oleg Sedykh were each sentenced to six years in a general-regime "
            "colony under Article 280.",
            ["Maxim Gromov", "Oleg Sedykh"],
            6,
        ),
    ],
)
def test_coordinated_names_share_a_term(text: str, names: list[str], years: int) -> None:
    result = run(text)
    for name in names:
        assert name in defendants(result)
        assert person(result, name).sentence.years == years


# --- names coordinated past their ages, paired with terms "respectively" ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The court found Yuri Panov, 23, Ilya Sokolov, 19, and Danil Frolov, 18, guilty of "
            "sabotage and sentenced them to 12, 10 and 8 years respectively.",
            {"Yuri Panov": 12, "Ilya Sokolov": 10, "Danil Frolov": 8},
        ),
        (
            "Judges sentenced Artur Kim, 31, and Denis Rudakov, 27, to nine and seven years "
            "respectively under Article 205.2.",
            {"Artur Kim": 9, "Denis Rudakov": 7},
        ),
        (
            "Суд признал Юрия Панова, 23 года, Илью Соколова, 19 лет, и Данила Фролова, 18 лет, "
            "виновными в диверсии и приговорил их к 12, 10 и 8 годам соответственно.",
            {"Юрий Панов": 12, "Илья Соколов": 10, "Данил Фролов": 8},
        ),
        (
            "Артура Кима (31 год) и Дениса Рудакова (27 лет) приговорили к девяти и семи годам "
            "колонии соответственно по ч. 2 ст. 205.2 УК.",
            {"Артур Ким": 9, "Денис Рудаков": 7},
        ),
    ],
)
def test_ages_keep_names_coordinated(text: str, expected: dict[str, int]) -> None:
    result = run(text)
    assert defendants(result) == sorted(expected)
    assert {n: person(result, n).sentence.years for n in expected} == expected
