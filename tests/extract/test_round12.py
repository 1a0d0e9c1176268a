"""Round 12: articles that did not reach a defendant (the ``heldout20`` and ``heldout21``
misses, with those left in ``heldout16`` … ``heldout19``), each rule on invented sentences
(none taken from an evaluation case): a joint subject after the verdicts ("Both were found
guilty of …", «Обоим вменили …»), a co-defendant's "taking part in it" that repeats the
organisation article told for the first defendant, and offence wordings the lexicon lacked
("calling for extremist activity", "organising the activities of <banned group>").

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

import pytest

from habeas.extract import Role
from tests.extract.helpers import defendants, person, run

# --- a joint subject after the verdicts reaches every defendant named so far ---


@pytest.mark.parametrize(
    ("text", "names", "article"),
    [
        (
            "Anton Rybin, 44, was sentenced to three years suspended. Svetlana Osipova, 59, "
            "was fined 300,000 roubles. Both were convicted of participating in the activities "
            "of an extremist organisation (Article 282.2 of the Criminal Code).",
            ("Anton Rybin", "Svetlana Osipova"),
            "282.2",
        ),
        (
            "Yuri Sokolov was sentenced to two years in a general-regime colony. Pavel Orlov "
            "received a fine of 200,000 roubles. Both men were found guilty under Article "
            "280.3 for anti-war posts.",
            ("Yuri Sokolov", "Pavel Orlov"),
            "280.3",
        ),
        (
            "Марату Юсупову суд назначил три года условно, Ольге Никитиной — штраф 400 тысяч "
            "рублей. Обоим вменили участие в деятельности экстремистской организации (ч. 2 "
            "ст. 282.2 УК).",
            ("Марат Юсупов", "Ольга Никитина"),
            "282.2",
        ),
        (
            "Игорь Зотов получил два года колонии общего режима. Денису Лаптеву назначили "
            "штраф в 300 тысяч рублей. Оба признаны виновными по ч. 1 ст. 280.3 УК.",
            ("Игорь Зотов", "Денис Лаптев"),
            "280.3",
        ),
    ],
)
def test_joint_subject_after_the_verdicts(text: str, names: tuple[str, ...], article: str) -> None:
    result = run(text)
    for name in names:
        assert article in person(result, name).articles


def test_joint_subject_gives_no_article_to_the_lawyer() -> None:
    text = (
        "Viktor Lebedev was sentenced to four years in a general-regime colony. His lawyer, "
        "Irina Frolova, said he would appeal. Daria Klimova was fined 250,000 roubles. Both "
        "women were convicted of participating in an extremist organisation."
    )
    result = run(text)
    lawyer = person(result, "Irina Frolova")
    assert lawyer.role is not Role.DEFENDANT
    assert lawyer.articles == []
    assert "Irina Frolova" not in defendants(result)


# --- a co-defendant's "taking part in it" repeats the organisation article ---


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "The court found Oleg Smirnov guilty of organising the activities of a banned "
            "extremist organisation and sentenced him to six years in a general-regime colony. "
            "Ilya Borisov was convicted of taking part in it and received three years "
            "suspended.",
            "Oleg Smirnov",
            "Ilya Borisov",
        ),
        (
            "Judge Nina Orlova sentenced Timur Rakhimov to seven years for organising the "
            "activities of an extremist organisation, and Ruslan Kurbanov to two years "
            "suspended for participating in those activities.",
            "Timur Rakhimov",
            "Ruslan Kurbanov",
        ),
        (
            "Суд признал Павла Медведева виновным в организации деятельности экстремистской "
            "организации и назначил ему пять лет колонии общего режима. Анне Петровой за "
            "участие в её деятельности назначили два года условно.",
            "Павел Медведев",
            "Анна Петрова",
        ),
    ],
)
def test_membership_by_pronoun(text: str, first: str, second: str) -> None:
    result = run(text)
    assert person(result, first).articles == ["282.2"]
    assert person(result, second).articles == ["282.2"]


# --- offence wordings the lexicon lacked ---


@pytest.mark.parametrize(
    ("text", "name", "article"),
    [
        (
            "A court in Tomsk sentenced Gleb Markov, 29, to three years in a general-regime "
            "colony for publicly calling for extremist activity in a Telegram channel.",
            "Gleb Markov",
            "280",
        ),
        (
            "Nikita Ilyin was sentenced to two years in a settlement colony after he was found "
            "guilty of having called online for extremist actions.",
            "Nikita Ilyin",
            "280",
        ),
        (
            "A court in Kazan sentenced Farid Valiev to six years in a general-regime colony "
            "for organising the activities of Tablighi Jamaat.",
            "Farid Valiev",
            "282.2",
        ),
        (
            "Emil Sadykov was jailed for four years for participating in the activity of "
            "Nurdzhular, the court ruled.",
            "Emil Sadykov",
            "282.2",
        ),
    ],
)
def test_offence_wording_families(text: str, name: str, article: str) -> None:
    assert article in person(run(text), name).articles
