"""Round 18: articles (the ``heldout34`` … ``heldout37`` misses), each rule on invented sentences
(none taken from an evaluation case): "as a rule" and a number that keeps growing are trends; an
unnamed person's case («имена задержанных не раскрываются», "asked that his name not be
published", "A 17-year-old student has been charged with …" in a round-up); a bare
"participation" repeats the organiser's article; "a terrorist cell"; an offence the text says is
absent ("no evidence of sabotage"); the old charge of a re-qualification told again in other
words; an initial is a letter alone; "the prosecutor in the case, X"; guards for each.

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

import pytest

from habeas.extract import Role
from habeas.extract.articles import find_articles
from tests.extract.helpers import defendants, person, run


def _articles(text: str, lang: str) -> list[str]:
    return sorted({f.value for f in find_articles(text, lang)})


def _own(result: object, name: str) -> list[str]:
    return sorted(person(result, name).articles)


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            "Суд приговорил Аркадия Веснина к пяти годам за «фейки» об армии. "
            "По этой статье, как правило, судят тех, кого силовики не смогли обвинить в госизмене.",
            "Аркадий Веснин",
            ["207.3"],
        ),
        (
            "A court jailed Pavel Dorogin for five years for spreading fakes about the army. "
            "As a rule, people who cannot be charged with treason are tried under this article.",
            "Pavel Dorogin",
            ["207.3"],
        ),
        (
            "Ilya Kremnev was fined for discrediting the army. Rights groups note that the "
            "number of treason convictions continues to grow.",
            "Ilya Kremnev",
            ["280.3"],
        ),
    ],
)
def test_rule_and_growth_are_trends(text: str, name: str, expected: list[str]) -> None:
    assert _own(run(text), name) == expected


def test_trend_guard_keeps_own_sentence() -> None:
    # a sentence naming its defendant keeps its articles whatever adverb it has
    result = run(
        "Суд приговорил Зою Ветлугину к двум годам за «фейки» об армии, как правило так и бывает."
    )
    assert _own(result, "Зоя Ветлугина") == ["207.3"]


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            "Суд оштрафовал Егора Ламина за возбуждение ненависти. Кроме того, стало известно "
            "о задержаниях по делам о госизмене в Туле; имена задержанных пока не раскрываются.",
            "Егор Ламин",
            ["282"],
        ),
        (
            "Olga Severina left the colony after serving her term for discrediting the army. "
            "A second woman, who asked that her name not be published, was also freed; she had "
            "served two years for treason.",
            "Olga Severina",
            ["280.3"],
        ),
        (
            "Omsk. A court jailed Denis Gorelov for six years for justifying terrorism.\n\n"
            "Tula. A 17-year-old student has been charged with sabotage over a burnt relay box.",
            "Denis Gorelov",
            ["205.2"],
        ),
        (
            "Омск. Суд оштрафовал Марка Тихонова за «фейки» об армии.\n\n"
            "Тула. Ещё одного студента обвиняют в диверсии на железной дороге.",
            "Марк Тихонов",
            ["207.3"],
        ),
    ],
)
def test_unnamed_persons_articles_are_nobodys(text: str, name: str, expected: list[str]) -> None:
    assert _own(run(text), name) == expected


def test_indefinite_subject_named_later_in_paragraph_guard() -> None:
    # someone is named after the indefinite subject in its paragraph: the rule stays off
    result = run(
        "A court jailed Denis Gorelov for justifying terrorism. A student has been charged "
        "with sabotage. Alla Rudneva, 19, was detained on Monday."
    )
    assert "281" in _own(result, "Denis Gorelov")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Marat Valiev, accused of organising a Hizb ut-Tahrir cell, got 18 years. Ruslan "
            "Sadykov and Timur Aliev, charged with participation, received 12 years each.",
            {"Ruslan Sadykov": ["205.5"], "Timur Aliev": ["205.5"]},
        ),
        (
            "Judge Petrov sentenced Anna Lisina for organising the activity of an extremist "
            'organisation. Her neighbour, Vera Gromova, was found guilty of "participation" '
            "and given a suspended term.",
            {"Vera Gromova": ["282.2"]},
        ),
        (
            "Суд приговорил Петра Стрельцова к семи годам за организацию деятельности "
            "экстремистской организации. Ольге Зуевой за «участие» в той же организации "
            "назначили два года условно.",
            {"Ольга Зуева": ["282.2"]},
        ),
    ],
)
def test_bare_participation_repeats_organisation(text: str, expected: dict[str, list[str]]) -> None:
    result = run(text)
    for name, arts in expected.items():
        assert _own(result, name) == arts


def test_participation_in_named_thing_guard() -> None:
    # participation in a protest is no organisation's article
    assert _articles("He was charged with participation in mass riots.", "en") == ["212"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ('He is accused of organising the activity of a "terrorist cell".', "en"),
        ("She was charged with taking part in a terrorist group.", "en"),
        ("Его обвинили в организации деятельности «террористической ячейки».", "ru"),
        ("Ей вменяют участие в террористической группе.", "ru"),
    ],
)
def test_terrorist_cell_is_205_5(text: str, lang: str) -> None:
    assert _articles(text, lang) == ["205.5"]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Защита указывает, что в деле нет ни одного слова о подготовке теракта.", "ru", []),
        ("The lawyer said there was no evidence of sabotage or of treason.", "en", []),
        ("There is not a single mention of a terrorist attack in the file.", "en", []),
        ("He was charged with sabotage; no evidence of violence was shown.", "en", ["281"]),
    ],
)
def test_absent_offence(text: str, lang: str, expected: list[str]) -> None:
    assert _articles(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        (
            "Суд переквалифицировал обвинение Ивану Сомову с «фейков» об армии (ст. 207.3 УК) "
            "на «дискредитацию» (ст. 280.3 УК). Следствие считало, что он распространял "
            "заведомо ложную информацию об армии.",
            "ru",
            ["280.3"],
        ),
        (
            "The judge re-qualified the charge from treason (Article 275) to confidential "
            "cooperation (Article 275.1). Investigators had claimed that he committed high "
            "treason.",
            "en",
            ["275.1"],
        ),
    ],
)
def test_requalified_old_charge_told_again(text: str, lang: str, expected: list[str]) -> None:
    assert _articles(text, lang) == expected


def test_requalified_guard_only_old_charge() -> None:
    # with nothing but the old charge named, it stays
    text = "Суд отказался переквалифицировать обвинение с госизмены. Его осудили за госизмену."
    assert _articles(text, "ru") == ["275"]


def test_initial_is_a_letter_alone() -> None:
    result = run(
        "NOTICE. Oktyabrsky District Court of Omsk\n\nThe court fined PETROV Oleg for "
        "discrediting the army."
    )
    assert all("Oktyabrsky" not in p.name for p in result.persons)


def test_initial_guard() -> None:
    result = run("The court sentenced A. Morozov to three years for discrediting the army.")
    assert "A. Morozov" in defendants(result)


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Ivan Korolev was jailed for justifying terrorism. The prosecutor in the case, "
            "Denis Sukhov, argued the term was too short.",
            "Denis Sukhov",
        ),
        (
            "Ivan Korolev was fined for discrediting the army. The charge was supported by "
            "assistant prosecutor of the Leninsky district of Omsk Denis Sukhov.",
            "Denis Sukhov",
        ),
    ],
)
def test_prosecutor_with_words_between(text: str, name: str) -> None:
    result = run(text)
    assert person(result, name).role is Role.OFFICIAL
    assert defendants(result) == ["Ivan Korolev"]
