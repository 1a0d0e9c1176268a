"""Two attested surnames one edit apart are two names; a misspelling is still a typo.

«Носов» and «Носков» are both surnames in pymorphy3's dictionary, so the letter between
them tells two families apart; «Хозлов» is no surname, so against «Козлов» it is a slip.
"""

from __future__ import annotations

import pytest

from habeas.names import compare
from habeas.names.inflect import is_attested_surname, surname_lemmas


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Носов Кирилл Павлович", "Носков Кирилл Павлович"),
        ("Магомедов Магомед Магомедович", "Мамедов Магомед Магомедович"),
        ("Петров Иван Сергеевич", "Петраков Иван Сергеевич"),
        ("Головин Семён Аркадьевич", "Головкин Семён Аркадьевич"),
        ("Малышев Борис Олегович", "Мальцев Борис Олегович"),  # was a "phonetic" match
        ("Федотов Артём Степанович", "Фёдоров Артём Степанович"),
        ("Носова Анна Петровна", "Носкова Анна Петровна"),
        ("Носовой Анне Петровне", "Носкова Анна Петровна"),  # an oblique case
        ("Головин Семён Аркадьевич", "Golovkin Semyon Arkadyevich"),  # across scripts
        # a surname suffix added to another word makes another surname
        ("Мельник Борис Иванович", "Мельников Борис Иванович"),
    ],
)
def test_two_attested_surnames_are_different_names(a: str, b: str) -> None:
    c = compare(a, b)
    assert not c.same
    assert c.parts[0].how == "different"
    assert any(x.startswith("different surname") for x in c.against)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Жданов Борис Андреевич", "Жаднов Борис Андреевич"),  # two letters swapped
        ("Смирнов Иван Петрович", "Смирнв Иван Петрович"),  # «Смирнв» is no surname
        ("Соколов Павел Андреевич", "Сокалов Павел Андреевич"),
        ("Кузнецов Олег Игоревич", "Кузнецоув Олег Игоревич"),
        # "Mikhalov" reads «Михалов» (no surname); the unlikely «Михалёв» does not count
        ("Михайлов Геннадий Игоревич", "Gennadiy Mikhalov"),
    ],
)
def test_a_misspelt_surname_is_still_a_typo(a: str, b: str) -> None:
    c = compare(a, b)
    assert c.same
    assert c.parts[0].how in ("phonetic", "edit")


def test_a_typo_scores_as_before_when_one_spelling_is_no_surname() -> None:
    c = compare("Козлов Иван Петрович", "Хозлов Иван Петрович")
    assert c.parts[0].how == "edit"
    assert not c.against


def test_the_two_genders_of_one_surname_are_not_two_surnames() -> None:
    c = compare("Смирнов Иван Петрович", "Smirnova Irina")
    assert c.parts[0].how != "different"
    assert any(x.startswith("gender") for x in c.against)
    assert not any(x.startswith("different surname") for x in c.against)


def test_surname_lemmas() -> None:
    assert surname_lemmas("Носова") == {"носов"}
    assert surname_lemmas("Носков") == {"носков"}
    assert surname_lemmas("Бирдков") == frozenset()
    assert surname_lemmas("Кагарлицкий") == frozenset()  # guessed, not in the dictionary
    assert surname_lemmas("Smirnov") == frozenset()
    assert is_attested_surname("Фёдоров") and not is_attested_surname("Хозлов")
