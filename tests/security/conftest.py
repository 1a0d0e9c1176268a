"""Fixtures for the security tests: the web tests' registry and role users, plus a second
editor for reviews that need two people."""

from __future__ import annotations

import pytest

from tests.web.conftest import coordinator, editor, registry, volunteer  # noqa: F401
from tests.web.registry import make_user


@pytest.fixture
def editor2(db):
    """A second editor (for reviews)."""
    return make_user("ed2", "editor")
