"""Nominative of inflected names: the parts must agree in case and gender (issue 9).

The expected nominatives are written from Russian grammar, not from the code's output:
«Ивану Пушкину» is the dative of «Иван Пушкин»; «Дроздову Полину» the accusative of
«Дроздова Полина»; «Карине Лисицыной» the dative of «Карина Лисицына».
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habeas.names import nominative
from habeas.names.inflect import case_forms, nominative_candidates
from habeas.names.model import Gender


def _first(text: str) -> str:
    return nominative(text)[0].replace("ё", "е")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # «-ину»/«-ыну» is an oblique form of «-ин»/«-ина», not the indeclinable «-ну»
        ("Ивану Пушкину", "Иван Пушкин"),
        ("Петру Ильину", "Петр Ильин"),
        ("Олегу Лисицыну", "Олег Лисицын"),
        ("Анну Морозкину", "Анна Морозкина"),
        # a feminine given name makes the surname feminine, whatever the order
        ("Дроздову Полину", "Дроздова Полина"),
        ("Полину Дроздову", "Полина Дроздова"),
        # a masculine given name in the genitive makes «-ова» a masculine genitive
        ("Игната Серебрякова", "Игнат Серебряков"),
        # an oblique feminine surname puts the given name in the same case
        ("Карине Лисицыной", "Карина Лисицына"),
        ("Анне Морозовой", "Анна Морозова"),
        ("Марии Кутузовой", "Мария Кутузова"),
        ("Карине Лисицыной Андреевне", "Карина Лисицына Андреевна"),
    ],
)
def test_nominative_agrees_in_case_and_gender(written: str, expected: str) -> None:
    assert _first(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Чобану", "Чобану"),  # Moldovan -ану does not decline
        ("Ивана Чобану", "Иван Чобану"),
        ("Гарибашвили", "Гарибашвили"),
        ("Карине Мелконян", "Карине Мелконян"),  # nominative: the Armenian name is kept
        ("Анна Петрова", "Анна Петрова"),
        ("Кагарлицкого Бориса Юльевича", "Кагарлицкий Борис Юльевич"),
    ],
)
def test_indeclinable_and_nominative_names_are_kept(written: str, expected: str) -> None:
    assert _first(written) == expected


def test_possessive_oblique_forms_are_not_indeclinable() -> None:
    readings = {c for c, _g in nominative_candidates("Пушкину", "surname")}
    assert readings == {"Пушкин", "Пушкина"}
    assert {c for c, _g in nominative_candidates("Чобану", "surname")} == {"Чобану"}


def test_ambiguous_lidiya_is_read_as_the_common_name() -> None:
    assert _first("Лидию Морозкину") == "Лидия Морозкина"


def test_ilyina_is_parsed_as_a_surname() -> None:
    assert _first("Карины Ильиной") == "Карина Ильина"


# Case forms written out by hand: (nominative, gen, dat, acc, instr, prep)
_MALE_GIVEN = {
    "Иван": ("Ивана", "Ивану", "Ивана", "Иваном", "Иване"),
    "Олег": ("Олега", "Олегу", "Олега", "Олегом", "Олеге"),
    "Борис": ("Бориса", "Борису", "Бориса", "Борисом", "Борисе"),
    "Игнат": ("Игната", "Игнату", "Игната", "Игнатом", "Игнате"),
    "Роман": ("Романа", "Роману", "Романа", "Романом", "Романе"),
}
_FEMALE_GIVEN = {
    "Анна": ("Анны", "Анне", "Анну", "Анной", "Анне"),
    "Полина": ("Полины", "Полине", "Полину", "Полиной", "Полине"),
    "Карина": ("Карины", "Карине", "Карину", "Кариной", "Карине"),
    "Ольга": ("Ольги", "Ольге", "Ольгу", "Ольгой", "Ольге"),
    "Елена": ("Елены", "Елене", "Елену", "Еленой", "Елене"),
}
_MALE_SURNAME_END = ("а", "у", "а", "ым", "е")  # Пушкин → Пушкина, Пушкину, …
_FEMALE_SURNAME_END = ("ой", "ой", "у", "ой", "ой")  # Пушкина → Пушкиной, …
# «Ильин» is left out: see test_ilyina_is_parsed_as_a_surname
_STEMS = ("Пушкин", "Лисицын", "Морозкин", "Дроздов", "Серебряков", "Сафин", "Гусев", "Кутузов")


@settings(max_examples=150, deadline=None)
@given(
    male=st.booleans(),
    stem=st.sampled_from(_STEMS),
    case=st.integers(min_value=0, max_value=4),
    index=st.integers(min_value=0, max_value=4),
    surname_first=st.booleans(),
)
def test_oblique_full_names_come_back_to_their_nominative(
    male: bool, stem: str, case: int, index: int, surname_first: bool
) -> None:
    """Every oblique case of «Given Surname» (either order) reads back as the nominative."""
    table = _MALE_GIVEN if male else _FEMALE_GIVEN
    given_nom, forms = sorted(table.items())[index]
    if male:
        surname_nom, surname_form = stem, stem + _MALE_SURNAME_END[case]
    else:
        surname_nom, surname_form = stem + "а", stem + _FEMALE_SURNAME_END[case]
    parts, nom = [forms[case], surname_form], [given_nom, surname_nom]
    if surname_first:
        parts.reverse()
        nom.reverse()
    assert _first(" ".join(parts)) == " ".join(nom)


def test_one_syllable_oi_surname_declines_as_a_noun() -> None:
    assert case_forms("Цой", "surname", Gender.MALE) == {
        "nomn": "Цой", "gent": "Цоя", "datv": "Цою", "accs": "Цоя", "ablt": "Цоем", "loct": "Цое",
    }  # fmt: skip
    assert set(case_forms("Цой", "surname", Gender.FEMALE).values()) == {"Цой"}
    # two syllables: adjectival, as before
    assert case_forms("Толстой", "surname", Gender.MALE)["gent"] == "Толстого"
    assert _first("Виктора Цоя") == "Виктор Цой"


def test_olesya_is_read_as_the_listed_female_name() -> None:
    assert _first("Олесю Фомину") == "Олеся Фомина"
