"""The issue-9 rules, each on a sentence of its own (not taken from the evaluation cases)."""

from __future__ import annotations

import pytest

from habeas.extract import Role, extract_text
from habeas.extract.readings import context_cases, read_name
from habeas.extract.terms import find_terms


def person(result, name):
    return next(p for p in result.persons if p.name == name)


@pytest.mark.parametrize(
    ("tokens", "roles", "before", "expected"),
    [
        (("Всеволоду", "Лыкову"), ("given", "surname"), "", ("Всеволод", "Лыков")),
        (("Ульяну", "Пушкину"), ("given", "surname"), "журналистку", ("Ульяна", "Пушкина")),
        (("Лидию", "Морозкину"), ("given", "surname"), "фотографа", ("Лидия", "Морозкина")),
        (("Игната", "Серебрякова"), ("given", "surname"), "", ("Игнат", "Серебряков")),
        (("Дроздову", "Полину"), ("surname", "given"), "", ("Дроздова", "Полина")),
        (("Зинаиде", "Полухиной"), ("given", "surname"), "", ("Зинаида", "Полухина")),
        (("Ростислава", "Кирьянова"), ("given", "surname"), "делу", ("Ростислав", "Кирьянов")),
    ],
)
def test_nominative_by_generate_and_verify(tokens, roles, before, expected) -> None:
    names, verified = read_name(tokens, roles, context_cases(before) if before else frozenset())
    assert names == expected and verified


def test_without_context_an_ambiguous_reading_still_verifies() -> None:
    # «Ульяну Пушкину» is accusative of Ульяна Пушкина or dative of Ульян Пушкин; either
    # reading inflects back to the words as written.
    names, verified = read_name(("Ульяну", "Пушкину"), ("given", "surname"))
    assert names in {("Ульяна", "Пушкина"), ("Ульян", "Пушкин")} and verified


def test_feminine_oblique_name_in_a_sentence() -> None:
    r = extract_text(
        "Суд в Перми приговорил журналистку Ульяну Пушкину к штрафу в 500 тысяч рублей "
        "по статье 280.3 УК. Пушкина не признала вину."
    )
    d = person(r, "Ульяна Пушкина")
    assert d.role is Role.DEFENDANT and d.sentence.fine == 500_000 and d.articles == ["280.3"]


def test_surname_read_as_common_word_next_to_a_given_name() -> None:
    r = extract_text(
        "Кассационный суд снизил срок инженеру Всеволоду Лыкову до пяти лет. "
        "Лыкова осудили за госизмену."
    )
    d = person(r, "Всеволод Лыков")
    assert d.role is Role.DEFENDANT and len(d.spans["name"]) == 2


def test_case_of_makes_a_defendant() -> None:
    r = extract_text("По делу Аркадия Сомова (ч. 1 ст. 282.2 УК) допросили двух свидетелей.")
    assert person(r, "Аркадий Сомов").role is Role.DEFENDANT
    r = extract_text("In the trial of Arkady Somov, charged under Article 282.2, a witness spoke.")
    assert person(r, "Arkady Somov").role is Role.DEFENDANT


def test_english_given_name_by_its_cyrillic_reading() -> None:
    r = extract_text("A court in Omsk sentenced Yelisei Kuropatkin to four years for treason.")
    assert person(r, "Yelisei Kuropatkin").sentence.years == 4


def test_coordinated_terms_respectively() -> None:
    r = extract_text(
        "Суд заочно приговорил Игоря Мальцева и Оксану Дейнеко к восьми и пяти годам колонии "
        "соответственно."
    )
    assert person(r, "Игорь Мальцев").sentence.years == 8
    assert person(r, "Оксана Дейнеко").sentence.years == 5
    r = extract_text(
        "The court sentenced Igor Maltsev and Oksana Deineko to 8 and 5 years respectively."
    )
    assert person(r, "Igor Maltsev").sentence.years == 8
    assert person(r, "Oksana Deineko").sentence.years == 5


def test_offence_named_after_all_defendants_reaches_all() -> None:
    r = extract_text(
        "The court sentenced Ivan Orekhov to six years and Pavel Rudnev to five years "
        "for justifying terrorism."
    )
    assert person(r, "Ivan Orekhov").articles == ["205.2"]
    assert person(r, "Pavel Rudnev").articles == ["205.2"]


def test_elided_fine_after_a_dash() -> None:
    r = extract_text(
        "Суд оштрафовал супругов. Олег Ветров должен заплатить штраф 200 тысяч рублей, "
        "Анна Ветрова — 150 тысяч рублей."
    )
    assert person(r, "Олег Ветров").sentence.fine == 200_000
    assert person(r, "Анна Ветрова").sentence.fine == 150_000


def test_given_term_with_suspended_word_is_a_sentence() -> None:
    r = extract_text("Учительнице Нине Гавриловой дали два года условно за пост о войне.")
    d = person(r, "Нина Гаврилова")
    assert d.sentence.years == 2 and d.sentence.suspended


def test_article_a_is_not_a_number_in_a_three_year() -> None:
    text = "She received a three-year suspended sentence."
    terms = [f.value for f in find_terms(text, 0, len(text), "en") if f.kind == "term"]
    assert [(t.years, t.months) for t in terms] == [(3, None)]


def test_title_case_headline_word_is_not_a_given_name() -> None:
    r = extract_text("Release Must Be Part of Any Putin Deal\n\nPolitical prisoners remain jailed.")
    assert not r.defendants()
