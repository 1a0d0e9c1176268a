"""The trained article-attachment review (``habeas.extract.attachment``): an article told of
someone else in a round-up does not stay with the defendant named before it, and the
articles that are a defendant's own stay."""

from __future__ import annotations

import pytest

from habeas.extract import Role, extract_text
from habeas.extract.attachment import (
    ArticleModel,
    candidate_pairs,
    load_model,
    review_articles,
)
from tests.extract.helpers import person, run

BULLETIN_EN = """Court bulletin

SENTENCED. Pavel GROMOV, 34, a welder from Kirov, was sentenced on Monday by the Leninsky \
District Court of Kirov to four years in a general-regime colony under Article 207.3 for \
posts about shelling.

FINED. Irina SOKOLOVA, 58, a nurse from Vologda, was fined 150,000 roubles by a city court \
under Article 280.3 for an anti-war sticker.

ARRESTED. In Tver, a 22-year-old student, whose name we do not know yet, was placed in \
custody for two months on charges of justifying terrorism. We will add his name when it is \
known.
"""

DIGEST_RU = """Сводка

ГРОМОВ Павел Игоревич, 1990 г. р., Киров. Обвинение: ч. 1 ст. 207.3 УК РФ. Приговор: 4 года \
колонии общего режима.

СОКОЛОВА Ирина Петровна, 1966 г. р., Вологда. Обвинение: ч. 1 ст. 280.3 УК РФ. Приговор: \
штраф 150 тыс. руб.

Также в Твери на этой неделе задержан 22-летний студент, имя которого пока неизвестно: ему \
вменяют оправдание терроризма.
"""

RELEASES_EN = """Released this week

Pavel Gromov, a welder from Kirov, walked free on Monday after serving three years for \
"fakes" about the army (Article 207.3).

Irina Sokolova, a nurse from Vologda, left a women's colony on Thursday. She had served two \
years for "justifying terrorism".

Oleg Yamov, an activist from Ufa, was freed on Friday. He had been sentenced to four years \
for taking part in an extremist organisation under Article 282.2.
"""


@pytest.mark.parametrize(
    ("text", "name", "articles"),
    [
        (BULLETIN_EN, "Irina Sokolova", ["280.3"]),
        (BULLETIN_EN, "Pavel Gromov", ["207.3"]),
        (DIGEST_RU, "Соколова Ирина Петровна", ["280.3"]),
        (DIGEST_RU, "Громов Павел Игоревич", ["207.3"]),
        (RELEASES_EN, "Pavel Gromov", ["207.3"]),
        (RELEASES_EN, "Oleg Yamov", ["282.2"]),
    ],
)
def test_an_article_told_of_someone_else_is_not_the_defendants(
    text: str, name: str, articles: list[str]
) -> None:
    assert person(run(text), name).articles == articles


def test_the_dropped_articles_evidence_goes_with_it() -> None:
    result = run(BULLETIN_EN)
    sokolova = person(result, "Irina Sokolova")
    read = [result.text[s:e] for s, e in sokolova.spans["article"]]
    assert read == ["280.3"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gennady Orlov, a teacher from Omsk, was sentenced to six years in a general-regime "
            "colony on Tuesday. The court found him guilty of justifying terrorism and of "
            'spreading "fakes" about the army (Articles 205.2 and 207.3).',
            {"Gennady Orlov": ["205.2", "207.3"]},
        ),
        (
            "Суд в Уфе приговорил Рустама Галиева и Тимура Ахметова к шести годам колонии общего "
            "режима каждого по ч. 2 ст. 205.5 УК (участие в деятельности террористической "
            "организации). Галиеву также вменили ч. 1 ст. 205.2 УК.",
            {"Рустам Галиев": ["205.5", "205.2"], "Тимур Ахметов": ["205.5"]},
        ),
    ],
)
def test_a_defendants_own_articles_stay(text: str, expected: dict[str, list[str]]) -> None:
    result = run(text)
    found = {p.name: p.articles for p in result.persons if p.role is Role.DEFENDANT}
    assert found == expected


def test_the_stored_model_reads_the_features_the_code_computes() -> None:
    result = extract_text(BULLETIN_EN, review=False)
    pairs = candidate_pairs(result)
    assert pairs
    assert set(load_model().features) == set(pairs[0].features)


def test_the_model_never_adds_an_article() -> None:
    keep_everything = ArticleModel(features=(), weights=(), bias=30.0, threshold=0.0)
    result = extract_text(BULLETIN_EN, review=False)
    before = {p.name: list(p.articles) for p in result.persons}
    review_articles(result, keep_everything)
    assert {p.name: p.articles for p in result.persons} == before


def test_a_model_that_trusts_nothing_drops_every_article() -> None:
    drop_everything = ArticleModel(features=(), weights=(), bias=-30.0, threshold=0.5)
    result = extract_text(RELEASES_EN, review=False)
    assert any(p.articles for p in result.defendants())
    review_articles(result, drop_everything)
    assert all(not p.articles and "article" not in p.spans for p in result.defendants())


def test_the_probability_falls_as_a_negative_weight_feature_rises() -> None:
    model = ArticleModel(features=("far",), weights=(-2.0,), bias=1.0, threshold=0.5)
    near, far = model.probability({"far": 0.0}), model.probability({"far": 1.0})
    assert near > 0.5 > far
