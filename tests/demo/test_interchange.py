"""The clean interchange CSV and the value formatters."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from habeas.demo import INTERCHANGE_COLUMNS, DemoPerson, write_interchange_csv
from habeas.demo.data import valid_citations
from habeas.demo.interchange import article_ru, sentence_code, sentence_en, sentence_ru
from habeas.demo.noise import shifted_birth, typo
from habeas.demo.translit import SCHEMES, latin
from habeas.vocabulary import Regime, Status

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def test_interchange_csv(people: list[DemoPerson], tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    assert write_interchange_csv(people, path) == len(people)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == INTERCHANGE_COLUMNS
        rows = list(reader)
    assert len(rows) == len(people)
    assert len({r["source_id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["name"] and r["status"] in {s.value for s in Status}
        assert r["regime"] in {x.value for x in Regime} | {""}
        assert all(c in valid_citations() for c in r["articles"].split("; "))
        for col in ("birth_date", "detained_on", "verdict_on", "released_on"):
            assert not r[col] or ISO.match(r[col]), (col, r[col])
        assert not r["sentence"] or re.fullmatch(r"(\d+y)?(\d+m)?", r["sentence"])
        assert r["name_latin"].isascii() and r["country"] == "RU"


def test_formatters() -> None:
    assert sentence_code(102) == "8y6m" and sentence_code(60) == "5y" and sentence_code(6) == "6m"
    assert sentence_ru(102) == "8 лет 6 месяцев"
    assert sentence_ru(26) == "2 года 2 месяца" and sentence_ru(13) == "1 год 1 месяц"
    assert sentence_ru(132) == "11 лет" and sentence_ru(252) == "21 год"
    assert sentence_en(18) == "1 year 6 months"
    assert article_ru("207.3(2)") == "ч. 2 ст. 207.3 УК РФ"
    assert article_ru("275") == "ст. 275 УК РФ"


def test_transliteration_schemes() -> None:
    spellings = {s: latin("Кагарлицкий", s) for s in SCHEMES}
    assert spellings["german"] == "Kagarlizki"
    assert spellings["wikipedia"] == "Kagarlitsky"
    assert spellings["icao"] == "Kagarlitskii"
    assert latin("Юльевич", "german") == "Juljewitsch"
    assert len(set(spellings.values())) >= 4


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя", min_size=4, max_size=14))
def test_typo_is_one_edit(word: str) -> None:
    import random

    out = typo(word.capitalize(), random.Random(len(word)))
    assert out[0] == word.capitalize()[0]
    assert OSA.distance(out, word.capitalize()) <= 1


def test_shifted_birth_is_a_plausible_mistake() -> None:
    import random
    from datetime import date

    assert shifted_birth(date(1980, 3, 7), random.Random(1)) == date(1980, 7, 3)
    off = shifted_birth(date(1980, 3, 25), random.Random(1))
    assert abs((off - date(1980, 3, 25)).days) == 1
