"""Whole public pages shared among anonymous visitors (habeas.web.responsecache), and the
language switch that lets the public pages carry no CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client

from habeas.apps.registry.models import Person
from tests.security.helpers import signed_in
from tests.web.registry import SECRETS

pytestmark = pytest.mark.django_db


def _published_url(registry) -> str:
    person = Person.objects.filter(merged_into__isnull=True).exclude(pk=registry["target"]).first()
    return f"/persons/{person.pk}/"


@pytest.mark.parametrize("kind", ["home", "search", "person", "statistics", "facilities"])
def test_public_pages_hold_no_csrf_token_and_set_no_cookie(registry, kind):
    url = {
        "home": "/",
        "search": "/?q=Ivanov",
        "person": _published_url(registry),
        "statistics": "/statistics/",
        "facilities": "/facilities/",
    }[kind]
    response = Client(enforce_csrf_checks=True).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "csrfmiddlewaretoken" not in page and "X-CSRFToken" not in page
    assert not response.cookies


def test_a_repeated_page_is_answered_from_the_shared_copy(registry, django_assert_num_queries):
    url = _published_url(registry)
    first = Client().get(url)
    with django_assert_num_queries(1):  # the registry's generation, nothing else
        again = Client().get(url)
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == first["X-Frame-Options"]


def test_a_signed_in_reader_never_gets_the_anonymous_copy(registry, coordinator):
    url = f"/persons/{registry['target']}/"
    public = Client().get(url).content.decode()
    assert SECRETS["confidential_note"] not in public
    inside = signed_in(coordinator).get(url).content.decode()
    assert SECRETS["confidential_note"] in inside
    assert "Log out" in inside


def test_copies_are_kept_per_language_from_the_browser_header(registry):
    url = _published_url(registry)
    english = Client().get(url).content.decode()
    russian = Client(HTTP_ACCEPT_LANGUAGE="ru").get(url).content.decode()
    assert 'lang="en"' in english and 'lang="ru"' in russian


def test_an_htmx_request_gets_the_results_not_the_cached_page(registry):
    page = Client().get("/", {"q": "Ivanov"}).content.decode()
    fragment = Client().get("/", {"q": "Ivanov"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in page and "<html" not in fragment


def test_the_language_switch_keeps_the_choice_and_goes_back(registry):
    client = Client()
    response = client.get("/language/", {"language": "ru", "next": "/statistics/"})
    assert response.status_code == 302 and response["Location"] == "/statistics/"
    assert response.cookies["habeas_language"].value == "ru"
    page = client.get("/statistics/").content.decode()
    assert 'lang="ru"' in page and "Статистика" in page


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", ""])
def test_the_language_switch_stays_on_this_site(registry, target):
    response = Client().get("/language/", {"language": "ru", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_an_unknown_language_changes_nothing(registry):
    response = Client().get("/language/", {"language": "xx", "next": "/"})
    assert response.status_code == 302 and "habeas_language" not in response.cookies
