"""Django settings for Habeas.

The database comes from ``HABEAS_DB`` (a path or URL; see :mod:`habeas.store`); the test suite
uses :mod:`habeas.server.test_settings`.
"""

from __future__ import annotations

import os
from pathlib import Path

from habeas.store import database_config, resolve_db

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("HABEAS_SECRET_KEY", "habeas-development-key-not-for-production")
DEBUG = os.environ.get("HABEAS_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("HABEAS_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "habeas.apps.sources",
    "habeas.apps.registry",
    "habeas.apps.cases",
    "habeas.releases",
    "habeas.web",
    "habeas.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "habeas.web.middleware.ContentSecurityPolicyMiddleware",
]

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:workspace"
LOGOUT_REDIRECT_URL = "web:home"

ROOT_URLCONF = "habeas.server.urls"
WSGI_APPLICATION = "habeas.server.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "habeas.web.context.web_context",
            ],
        },
    },
]

DATABASES = {"default": database_config(resolve_db())}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "habeas_language"
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(
    os.environ.get("HABEAS_STATIC_ROOT", BASE_DIR.parent.parent / "build" / "static")
)
