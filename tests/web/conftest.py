"""Fixtures for the web and API tests: one demo registry per module, users per role."""

from __future__ import annotations

import pytest

from tests.web.registry import build_registry, clear_registry, make_user


@pytest.fixture(scope="module")
def registry(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo registry with planted secrets, built once per module and removed after."""
    with django_db_blocker.unblock():
        info = build_registry(tmp_path_factory.mktemp("lists"))
        yield info
        clear_registry()


@pytest.fixture
def editor(db):
    """A user with the editor role."""
    return make_user("ed", "editor")


@pytest.fixture
def volunteer(db):
    """A user with the volunteer role."""
    return make_user("vol", "volunteer")


@pytest.fixture
def coordinator(db):
    """A user with the coordinator role."""
    return make_user("coord", "coordinator")


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty cache: a test's writes are rolled back afterwards, so
    fragments cached from them must not outlive it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
