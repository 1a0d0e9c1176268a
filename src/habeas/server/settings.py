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
    # Security (docs/security.md): two-factor, lockout, audit log, publication gate.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "habeas.audit",
    "habeas.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "habeas.web.responsecache.PublicResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "habeas.web.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "habeas.security.twofactor.RequireTwoFactorMiddleware",
    "habeas.audit.context.AuditOriginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "habeas.web.middleware.ContentSecurityPolicyMiddleware",
    "habeas.security.headers.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

# --- Authentication and sessions (docs/security.md) -----------------------------------------
#: Argon2id first; older hashes are upgraded on the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: django-axes first: it refuses locked-out logins before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5  # failed logins of one username from one address ...
AXES_COOLOFF_TIME = 0.25  # ... lock them out for 15 minutes (hours)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/accounts/locked.html"
AXES_VERBOSE = False
#: Roles that must use a second factor (TOTP): editors and above.
HABEAS_2FA_ROLES = ("editor", "coordinator", "admin")
OTP_TOTP_ISSUER = "Habeas"
OTP_TOTP_THROTTLE_FACTOR = 1

HTTPS = os.environ.get("HABEAS_HTTPS", "") == "1"
SESSION_COOKIE_NAME = "habeas_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60  # idle expiry: one hour without a request ...
SESSION_SAVE_EVERY_REQUEST = True  # ... (each request extends it)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
HABEAS_SESSION_MAX_AGE = 12 * 60 * 60  # absolute expiry after login, whatever the activity
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = os.environ.get("HABEAS_SSL_REDIRECT", "1") == "1"
    if os.environ.get("HABEAS_BEHIND_PROXY", "") == "1":
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("HABEAS_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
#: Field-encryption keys come from HABEAS_FIELD_KEYS or HABEAS_KEY_FILE (habeas.security.keys);
#: the fixed development key is accepted only here: DEBUG or the test settings.
HABEAS_ALLOW_DEV_KEY = DEBUG or os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(
    "test_settings"
)

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

# Per-process cache: filter choices and the public fragments of habeas.web.pagecache
# (keyed by the registry's generation, so never stale after a write).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
#: HABEAS_PAGE_CACHE=0 turns the public fragment cache off (to measure the uncached cost).
HABEAS_PAGE_CACHE = os.environ.get("HABEAS_PAGE_CACHE", "1") != "0"
