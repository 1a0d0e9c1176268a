"""Round 9: the families behind the ``heldout12`` … ``heldout15`` misses, each on invented
sentences in several wordings (none taken from an evaluation case): a lead sentence telling
the verdict of a person not yet named, whose facts belong to the defendant named after it
(not to a name later in the lead, nor to nobody when the text names other people), and an
earlier case told for comparison with a year before the report's, whose term is not the
text's defendant's.

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

from datetime import date

import pytest

from habeas.extract import extract_text
from tests.extract.helpers import defendants, person, run

# --- a lead verdict of an unnamed person: the facts are the defendant's named next ---


@pytest.mark.parametrize(
    ("lead", "years", "months", "regime"),
    [
        (
            "A court in Tomsk on Monday sentenced a retired engineer to six years in a "
            "strict-regime penal colony for treason.",
            6,
            None,
            "strict",
        ),
        (
            "A Russian court has jailed a 52-year-old school librarian for four and a half years "
            "in a general-regime colony over anti-war posts.",
            4,
            6,
            "general",
        ),
        (
            "A military court in Rostov-on-Don on Friday sentenced an ethnic Tatar activist to "
            "nine years in a strict-regime colony.",
            9,
            None,
            "strict",
        ),
    ],
)
def test_en_unnamed_lead_goes_to_next_named(
    lead: str, years: int, months: int | None, regime: str
) -> None:
    text = (
        f"{lead}\n\nThe court found Oleg Saveliev guilty. His lawyer, Marina Kostina, said "
        "the defence would appeal.\n\nSeveral similar cases are known. In October 2023, a "
        "court sentenced Roman Lukin, then 64, to 11 years."
    )
    r = extract_text(text, published=date(2026, 4, 20))
    assert defendants(r) == ["Oleg Saveliev"]
    s = person(r, "Oleg Saveliev").sentence
    assert (s.years, s.months, s.regime) == (years, months, regime)


@pytest.mark.parametrize(
    "tail",
    [
        "the organisation set up by the late politician Alexei Navalny",
        "a group once led by Alexei Navalny",
        "which was founded by Alexei Navalny in 2011",
    ],
)
def test_en_name_after_unnamed_object_takes_no_term(tail: str) -> None:
    text = (
        "A court in Kazan on Tuesday sentenced a local programmer to three years in a "
        f"general-regime colony for donating to the Anti-Corruption Foundation, {tail}.\n\n"
        "Timur Galiev, 29, was found guilty of financing extremist activity. He denied the "
        "charge."
    )
    r = run(text)
    assert defendants(r) == ["Timur Galiev"]
    s = person(r, "Timur Galiev").sentence
    assert (s.years, s.regime) == (3, "general")
    assert all(p.sentence.years is None for p in r.persons if p.name != "Timur Galiev")


@pytest.mark.parametrize(
    "lead",
    [
        "A court in Perm sentenced a volunteer to two years in a settlement colony for "
        "sending money to a shelter run by Olga Demina.",
        "A Moscow court on Thursday jailed a former aide for two years in a settlement colony "
        "after he shared posts by the blogger Olga Demina.",
    ],
)
def test_en_name_in_unnamed_lead_is_no_defendant(lead: str) -> None:
    text = f"{lead}\n\nAndrei Kuzin, 41, was convicted of justifying terrorism."
    r = run(text)
    assert defendants(r) == ["Andrei Kuzin"]
    s = person(r, "Andrei Kuzin").sentence
    assert (s.years, s.regime) == (2, "settlement")


@pytest.mark.parametrize(
    ("lead", "years", "regime"),
    [
        (
            "Суд в Уфе приговорил 34-летнего водителя к пяти годам колонии общего режима.",
            5,
            "general",
        ),
        (
            "Военный суд приговорил бывшего полицейского к 13 годам колонии строгого режима.",
            13,
            "strict",
        ),
        (
            "Областной суд приговорил жительницу Твери к шести годам колонии общего режима.",
            6,
            "general",
        ),
    ],
)
def test_ru_unnamed_lead_goes_to_next_named(lead: str, years: int, regime: str) -> None:
    text = (
        f"{lead}\n\nРечь идёт о деле Марата Гилязова. Защитник Ольга Панина сообщила, что "
        "приговор обжалуют.\n\nВ марте 2023 года тот же суд приговорил Игоря Сомова к 8 "
        "годам."
    )
    r = extract_text(text, published=date(2026, 4, 20))
    assert "Марат Гилязов" in defendants(r)
    s = person(r, "Марат Гилязов").sentence
    assert (s.years, s.regime) == (years, regime)


def test_ru_pronoun_object_is_not_unnamed_lead() -> None:
    # «приговорил его» speaks of a person already named: no carry to the next name
    text = (
        "Кирилла Ушакова задержали в марте. В пятницу суд приговорил его к четырём годам "
        "колонии общего режима."
    )
    s = person(run(text), "Кирилл Ушаков").sentence
    assert (s.years, s.regime) == (4, "general")


# --- an earlier case told for comparison, dated before the report's year ---


@pytest.mark.parametrize(
    "aside",
    [
        "The case recalls that of Yulia Morozova, who was sentenced to 10 years in June 2024.",
        "In March 2024 the same court sentenced Yulia Morozova to 10 years.",
        "Yulia Morozova, a chemist from the same institute, was jailed for 10 years in 2023.",
    ],
)
def test_en_earlier_case_keeps_its_term(aside: str) -> None:
    text = (
        "A court in Samara on Wednesday sentenced Igor Bystrov to seven years in a "
        f"strict-regime colony for treason. {aside} Morozova was released in 2025."
    )
    r = extract_text(text, published=date(2026, 5, 14))
    assert defendants(r) == ["Igor Bystrov"]
    s = person(r, "Igor Bystrov").sentence
    assert (s.years, s.regime) == (7, "strict")


@pytest.mark.parametrize(
    "aside",
    [
        "Похожее дело — дело Веры Зиминой: в мае 2024 года её приговорили к 10 годам колонии.",
        "В 2023 году тот же суд приговорил к 10 годам Веру Зимину.",
    ],
)
def test_ru_earlier_case_keeps_its_term(aside: str) -> None:
    text = (
        "Самарский областной суд в среду приговорил Игоря Быстрова к семи годам колонии "
        f"строгого режима за госизмену. {aside}"
    )
    r = extract_text(text, published=date(2026, 5, 14))
    assert defendants(r) == ["Игорь Быстров"]
    assert person(r, "Игорь Быстров").sentence.years == 7


def test_arrest_year_is_no_earlier_case() -> None:
    # a co-defendant's arrest year in the sentence of his term is not an earlier verdict
    text = (
        "Суд 12 мая приговорил Антона Лыкова к 9 годам колонии строгого режима. Павел Демин "
        "получил 7 лет строгого режима: он был задержан в июне 2025 года."
    )
    r = extract_text(text, published=date(2026, 5, 14))
    assert defendants(r) == ["Антон Лыков", "Павел Демин"]
    assert person(r, "Павел Демин").sentence.years == 7
