"""TOTP seeds are encrypted at rest: the database holds no plaintext seed, signing in with a
code still works, ``habeas keys rotate`` re-encrypts the seeds, and the migration moves the
devices enrolled before (plain) into the encrypted table without changing their seeds."""

from __future__ import annotations

import importlib
from base64 import b32encode
from binascii import unhexlify

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.db import connection
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice as PlainTOTPDevice

from habeas.security import keys
from habeas.security.fields import PREFIX, rotate_all, unseal
from habeas.security.models import SealedTOTPDevice
from habeas.security.twofactor import code_for, remove_devices
from tests.security.helpers import next_code

pytestmark = pytest.mark.django_db  # also in the PostgreSQL run (``pytest -m django_db``)

PASSWORD = "pw-for-tests"  # noqa: S105
MIGRATION = "habeas.security.migrations.0003_seal_existing_totp_seeds"


def _raw_seeds(table: str = "security_sealedtotpdevice") -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {connection.ops.quote_name('key')} FROM {table}")  # noqa: S608
        return dict(cursor.fetchall())


def _plaintext_forms(hex_key: str) -> list[str]:
    """The spellings of a seed that must not appear in the database: hex (either case) and the
    base32 an authenticator app is given."""
    secret = b32encode(unhexlify(hex_key)).decode()
    return [hex_key.lower(), hex_key.upper(), secret, secret.rstrip("=")]


def test_the_seed_column_holds_no_plaintext_and_login_with_totp_still_works(registry, editor):
    client = Client()
    assert (
        client.post("/accounts/login/", {"username": "ed", "password": PASSWORD}).status_code == 302
    )
    setup = client.get("/accounts/2fa/setup/")
    assert setup.status_code == 200
    device = SealedTOTPDevice.objects.get(user=editor, confirmed=False)
    seed = device.key
    assert len(unhexlify(seed)) == 20  # Python code sees the hex seed ...
    raw = _raw_seeds()[device.pk]
    assert raw.startswith(PREFIX) and unseal(raw) == seed  # ... the database holds a token
    assert not any(form in raw for form in _plaintext_forms(seed))
    assert not PlainTOTPDevice.objects.exists()  # nothing in django-otp's plain table

    # Enrol with a code computed from the seed as an authenticator app does; sign in again.
    done = client.post("/accounts/2fa/setup/", {"code": next_code(device), "next": "/workspace/"})
    assert done.status_code == 302 and done["Location"] == "/workspace/"
    assert client.get("/workspace/").status_code == 200
    other = Client()
    other.post("/accounts/login/", {"username": "ed", "password": PASSWORD})
    assert "/accounts/2fa/verify/" in other.get("/workspace/")["Location"]
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    assert other.post("/accounts/2fa/verify/", {"code": wrong}).status_code == 200
    assert other.get("/workspace/").status_code == 302
    import time

    time.sleep(1.1)  # django-otp slows down the try after a wrong code
    assert other.post("/accounts/2fa/verify/", {"code": next_code(device)}).status_code == 302
    assert other.get("/workspace/").status_code == 200
    # Saving the device after each use re-encrypts: still no plaintext, still the same seed.
    raw_after = _raw_seeds()[device.pk]
    assert raw_after.startswith(PREFIX) and unseal(raw_after) == seed
    assert not any(form in raw_after for form in _plaintext_forms(seed))


def test_key_rotation_re_encrypts_the_seeds(db, editor, monkeypatch):
    device = SealedTOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    seed = device.key
    before = _raw_seeds()[device.pk]
    new = Fernet.generate_key().decode()
    monkeypatch.setenv(keys.KEYS_ENV, f"{new},{keys.DEV_KEY}")
    assert rotate_all() >= 1
    after = _raw_seeds()[device.pk]
    assert after != before and after.startswith(PREFIX)
    monkeypatch.setenv(keys.KEYS_ENV, new)  # the old key is gone: the seed still opens
    device = SealedTOTPDevice.objects.get(pk=device.pk)
    assert device.key == seed and device.verify_token(code_for(device))
    monkeypatch.setenv(keys.KEYS_ENV, keys.DEV_KEY)  # the old key alone no longer opens it
    with pytest.raises(keys.KeyProblem):
        SealedTOTPDevice.objects.get(pk=device.pk)


def test_the_migration_moves_plain_devices_into_the_sealed_table_and_reverses(db, editor):
    migration = importlib.import_module(MIGRATION)
    plain = PlainTOTPDevice.objects.create(user=editor, name="old phone", confirmed=True,
                                           last_t=7, drift=1)  # fmt: skip
    seed, enrolled = plain.key, plain.created_at
    assert _raw_seeds("otp_totp_totpdevice")[plain.pk] == seed  # django-otp stores it plain

    migration.seal_seeds(apps, None)
    assert not PlainTOTPDevice.objects.exists() and not _raw_seeds("otp_totp_totpdevice")
    sealed = SealedTOTPDevice.objects.get(user=editor)
    assert (sealed.key, sealed.name, sealed.confirmed, sealed.last_t, sealed.drift) == (
        seed, "old phone", True, 7, 1,
    )  # fmt: skip
    assert sealed.created_at == enrolled
    raw = _raw_seeds()[sealed.pk]
    assert raw.startswith(PREFIX) and not any(f in raw for f in _plaintext_forms(seed))
    migration.seal_seeds(apps, None)  # run again: nothing left to move, nothing duplicated
    assert SealedTOTPDevice.objects.count() == 1

    migration.unseal_seeds(apps, None)
    assert not SealedTOTPDevice.objects.exists()
    assert PlainTOTPDevice.objects.get(user=editor).key == seed


def test_reset_2fa_removes_sealed_and_leftover_plain_devices(db, editor):
    SealedTOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    PlainTOTPDevice.objects.create(user=editor, name="old", confirmed=True)
    assert remove_devices(editor) == 2
    assert not SealedTOTPDevice.objects.exists() and not PlainTOTPDevice.objects.exists()
