"""Settings for the test suite: an in-memory SQLite registry, or PostgreSQL when
``HABEAS_TEST_POSTGRES`` holds a URL (Django creates and drops a test database there)."""

import hashlib
import os
from pathlib import Path

from habeas.server.settings import *  # noqa: F403
from habeas.store import database_config

_postgres = os.environ.get("HABEAS_TEST_POSTGRES")
DATABASES = {
    "default": database_config(_postgres)
    if _postgres
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "TEST": {"NAME": ":memory:"},
    }
}
if _postgres:
    # One test database per checkout: two clones testing against the same server at once
    # (CI beside a developer's run) would otherwise both create, and drop, ``test_test``.
    _checkout = hashlib.sha256(str(Path(__file__).resolve().parents[3]).encode()).hexdigest()
    DATABASES["default"]["TEST"] = {"NAME": f"test_habeas_{_checkout[:12]}"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; tests only
