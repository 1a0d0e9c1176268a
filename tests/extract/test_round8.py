"""Round 8: the families behind the ``heldout10``/``heldout11`` misses, each on invented
sentences in several wordings (none taken from an evaluation case): prisoners' lists with
one entry per person, abbreviated terms and regimes, requests with a long court name, a span
of time that is no term, offence wordings, "Jehovah's Witness" as a faith, an English name
with its age in apposition, a family named by the plural surname, a relative's elided term,
and a known person named as the possessor of a thing.

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

import pytest

from habeas.extract import Role, extract_text
from tests.extract.helpers import PUBLISHED, defendants, person, run

# --- prisoners' lists: an entry headed by a surname in capitals is a defendant's record ---

RU_LIST = """ВЫХОДЯТ НА СВОБОДУ

Раз в месяц мы публикуем список политзаключённых, чьи сроки подходят к концу.

ЗАХАРЧЕНКО Инна Павловна, Тула. Ч. 1 ст. 280.3 УК РФ. 1 г. 8 мес. колонии-поселения. Освободилась 3 мая из КП-2.

ЛОБАНОВ Фёдор, Самара. Ст. 205.2 УК РФ (оправдание терроризма). 4 г. стр. реж. Выходит 12 мая из ИК-6.

МУРТАЗИН Ренат Ильдарович, Уфа. П. «д» ч. 2 ст. 207.3 УК РФ. 3 г. 2 мес. общ. реж. Освободился 9 мая.
"""

EN_LIST = """COMING HOME

Each month we list political prisoners due for release.

TKACHENKO, Vera (Tula). Art. 280.3(1) of the Criminal Code. 1 yr 8 mos in a colony-settlement. Released on 3 May.

LOBANOV, Fyodor (Samara). Art. 205.2 ("justifying terrorism"). 4 yrs, strict regime. Due out on 12 May.

