"""Authentication: argon2, TOTP for editors and above, lockout, cookies, CSRF, headers,
session expiry, API tokens scoped and revocable."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.test import Client, override_settings

from habeas.api.models import ApiToken
from habeas.security.models import SealedTOTPDevice as TOTPDevice
from habeas.security.twofactor import LOGIN_AT, code_for, enrol_device
from tests.security.helpers import device_for, next_code, signed_in

PASSWORD = "pw-for-tests"  # noqa: S105


def _settings_with(env: dict[str, str], expr: str) -> str:
    """Evaluate ``expr`` in the production settings module under ``env``."""
    code = f"import habeas.server.settings as s; print({expr})"
    env = {"PATH": "/usr/bin:/bin", "HABEAS_DB": ":memory:", **env}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_passwords_are_hashed_with_argon2_in_production():
    assert _settings_with({}, "s.PASSWORD_HASHERS[0]").endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        stored = make_password("correct horse battery staple")
        assert stored.startswith("argon2$argon2id$")
        assert check_password("correct horse battery staple", stored)
        assert not check_password("wrong", stored)


def test_cookies_and_https_settings():
    plain = _settings_with(
        {}, "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.X_FRAME_OPTIONS"
    )
    assert plain == "True Lax DENY"
    https = _settings_with(
        {"HABEAS_HTTPS": "1"},
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT",
    )
    assert https == "True True 31536000 True"


def test_an_editor_must_enrol_and_use_a_second_factor(registry, editor):
    client = Client()
    response = client.post("/accounts/login/", {"username": "ed", "password": PASSWORD})
    assert response.status_code == 302
    # without a verified second factor nothing but the 2FA pages is reachable ...
    for path in ("/workspace/", f"/persons/{registry['target']}/", "/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/2fa/setup/" in response["Location"]
    page = client.get("/accounts/2fa/setup/").content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert device.config_url.split("secret=")[1].split("&")[0] in page
    # a wrong code is refused and slows further tries down (django-otp throttling) ...
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    assert client.post("/accounts/2fa/setup/", {"code": wrong}).status_code == 200
    throttled = client.post("/accounts/2fa/setup/", {"code": code_for(device)})
    assert throttled.status_code == 200 and "too many tries" not in throttled.content.decode()
    time.sleep(1.1)
    # ... then the right one, computed from the key as an authenticator app does, is accepted
    response = client.post(
        "/accounts/2fa/setup/", {"code": next_code(device), "next": "/workspace/"}
    )
    assert response.status_code == 302 and response["Location"] == "/workspace/"
    assert "New person" in client.get("/workspace/").content.decode()
    # a later login asks for a code, and enrolling another device is refused
    other = Client()
    other.post("/accounts/login/", {"username": "ed", "password": PASSWORD})
    assert "/accounts/2fa/verify/" in other.get("/workspace/")["Location"]
    assert other.get("/accounts/2fa/setup/")["Location"].startswith("/accounts/2fa/verify/")
    device.refresh_from_db()
    assert other.post("/accounts/2fa/verify/", {"code": next_code(device)}).status_code == 302
    assert other.get("/workspace/").status_code == 200


def test_a_used_code_cannot_be_replayed(registry, editor):
    device = device_for(editor)
    code = next_code(device)
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(editor)
    assert first.post("/accounts/2fa/verify/", {"code": code}).status_code == 302
    assert second.post("/accounts/2fa/verify/", {"code": code}).status_code == 200
    assert second.get("/workspace/").status_code == 302


def test_volunteers_need_no_second_factor(registry, volunteer):
    client = Client()
    client.force_login(volunteer)
    assert client.get("/workspace/").status_code == 200


def test_staff_accounts_need_a_second_factor_for_the_admin(registry, db):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    assert "/accounts/2fa/" in client.get("/admin/")["Location"]
    signed_in(admin, client)
    assert client.get("/admin/").status_code == 200


def test_repeated_failed_logins_lock_the_account_out(registry, editor):
    client = Client()
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": "ed", "password": "guess"})
        assert response.status_code == 200
    # the fifth failure locks the account out (for this address)
    response = client.post("/accounts/login/", {"username": "ed", "password": "guess"})
    assert response.status_code == 429
    # now even the right password is refused, from this address, for this account
    response = client.post("/accounts/login/", {"username": "ed", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_csrf_is_enforced_on_forms(registry, editor):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "ed", "password": PASSWORD})
    assert response.status_code == 403
    signed = signed_in(editor)
    signed.handler.enforce_csrf_checks = True
    assert signed.post("/workspace/persons/new/", {"name": "X"}).status_code == 403


def test_security_headers(registry, editor):
    public = Client().get("/")
    assert "script-src 'self'" in public["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"
    assert public["X-Content-Type-Options"] == "nosniff"
    assert public["Referrer-Policy"] == "same-origin"
    assert "camera=()" in public["Permissions-Policy"]
    assert public["Cross-Origin-Opener-Policy"] == "same-origin"
    private = signed_in(editor).get("/workspace/")
    assert "no-store" in private["Cache-Control"]


@override_settings(HABEAS_SESSION_MAX_AGE=60)
def test_sessions_expire_after_their_absolute_lifetime(registry, editor):
    client = signed_in(editor)
    assert client.get("/workspace/").status_code == 200
    session = client.session
    session[LOGIN_AT] = time.time() - 61
    session.save()
    response = client.get("/workspace/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/workspace/")["Location"].startswith("/accounts/login/")


def test_idle_sessions_expire():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE <= 3600 and settings.SESSION_SAVE_EVERY_REQUEST


def test_api_tokens_are_scoped_and_revocable(registry, editor):
    token, secret = ApiToken.issue(user=editor, name="t", scopes=["read"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = Client()
    assert client.get("/api/v1/persons", **auth).status_code == 200
    body = {"name": "Тест", "citation": {"source": "X", "kind": "news"}}
    denied = client.post("/api/v1/persons", body, content_type="application/json", **auth)
    assert denied.status_code == 403  # no write scope
    token.revoke()
    assert client.get("/api/v1/persons", **auth).status_code == 401
    assert ApiToken.authenticate(secret) is None
    assert ApiToken.objects.get(pk=token.pk).key_hash != secret  # only a hash is stored


def test_totp_devices_enrolled_through_helpers_are_real(db, editor):
    device = enrol_device(editor)
    assert not device.confirmed and len(device.bin_key) == 20
    assert device.verify_token(code_for(device))


@pytest.mark.parametrize("path", ["/accounts/2fa/setup/", "/accounts/2fa/verify/"])
def test_two_factor_pages_need_a_login(db, path):
    assert "/accounts/login/" in Client().get(path)["Location"]
