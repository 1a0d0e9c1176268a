"""Round 7: well-known cases as a gazetteer (``habeas.extract.known``), on invented texts in
several variants (not taken from the evaluation cases). The defendants are invented; the
known persons are in ``data/known_cases.toml`` with public facts only.

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources

import pytest

from habeas.extract import Role, extract_text
from habeas.extract.known import (
    KnownCase,
    KnownIndex,
    builtin_cases,
    builtin_index,
    new_event,
    split_gazetteer,
)
from tests.extract.helpers import PUBLISHED, defendants, person, run

RU_LEAD = (
    "Во вторник Кировский районный суд Томска приговорил блогера Дениса Ломова к шести годам "
    "колонии общего режима за «фейки» об армии (ст. 207.3 УК)."
)
EN_LEAD = (
    "A court in Tomsk on Tuesday sentenced blogger Pavel Ushakov to five years in a "
    "general-regime colony for spreading false information about the army."
)

# --- a known person named for context is not the text's defendant ---


@pytest.mark.parametrize(
    "tail",
    [
        " Той же статьёй в 2022 году к восьми с половиной годам осудили политика Илью Яшина.",
        " Политик Илья Яшин получил по этой статье восемь с половиной лет.",
        " Борис Кагарлицкий отбывает пятилетний срок в колонии в Торжке.",
        " Дмитрия Глуховского за «фейки» заочно осудили на восемь лет.",
        " Заочные приговоры стали обычными: восемь лет получил писатель Дмитрий Глуховский.",
        " Самый долгий срок по делу о госизмене — 25 лет — получил Владимир Кара-Мурза.",
        " Статью 212.1 называют «дадинской»: первым по ней в 2015 году осудили Ильдара Дадина.",
    ],
)
def test_ru_known_person_for_context(tail: str) -> None:
    r = run(RU_LEAD + tail)
    assert defendants(r) == ["Денис Ломов"]
    lomov = person(r, "Денис Ломов")
    assert (lomov.sentence.years, lomov.sentence.months, lomov.sentence.regime) == (
        6,
        None,
        "general",
    )
    assert lomov.articles == ["207.3"]
    assert lomov.facility is None
    assert lomov.dates["verdict"] == date(2026, 5, 12)


@pytest.mark.parametrize(
    "tail",
    [
        " Moscow councillor Alexei Gorinov received seven years under the same law in 2022.",
        " Ilya Yashin was sentenced to eight and a half years for a video about Bucha.",
        " Evan Gershkovich, a reporter, got 16 years for espionage and was later exchanged.",
        " The colony also held Alexey Navalny, who was sentenced to nine years for fraud.",
        " Vladimir Kara-Murza received the longest term, 25 years.",
        " Svetlana Petriychuk and Zhenya Berkovich were each given six years for a play.",
    ],
)
def test_en_known_person_for_context(tail: str) -> None:
    r = run(EN_LEAD + tail)
    assert defendants(r) == ["Pavel Ushakov"]
    ushakov = person(r, "Pavel Ushakov")
    assert (ushakov.sentence.years, ushakov.sentence.regime) == (5, "general")
    assert ushakov.articles == ["207.3"]


# --- … unless the text tells a new event of theirs ---


@pytest.mark.parametrize(
    ("tail", "name", "article"),
    [
        # a verdict dated in the publication window
        (
            " On Wednesday a Moscow court sentenced Alexei Gorinov to two more years for "
            "justifying terrorism.",
            "Alexei Gorinov",
            "205.2",
        ),
        (
            " Во вторник Мещанский суд приговорил Бориса Кагарлицкого к шести годам за "
            "оправдание терроризма.",
            "Борис Кагарлицкий",
            "205.2",
        ),
        # a charge under an article not in the known case
        (
            " В отношении Алексея Горинова возбудили новое дело по статье 280.4 УК.",
            "Алексей Горинов",
            "280.4",
        ),
    ],
)
def test_new_event_of_a_known_person_keeps_the_defendant(
    tail: str, name: str, article: str
) -> None:
    lead = RU_LEAD if "А" <= tail.strip()[0] <= "я" else EN_LEAD
    r = run(lead + tail)
    assert name in defendants(r)
    assert article in person(r, name).articles


def test_a_year_later_than_the_known_verdicts_is_a_new_event() -> None:
    r = run(RU_LEAD + " В 2026 году Илью Яшина заочно приговорили ещё к четырём годам.")
    assert defendants(r) == ["Денис Ломов", "Илья Яшин"]


def test_known_person_alone_in_the_text_stays_a_defendant() -> None:
    for text in (
        "Суд приговорил политика Илью Яшина к восьми с половиной годам колонии.",
        "A court sentenced the sociologist Boris Kagarlitsky to five years for justifying "
        "terrorism.",
    ):
        r = run(text)
        assert len(defendants(r)) == 1
        assert r.persons[0].role is Role.DEFENDANT


def test_known_persons_only_are_all_kept() -> None:
    r = run(
        "Vladimir Kara-Murza was sentenced to 25 years in a strict-regime colony and Ilya "
        "Yashin to eight and a half years."
    )
    assert defendants(r) == ["Ilya Yashin", "Vladimir Kara-Murza"]
    assert person(r, "Vladimir Kara-Murza").sentence.years == 25


def test_lead_sentence_naming_only_the_known_person_keeps_its_facts() -> None:
    r = run(
        "A court in Tver has sentenced a librarian to four years in prison for donations to "
        "Alexei Navalny's Anti-Corruption Foundation. Olga Serova, 51, was found guilty on "
        "Tuesday of financing extremist activity."
    )
    assert defendants(r) == ["Olga Serova"]
    assert person(r, "Olga Serova").sentence.years == 4


# --- matching a person to a known case ---


def test_lookup_by_surname_and_given_name() -> None:
    index = builtin_index()
    assert index.lookup("Навальный", ["Алексей"], False) is not None
    assert index.lookup("Navalny", ["Aleksey"], False) is not None  # another spelling
    assert index.lookup("Navalnyy", ["Alexei"], False) is not None
    assert index.lookup("Навальный", ["А."], False) is not None  # an initial
    # a namesake with another given name is somebody else
    assert index.lookup("Навальный", ["Сергей"], False) is None
    # a lone surname: only a long one is taken as the known person
    assert index.lookup("Кагарлицкий", [], True) is not None
    assert index.lookup("Яшин", [], True) is None
    assert index.lookup("Петров", ["Иван"], False) is None


def test_the_data_file() -> None:
    cases = builtin_cases()
    assert 80 <= len(cases) <= 150
    raw = resources.files("habeas.extract").joinpath("data/known_cases.toml").read_text("utf-8")
    assert raw.startswith("#") and "public reporting" in raw
    for item in tomllib.loads(raw)["person"]:
        assert item["ru"] and item["en"], item
        assert all(a.replace(".", "").isdigit() for a in item.get("articles", [])), item
        assert all(1990 <= y <= 2026 for y in item.get("years", [])), item
        assert set(item) <= {"ru", "en", "articles", "years", "sentence", "country"}, item
    surnames = [c.names[0].split()[-1] for c in cases]
    assert "Кагарлицкий" in surnames


def test_new_event_signals() -> None:
    case = KnownCase(("Илья Яшин",), frozenset({"207.3"}), frozenset({2022}))
    pub = date(2026, 5, 15)
    assert new_event(case, "", [date(2026, 5, 12)], [], pub)
    assert not new_event(case, "", [date(2025, 5, 12)], [], pub)
    assert new_event(case, "в 2026 году", [], [], pub)
    assert not new_event(case, "в 2022 году", [], ["207.3"], pub)
    assert new_event(case, "", [], ["280.4"], pub)
    assert not new_event(case, "в 2015 году", [], ["280.4"], pub)  # an old case
    assert not new_event(case, "", [], ["207.3"], pub)


# --- the gazetteer argument: names, and known cases from the registry ---

REGISTRY_TEXT = EN_LEAD + " Zakhar Petrenko was sentenced to six years for his posts about the war."


def test_registry_entry_as_a_mapping_makes_a_context_mention() -> None:
    plain = extract_text(REGISTRY_TEXT, published=PUBLISHED)
    assert "Zakhar Petrenko" in defendants(plain)
    entry = {"names": ["Zakhar Petrenko", "Захар Петренко"], "articles": ["207.3"], "years": [2023]}
    r = extract_text(REGISTRY_TEXT, published=PUBLISHED, gazetteer=[entry])
    assert defendants(r) == ["Pavel Ushakov"]
    assert person(r, "Pavel Ushakov").sentence.years == 5
    case = KnownCase(("Zakhar Petrenko",), frozenset({"207.3"}), frozenset({2023}))
    r = extract_text(REGISTRY_TEXT, published=PUBLISHED, gazetteer=["Somebody Else", case])
    assert defendants(r) == ["Pavel Ushakov"]


def test_plain_names_still_recognise_english_names() -> None:
    text = "The lawyer said on Tuesday that Zorig Batuev had been transferred to another colony."
    assert defendants(extract_text(text, published=PUBLISHED)) == []
    r = extract_text(text, published=PUBLISHED, gazetteer=["Zorig Batuev"])
    assert defendants(r) == ["Zorig Batuev"]
    # a plain name is no known case: it does not set the person aside
    r = extract_text(REGISTRY_TEXT, published=PUBLISHED, gazetteer=["Zakhar Petrenko"])
    assert "Zakhar Petrenko" in defendants(r)


def test_split_gazetteer() -> None:
    names, cases = split_gazetteer(
        ["Boris Kagarlitsky", {"ru": "Захар Петренко", "en": ["Zakhar Petrenko"], "years": ["x"]}]
    )
    assert names == ["Boris Kagarlitsky", "Zakhar Petrenko"]
    assert cases[0].names == ("Захар Петренко", "Zakhar Petrenko") and not cases[0].years
    assert not KnownIndex([])


# --- «Егору Вайсману»: a guessed place after a given name is a surname ---


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Суд оставил без изменения приговор инженеру Егору Вайсману.", "Егор Вайсман"),
        ("Суд приговорил Марату Зильберману штраф.", "Марат Зильберман"),
    ],
)
def test_ru_guessed_surname_after_a_given_name(text: str, name: str) -> None:
    r = run(text)
    assert [p.name for p in r.persons] == [name]


# --- the command line passes the registry's recorded cases as known cases ---


@pytest.mark.django_db
def test_registry_cases_as_gazetteer_entries(list_file) -> None:
    from habeas.apps.registry.importer import import_file
    from habeas.cli.extract_commands import _known_cases

    import_file(list_file(), source="Memorial", today=date(2026, 11, 26))
    entries = _known_cases()
    kag = next(e for e in entries if "Boris Kagarlitsky" in e["names"])
    assert "205.2" in kag["articles"]
    names, cases = split_gazetteer(entries)
    assert "Boris Kagarlitsky" in names and cases
    # the seed-like text about him alone keeps him as its defendant
    r = extract_text(
        "The sociologist Boris Kagarlitsky was sentenced to five years for justifying terrorism.",
        published=PUBLISHED,
        gazetteer=entries,
    )
    assert defendants(r) == ["Boris Kagarlitsky"]


def test_short_indeclinable_surnames_stay_as_written() -> None:
    from habeas.extract.readings import read_name

    assert read_name(("Сергею", "Шойгу"), ("given", "surname"))[0] == ("Сергей", "Шойгу")
    assert read_name(("Анне", "Вайсман"), ("given", "surname"))[0] == ("Анна", "Вайсман")
    assert read_name(("Марату", "Зильберману"), ("given", "surname"))[0] == (
        "Марат",
        "Зильберман",
    )


def test_a_namesake_of_a_known_person_is_not_set_aside() -> None:
    r = run(
        RU_LEAD + " Вместе с ним осудили его знакомого Павла Удальцова: Удальцову дали три года "
        "колонии общего режима."
    )
    assert defendants(r) == ["Денис Ломов", "Павел Удальцов"]
    r = run(
        EN_LEAD + " His friend Pavel Udaltsov was sentenced to three years. Udaltsov will appeal."
    )
    assert defendants(r) == ["Pavel Udaltsov", "Pavel Ushakov"]


def _inflected(name: str, case: str) -> str:
    from habeas.names.inflect import case_forms
    from habeas.vocabulary import Gender

    given, surname = name.split(" ", 1)
    female = surname.endswith(("а", "ая")) or given.endswith(("а", "я")) and given != "Илья"
    gender = Gender.FEMALE if female else Gender.MALE
    return (
        f"{case_forms(given, 'given', gender)[case]} {case_forms(surname, 'surname', gender)[case]}"
    )


def test_every_known_person_is_recognised_for_context() -> None:
    """Each entry of the data file, in a sentence of context after a defendant's verdict:
    Russian names in the genitive (as the object of «осудили»), English as written."""
    missed = []
    for case in builtin_cases():
        ru = next(n for n in case.names if not n.isascii())
        en = next(n for n in case.names if n.isascii())
        year = min(case.years, default=2020)
        texts = {
            "Денис Ломов": RU_LEAD + f" В {year} году по той же статье осудили "
            f"{_inflected(ru, 'gent')}.",
            "Pavel Ushakov": EN_LEAD + f" In {year} a court jailed {en}.",
        }
        for own, text in texts.items():
            if defendants(run(text)) != [own]:
                missed.append(text)
    assert missed == []


def test_a_text_about_the_known_person_keeps_him() -> None:
    r = run(
        "The sociologist Boris Kagarlitsky, who is serving five years for justifying "
        "terrorism, has been moved from the colony in Torzhok to a prison hospital, his "
        "lawyer said. Kagarlitsky was taken there together with Roman Zotov, a teacher "
        "sentenced to three years for his posts. Kagarlitsky's wife has not been told why."
    )
    assert "Boris Kagarlitsky" in defendants(r)


@pytest.mark.parametrize(
    "tail",
    [
        " Ushakov shared a cell with Evan Gershkovich in Lefortovo while the reporter awaited "
        "trial for espionage.",
        " Ushakov shared a cell with Evan Gershkovich, who was tried for espionage, in Lefortovo.",
        " In Lefortovo he met Vladimir Kara-Murza, then on trial for treason.",
    ],
)
def test_the_clause_after_a_known_person_without_a_role_is_theirs(tail: str) -> None:
    r = run(EN_LEAD + tail)
    assert defendants(r) == ["Pavel Ushakov"]
    assert person(r, "Pavel Ushakov").articles == ["207.3"]


def test_a_known_speaker_does_not_take_the_defendants_facts() -> None:
    r = run(
        "Pavel Ushakov, a blogger from Tomsk, was detained in March. Ilya Yashin said on "
        "Tuesday that Ushakov's five-year sentence for spreading false information about the "
        "army was a disgrace."
    )
    assert defendants(r) == ["Pavel Ushakov"]
    assert person(r, "Pavel Ushakov").sentence.years == 5
