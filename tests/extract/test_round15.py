"""Round 15: defendants not found and articles not reaching them (the ``heldout26`` …
``heldout29`` misses), each rule on invented sentences (none taken from an evaluation case):
a relative sentenced past her age or by «суд назначил», coordinated past «40-летнему»,
named as "Petrov's son, Maxim"; a lead's terms told by gender ("the husband … his wife …");
«признаны виновными», "was tried by", «дал … года», «назначил»; "according to investigators,
X …"; "the prosecutor's office"; "who represents A and B"; "the men", "they", «мужчин»,
«каждый проведёт»; terms "respectively" after «им»; «Хизб ут-Тахрир» is no person; a surname
in capitals after a patronymic; "a year and a half", "5 (five) years and 6 (six) months", an
elided "2.5", "each with three years in prison"; "The regime stays the same, strict"; the
regime of the sentence after an appeal; offence wordings; laws and trends, first charges,
publications' topics; "the cell's meetings"; a counted lead; the sentences after a person the
text does not name.

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

import pytest

from habeas.extract import Role
from habeas.extract.articles import find_articles
from habeas.extract.terms import find_terms
from tests.extract.helpers import defendants, person, run, term_of, terms_in


def _regimes(text: str, lang: str) -> list[str]:
    facts = find_terms(text, 0, len(text), lang)
    return [f.value for f in facts if f.kind == "regime"]


# --- a relative sentenced in a clause of her own ---


@pytest.mark.parametrize(
    ("text", "name", "term", "fine"),
    [
        (
            "The court sentenced Igor Orlov to five years in a general-regime colony. His "
            "wife, Marina Orlova, 47, was fined 200,000 roubles.",
            "Marina Orlova",
            (None, None),
            200000,
        ),
        (
            "Суд приговорил Игоря Орлова к пяти годам колонии общего режима. Его жена Марина "
            "Орлова, 47 лет, получила два года условно.",
            "Марина Орлова",
            (2, None),
            None,
        ),
        (
            "Игорь Орлов получил пять лет колонии общего режима, его жене Марине Орловой суд "
            "назначил два года условно.",
            "Марина Орлова",
            (2, None),
            None,
        ),
    ],
)
def test_relative_own_sentence(
    text: str, name: str, term: tuple[int | None, int | None], fine: int | None
) -> None:
    result = run(text)
    assert person(result, name).role is Role.DEFENDANT
    assert term_of(result, name) == term
    assert person(result, name).sentence.fine == fine


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Судья Вера Лосева вынесла приговор. Его сестре Ольге Гусевой и 35-летнему Денису "
            "Лапину суд назначил по два года условно.",
            ["Денис Лапин", "Ольга Гусева"],
        ),
        (
            "Judge Vera Loseva convicted three believers. Anton Gusev's sister, Olga Guseva, and "
            "35-year-old Denis Lapin received suspended terms of two years each.",
            ["Denis Lapin", "Olga Guseva"],
        ),
    ],
)
def test_relative_coordinated_past_age(text: str, names: list[str]) -> None:
    result = run(text)
    assert defendants(result) == names
    assert {term_of(result, n) for n in names} == {(2, None)}


def test_possessive_kin_given_name() -> None:
    result = run(
        "Judge Olga Ivanova sentenced Igor Petrov to six years in a general-regime colony. "
        "Petrov's son, Maxim, 22, received a suspended sentence of two years."
    )
    assert defendants(result) == ["Igor Petrov", "Maxim Petrov"]
    assert term_of(result, "Maxim Petrov") == (2, None)
    assert person(result, "Maxim Petrov").sentence.suspended


def test_kin_owner_after_possessive() -> None:
    # "Zotov's wife said …": the sentence is hers, not a defendant mention of Zotov's
    result = run(
        "Three men were detained: Ilya Zotov, Pavel Rudin and Oleg Lvov. Zotov's wife said "
        "officers broke the door. They are charged with treason."
    )
    assert {tuple(person(result, n).articles) for n in defendants(result)} == {("275",)}


def test_kin_noun_verb_is_no_predicate() -> None:
    # «приговора приехала супруга X»: a noun cue, then a verb, then the kin word
    result = run(
        "Суд приговорил Рустема Алиева к 12 годам колонии строгого режима. На оглашение "
        "приговора приехала супруга Алиева Гульнара с детьми."
    )
    assert defendants(result) == ["Рустем Алиев"]


# --- a lead's terms told by the defendants' gender ---


def test_couple_lead_by_gender() -> None:
    result = run(
        "A court in Omsk sentenced a married couple over anti-war posts, giving the husband "
        "five years in a general-regime colony and his wife a three-year suspended term.\n\n"
        "Judge Irina Vetrova found Sergei Kotov and his wife Anna Kotova guilty of spreading "
        "false information about the army."
    )
    assert term_of(result, "Sergei Kotov") == (5, None)
    assert person(result, "Sergei Kotov").sentence.regime == "general"
    assert term_of(result, "Anna Kotova") == (3, None)
    assert person(result, "Anna Kotova").sentence.suspended
    assert person(result, "Anna Kotova").sentence.regime is None


# --- defendant cues ---


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Тимур Исаев, Рустам Гаджиев и Ислам Омаров признаны виновными в массовых "
            "беспорядках (ст. 212 УК).",
            ["Ислам Омаров", "Рустам Гаджиев", "Тимур Исаев"],
        ),
        (
            "Фрунзенский районный суд дал три года условно 29-летнему программисту Олегу Рябову "
            "по статье о «фейках» об армии.",
            ["Олег Рябов"],
        ),
        (
            "Viktor Salnikov, a retired teacher, was tried by the Southern District Military "
            "Court over a comment about a drone strike.",
            ["Viktor Salnikov"],
        ),
        (
            "Police raided the flats at dawn. Three men were taken away: Rustem Umerov, Ayder "
            "Seitov and Enver Aliev.",
            ["Ayder Seitov", "Enver Aliev", "Rustem Umerov"],
        ),
    ],
)
def test_defendant_cues(text: str, names: list[str]) -> None:
    assert defendants(run(text)) == names


def test_tried_to_is_no_cue() -> None:
    # "tried to" is an attempt, not a trial
    result = run("Viktor Salnikov tried to reach the courthouse before noon.")
    assert defendants(result) == []


# --- roles: a source, an office, a relative clause ---


def test_according_to_investigators() -> None:
    result = run(
        "Ivan Lebedev, 31, was detained on 2 May. According to the investigators, Ivan "
        "transferred money to a Ukrainian foundation."
    )
    assert person(result, "Ivan Lebedev").role is Role.DEFENDANT


def test_according_to_lawyer_apposition() -> None:
    # guard: "according to his lawyer, Ivan Petrov." is still the lawyer
    result = run(
        "Anna Lebedeva was detained on 2 May, according to her lawyer, Pavel Zorin. "
        "Judge Olga Ivanova remanded her in custody."
    )
    assert person(result, "Pavel Zorin").role is Role.LAWYER


def test_office_is_no_title() -> None:
    result = run(
        "The court delivered a guilty verdict in the case of a local resident, Oleg "
        "Sukhanov, the regional prosecutor's office said. He was sentenced to four years."
    )
    assert person(result, "Oleg Sukhanov").role is Role.DEFENDANT


def test_who_represents_is_no_description() -> None:
    result = run(
        "Rustem Umerov and Ayder Seitov were detained on Monday. Lawyer Emil Kurbedinov, who "
        "represents Umerov and Ayder Seitov, said they were beaten."
    )
    assert person(result, "Ayder Seitov").role is Role.DEFENDANT
    assert person(result, "Emil Kurbedinov").role is Role.LAWYER


# --- a group named by a plural subject ---


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Three men were detained: Rustem Umerov, Ayder Seitov and Enver Aliev. Lawyer Emil "
            "Kurbedinov said that Umerov was beaten. The men were taken to SIZO-2 in Simferopol.",
            ["Ayder Seitov", "Enver Aliev", "Rustem Umerov"],
        ),
        (
            "Суд приговорил Тимура Исаева и Рустама Гаджиева к 14 годам. Адвокат Марат Алиев "
            "сообщил, что Исаев обжалует приговор. Мужчин этапировали в СИЗО-1 "
            "Ростова-на-Дону.",
            ["Рустам Гаджиев", "Тимур Исаев"],
        ),
    ],
)
def test_plural_subject_reaches_every_defendant(text: str, names: list[str]) -> None:
    result = run(text)
    assert all(person(result, n).facility for n in names)


def test_each_will_serve() -> None:
    result = run(
        "Эльдара Халилова суд приговорил к 17 годам. Ленур Асанов и Февзи Мамутов получили "
        "14 и 13 лет соответственно. Первые три года каждый проведёт в тюрьме, остальной срок "
        "— в колонии строгого режима."
    )
    assert {person(result, n).sentence.regime for n in defendants(result)} == {"strict"}


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        (
            "Тимур Исаев, Рустам Гаджиев и Ислам Омаров признаны виновными в беспорядках. "
            "Судья Марина Гусева назначила им 4 года, 3,5 года и 3 года колонии общего режима "
            "соответственно.",
            {"Тимур Исаев": (4, None), "Рустам Гаджиев": (3, 6), "Ислам Омаров": (3, None)},
        ),
        (
            "Timur Isaev and Rustam Gadzhiev were found guilty of rioting. Judge Marina Guseva "
            "gave them six and four years respectively.",
            {"Timur Isaev": (6, None), "Rustam Gadzhiev": (4, None)},
        ),
    ],
)
def test_respectively_after_pronoun(text: str, terms: dict[str, tuple[int, int | None]]) -> None:
    result = run(text)
    assert {n: term_of(result, n) for n in terms} == terms


# --- names: an organisation, a surname in capitals after a patronymic ---


@pytest.mark.parametrize(
    "text",
    [
        "Суд вынес приговор по «делу Хизб ут-Тахрир»: Рустем Умеров получил 12 лет колонии "
        "строгого режима.",
        "The verdict in the Hizb ut-Tahrir case: Rustem Umerov got 12 years in a strict-regime "
        "colony.",
    ],
)
def test_arabic_article_is_no_name(text: str) -> None:
    assert len(defendants(run(text))) == 1


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The court found Denis Olegovich KRASNOV guilty under Article 280.3 and sentenced "
            "KRASNOV to two years.",
            "Denis Olegovich Krasnov",
        ),
        (
            "Суд признал Дениса Олеговича КРАСНОВА виновным по ст. 280.3 УК и приговорил "
            "КРАСНОВА к двум годам.",
            "Денис Олегович Краснов",
        ),
    ],
)
def test_capitals_after_patronymic(text: str, name: str) -> None:
    result = run(text)
    assert defendants(result) == [name]
    assert term_of(result, name) == (2, None)


# --- terms ---


@pytest.mark.parametrize(
    ("text", "lang", "terms"),
    [
        ("He was sentenced to a year and a half in a colony-settlement.", "en", [(1, 6)]),
        ("She got two years and a half in a general-regime colony.", "en", [(2, 6)]),
        ("The court sentenced him to 4 (four) years and 3 (three) months.", "en", [(4, 3)]),
        ("Суд приговорил его к 4 (четырём) годам 3 (трём) месяцам колонии.", "ru", [(4, 3)]),
    ],
)
def test_term_wordings(text: str, lang: str, terms: list[tuple[int, int | None]]) -> None:
    assert terms_in(text, lang) == terms


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        (
            "Pavel Orlov received a suspended sentence of 4 years, and Anna Orlova 3.5 years "
            "suspended.",
            {"Pavel Orlov": (4, None), "Anna Orlova": (3, 6)},
        ),
        (
            "Павел Орлов получил четыре года, а Анна Орлова — 3,5 года условно.",
            {"Павел Орлов": (4, None), "Анна Орлова": (3, 6)},
        ),
    ],
)
def test_decimal_after_name(text: str, terms: dict[str, tuple[int, int | None]]) -> None:
    result = run(text)
    assert {n: term_of(result, n) for n in terms} == terms


@pytest.mark.parametrize(
    ("text", "lang", "terms"),
    [
        (
            "They got 16 and 12 years respectively, each with two years in prison.",
            "en",
            [(16, None), (12, None)],
        ),
        ("Его приговорили к 10 годам, из них три года в тюрьме.", "ru", [(10, None)]),
        # guard: "six years in prison" is the term itself
        ("He was sentenced to six years in prison.", "en", [(6, None)]),
    ],
)
def test_prison_part(text: str, lang: str, terms: list[tuple[int, int | None]]) -> None:
    assert terms_in(text, lang) == terms


# --- regimes ---


@pytest.mark.parametrize(
    ("text", "lang", "regimes"),
    [
        ("The regime remains the same, strict.", "en", ["strict"]),
        ("Режим прежний — общий.", "ru", ["general"]),
        ("Режим остался прежним: строгий.", "ru", ["strict"]),
        # guard: a regime word with no regime named
        ("The regime of visits stays the same.", "en", []),
    ],
)
def test_bare_regime(text: str, lang: str, regimes: list[str]) -> None:
    assert _regimes(text, lang) == regimes


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "В марте судья приговорила Олега Рябова к двум годам принудительных работ. "
            "Прокуратура подала апелляцию. Коллегия назначила Рябову два года колонии общего "
            "режима.",
            "Олег Рябов",
        ),
        (
            "In March the judge gave Oleg Ryabov a two-year suspended sentence. The regional "
            "court replaced the suspended term with a real one. Ryabov must now spend two years "
            "in a general-regime colony.",
            "Oleg Ryabov",
        ),
    ],
)
def test_regime_after_appeal_sentence(text: str, name: str) -> None:
    assert person(run(text), name).sentence.regime is None


def test_same_court_breach_keeps_regime() -> None:
    # guard: a replacement by the same court for breaches of probation
    result = run(
        "In 2024 the court gave Oleg Ryabov a two-year suspended sentence. On Monday the same "
        "court replaced the suspended sentence with a real term because he had violated "
        "probation. Ryabov will have to serve two years in a general-regime colony."
    )
    assert person(result, "Oleg Ryabov").sentence.regime == "general"


# --- articles ---


@pytest.mark.parametrize(
    ("text", "lang", "articles"),
    [
        ('She was accused of publishing "false reports" about Russian troops.', "en", ["207.3"]),
        ("He was found guilty of spreading 'fake news' on the armed forces.", "en", ["207.3"]),
        ("Её обвиняют в распространении «ложных сведений» о российской армии.", "ru", ["207.3"]),
        ("за недостоверные сообщения о действиях вооружённых сил", "ru", ["207.3"]),
    ],
)
def test_fake_news_wordings(text: str, lang: str, articles: list[str]) -> None:
    assert [f.value for f in find_articles(text, lang)] == articles


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The court sentenced Pavel Gromov to six years for treason. Several scientists "
            "have been charged with espionage in recent years.",
            "Pavel Gromov",
        ),
        (
            "Суд приговорил Павла Громова к шести годам за госизмену. В последние годы суды "
            "всё чаще рассматривают и дела о шпионаже.",
            "Павел Громов",
        ),
    ],
)
def test_trend_is_no_charge(text: str, name: str) -> None:
    assert person(run(text), name).articles == ["275"]


def test_trend_with_pronoun_keeps_charge() -> None:
    # guard: a sentence naming nobody about him keeps its article
    result = run(
        "Pavel Gromov was detained on 3 May. In recent years he was charged with espionage."
    )
    assert "276" in person(result, "Pavel Gromov").articles


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Суд приговорил Ивана Седова к 10 годам. Сначала против него возбудили дело о "
            "вандализме (ст. 214 УК), однако затем его действия переквалифицировали на теракт "
            "(ч. 1 ст. 205 УК).",
            "Иван Седов",
        ),
        (
            "Ivan Sedov was jailed for ten years. Police at first opened a case under Article "
            "214, but investigators later reclassified it under Article 205.",
            "Ivan Sedov",
        ),
    ],
)
def test_first_charge_replaced(text: str, name: str) -> None:
    assert person(run(text), name).articles == ["205"]


@pytest.mark.parametrize(
    ("text", "lang", "articles"),
    [
        ("в оправдании терроризма из-за комментария под видео о теракте", "ru", ["205.2"]),
        ("for justifying terrorism in a post about the sabotage on the railway", "en", ["205.2"]),
        # guard: «по статье о …» names the charge
        ("осуждён по статье о дискредитации армии", "ru", ["280.3"]),
    ],
)
def test_topic_of_publication(text: str, lang: str, articles: list[str]) -> None:
    assert [f.value for f in find_articles(text, lang)] == articles


def test_membership_of_the_cell() -> None:
    result = run(
        "Rustem Umerov received 17 years under Part 1 of Article 205.5. Ayder Seitov and Enver "
        "Aliev, accused of taking part in the cell's meetings, got 13 and 12 years "
        "respectively."
    )
    assert {tuple(person(result, n).articles) for n in defendants(result)} == {("205.5",)}


def test_counted_lead_reaches_every_defendant() -> None:
    result = run(
        "Суд приговорил трёх активистов к реальным срокам по делу о массовых беспорядках "
        "(ч. 2 ст. 212 УК). Олег Рябов, Илья Зуев и Пётр Носов получили 4, 3 и 3 года колонии "
        "общего режима соответственно."
    )
    assert {tuple(person(result, n).articles) for n in defendants(result)} == {("212",)}
    assert term_of(result, "Олег Рябов") == (4, None)


@pytest.mark.parametrize(
    ("text", "name", "articles"),
    [
        (
            "Самара. Суд оштрафовал Марину Ключеву по ст. 280.3 УК.\n\nПсков. Задержан "
            "16-летний школьник, его имя не называется. Подростка обвиняют в оправдании "
            "терроризма.",
            "Марина Ключева",
            ["280.3"],
        ),
        (
            "Perm. The court fined Marina Klyueva under Article 280.3.\n\nTver. A student was "
            "detained on Monday. His name has not been disclosed. He is charged with treason.",
            "Marina Klyueva",
            ["280.3"],
        ),
    ],
)
def test_after_unnamed_person(text: str, name: str, articles: list[str]) -> None:
    assert person(run(text), name).articles == articles


def test_passive_lead_with_day() -> None:
    result = run(
        "A Tomsk blogger was sentenced on Friday to four years in a general-regime colony.\n\n"
        "The court found Ilya Rudnev, 30, guilty under Article 205.2. In a separate case, Anna "
        "Lvova was fined 30,000 roubles."
    )
    assert term_of(result, "Ilya Rudnev") == (4, None)
    assert person(result, "Ilya Rudnev").sentence.regime == "general"
