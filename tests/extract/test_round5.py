"""The round-5 rules, each on invented texts in several variants (not taken from the
evaluation cases).

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

from datetime import date

import pytest

from habeas.extract import Role
from habeas.extract.model import ChangeKind
from tests.extract.helpers import defendants, person, run

# --- relatives are not defendants by sharing a surname or standing near a verdict word ---


@pytest.mark.parametrize(
    "text",
    [
        "Суд приговорил Олега Демина к пяти годам колонии. Его жена Мария Демина рассказала, "
        "что муж болен.",
        "Суд приговорил Олега Демина к пяти годам колонии. Мать осуждённого, Нина Демина, "
        "рассказала, что сына держали в СИЗО полгода.",
        "Суд приговорил Олега Демина к пяти годам колонии. Мать осуждённого Нина Демина "
        "присутствовала на оглашении приговора.",
        "Суд приговорил Олега Демина к пяти годам колонии. Нина Демина, мать осуждённого, "
        "назвала приговор несправедливым.",
        "Oleg Demin was sentenced to five years. His wife, Maria Demina, said he would appeal.",
        "Oleg Demin was sentenced to five years. Demin's mother, Nina Demina, who was in the "
        "courtroom, said her son had lost weight in pre-trial detention.",
        "Oleg Demin was sentenced to five years. Maria Demina, his wife, was in the courtroom "
        "when the verdict was read.",
        "Oleg Demin was detained on Wednesday and charged with treason. Oleg Demin's wife, "
        "Maria Demina, learned of the charges from a lawyer.",
    ],
)
def test_relative_is_not_a_defendant(text: str) -> None:
    r = run(text)
    assert defendants(r) == (["Олег Демин"] if "Олег" in text else ["Oleg Demin"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a predicate of the relative's own
        (
            "Oleg Demin was sentenced to five years. His younger brother, Pavel Demin, was fined "
            "300,000 roubles for a post.",
            ["Oleg Demin", "Pavel Demin"],
        ),
        (
            "Суд приговорил Олега Демина к пяти годам колонии. Позже суд приговорил его жену, "
            "Марию Демину, к трём годам.",
            ["Мария Демина", "Олег Демин"],
        ),
        # a list that a predicate governs
        (
            "Oleg Demin and his wife Maria Demina were sentenced to five and three years "
            "respectively.",
            ["Maria Demina", "Oleg Demin"],
        ),
        (
            "Суд приговорил Олега Демина и его жену Марию Демину к пяти и трём годам колонии "
            "соответственно.",
            ["Мария Демина", "Олег Демин"],
        ),
        (
            "The court sentenced Arkady Lomov to six years. His co-defendants, Irina Sushko and "
            "her husband Pavel Sushko, received suspended terms.",
            ["Arkady Lomov", "Irina Sushko", "Pavel Sushko"],
        ),
    ],
)
def test_relative_with_own_predicate_is_a_defendant(text: str, expected: list[str]) -> None:
    assert defendants(run(text)) == expected


def test_a_mother_of_two_is_a_description_not_a_relation() -> None:
    r = run("Maria Demina, a mother of two, was sentenced to three years for a post.")
    assert defendants(r) == ["Maria Demina"]
    r = run("Суд приговорил многодетную мать Марию Демину к трём годам колонии-поселения.")
    assert defendants(r) == ["Мария Демина"]


@pytest.mark.parametrize(
    "text",
    [
        "Oleg Demin was sentenced to five years. Demin's brother Pavel Demin was also detained "
        "in March and charged with treason.",
        "Суд приговорил Олега Демина к пяти годам колонии. Брат Демина Павел Демин тоже задержан "
        "по делу о госизмене.",
    ],
)
def test_facts_of_a_relative_are_not_the_named_kin_s(text: str) -> None:
    r = run(text)
    assert len(defendants(r)) == 2
    oleg = next(p for p in r.persons if p.name in ("Oleg Demin", "Олег Демин"))
    assert oleg.articles == []
    assert oleg.sentence.years == 5


# --- towns and administrative detentions are not defendants ---


@pytest.mark.parametrize(
    "text",
    [
        "Memorial considers Kseniya Belova, a coordinator of observers from Krasnodar, a "
        "political prisoner. The court sentenced Belova to four years.",
        "Memorial considers Kseniya Belova, an activist from Samara, a political prisoner. "
        "The court sentenced Belova to four years.",
    ],
)
def test_town_before_an_apposition_is_no_person(text: str) -> None:
    assert defendants(run(text)) == ["Kseniya Belova"]


def test_pronoun_after_a_named_defendant_is_hers() -> None:
    r = run(
        "A Moscow court fined Margarita Solovyova 150,000 roubles under Article 212.1. Among "
        "the supporters outside was the artist Yelizaveta Gromova. Her case is the fourth "
        "criminal prosecution under Article 212.1 in Moscow."
    )
    assert defendants(r) == ["Margarita Solovyova"]


def test_administrative_detention_makes_no_defendant() -> None:
    r = run(
        "Police detained the artist Yelizaveta Gromova outside the court for what they called "
        "an unauthorised gathering."
    )
    assert defendants(r) == []


# --- roles by description and list ---


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Ivan Tolmachev was sentenced to six years. A key witness, Tolmachev's former "
            "flatmate Stepan Yurin, told the court about the posts.",
            "Stepan Yurin",
            Role.WITNESS,
        ),
        (
            "Ivan Tolmachev was sentenced to six years. The court refused to hear the defence's "
            "witnesses, including the sociologist Roman Gusev.",
            "Roman Gusev",
            Role.WITNESS,
        ),
        (
            "Ivan Tolmachev was sentenced to six years. The investigator, Major Igor Zotov, "
            "refused to let his wife visit.",
            "Igor Zotov",
            Role.OFFICIAL,
        ),
        (
            "Суд приговорил Ивана Толмачёва к шести годам. Главный свидетель обвинения — бывший "
            "коллега Толмачёва Герман Юрин — изменил показания.",
            "Герман Юрин",
            Role.WITNESS,
        ),
        (
            "Суд приговорил Ивана Толмачёва к шести годам. Его соседка Надежда Гусева проходила "
            "по делу свидетельницей.",
            "Надежда Гусева",
            Role.WITNESS,
        ),
        (
            "Государственное обвинение поддерживал помощник прокурора района Д. С. Ветров. Суд "
            "приговорил Ивана Толмачёва к шести годам.",
            "Д. С. Ветров",
            Role.OFFICIAL,
        ),
    ],
)
def test_roles_in_apposition_and_lists(text: str, name: str, role: Role) -> None:
    r = run(text)
    assert person(r, name).role is role
    assert len(defendants(r)) == 1


def test_court_press_release_with_initial_only_defendant_lists_nobody() -> None:
    r = run(
        "7 октября 2026 года районный суд под председательством судьи Н. В. Орлова вынес "
        "приговор в отношении Р., обвиняемого по ч. 2 ст. 205.2 УК РФ. Суд назначил Р. "
        "наказание в виде 5 лет лишения свободы. Государственное обвинение поддерживал "
        "помощник прокурора района Д. С. Ветров."
    )
    assert defendants(r) == []


# --- names: a first name of a list the predicate governs, a second Cyrillic reading ---


@pytest.mark.parametrize(
    "text",
    [
        "Lenur Asanov, Aider Dzhemilev and Izzet Yakubov were found guilty and sentenced to 14, "
        "13 and 12 years respectively.",
        "Lenur Asanov and Izzet Yakubov were sentenced to 14 and 12 years respectively.",
    ],
)
def test_unknown_given_name_first_in_a_list(text: str) -> None:
    assert "Lenur Asanov" in defendants(run(text))


def test_second_cyrillic_reading_of_a_given_name() -> None:
    r = run("The court found Albina Khakimova, 22, guilty and sentenced her to two years.")
    assert defendants(r) == ["Albina Khakimova"]


# --- terms ---


@pytest.mark.parametrize(
    ("text", "years", "months"),
    [
        ("A court in Perm has jailed Ivan Sokolov for six and a half years for posts.", 6, 6),
        ("Ivan Sokolov was jailed for six and a half years on Tuesday.", 6, 6),
        ("Ivan Sokolov was handed a six-and-a-half-year term in a strict-regime colony.", 6, 6),
        ("A court handed Ivan Sokolov a seven-year term.", 7, None),
        ("A court sentenced Ivan Sokolov to serve five years in a penal colony.", 5, None),
        ("Ivan Sokolov received a term of three and a half years.", 3, 6),
        ("Ivan Sokolov was sentenced to two and a half years' imprisonment.", 2, 6),
        ("Суд приговорил Ивана Соколова к шести с половиной годам колонии.", 6, 6),
        ("Ивану Соколову дали шесть с половиной лет строгого режима.", 6, 6),
    ],
)
def test_term_wordings(text: str, years: int, months: int | None) -> None:
    p = run(text).persons[0]
    assert (p.sentence.years, p.sentence.months) == (years, months)


def test_terms_of_a_list_in_a_sentence_with_only_a_regime() -> None:
    r = run(
        "Суд в понедельник вынес приговор пятерым военнопленным. Тарасу Гнатюку, Василию "
        "Бондарю и Андрею Савчуку — 17, 16 и 15 лет строгого режима соответственно."
    )
    years = {p.name: p.sentence.years for p in r.persons}
    assert years["Тарас Гнатюк"] == 17
    assert years["Андрей Савчук"] == 15
    assert sorted(years.values()) == [15, 16, 17]


def test_an_elided_term_with_a_regime_only() -> None:
    r = run(
        "From the Telegram channel of lawyer Anna Korneva: today the court delivered its "
        "verdict in the case of my client Rustam Bekov. Five years and four months of general "
        "regime."
    )
    p = person(r, "Rustam Bekov")
    assert (p.sentence.years, p.sentence.months, p.sentence.regime) == (5, 4, "general")


@pytest.mark.parametrize(
    ("text", "her", "him"),
    [
        (
            "His co-defendants, Irina Sushko and her husband Pavel Sushko, received suspended "
            "terms: 3 years 2 months for her and 2 years 6 months for him.",
            (3, 2),
            (2, 6),
        ),
        (
            "Irina Sushko and Pavel Sushko were sentenced: four years for him and two years for "
            "her.",
            (2, None),
            (4, None),
        ),
    ],
)
def test_term_for_her_and_for_him(text: str, her: tuple, him: tuple) -> None:
    r = run(text)
    irina, pavel = person(r, "Irina Sushko"), person(r, "Pavel Sushko")
    assert (irina.sentence.years, irina.sentence.months) == her
    assert (pavel.sentence.years, pavel.sentence.months) == him


# --- the educational colony is a regime ---


@pytest.mark.parametrize(
    "text",
    [
        "Шестнадцатилетний Артём Зуйков получил шесть лет воспитательной колонии.",
        "The court sentenced Nikita Vorontsov, 17, to eight years in an educational colony.",
        "Nikita Vorontsov, 17, was sentenced to four years in a juvenile colony.",
    ],
)
def test_educational_colony_regime(text: str) -> None:
    assert run(text).persons[0].sentence.regime == "educational"


# --- appeal rulings: dates, upheld, increased ---


@pytest.mark.parametrize(
    ("text", "appeal", "change"),
    [
        (
            "The appeals court upheld the sentence of Ivan Sokolov on Tuesday.",
            date(2026, 5, 12),
            ChangeKind.UPHELD,
        ),
        (
            "On Tuesday an appeals court upheld Ivan Sokolov's five-year sentence.",
            date(2026, 5, 12),
            ChangeKind.UPHELD,
        ),
        (
            "The Moscow City Court reduced Ivan Sokolov's sentence to four years on Wednesday.",
            date(2026, 5, 13),
            ChangeKind.REDUCED_ON_APPEAL,
        ),
        (
            "Апелляционный суд оставил приговор Ивану Соколову без изменения 12 мая.",
            date(2026, 5, 12),
            ChangeKind.UPHELD,
        ),
        (
            "Суд приговорил Анну Петрову к трём годам. Апелляционный суд 12 мая оставил приговор "
            "без изменения.",
            date(2026, 5, 12),
            ChangeKind.UPHELD,
        ),
        (
            "Ivan Petrov was sentenced to six years in March. He lost his appeal on Tuesday.",
            date(2026, 5, 12),
            ChangeKind.UPHELD,
        ),
        (
            "Ivan Petrov was sentenced to six years in March. Upholding the verdict on Monday, "
            "the regional court said the punishment was fair.",
            date(2026, 5, 11),
            ChangeKind.UPHELD,
        ),
        (
            "Ивана Петрова в марте приговорили к шести годам. Во вторник Мосгорсуд отклонил "
            "апелляционную жалобу защиты.",
            date(2026, 5, 12),
            ChangeKind.UPHELD,
        ),
        (
            "В пятницу суд по представлению прокуратуры увеличил Глебу Вязову срок с трёх до "
            "пяти лет колонии.",
            date(2026, 5, 15),
            ChangeKind.INCREASED_ON_APPEAL,
        ),
    ],
)
def test_appeal_dates(text: str, appeal: date, change: ChangeKind) -> None:
    p = run(text).persons[0]
    assert p.dates["appeal"] == appeal
    assert change in [c.kind for c in p.changes]


def test_appeal_ruling_before_the_defendants_are_named() -> None:
    r = run(
        "Верховный суд Башкирии позавчера оставил без изменения приговор трём участникам акции. "
        "В апреле Баймакский районный суд признал их виновными в массовых беспорядках. Ильнуру "
        "Хасанову назначили четыре года колонии общего режима, Азату Юлдашеву — три года."
    )
    assert defendants(r) == ["Азат Юлдашев", "Ильнур Хасанов"]
    for p in r.persons:
        assert p.dates["appeal"] == date(2026, 5, 13)
        assert [c.kind for c in p.changes] == [ChangeKind.UPHELD]
        assert p.court == "Баймакский районный суд"
        assert p.articles == ["212"]


def test_last_weekday_on_that_weekday_is_a_week_before() -> None:
    r = run(
        "In November a court gave Semyon Grachev two years in a general-regime colony. Last "
        "Friday the regional court raised the term to four years and six months."
    )
    p = person(r, "Semyon Grachev")
    assert p.dates["appeal"] == date(2026, 5, 8)
    assert p.sentence.years == 2
    assert [(c.kind, c.years, c.months) for c in p.changes] == [
        (ChangeKind.INCREASED_ON_APPEAL, 4, 6)
    ]


def test_a_law_toughened_is_no_change() -> None:
    r = run(
        "The court sentenced Timofei Shchukin to 12 years. Since the sabotage articles were "
        "toughened in 2022, military courts have handed down many such sentences."
    )
    assert person(r, "Timofei Shchukin").changes == []


@pytest.mark.parametrize(
    "text",
    [
        "Суд приговорил Матвея Лошкина к году колонии-поселения. Лошкина задержали 23 февраля "
        "и отпустили под запрет определённых действий.",
        "Суд приговорил Тимура Ахметова к трём годам. Мы требуем немедленно освободить Тимура "
        "Ахметова.",
        "The court sentenced Gennady Bortnik to six years. The FSB said he had exchanged "
        "messages with a recruiter.",
    ],
)
def test_no_release(text: str) -> None:
    assert [c.kind for c in run(text).persons[0].changes] == []


# --- detention dates ---


@pytest.mark.parametrize(
    ("text", "detained"),
    [
        (
            "Суд приговорил Матвея Лошкина к году колонии-поселения. Лошкина задержали на "
            "следующий день после публикации ролика, 23 февраля, и отпустили под запрет "
            "определённых действий.",
            date(2026, 2, 23),
        ),
        (
            "The court sentenced Semyon Grachev to two years. He was one of about 200 people who "
            "gathered in the city centre on 3 August 2025. He was detained the next day.",
            date(2025, 8, 4),
        ),
        (
            "The court sentenced Kseniya Belova to four years. Belova has been in custody since "
            "5 December 2025.",
            date(2025, 12, 5),
        ),
        (
            "Суд приговорил Кирилла Штейна к четырём годам. Кирилл Штейн под стражей с 14 "
            "октября 2024 года.",
            date(2024, 10, 14),
        ),
    ],
)
def test_detention_dates(text: str, detained: date) -> None:
    assert run(text).persons[0].dates["detained"] == detained


def test_next_day_after_an_event_is_not_resolved() -> None:
    r = run(
        "Суд приговорил Матвея Лошкина к году колонии-поселения в среду, 8 июля 2025 года. "
        "Лошкина задержали на следующий день после публикации ролика."
    )
    assert r.persons[0].dates["detained"] is None


# --- offences ---


def test_also_charged_adds_to_the_group_offence() -> None:
    r = run(
        "В апреле суд признал их виновными в участии в массовых беспорядках (ч. 2 ст. 212 УК). "
        "Ильнуру Хасанову назначили четыре года, Салавату Галиеву, которому также вменили "
        "применение насилия в отношении представителя власти (ч. 1 ст. 318 УК), — пять лет."
    )
    assert sorted(person(r, "Салават Галиев").articles) == ["212", "318"]
    assert person(r, "Ильнур Хасанов").articles == ["212"]


def test_foreign_agent_evasion_in_quotes() -> None:
    r = run(
        "Суд заочно оштрафовал политолога Леонида Гринина по делу об уклонении от обязанностей "
        "«иностранного агента»."
    )
    assert r.persons[0].articles == ["330.1"]


def test_court_building_as_a_place_is_not_the_verdict_court() -> None:
    r = run(
        "В апреле Сибайский районный суд приговорил Ильнура Хасанова и Азата Юлдашева к "
        "четырём годам. В январе у здания Баймакского суда собрались тысячи человек, чтобы "
        "поддержать осуждённого активиста."
    )
    assert {p.court for p in r.persons} == {"Сибайский районный суд"}
