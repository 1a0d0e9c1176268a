"""The public fragment cache (habeas.web.pagecache): what an anonymous visitor is served
from it changes with every write, never shows a signed-in user's values, and the filter
choices list published persons only."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from habeas.apps.registry import actions
from habeas.apps.registry.models import Person
from habeas.security.gate import withhold
from habeas.web.pagecache import bump, generation
from tests.security.helpers import signed_in
from tests.web.registry import SECRETS

pytestmark = pytest.mark.django_db

CITATION = actions.Citation(source="Mediazona", kind="news", url="https://zona.media/a/1")


def _page(client: Client, url: str, **params: str) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def _published_person(registry) -> Person:
    return Person.objects.filter(merged_into__isnull=True).exclude(pk=registry["target"]).first()


def test_the_cache_is_used_and_a_write_through_the_application_shows_at_once(registry, editor):
    person = _published_person(registry)
    url = f"/persons/{person.pk}/"
    assert person.display_name in _page(Client(), url)
    # Behind the application's back (no signal, no audit entry): the cached page stays, which
    # shows the cache is really in use ...
    Person.objects.filter(pk=person.pk).update(display_name="Behind-The-Back Name")
    assert "Behind-The-Back Name" not in _page(Client(), url)
    # ... and any write through the application (here an audited edit) replaces it at once.
    actions.edit_person(actor=editor, person=person, citation=CITATION, name="Новиков Пётр")
    page = _page(Client(), url)
    assert "Новиков Пётр" in page


def test_an_explicit_bump_invalidates(registry):
    person = _published_person(registry)
    url = f"/persons/{person.pk}/"
    _page(Client(), url)
    before = generation()
    Person.objects.filter(pk=person.pk).update(display_name="Bumped Name")
    bump()
    assert generation() != before
    assert "Bumped Name" in _page(Client(), url)


def test_search_results_follow_an_edit(registry, editor):
    person = _published_person(registry)
    assert person.display_name in _page(Client(), "/", q=person.display_name)
    actions.edit_person(actor=editor, person=person, citation=CITATION, region="Edited Krai")
    # The same query, answered again: the new region, not the cached row.
    response = Client().get("/", {"q": person.display_name}, HTTP_HX_REQUEST="true")
    row = response.content.decode().split(f'href="/persons/{person.pk}/"')[1].split("</li>")[0]
    assert "Edited Krai" in row


def test_a_withheld_person_leaves_cached_pages_and_searches(registry, editor):
    person = _published_person(registry)
    url = f"/persons/{person.pk}/"
    assert Client().get(url).status_code == 200
    assert f'href="{url}"' in _page(Client(), "/", q=person.display_name)
    withhold(actor=editor, person=person, note="the family asked")
    assert Client().get(url).status_code == 404
    assert f'href="{url}"' not in _page(Client(), "/", q=person.display_name)


def test_a_signed_in_page_is_never_cached_for_the_public(registry, coordinator):
    url = f"/persons/{registry['target']}/"
    inside = _page(signed_in(coordinator), url)
    assert SECRETS["confidential_note"] in inside  # the coordinator sees it ...
    public = _page(Client(), url)  # ... and the next visitor does not
    for secret in SECRETS.values():
        assert secret not in public
    assert SECRETS["confidential_note"] in _page(signed_in(coordinator), url)


def test_cached_fragments_are_kept_per_language(registry):
    url = f"/persons/{_published_person(registry).pk}/"
    english = _page(Client(), url)
    russian_client = Client()
    russian_client.cookies["habeas_language"] = "ru"
    russian = _page(russian_client, url)
    assert "Charges and sentence" in english
    assert "Charges and sentence" not in russian


def test_filter_choices_list_published_persons_only(registry, editor):
    person = _published_person(registry)
    Person.objects.filter(pk=person.pk).update(region="Unpublished-Only Oblast")
    cache.clear()  # that update went behind the application's back
    assert "Unpublished-Only Oblast" in _page(Client(), "/")  # published: a choice
    withhold(actor=editor, person=person, note="risk")  # at once, without clearing the cache
    assert "Unpublished-Only Oblast" not in _page(Client(), "/")
