"""The pure core of release lists: criteria, priority, versions, profiles, announcements."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from habeas.lists.announce import find_totals, read_names
from habeas.lists.criteria import Criteria, criteria_letters, evaluate
from habeas.lists.latin import LatinFinder
from habeas.lists.priority import Weights, default_weights, note_flags, score
from habeas.lists.profiles import check_clean
from habeas.lists.reconcile import reconcile
from habeas.lists.selection import select
from habeas.lists.versions import build_content, content_hash, diff

TODAY = date(2026, 6, 1)
ROW = {
    "person_id": 7,
    "name": "Сидоров Пётр",
    "name_latin": "Sidorov Pyotr",
    "gender": "male",
    "birth_date": "1950-02-02",
    "status": "imprisoned",
    "articles": ["275"],
    "citizenships": ["RU", "DE"],
    "recognitions": [{"organisation": "Memorial", "criteria": "PACE 1900 (2012) a, e"}],
    "sentence": {"term": "12y", "months": 144, "regime": "strict"},
    "detained_on": "2021-04-01",
    "release_due": "2033-04-01",
    "health": ["serious_illness"],
    "family": [],
}


def test_criteria_say_why_and_why_not() -> None:
    match = evaluate(Criteria(statuses=("imprisoned",), age_min=60), ROW, TODAY)
    assert match.ok and match.reasons == ("status: imprisoned", "age: 76")
    miss = evaluate(Criteria(articles=("207.3",), citizenships=("foreign",)), ROW, TODAY)
    assert not miss.ok and miss.failed == ("article: none of 207.3",)
    assert criteria_letters("PACE 1900 (2012) a, e") == {"a", "e"}
    with pytest.raises(ValueError):
        Criteria.from_dict({"colour": ["red"]})


def test_priority_sums_declared_weights() -> None:
    points, reasons = score(ROW, default_weights(), TODAY)
    got = {r.factor: r.points for r in reasons}
    # 76 ≥ 60: 3; serious illness: 4; DE citizen: 1; 5 y served × 0.5 = 2.5; 6 y left × 0.5 → cap 3
    assert got == {
        "elderly": 3.0,
        "serious_illness": 4.0,
        "foreign_citizen": 1.0,
        "time_served": 2.5,
        "time_remaining": 3.0,
    }
    assert points == 13.5
    custom = Weights.from_dict({"weights": {"elderly": 10}})
    assert score(ROW, custom, TODAY)[0] == 20.5
    with pytest.raises(ValueError):
        Weights.from_dict({"weights": {"height": 1}})
    assert note_flags([("health", "Инвалид II группы")]) == {"disability"}
    assert note_flags([("general", "#sole_carer")]) == {"sole_carer"}


def _content(rows: list[dict], number: int, audience: str = "internal") -> dict:
    sel = select(rows, Criteria(statuses=("imprisoned",)), default_weights(), TODAY)
    return build_content(
        name="l", title="L", number=number, audience=audience, frozen_by="x",
        frozen_at=datetime(2026, 6, 1, tzinfo=UTC), entries=sel.entries,
        sections={"criteria": {"statuses": ["imprisoned"]}, "manual": {}, "weights": {}},
    )  # fmt: skip


def test_hash_is_canonical_and_diff_explains() -> None:
    a = _content([ROW], 1)
    assert content_hash(a) == content_hash(dict(reversed(list(a.items()))))
    other = dict(
        ROW,
        person_id=8,
        name="Петров Иван",
        sentence={"term": "3y", "months": 36, "regime": "general"},
    )
    b = _content([dict(ROW, sentence={"term": "10y", "months": 120, "regime": "strict"}), other], 2)
    assert content_hash(a) != content_hash(b)
    d = diff(a, b)
    assert [x["person_id"] for x in d["added"]] == [8]
    assert d["changed"][0]["fields"]["sentence"] == ["12y", "10y"]
    assert d["changed"][0]["why"][0] == "sentence: 12y → 10y"


def test_profiles_whitelist_fields() -> None:
    public = _content([ROW], 1, "public")
    assert (
        set(public["persons"][0]) == set(public["fields"]) and "birth_date" not in public["fields"]
    )
    assert "criteria" not in public
    public["persons"][0]["health"] = ["serious_illness"]
    with pytest.raises(ValueError):
        check_clean(public)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("освобождены 16 заключённых", "ru", 16),
        ("помилованы двадцать шесть политзаключённых", "ru", 26),
        ("шестнадцать человек вышли на свободу", "ru", 16),
        ("a total of 16 political prisoners", "en", 16),
        ("twenty-four people were exchanged", "en", 24),
        ("insgesamt 16 Gefangene", "de", 16),
        ("sechsundzwanzig Häftlinge kamen frei", "de", 26),
    ],
)
def test_totals_stated(text: str, lang: str, value: int) -> None:
    assert [t.value for t in find_totals(text, lang)] == [value]


def test_years_are_not_totals() -> None:
    assert find_totals("в 2024 году граждане", "ru") == []


def test_name_list_reader_cuts_enumeration_and_remarks() -> None:
    names = read_names("1. Кригер Рико, 1994 г.р.\n2) Krieger, Rico\n- Иванов И. И. (Москва)\n")
    assert [n.text for n in names or []] == ["Кригер Рико", "Krieger, Rico", "Иванов И. И"]
    assert read_names("Это обычный текст. В нём нет списка имён.\nИ второй абзац тоже.") is None


def test_german_finder_ignores_capitalised_nouns() -> None:
    finder = LatinFinder(lambda w: w in {"Krieger", "Fjodorowa"}, "de")
    found = finder.find(
        "Die Freilassung von Rico Krieger und Jelena Fjodorowa. Kriegers Anwalt schwieg."
    )
    assert [(m.words, m.lone) for m in found] == [
        (("Rico", "Krieger"), False),
        (("Jelena", "Fjodorowa"), False),
        (("Krieger",), True),
    ]


def test_reconcile_with_an_injected_search() -> None:
    def search(query: str) -> list[dict]:
        book = {"Рико Кригер": [{"person_id": 1, "name": "Кригер Рико", "score": 0.97}],
                "Иван Иванов": [{"person_id": 4, "score": 0.9}, {"person_id": 5, "score": 0.9}]}  # fmt: skip
        return book.get(query, [])

    r = reconcile("Освобождены Рико Кригер и Иван Иванов. Помилование Кригера.", search)
    statuses = [(m["text"], m["status"], m["person_id"]) for m in r["mentions"]]
    assert statuses == [
        ("Рико Кригер", "matched", 1),
        ("Иван Иванов", "ambiguous", None),
        ("Кригера", "matched", 1),
    ]
