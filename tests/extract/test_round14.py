"""Round 14: articles and terms (the ``heldout24`` and ``heldout25`` misses), each rule on
invented sentences (none taken from an evaluation case): terms told "respectively" at the end
of a long sentence or after «получили»; a term elided after a name ("A got 11 years and B
10"); "the banned organisation" is no ban; «каждый из осуждённых»; a name governed by a
verdict verb, or agreeing with the verb after it; Crimean Tatar given names; a person the text
does not name; a passive lead; offences denied, praised or worded anew; a known person
recognised by name and told in passing; "A, 63, and his wife, B, 59,"; a person named by the
given name alone; an appeal's regime after forced labour or «вместо … условно».

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

import pytest

from habeas.extract import Role
from habeas.extract.alone import given_alone_mentions
from habeas.extract.articles import find_articles
from habeas.extract.persons_en import find_mentions_en
from tests.extract.helpers import defendants, person, run, term_of, terms_in

# --- terms told "respectively", and after «получили» ---


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        (
            "Судья Инна Карпова приговорила Андрея Климова и Павла Зотова к семи и трём с "
            "половиной годам лишения свободы соответственно.",
            {"Андрей Климов": (7, None), "Павел Зотов": (3, 6)},
        ),
        (
            "Марат Гиниятуллин и Олег Савченко, обвинённые в участии в запрещённой организации, "
            "получили 12 и 9 лет соответственно.",
            {"Марат Гиниятуллин": (12, None), "Олег Савченко": (9, None)},
        ),
    ],
)
def test_respectively_terms(text: str, terms: dict[str, tuple[int, int | None]]) -> None:
    result = run(text)
    assert {name: term_of(result, name) for name in terms} == terms


# --- a term elided after a name ---


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        (
            "Anton Belov was given nine years and Pavel Orekhov 7; both were convicted of treason.",
            {"Anton Belov": (9, None), "Pavel Orekhov": (7, None)},
        ),
        (
            "Андрей Климов получил семь лет, а Павел Зотов — пять.",
            {"Андрей Климов": (7, None), "Павел Зотов": (5, None)},
        ),
    ],
)
def test_gapped_term(text: str, terms: dict[str, tuple[int, int | None]]) -> None:
    result = run(text)
    assert {name: term_of(result, name) for name in terms} == terms


def test_gapped_term_guards() -> None:
    assert terms_in("He was given 5 years, Article 207.3 of the Criminal Code.", "en") == [
        (5, None)
    ]
    assert terms_in("Он получил пять лет, Иванов 2024 года рождения.", "ru") == [(5, None)]


# --- "the banned organisation" is no ban ---


def test_banned_organisation_is_no_ban() -> None:
    text = (
        "Judge Irina Volkova sentenced 61-year-old Nikolai Somov, whom investigators called "
        "the leader of a cell of the banned organisation, to seven years in a general-regime "
        "colony."
    )
    result = run(text)
    assert term_of(result, "Nikolai Somov") == (7, None)
    # a ban on an activity stays a ban, not a term
    assert terms_in("He was also banned from using the internet for two years.", "en") == []


# --- «каждый из осуждённых» ---


@pytest.mark.parametrize(
    "text",
    [
        "Суд приговорил Тимура Ахметова к 17 годам. Ильдар Сафин и Раис Губайдуллин получили "
        "14 и 12 лет соответственно. Первые три года каждый из осуждённых проведёт в тюрьме, "
        "остальной срок — в колонии строгого режима.",
        "The court jailed Timur Akhmetov for 17 years. Ildar Safin and Rais Gubaidullin got 14 "
        "and 12 years respectively. Each of the defendants will serve the first three years in "
        "prison and the rest in a strict-regime colony.",
    ],
)
def test_each_of_the_convicts(text: str) -> None:
    result = run(text)
    regimes = {p.name: p.sentence.regime for p in result.persons if p.role is Role.DEFENDANT}
    assert set(regimes.values()) == {"strict"} and len(regimes) == 3


# --- a name governed by a verdict verb, or agreeing with the verb after it ---


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Суд приговорил Рамиля Хасанова к восьми годам колонии общего режима.", "Рамиль Хасанов"),
        (
            "Районный суд вынес приговор: судья Валерия Лыкова назначила Фролову три года колонии.",
            "Валерия Лыкова",
        ),
        ("Суд приговорил Анну Петрову к трём годам колонии общего режима.", "Анна Петрова"),
    ],
)
def test_name_gender_from_neighbours(text: str, name: str) -> None:
    assert name in [p.name for p in run(text).persons]


# --- Crimean Tatar given names ---


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Южный окружной военный суд приговорил Эдема Куртсеитова к 13 годам колонии "
            "строгого режима по делу «Хизб ут-Тахрир».",
            "Эдем Куртсеитов",
        ),
        (
            "Сервер Абибуллаев получил 11 лет колонии строгого режима.",
            "Сервер Абибуллаев",
        ),
        (
            "The Southern District Military Court delivered its verdict against Remzi Umerov, "
            "who got 12 years in a strict-regime colony.",
            "Remzi Umerov",
        ),
    ],
)
def test_crimean_tatar_given_names(text: str, name: str) -> None:
    assert defendants(run(text)) == [name]


# --- a person the text does not name ---


@pytest.mark.parametrize(
    ("text", "name", "years"),
    [
        (
            "The Kursk Regional Court sentenced Denis Lapshin to six years in an educational "
            "colony for arson. His accomplice, whose name was not disclosed because he is a "
            "minor, received three years suspended.",
            "Denis Lapshin",
            6,
        ),
        (
            "Суд приговорил Дениса Лапшина к шести годам воспитательной колонии. Его подельник, "
            "имя которого не раскрывается, получил три года условно.",
            "Денис Лапшин",
            6,
        ),
        (
            "Ivan Orlov got six years, and his accomplice, whose name was withheld, three years.",
            "Ivan Orlov",
            6,
        ),
    ],
)
def test_unnamed_person(text: str, name: str, years: int) -> None:
    result = run(text)
    assert defendants(result) == [name]
    assert term_of(result, name) == (years, None)
    assert not person(result, name).sentence.suspended


# --- a passive lead ---


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "A 19-year-old student from Kazan has been sentenced to four years in a "
            "general-regime colony for arson. The Vakhitovsky District Court found Ruslan "
            "Gimadiev guilty on Monday.",
            "Ruslan Gimadiev",
        ),
        (
            "19-летний студент из Казани приговорён к четырём годам колонии общего режима за "
            "поджог. Вахитовский районный суд признал Руслана Гимадиева виновным.",
            "Руслан Гимадиев",
        ),
        (
            "A court sentenced another participant in the protests last year in the town of "
            "Sibai to four years in a general-regime colony. Judge Olga Kim found that Ruslan "
            "Gimadiev had thrown stones at the police.",
            "Ruslan Gimadiev",
        ),
    ],
)
def test_passive_lead(text: str, name: str) -> None:
    result = run(text)
    assert defendants(result) == [name]
    assert term_of(result, name) == (4, None)


def test_another_before_a_term_is_still_a_request() -> None:
    assert terms_in("He now faces another three years in prison.", "en") == []


# --- offences denied, praised, or worded anew ---


@pytest.mark.parametrize(
    ("text", "lang", "articles"),
    [
        ("Unlike treason, the new article does not require passing secrets.", "en", []),
        ("В отличие от госизмены, эта статья не требует передачи сведений.", "ru", []),
        ("He wrote a post that approved of the railway sabotage near Bryansk.", "en", []),
        ("He was convicted only of taking part in the riots.", "en", ["212"]),
        ("Его осудили за участие в беспорядках в Баймаке.", "ru", ["212"]),
        (
            "He was convicted of attempting to take part in the activities of a terrorist "
            "organisation.",
            "en",
            ["205.5"],
        ),
        ("He was convicted of taking part in a terrorist community.", "en", ["205.4"]),
    ],
)
def test_offence_names(text: str, lang: str, articles: list[str]) -> None:
    assert [f.value for f in find_articles(text, lang)] == articles


# --- a known person recognised by name and told in passing ---


def test_known_person_told_in_passing() -> None:
    text = (
        "A court in Ufa on Monday jailed Ilnur Garipov for three years for taking part in the "
        "riots that broke out when hundreds gathered outside the court during the trial of the "
        "activist Fail Alsynov. Alsynov himself was sentenced in January 2024 to four years "
        "for inciting hatred."
    )
    result = run(text)
    assert defendants(result) == ["Ilnur Garipov"]
    garipov = person(result, "Ilnur Garipov")
    assert garipov.articles == ["212"] and term_of(result, "Ilnur Garipov") == (3, None)


def test_in_support_of_is_passing() -> None:
    text = (
        "Ilnur Garipov was sentenced to three years over posts in support of the activist "
        "Fail Alsynov, who was later jailed for four years."
    )
    assert defendants(run(text)) == ["Ilnur Garipov"]


# --- "A, 63, and his wife, B, 59," and a person named by the given name alone ---


def test_couple_with_ages_and_given_names_alone() -> None:
    text = (
        "On 3 May the Zavodsky District Court of Oryol convicted Pyotr Kulikov, 58, and his "
        "wife, Marina Kulikova, 55, of taking part in the activities of an extremist "
        "organisation. Pyotr received four years suspended, Marina three years suspended."
    )
    result = run(text)
    assert defendants(result) == ["Marina Kulikova", "Pyotr Kulikov"]
    assert term_of(result, "Pyotr Kulikov") == (4, None)
    assert term_of(result, "Marina Kulikova") == (3, None)


def test_given_name_alone_en() -> None:
    text = (
        "From the support group of Yegor Tkachuk. Yegor, who was jailed for five years in "
        "2024, now faces a new charge of justifying terrorism."
    )
    result = run(text)
    assert defendants(result) == ["Yegor Tkachuk"]
    assert len(person(result, "Yegor Tkachuk").spans["name"]) == 2


def test_given_name_alone_guards() -> None:
    text = "Vladimir Sokolov was moved to a colony in Vladimir. German Orlov met German diplomats."
    mentions = find_mentions_en(text)
    added = given_alone_mentions(text, "en", mentions)
    assert len(added) == len(mentions)
    # two persons with one given name: the given name alone is nobody's
    text = "Ivan Petrov and Ivan Sidorov were detained. Ivan was released."
    mentions = find_mentions_en(text)
    assert len(given_alone_mentions(text, "en", mentions)) == len(mentions)


# --- an appeal's regime after a term served outside a colony ---


@pytest.mark.parametrize(
    "text",
    [
        "Суд приговорил Ирину Белову к двум годам принудительных работ. Апелляционная "
        "инстанция заменила принудительные работы двумя годами колонии-поселения.",
        "Областной суд ужесточил приговор Михаилу Гусеву. Вместо трёх лет условно ему назначено "
        "три года колонии-поселения.",
    ],
)
def test_appeal_regime_after_non_custodial_term(text: str) -> None:
    result = run(text)
    (name,) = defendants(result)
    assert person(result, name).sentence.regime is None
