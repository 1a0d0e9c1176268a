"""Settings for the test suite: an in-memory SQLite registry, or PostgreSQL when
``HABEAS_TEST_POSTGRES`` holds a URL (Django creates and drops a ``test_`` database there)."""

import os

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
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; tests only