3. MURTAZIN, Renat (Ufa). Art. 207.3(2). 3 yrs 2 mos, general regime. Released on 9 May. His sister Alsu met him at the gate.
"""


def test_ru_prisoners_list_entries() -> None:
    r = run(RU_LIST)
    assert defendants(r) == [
        "Захарченко Инна Павловна",
        "Лобанов Фёдор",
        "Муртазин Ренат Ильдарович",
    ]
    z = person(r, "Захарченко Инна Павловна")
    assert z.articles == ["280.3"]
    assert (z.sentence.years, z.sentence.months, z.sentence.regime) == (1, 8, "settlement")
    lob = person(r, "Лобанов Фёдор")
    assert lob.articles == ["205.2"]
    assert (lob.sentence.years, lob.sentence.months, lob.sentence.regime) == (4, None, "strict")
    mur = person(r, "Муртазин Ренат Ильдарович")
    assert mur.articles == ["207.3"]
    assert (mur.sentence.years, mur.sentence.months, mur.sentence.regime) == (3, 2, "general")


def test_en_prisoners_list_entries() -> None:
    r = run(EN_LIST)
    assert defendants(r) == ["Lobanov Fyodor", "Murtazin Renat", "Tkachenko Vera"]
    t = person(r, "Tkachenko Vera")
    assert t.articles == ["280.3"]
    assert (t.sentence.years, t.sentence.months, t.sentence.regime) == (1, 8, "settlement")
    lob = person(r, "Lobanov Fyodor")
    assert lob.articles == ["205.2"]
    assert (lob.sentence.years, lob.sentence.regime) == (4, "strict")
    mur = person(r, "Murtazin Renat")
    assert mur.articles == ["207.3"]
    assert (mur.sentence.years, mur.sentence.months, mur.sentence.regime) == (3, 2, "general")
    assert any(c.kind.value == "released" for c in mur.changes)


@pytest.mark.parametrize(
    "text",
    [
        # a dateline in capitals is no entry
        "MOSCOW, Reuters - A court sentenced Pavel Ushakov to five years in a general-regime "
        "colony on Tuesday.",
        "ТОМСК, 14 мая. Суд приговорил Дениса Ломова к шести годам колонии общего режима.",
        "SARATOV, Russia (Reuters) - A court sentenced Pavel Ushakov to five years in a "
        "general-regime colony on Tuesday.",
        "ROSTOV, Russia, May 12 (AP) - Pavel Ushakov was jailed for five years on Tuesday.",
        "САРАТОВ, Россия. Суд приговорил Дениса Ломова к шести годам колонии общего режима.",
    ],
)
def test_dateline_is_no_list_entry(text: str) -> None:
    r = run(text)
    assert len(defendants(r)) == 1
    assert not any(
        w in p.name for p in r.persons for w in ("Moscow", "Saratov", "Rostov", "Томск", "Саратов")
    )


def test_list_entry_without_facts_is_no_defendant() -> None:
    text = "ПАМЯТКА\n\nИВАНОВА Нина, волонтёр, отвечает на письма по средам.\n"
    r = run(text)
    assert defendants(r) == []


# --- abbreviated and parenthesised terms, regimes in the nominative ---


@pytest.mark.parametrize(
    ("text", "years", "months", "regime"),
    [
        ("Суд приговорил Артёма Белова к 5 г. стр. реж.", 5, None, "strict"),
        ("Суд приговорил Артёма Белова к 2 г. 4 мес. общ. реж.", 2, 4, "general"),
        ("Артёму Белову назначили 6 (шесть) лет колонии строгого режима.", 6, None, "strict"),
        ("Артёма Белова осудили на 3 года, режим — общий режим.", 3, None, "general"),
        (
            "Sergei Belov was sentenced to 7 (seven) years in a strict-regime colony.",
            7,
            None,
            "strict",
        ),
        ("Sergei Belov was sentenced to 2 yrs 3 mos, general regime.", 2, 3, "general"),
        ("Sergei Belov was jailed for 6 yrs. in a general-regime colony.", 6, None, "general"),
    ],
)
def test_abbreviated_terms(text: str, years: int, months: int | None, regime: str) -> None:
    r = run(text)
    (d,) = [p for p in r.persons if p.role is Role.DEFENDANT]
    assert (d.sentence.years, d.sentence.months, d.sentence.regime) == (years, months, regime)


def test_ban_period_after_parenthesised_term() -> None:
    text = (
        "The court sentenced Oleg Markin to 9 (nine) years of imprisonment in a general-regime "
        "colony, with a ban on administering websites for a period of 2 years."
    )
    r = run(text)
    assert person(r, "Oleg Markin").sentence.years == 9


# --- requests: a long court name between "asked" and the term; a sentence asked for ---


@pytest.mark.parametrize(
    "asked",
    [
        "Prosecutors had asked the Kirov Regional Court to sentence her to two years of forced "
        "labour.",
        "The prosecutor asked the Leninsky District Court of Perm to give her a suspended "
        "sentence of three years.",
        "The prosecution had asked the court to give her a suspended sentence of four years.",
        "The state prosecutor asked the Second Eastern District Military Court to jail her for "
        "six years.",
    ],
)
def test_en_request_with_court_name(asked: str) -> None:
    text = (
        "A court in Perm on Monday fined Irina Sobol 200,000 roubles for discrediting the "
        "army. " + asked
    )
    r = run(text)
    sobol = person(r, "Irina Sobol")
    assert sobol.sentence.fine == 200000
    assert sobol.sentence.years is None


@pytest.mark.parametrize(
    "quote",
    [
        '"A suspended sentence means I will keep silent for three years," she said.',
        '"Now I will be looking over my shoulder for four years," she told reporters after the '
        "suspended sentence was read out.",
    ],
)
def test_en_span_of_time_is_no_term(quote: str) -> None:
    text = (
        "A court in Orenburg on Monday handed a two-year suspended sentence to Irina Sobol for "
        "calls to extremism. " + quote
    )
    r = run(text)
    sobol = person(r, "Irina Sobol")
    assert (sobol.sentence.years, sobol.sentence.suspended) == (2, True)


# --- offence wordings ---


@pytest.mark.parametrize(
    ("text", "article"),
    [
        (
            "Суд приговорил Олега Чижова к четырём годам колонии за призывы к деятельности "
            "против безопасности государства.",
            "280.4",
        ),
        (
            "Олега Чижова осудили на три года за призывы к деятельности против безопасности "
            "страны.",
            "280.4",
        ),
        (
            "Олега Чижова осудили на три года за призыв к деятельности, направленной против "
            "государственной безопасности.",
            "280.4",
        ),
        (
            "Oleg Chizhov was sentenced to four years for publicly calling for activities "
            "against the security of the state.",
            "280.4",
        ),
        (
            "Oleg Chizhov was sentenced to four years for calls to act against state security.",
            "280.4",
        ),
        (
            "Oleg Chizhov was sentenced to six years for \u201cconfidential cooperation\u201d with a "
            "foreign state.",
            "275.1",
        ),
        (
            "Oleg Chizhov was sentenced to six years for cooperating confidentially with a "
            "foreign intelligence service.",
            "275.1",
        ),
        (
            "Олега Чижова осудили на два года за участие в деятельности «нежелательной» "
            "организации.",
            "284.1",
        ),
        (
            "Олега Чижова осудили на два года за участие в деятельности организации, "
            "признанной «нежелательной».",
            "284.1",
        ),
        (
            "Олега Чижова оштрафовали на 400 тысяч рублей за участие в деятельности "
            "запрещённой в России экстремистской организации.",
            "282.2",
        ),
        (
            "Олега Чижова осудили на шесть лет за организацию деятельности запрещённой на "
            "территории России религиозной организации.",
            "282.2",
        ),
        (
            "Oleg Chizhov was fined 400,000 roubles for taking part in the activities of an "
            "organisation banned in Russia as extremist.",
            "282.2",
        ),
    ],
)
def test_offence_wordings(text: str, article: str) -> None:
    r = run(text)
    (d,) = [p for p in r.persons if p.role is Role.DEFENDANT]
    assert d.articles == [article]


# --- "Jehovah's Witness" is a faith, not the role ---


@pytest.mark.parametrize(
    "text",
    [
        "Суд оштрафовал на 300 тысяч рублей Марину Кольцову, Свидетеля Иеговы, по делу об "
        "экстремизме.",
        "Свидетельницу Иеговы Марину Кольцову суд приговорил к двум годам условно.",
        "A court fined Marina Koltsova, a Jehovah's Witness, 300,000 roubles for extremism.",
        "Jehovah\u2019s Witness Marina Koltsova was given a two-year suspended sentence.",
    ],
)
def test_jehovahs_witness_is_no_witness(text: str) -> None:
    r = run(text)
    assert defendants(r) in (["Марина Кольцова"], ["Marina Koltsova"])
    assert not any(p.role is Role.WITNESS for p in r.persons)


# --- an English name with an age in apposition ---


@pytest.mark.parametrize(
    "text",
    [
        "Enver Seitkhalilov, 41, whom the FSB called the group's leader, received 16 years in "
        "a strict-regime colony.",
        "The court sentenced Remzi Bekirov, aged 38, to 16 years in a strict-regime colony.",
        "Ruslan Zeytullaev (44) received 16 years in a strict-regime colony, his lawyer said.",
    ],
)
def test_en_unlisted_name_with_age(text: str) -> None:
    r = run(text)
    (d,) = [p for p in r.persons if p.role is Role.DEFENDANT]
    assert d.sentence.years == 16
    assert len(d.name.split()) == 2


# --- a family named by its plural surname; a relative's elided term ---


@pytest.mark.parametrize(
    "lead",
    [
        "Суд вынес приговор супругам Гончаровым по делу об экстремизме.",
        "Супругов Гончаровых судили по делу об экстремизме.",
        "Дело семьи Гончаровых рассматривал Ленинский районный суд.",
    ],
)
def test_ru_family_plural_and_wife(lead: str) -> None:
    text = (
        lead + " Андрея Гончарова суд приговорил к шести годам колонии общего режима, его жену "
        "Елену Гончарову — к 2,5 годам лишения свободы условно. Гончаровы не признали вину."
    )
    r = run(text)
    assert defendants(r) == ["Андрей Гончаров", "Елена Гончарова"]
    assert (
        person(r, "Андрей Гончаров").sentence.years,
        person(r, "Андрей Гончаров").sentence.suspended,
    ) == (6, False)
    wife = person(r, "Елена Гончарова")
    assert (wife.sentence.years, wife.sentence.months, wife.sentence.suspended) == (2, 6, True)


def test_en_relative_elided_term() -> None:
    text = (
        "The court sentenced Andrei Goncharov to six years in a general-regime colony and his "
        "wife, Yelena Goncharova, to three years of suspended imprisonment."
    )
    r = run(text)
    assert defendants(r) == ["Andrei Goncharov", "Yelena Goncharova"]
    assert person(r, "Yelena Goncharova").sentence.years == 3


# --- a known person named as the possessor of a thing ---


@pytest.mark.parametrize(
    "tail",
    [
        " Похожее дело было у журналистов, работавших на команду Алексея Навального: в 2025 году "
        "их приговорили к пяти с половиной годам.",
        " Ранее, в 2025 году, по статье об экстремизме осудили сторонника Алексея Навального.",
    ],
)
def test_ru_known_possessor(tail: str) -> None:
    text = (
        "Во вторник Кировский районный суд Томска приговорил журналиста Дениса Ломова к шести "
        "годам колонии общего режима по делу об участии в экстремистском сообществе." + tail
    )
    r = run(text)
    assert defendants(r) == ["Денис Ломов"]
    assert person(r, "Денис Ломов").sentence.years == 6


def test_en_known_possessive_mentions_do_not_make_the_text_about_him() -> None:
    text = (
        "A former coordinator of Alexei Navalny's office in Tomsk was sentenced on Tuesday to "
        "four years in a general-regime colony for extremism. The court found Pavel Ushakov "
        "guilty of working for Navalny's network. Ushakov denied the charge. Navalny himself "
        "was sentenced in 2023 to 19 years."
    )
    r = extract_text(text, published=PUBLISHED)
    assert defendants(r) == ["Pavel Ushakov"]
    assert person(r, "Pavel Ushakov").sentence.years == 4


# --- a term threatened by law ("faces between …", "if convicted") ---


@pytest.mark.parametrize(
    "tail",
    [
        " If convicted, he faces between 12 years and life in prison.",
        " He faces from ten to twenty years in prison if found guilty.",
        " If found guilty, he could be jailed for 15 years.",
    ],
)
def test_en_threatened_term_is_no_sentence(tail: str) -> None:
    text = (
        "A Moscow court on Monday ordered Pavel Ushakov, a physicist, to be held in custody on "
        "treason charges." + tail
    )
    r = run(text)
    assert person(r, "Pavel Ushakov").sentence.years is None


# --- a sentence naming nobody after a known person, telling an event of the known case ---


@pytest.mark.parametrize(
    "tail",
    [
        " История Ломова напоминает дело социолога Бориса Кагарлицкого. В декабре 2023 года "
        "суд оштрафовал его, а в феврале 2024 года заменил штраф пятью годами колонии.",
        " Похожее дело было у Бориса Кагарлицкого. В 2024 году ему дали пять лет колонии "
        "общего режима.",
    ],
)
def test_ru_unnamed_sentence_after_known_person(tail: str) -> None:
    text = (
        "Во вторник Кировский районный суд Томска оштрафовал блогера Дениса Ломова на 400 "
        "тысяч рублей за оправдание терроризма." + tail
    )
    r = run(text)
    assert defendants(r) == ["Денис Ломов"]
    lomov = person(r, "Денис Ломов")
    assert (lomov.sentence.years, lomov.sentence.fine) == (None, 400000)


def test_en_unnamed_sentence_after_known_person() -> None:
    text = (
        "A court in Tomsk on Tuesday fined blogger Denis Lomov 400,000 roubles for justifying "
        "terrorism. His case resembles that of the sociologist Boris Kagarlitsky. In 2024 an "
        "appeal court replaced his fine with five years in a general-regime colony."
    )
    r = run(text)
    assert defendants(r) == ["Denis Lomov"]
    assert person(r, "Denis Lomov").sentence.years is None


def test_unnamed_sentence_with_a_new_date_stays_with_the_defendant() -> None:
    text = (
        "Суд оштрафовал блогера Дениса Ломова на 400 тысяч рублей. Похожее дело было у Бориса "
        "Кагарлицкого. В 2026 году Ломова задержали снова, ему грозит пять лет."
    )
    r = run(text)
    assert defendants(r) == ["Денис Ломов"]


# --- a judge titled with the court's name; decimal halves in a list of terms ---


@pytest.mark.parametrize(
    "court",
    [
        "Ленинского районного суда Самары",
        "Мещанского районного суда",
        "Свердловского областного суда",
        "Мосгорсуда",
    ],
)
def test_ru_judge_with_court_between(court: str) -> None:
    text = (
        "Вчера Арсения Голубева приговорили к трём годам колонии-поселения за «дискредитацию» "
        f"армии. Судья {court} Пётр Карпенко огласил приговор за десять минут."
    )
    r = run(text)
    assert defendants(r) == ["Арсений Голубев"]
    assert person(r, "Пётр Карпенко").role is Role.JUDGE


@pytest.mark.parametrize(
    ("numbers", "first"),
    [("5,5 и 4", (5, 6)), ("6,5 и 3", (6, 6)), ("7 и 4,5", (7, None))],
)
def test_ru_decimal_half_in_respective_terms(numbers: str, first: tuple[int, int | None]) -> None:
    text = (
        "Суд приговорил Марию Ветрову и Илью Сомова к "
        f"{numbers} годам колонии общего режима соответственно."
    )
    r = run(text)
    v = person(r, "Мария Ветрова")
    assert (v.sentence.years, v.sentence.months) == first


# --- "the same court, in another year, sentenced X": another case told in passing ---


@pytest.mark.parametrize(
    "tail",
    [
        " The same court in March 2023 sentenced Yegor Lipsky to six years for treason.",
        " The same judge last year jailed Yegor Lipsky for six years.",
        " Тот же суд в марте 2023 года приговорил Егора Липского к шести годам.",
        " Этот же суд годом ранее оштрафовал Егора Липского на 300 тысяч рублей.",
    ],
)
def test_same_court_other_year_is_passing(tail: str) -> None:
    lead = EN_LEAD_8 if tail.startswith(" The") else RU_LEAD_8
    r = run(lead + tail)
    assert len(defendants(r)) == 1
    assert not any("Lipsk" in p.name or "Липск" in p.name for p in r.persons if p.role)


EN_LEAD_8 = (
    "A court in Tomsk on Tuesday sentenced blogger Pavel Ushakov to five years in a "
    "general-regime colony for spreading false information about the army."
)
RU_LEAD_8 = (
    "Во вторник Кировский районный суд Томска приговорил блогера Дениса Ломова к шести годам "
    "колонии общего режима за «фейки» об армии."
)


# --- a term written as an adjective («пятилетний срок») ---


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Апелляционный суд оставил без изменения пятилетний срок осуждённому Павлу Гринько.", 5),
        ("Суд назначил Павлу Гринько восьмилетний срок в колонии строгого режима.", 8),
        ("Павла Гринько приговорили к двенадцатилетнему заключению в колонии.", 12),
        ("Павлу Гринько назначили двадцатилетний срок заключения за госизмену.", 20),
    ],
)
def test_ru_adjective_term(text: str, years: int) -> None:
    r = run(text)
    assert person(r, "Павел Гринько").sentence.years == years


def test_ru_adjective_probation_is_no_term() -> None:
    r = run("Павла Гринько приговорили к двум годам условно с двухлетним испытательным сроком.")
    g = person(r, "Павел Гринько")
    assert (g.sentence.years, g.sentence.suspended) == (2, True)
