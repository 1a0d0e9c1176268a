"""The public search for the start of a name answers the same through the word index as
through the scan of the names it replaces, in as many queries."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from habeas.apps.registry.models import NameWord, Person
from habeas.apps.registry.search import name_words_current, refresh_search_index
from habeas.security.gate import published_only

pytestmark = pytest.mark.django_db


def _found(query: str) -> list[str]:
    page = Client().get("/", {"q": query}).content.decode()
    return re.findall(r'href="/persons/(\d+)/"', page)


def test_prefix_search_is_the_same_through_the_word_index(registry, django_assert_max_num_queries):
    person = published_only(Person.objects.filter(merged_into__isnull=True)).first()
    assert person is not None
    words = person.display_name.split()
    # the start of a word inside the name, and the start of the name
    queries = [words[-1][:3], words[0][:3]]
    assert name_words_current()  # the import indexed the words
    NameWord.objects.all().delete()  # as if it had not: the names are scanned
    assert not name_words_current()
    with django_assert_max_num_queries(13):
        scanned = {q: _found(q) for q in queries[:1]}
    scanned.update({q: _found(q) for q in queries[1:]})
    assert all(str(person.pk) in found for found in scanned.values())
    refresh_search_index()
    assert name_words_current()
    cache.clear()
    with django_assert_max_num_queries(13) as ctx:
        indexed = {q: _found(q) for q in queries[:1]}
    assert any("registry_nameword" in q["sql"] for q in ctx.captured_queries)
    indexed.update({q: _found(q) for q in queries[1:]})
    assert indexed == scanned


def test_a_person_added_by_hand_is_in_the_word_index_at_once(editor):
    from habeas.apps.registry import actions
    from habeas.apps.registry.search import name_words_current, prefix_matches

    person = actions.create_person(
        actor=editor,
        citation=actions.Citation(source="Mediazona", url="https://zona.media/1"),
        name="Приходько Зиновий Лаврович",
    )
    assert name_words_current()
    assert [hit["person_id"] for hit in prefix_matches("Зинов")] == [person.pk]
