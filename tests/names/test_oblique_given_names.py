"""Feminine given names in the dative, prepositional and instrumental read back as the name.

«Анне», «Марии», «Наталье» fold to the Latin spellings "ane", "mari", "natale", which are
also the foldings of the listed foreign forms "Anne", "Marie", "Natalie"; they used to be
kept as nominatives of their own («Наталье» → «Наталье», «Евгении» → the masculine
«Евгений»).  The expected nominatives below are written from Russian grammar.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habeas.names import nominative, parse_name
from habeas.names.given_names import groups
from habeas.names.inflect import morph_parses, nominative_candidates
from habeas.vocabulary import Gender


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _first(text: str) -> str:
    return nominative(text)[0].replace("ё", "е")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # dative
        ("Анне Петровой", "Анна Петрова"),
        ("Петровой Анне", "Петрова Анна"),
        ("Марии Ивановой", "Мария Иванова"),
        ("Ольге Сидоровой", "Ольга Сидорова"),
        ("Наталье Козловой", "Наталья Козлова"),
        ("Любови Соболь", "Любовь Соболь"),
        ("Софье Морозовой", "Софья Морозова"),
        ("Евгении Смирновой", "Евгения Смирнова"),
        ("Анне Ивановне Петровой", "Анна Ивановна Петрова"),
        ("Петровой Наталье Сергеевне", "Петрова Наталья Сергеевна"),
        # prepositional (о Марии Ивановой): the same forms as the dative for these names
        ("Марии Кузнецовой", "Мария Кузнецова"),
        # instrumental
        ("Анной Петровой", "Анна Петрова"),
        ("Марией Ивановой", "Мария Иванова"),
        ("Ольгой Сидоровой", "Ольга Сидорова"),
        ("Натальей Козловой", "Наталья Козлова"),
        ("Любовью Соболь", "Любовь Соболь"),
        # with an indeclinable surname nothing but the given name shows the case
        ("Наталье Цой", "Наталья Цой"),
        ("Марии Шевченко", "Мария Шевченко"),
        # the given name alone
        ("Наталье", "Наталья"),
        ("Анне", "Анна"),
        ("Евгении", "Евгения"),
        ("Софье", "Софья"),
    ],
)
def test_oblique_feminine_given_names_read_back(written: str, expected: str) -> None:
    assert _first(written) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Анне", "Анна"), ("Марии", "Мария"), ("Наталье", "Наталья"), ("Софье", "Софья")],
)
def test_an_oblique_form_of_a_listed_name_is_read_as_that_name(word: str, expected: str) -> None:
    readings = [form for form, _g in nominative_candidates(word, "given")]
    assert readings[0] == expected
    if word != "Анне":  # «Анне» is also an indeclinable name in pymorphy3's dictionary
        assert word not in readings


def test_nominatives_and_misspellings_that_fold_to_a_name_are_kept() -> None:
    assert nominative_candidates("Мари", "given")[0][0] == "Мари"  # French Marie
    assert nominative_candidates("Натали", "given")[0][0] == "Натали"
    # misspelt «Мария»: pymorphy3 only guesses «Маарий»; the word itself folds to "maria"
    assert nominative_candidates("Маария", "given")[0][0] == "Маария"


def test_gender_of_an_oblique_feminine_given_name() -> None:
    assert parse_name("Евгении").gender is Gender.FEMALE
    assert parse_name("Наталье Цой").gender is Gender.FEMALE


# --- inflected by pymorphy3, read back by habeas.names ---------------------------------

_SURNAMES = (
    "Петров", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков",
    "Морозов", "Волков", "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев",
    "Виноградов", "Богданов", "Воробьёв", "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов",
    "Комаров", "Орлов", "Киселёв", "Макаров", "Андреев", "Ковалёв", "Гусев", "Титов",
    "Кузьмин", "Баранов", "Куликов", "Алексеев", "Степанов", "Яковлев", "Сорокин", "Сергеев",
    "Романов", "Захаров", "Борисов", "Королёв", "Герасимов", "Григорьев", "Лазарев",
    "Медведев", "Ершов", "Никитин",
)  # fmt: skip
_CASES = ("gent", "datv", "accs", "ablt", "loct")


def _lexeme(word: str, tag: str, gender: str):  # type: ignore[no-untyped-def]
    """pymorphy3's declinable singular nominative parse of ``word`` as a ``tag`` word."""
    for p in morph_parses(word):
        if (
            tag in p.tag
            and "Fixd" not in p.tag
            and "sing" in p.tag
            and p.tag.case == "nomn"
            and gender in p.tag
        ):
            return p
    return None


def _pymorphy_readings(given_form: str, surname_form: str) -> set[tuple[str, str]]:
    """Every (given, surname) nominative pair pymorphy3 reads the two words as, with the
    words in one case and gender (declinable given names only)."""
    out = set()
    for p in morph_parses(given_form):
        if "Name" not in p.tag or "Fixd" in p.tag or "sing" not in p.tag:
            continue
        for q in morph_parses(surname_form):
            if "Surn" not in q.tag or "sing" not in q.tag:
                continue
            if q.tag.case != p.tag.case or q.tag.gender != p.tag.gender:
                continue
            pn, qn = p.inflect({"nomn"}), q.inflect({"nomn"})
            if pn and qn:
                out.add((_fold(pn.word), _fold(qn.word)))
    return out


_GIVEN = tuple(
    (g.name, "masc" if g.gender is Gender.MALE else "femn")
    for g in groups()
    if _lexeme(g.name.lower(), "Name", "masc" if g.gender is Gender.MALE else "femn")
)


@settings(max_examples=300, deadline=None)
@given(
    given_name=st.sampled_from(_GIVEN),
    surname=st.sampled_from(_SURNAMES),
    case=st.sampled_from(_CASES),
    surname_first=st.booleans(),
)
def test_names_inflected_by_pymorphy_read_back_as_the_nominative(
    given_name: tuple[str, str], surname: str, case: str, surname_first: bool
) -> None:
    """Inflect a listed given name and a dictionary surname into one case with pymorphy3;
    the nominative comes back, first whenever pymorphy3 itself reads the two words only one
    way («Валентина Петрова» is also the nominative of a woman: then it must be among the
    readings)."""
    name, gender = given_name
    gp = _lexeme(name.lower(), "Name", gender)
    sp = _lexeme(surname.lower(), "Surn", "masc")
    assert gp is not None and sp is not None
    given_form, surname_form = gp.inflect({case, "sing"}), sp.inflect({case, "sing", gender})
    surname_nom = sp.inflect({"nomn", "sing", gender})
    assert given_form and surname_form and surname_nom
    words = [given_form.word.capitalize(), surname_form.word.capitalize()]
    expected = [_fold(name), _fold(surname_nom.word)]
    if surname_first:
        words.reverse()
        expected.reverse()
    readings = [_fold(r).split() for r in nominative(" ".join(words))]
    assert expected in readings
    if len(_pymorphy_readings(given_form.word, surname_form.word)) == 1:
        assert readings[0] == expected
