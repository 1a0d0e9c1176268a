"""Fixtures for the security tests: users of each role and a small published registry."""

from __future__ import annotations

import pytest

from tests.web.registry import build_registry, clear_registry, make_user


@pytest.fixture(scope="module")
def registry(django_db_setup, django_db_blocker, tmp_path_factory):
    """The web tests' demo registry (secrets planted, persons published), once per module."""
    with django_db_blocker.unblock():
        info = build_registry(tmp_path_factory.mktemp("lists"))
        yield info
        clear_registry()


@pytest.fixture
def editor(db):
    """An editor."""
    return make_user("ed", "editor")


@pytest.fixture
def editor2(db):
    """A second editor (for reviews)."""
    return make_user("ed2", "editor")


@pytest.fixture
def volunteer(db):
    """A volunteer."""
    return make_user("vol", "volunteer")


@pytest.fixture
def coordinator(db):
    """A coordinator."""
    return make_user("coord", "coordinator")
