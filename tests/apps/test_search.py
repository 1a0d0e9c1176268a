"""Registry search: any script, scheme or case form finds the person, through indexed keys."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import NameKey, NameWord, Person, PersonName
from habeas.apps.registry.models.words import WORD_TAIL_LENGTH, word_tails
from habeas.apps.registry.search import (
    name_words_current,
    prefix_matches,
    refresh_search_index,
    search_persons,
    sync_name_words,
)
from habeas.names import compare_normalized, normalize
from tests.conftest import ROWS

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


def _row(source_id: str, name: str, latin: str = "", gender: str = "male", **extra: str) -> list:
    row = [source_id, name, latin, gender, "", "", "", "", "", "", "imprisoned", "", "", "", ""]
    for column, value in extra.items():
        row[{"region": 5, "articles": 6, "facility": 9, "status": 10}[column]] = value
    return row


EXTRA = [
    _row("x-1", "Кагарлицкая Анна Борисовна", gender="female", articles="207.3(2)"),
    _row("x-2", "Кагарлицкий Юлий Борисович", status="released"),
    _row("x-3", "Каримов Борис Юрьевич"),
]


@pytest.fixture
def registry(list_file) -> dict[str, int]:
    """The three standard rows plus relatives and a similar name; source id → person id."""
    import_file(list_file(rows=ROWS + EXTRA), source="Memorial", today=TODAY)
    return {
        key: Person.objects.get(records__source_key=key).pk
        for key in ("m-1", "m-2", "m-3", "x-1", "x-2", "x-3")
    }


@pytest.mark.parametrize(
    "query",
    [
        "Kagarlitskiy",
        "Кагарлицкого",
        "Kagarlizki",
        "KAGARLITSKII BORIS",
        "Kagarlitsky B. Yu.",
        "Кагарлицкому Борису Юльевичу",
        "Boris Kagarlitsky",
        "Kagarlitskij Boris Jul'evič",
    ],
)
def test_any_spelling_finds_the_person(registry, query):
    hits = search_persons(query)
    assert hits, query
    top = hits[0]
    assert top["person_id"] == registry["m-1"]
    assert top["name"] == "Кагарлицкий Борис Юльевич"
    assert top["name_latin"] == "Boris Kagarlitsky"
    assert set(top["names"]) == {"Кагарлицкий Борис Юльевич", "Boris Kagarlitsky"}
    assert top["status"] == "imprisoned"
    assert 0.8 <= top["score"] <= 1.0
    parts = {p["part"]: p for p in top["explanation"]["parts"]}
    assert parts["surname"]["how"] in {"identical", "inflection", "scheme", "spelling"}


def test_hit_shape_and_ranking(registry):
    hits = search_persons("Boris Kagarlitsky")
    assert set(hits[0]) >= {
        "person_id",
        "name",
        "name_latin",
        "names",
        "status",
        "score",
        "explanation",
    }
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    # the relatives share the surname but not the given name: found, ranked lower, not "same"
    ids = [h["person_id"] for h in hits]
    assert ids[0] == registry["m-1"]
    assert registry["x-2"] in ids
    assert all(not h["same"] for h in hits[1:])
    yuli = next(h for h in hits if h["person_id"] == registry["x-2"])
    assert any("given" in reason for reason in yuli["explanation"]["against"])


def test_feminine_oblique_form_ranks_the_woman_first(registry):
    hits = search_persons("Кагарлицкой Анны")
    assert hits[0]["person_id"] == registry["x-1"]
    assert hits[0]["same"]


def test_limit(registry):
    assert len(search_persons("Кагарлицкий", limit=1)) == 1
    assert len(search_persons("Кагарлицкий", limit=10)) == 3


def test_not_a_name_gives_no_hits(registry):
    assert search_persons("") == []
    assert search_persons("12345 !!!") == []
    assert search_persons("x" * 10_000) == []


def test_unknown_person_gives_no_hits(registry):
    assert search_persons("Zhukovsky Vasily") == []


def test_filters(registry):
    def ids(query: str, **filters: str) -> list[int]:
        return [h["person_id"] for h in search_persons(query, filters=filters)]

    assert ids("Кагарлицкий", status="released") == [registry["x-2"]]
    assert ids("Кагарлицкий", gender="female") == [registry["x-1"]]
    assert ids("Кагарлицкий", article="205.2") == [registry["m-1"]]
    assert ids("Кагарлицкая", article="207.3") == [registry["x-1"]]
    assert ids("Кагарлицкий", facility="ИК-4") == [registry["m-1"]]
    assert ids("Кагарлицкий", facility="ИК-99") == []
    assert ids("Смирнова Анна", region="Тверская область") == [registry["m-2"]]
    assert ids("Смирнова Анна", region="Москва") == []
    with pytest.raises(ValueError, match="unknown filter"):
        search_persons("Кагарлицкий", filters={"colour": "red"})


def test_merged_person_forwards_to_the_survivor(registry, list_file):
    import_file(
        list_file("second.csv", rows=[_row("z-1", "Кагарлицкий Б.Ю.")]),
        source="OVD-Info",
        today=TODAY,
    )
    absorbed = Person.objects.get(records__source_key="z-1")
    assert absorbed.pk != registry["m-1"]
    absorbed.merged_into_id = registry["m-1"]
    absorbed.save()
    hits = search_persons("Кагарлицкий Б. Ю.")
    ids = [h["person_id"] for h in hits]
    assert absorbed.pk not in ids
    assert ids.count(registry["m-1"]) == 1
    assert ids[0] == registry["m-1"]


def test_a_chain_of_merges_is_followed(registry, list_file):
    import_file(
        list_file(
            "second.csv",
            rows=[_row("z-1", "Kagarlitskiy Boris"), _row("z-2", "Кагарлицкий Борис")],
        ),
        source="OVD-Info",
        today=TODAY,
    )
    first = Person.objects.get(records__source_key="z-1")
    second = Person.objects.get(records__source_key="z-2")
    assert len({first.pk, second.pk, registry["m-1"]}) == 3
    Person.objects.filter(pk=first.pk).update(merged_into=second.pk)
    Person.objects.filter(pk=second.pk).update(merged_into=registry["m-1"])
    hits = search_persons("Kagarlitskiy Boris")
    assert [h["person_id"] for h in hits].count(registry["m-1"]) == 1
    assert hits[0]["person_id"] == registry["m-1"]
    assert {first.pk, second.pk}.isdisjoint(h["person_id"] for h in hits)
    # the filter applies to the survivor
    assert (
        search_persons("Kagarlitskiy Boris", filters={"status": "released"})[0]["person_id"]
        == registry["x-2"]
    )


def test_lookup_is_an_indexed_key_query(registry):
    assert NameKey.objects.filter(person_id=registry["m-1"], key="s:kgrlsk").exists()
    with CaptureQueriesContext(connection) as ctx:
        search_persons("Kagarlitsky Boris")
    sql = [q["sql"] for q in ctx.captured_queries]
    key_queries = [s for s in sql if "registry_namekey" in s]
    assert key_queries and all('"key" IN (' in s for s in key_queries)
    # no query reads every name: names are fetched only for candidate persons
    name_queries = [s for s in sql if 'FROM "registry_personname"' in s]
    assert name_queries and all('person_id" IN (' in s for s in name_queries)
    assert len(sql) <= 8


# --- prefix matches through the word index ---------------------------------------------


def _prefix(query: str) -> list[tuple[int, float]]:
    return [(h["person_id"], h["score"]) for h in prefix_matches(query)]


PREFIXES = ["Kaga", "Кагар", "кагарлицкий борис", "Бори", "Yul", "Кагарлицкая Анна Борисовна"]


def test_word_tails():
    assert word_tails("кагарлицкий борис юльевич") == [
        "кагарлицкий борис юльевич",
        "борис юльевич",
        "юльевич",
    ]
    assert word_tails("") == [""]
    assert all(len(t) <= WORD_TAIL_LENGTH for t in word_tails("а" * 200 + " б"))


def test_the_import_indexes_the_words_of_its_names(registry):
    assert name_words_current()
    assert NameWord.objects.values("name_id").distinct().count() == PersonName.objects.count()


def test_prefix_matches_through_the_word_index_equal_the_scan(registry):
    NameWord.objects.all().delete()  # as if the import had stopped before indexing
    assert not name_words_current()
    scanned = {q: _prefix(q) for q in PREFIXES}
    assert sync_name_words() == PersonName.objects.count()
    assert name_words_current()
    with CaptureQueriesContext(connection) as ctx:
        indexed = {q: _prefix(q) for q in PREFIXES}
    assert indexed == scanned
    sql = [q["sql"] for q in ctx.captured_queries]
    assert any("registry_nameword" in s for s in sql)
    # no scan of the names (PostgreSQL's LIKE 'x%' on the tails uses a pattern index)
    assert not any("LIKE" in s for s in sql if "registry_nameword" not in s)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s", ["registry_nameword_tail"]
            )
            (definition,) = cursor.fetchone()
        assert "tail varchar_pattern_ops" in definition  # LIKE 'x%' under any collation
    # a word inside a name, and a name that starts with the query
    assert (registry["m-1"], 0.8) in indexed["Бори"]  # "Boris Kagarlitsky"
    assert (registry["x-3"], 0.6) in indexed["Бори"]  # "Каримов Борис Юрьевич"
    assert (registry["x-1"], 1.0) in indexed["Кагарлицкая Анна Борисовна"]
    assert {pid for pid, _ in indexed["Kaga"]} >= {registry["m-1"], registry["x-1"]}


def test_names_added_later_are_found_before_and_after_the_sync(registry, list_file):
    import_file(list_file("second.csv", rows=[_row("z-1", "Зарубин Олег")]), source="OVD-Info")
    added = Person.objects.get(records__source_key="z-1").pk
    assert name_words_current()  # the import indexed its names
    NameWord.objects.filter(name__person_id=added).delete()  # as if it had not
    assert not name_words_current()  # a stale index is not used: the names are scanned
    assert [pid for pid, _ in _prefix("Зарубин")] == [added]
    assert refresh_search_index() == PersonName.objects.filter(person_id=added).count()
    assert name_words_current()
    assert [pid for pid, _ in _prefix("Зарубин")] == [added]
    assert sync_name_words() == 0


def test_deleted_names_leave_the_word_index(registry):
    sync_name_words()
    names = PersonName.objects.filter(person_id=registry["x-3"])
    ids = list(names.values_list("pk", flat=True))
    names.delete()
    assert not NameWord.objects.filter(name_id__in=ids).exists()
    assert name_words_current()
    assert registry["x-3"] not in [pid for pid, _ in _prefix("Карим")]


def test_scores_remembered_per_name_parts_equal_a_fresh_comparison(registry):
    # a search compares each distinct (surname, given, patronymic, gender) once: every hit's
    # score must still be what comparing the query with its matched name gives
    for query in ("Кагарлицкий Борис", "Kagarlitskaya A.", "Каримов Борис", "Boris Kagarlitsky"):
        hits = search_persons(query)
        assert hits, query
        for hit in hits:
            expected = compare_normalized(normalize(query), normalize(hit["matched_name"]))
            assert hit["score"] == round(expected.score, 4), (query, hit["matched_name"])
