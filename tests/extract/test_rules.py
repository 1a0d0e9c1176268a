"""The issue-9 rules, each on a sentence of its own (not taken from the evaluation cases)."""

from __future__ import annotations

from datetime import date

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


# Rules added after the second held-out set was scored (it is a development set now). The
# sentences below are new, worded differently from any evaluation case.


@pytest.mark.parametrize(
    ("sentence", "article"),
    [
        ("A court in Ufa jailed Ildar Khasanov for 12 years for membership in Hizb ut-Tahrir.",
         "205.5"),
        ("A court in Kazan jailed Azat Valeev for ten years for involvement in a cell of the "
         "Islamic State.", "205.5"),
        ('A court in Perm sentenced Oleg Zimin to five years for publishing "deliberately '
         'false news" about the Russian military.', "207.3"),
        ("A court in Omsk sentenced Pavel Lukin to three years for donating 500 roubles to a "
         "group that prosecutors called extremist.", "282.3"),
        ("A court in Tomsk fined Anna Rybina 400,000 roubles for financing an extremist "
         "organisation.", "282.3"),
        ("A court in Sochi sentenced Ivan Gorin to six years for taking part in the activities "
         "of Jehovah's Witnesses.", "282.2"),
        ("A court in Orel sentenced Roman Titov to 14 years for financing terrorism.", "205.1"),
    ],
)  # fmt: skip
def test_english_offence_wordings(sentence: str, article: str) -> None:
    r = extract_text(sentence, lang="en")
    (d,) = [p for p in r.persons if p.role is Role.DEFENDANT]
    assert d.articles == [article]


@pytest.mark.parametrize(
    ("sentence", "article"),
    [
        ("Суд в Уфе приговорил Ильдара Хасанова к 12 годам за участие в «Хизб ут-Тахрир».",
         "205.5"),
        ("Суд в Омске приговорил Павла Лукина к трём годам за перевод 500 рублей ФБК.", "282.3"),
        ("Суд в Сочи приговорил Ивана Горина к шести годам за участие в деятельности "
         "Свидетелей Иеговы.", "282.2"),
    ],
)  # fmt: skip
def test_russian_organisation_wordings(sentence: str, article: str) -> None:
    r = extract_text(sentence, lang="ru")
    (d,) = [p for p in r.persons if p.role is Role.DEFENDANT]
    assert d.articles == [article]


def test_offence_before_the_defendants_goes_to_each_of_them() -> None:
    r = extract_text(
        "A court in Samara has jailed two brothers for espionage. Gleb Sorokin received 14 "
        "years and Ilya Sorokin received 12 years.",
        lang="en",
    )
    assert person(r, "Gleb Sorokin").articles == ["276"]
    assert person(r, "Ilya Sorokin").articles == ["276"]


def test_unlisted_given_name_before_a_sentencing_predicate() -> None:
    r = extract_text(
        "The court in Simferopol ruled on Monday. Enver Bekirov was sentenced to 11 years in "
        "a strict-regime penal colony.",
        lang="en",
    )
    d = person(r, "Enver Bekirov")
    assert d.role is Role.DEFENDANT and d.sentence.years == 11 and d.sentence.regime == "strict"


def test_two_capitalised_words_without_a_person_predicate_are_not_a_name() -> None:
    r = extract_text(
        "Radio Liberty reported that Oleg Zimin was sentenced to five years.", lang="en"
    )
    assert [p.name for p in r.persons] == ["Oleg Zimin"]


def test_each_does_not_reach_back_to_an_earlier_clause() -> None:
    r = extract_text(
        "The court gave Oleg Zimin nine years in a special-regime colony, while Ivan Gorin and "
        "Pavel Lukin were each sentenced to six years.",
        lang="en",
    )
    assert person(r, "Oleg Zimin").sentence.regime == "special"
    assert person(r, "Ivan Gorin").sentence.regime is None
    assert (
        person(r, "Ivan Gorin").sentence.years == 6 and person(r, "Pavel Lukin").sentence.years == 6
    )


@pytest.mark.parametrize(
    ("text", "lang", "years", "months"),
    [
        ("The appeal court reduced Oleg Zimin's sentence from seven and a half years to six "
         "years.", "en", 7, 6),
        ("Апелляция снизила Олегу Зимину срок с пяти с половиной лет до четырёх лет.", "ru", 5, 6),
    ],
)  # fmt: skip
def test_from_to_with_a_half(text: str, lang: str, years: int, months: int) -> None:
    r = extract_text(text, lang=lang)
    (d,) = r.persons
    assert (d.sentence.years, d.sentence.months) == (years, months)
    assert [c.years for c in d.changes if c.kind.value == "reduced_on_appeal"] in ([6], [4])


@pytest.mark.parametrize(
    "sentence",
    [
        "Суд оштрафовал Олега Зимина на 200 тысяч рублей. Гособвинитель, просивший пять лет "
        "колонии общего режима, намерен обжаловать приговор.",
        "Суд оштрафовал Олега Зимина на 200 тысяч рублей, хотя прокурор требовал для него "
        "пять лет колонии общего режима.",
    ],
)
def test_requested_term_and_regime_are_not_the_sentence(sentence: str) -> None:
    r = extract_text(sentence, lang="ru")
    d = person(r, "Олег Зимин")
    assert d.sentence.fine == 200_000
    assert d.sentence.years is None and d.sentence.regime is None


def test_verdict_court_in_a_sentence_that_also_mentions_the_appeal() -> None:
    r = extract_text(
        "В марте Кировский районный суд Уфы приговорил Олега Зимина к девяти годам, но "
        "апелляционный суд снизил срок до восьми лет.",
        lang="ru",
    )
    assert person(r, "Олег Зимин").court == "Кировский районный суд Уфы"


def test_court_named_as_a_future_step_is_not_the_verdict_court() -> None:
    r = extract_text(
        "An appeals court in Moscow has upheld the sentence of Oleg Zimin. His lawyer said "
        "she will take the case to the Supreme Court.",
        lang="en",
    )
    assert person(r, "Oleg Zimin").court is None


def test_same_offence_gives_the_article_of_the_defendant_before() -> None:
    r = extract_text(
        "Oleg Zimin was sentenced to six years for treason, and Ivan Gorin got five years for "
        "the same offence.",
        lang="en",
    )
    assert person(r, "Ivan Gorin").articles == ["275"]


def test_relation_between_coordinated_defendants() -> None:
    r = extract_text(
        "Oleg Zimin and his wife Anna Zimina were sentenced on Friday by a court in Tula.",
        lang="en",
        published=date(2025, 3, 10),
    )
    assert person(r, "Oleg Zimin").dates["verdict"] == date(2025, 3, 7)
    assert person(r, "Anna Zimina").dates["verdict"] == date(2025, 3, 7)


def test_release_date_is_not_a_verdict_date() -> None:
    r = extract_text(
        "Oleg Zimin, who was serving a six-year sentence for treason, was released on Monday "
        "in a prisoner swap.",
        lang="en",
        published=date(2025, 3, 10),
    )
    assert person(r, "Oleg Zimin").dates.get("verdict") is None
