"""Confidential notes are encrypted at rest, under keys kept outside the database; keys
rotate; the public export and the public API never reach them."""

from __future__ import annotations

import importlib

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import Client

from habeas.apps.registry.exports import export_registry
from habeas.apps.registry.models import Person, PersonNote
from habeas.apps.registry.visibility import Audience
from habeas.security import keys
from habeas.security.fields import PREFIX, encrypted_columns, rotate_all, seal, unseal
from tests.web.registry import SECRETS


def _raw_notes(note_id: int | None = None) -> list[str]:
    """The stored (encrypted) note texts: all of them, or the one note ``note_id``'s (other
    tests of the module share the demo registry, whose notes are in the table too)."""
    with connection.cursor() as cursor:
        if note_id is None:
            cursor.execute("SELECT text FROM registry_personnote ORDER BY id")
        else:
            cursor.execute("SELECT text FROM registry_personnote WHERE id = %s", [note_id])
        return [r[0] for r in cursor.fetchall()]


def _encrypted_values() -> int:
    """How many encrypted values the database holds, in every encrypted column."""
    return sum(
        model._default_manager.filter(**{f"{field.name}__isnull": False}).count()
        for model, field in encrypted_columns()
    )


def test_notes_are_stored_encrypted_and_read_back_plain(registry):
    raw = _raw_notes()
    assert raw and all(v.startswith(PREFIX) for v in raw)
    assert not any(SECRETS["confidential_note"] in v for v in raw)
    texts = set(PersonNote.objects.values_list("text", flat=True))
    assert SECRETS["confidential_note"] in texts


def test_notes_written_by_an_import_are_encrypted(db, list_file):
    from habeas.apps.registry.importer import import_file

    import_file(list_file(), source="Memorial")
    assert "public case" in PersonNote.objects.values_list("text", flat=True)
    assert all(v.startswith(PREFIX) and "public case" not in v for v in _raw_notes())


def test_an_altered_value_is_refused_not_shown(db):
    person = Person.objects.create(display_name="Тест")
    note = PersonNote.objects.create(person=person, text="health: secret")
    stored = _raw_notes(note.pk)[0]
    forged = stored[:-8] + ("A" if stored[-8] != "A" else "B") + stored[-7:]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE registry_personnote SET text = %s WHERE id = %s", [forged, note.pk])
    with pytest.raises(keys.KeyProblem):
        PersonNote.objects.get(pk=note.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE registry_personnote SET text = %s WHERE id = %s", ["plain text", note.pk]
        )
    with pytest.raises(keys.KeyProblem):
        PersonNote.objects.get(pk=note.pk)


def test_keys_come_from_the_environment_or_a_key_file(monkeypatch, tmp_path):
    key = Fernet.generate_key().decode()
    monkeypatch.setenv(keys.KEYS_ENV, key)
    assert keys.load_keys() == [key]
    monkeypatch.delenv(keys.KEYS_ENV)
    other = Fernet.generate_key().decode()
    path = tmp_path / "keys"
    path.write_text(f"# field keys\n{other}\n{key}\n")
    monkeypatch.setenv(keys.KEY_FILE_ENV, str(path))
    assert keys.load_keys() == [other, key]
    path.write_text("not-a-key\n")
    with pytest.raises(keys.KeyProblem):
        keys.load_keys()


def test_a_changed_key_file_is_read_again(monkeypatch, tmp_path):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    path = tmp_path / "keys"
    path.write_text(f"{old}\n")
    monkeypatch.delenv(keys.KEYS_ENV, raising=False)
    monkeypatch.setenv(keys.KEY_FILE_ENV, str(path))
    sealed = keys.encrypt(b"secret")
    assert keys.load_keys() == [old]
    # rotation step one: the new key first, saved as editors save (a new file moved in)
    (tmp_path / "keys.new").write_text(f"{new}\n{old}\n")
    (tmp_path / "keys.new").replace(path)
    assert keys.load_keys() == [new, old]
    assert keys.decrypt(keys.encrypt(b"x")) == b"x" and keys.decrypt(sealed) == b"secret"
    assert keys.rotate_token(sealed) != sealed


def test_without_configured_keys_production_makes_a_private_key_file(
    monkeypatch, tmp_path, settings
):
    settings.HABEAS_ALLOW_DEV_KEY = False
    monkeypatch.delenv(keys.KEYS_ENV, raising=False)
    monkeypatch.delenv(keys.KEY_FILE_ENV, raising=False)
    monkeypatch.setattr(keys, "default_key_file", lambda: tmp_path / "field-keys")
    made = keys.load_keys()
    assert made != [keys.DEV_KEY] and (tmp_path / "field-keys").stat().st_mode & 0o777 == 0o600
    assert keys.load_keys() == made


def test_key_rotation_re_encrypts_every_value(db, monkeypatch):
    person = Person.objects.create(display_name="Тест")
    note = PersonNote.objects.create(person=person, text="lawyer: +7 900 000-00-00")
    before = _raw_notes(note.pk)
    new = Fernet.generate_key().decode()
    monkeypatch.setenv(keys.KEYS_ENV, f"{new},{keys.DEV_KEY}")
    assert rotate_all() == _encrypted_values()
    after = _raw_notes(note.pk)
    assert after != before
    monkeypatch.setenv(keys.KEYS_ENV, new)  # the old key is gone: values still open
    assert "lawyer: +7 900 000-00-00" in PersonNote.objects.values_list("text", flat=True)
    monkeypatch.setenv(keys.KEYS_ENV, keys.DEV_KEY)  # the old key alone no longer opens them
    with pytest.raises(keys.KeyProblem):
        list(PersonNote.objects.values_list("text", flat=True))


def test_the_migration_encrypts_existing_rows_and_reverses(db):
    migration = importlib.import_module("habeas.apps.registry.migrations.0004_encrypt_person_notes")
    person = Person.objects.create(display_name="Тест")
    note = PersonNote.objects.create(person=person, text="x")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE registry_personnote SET text = %s WHERE id = %s", ["old plain", note.pk]
        )

    class Editor:
        connection = connection

    migration.encrypt_notes(None, Editor)
    assert unseal(_raw_notes(note.pk)[0]) == "old plain"
    migration.encrypt_notes(None, Editor)  # idempotent
    assert unseal(_raw_notes(note.pk)[0]) == "old plain"
    migration.decrypt_notes(None, Editor)
    assert _raw_notes(note.pk) == ["old plain"]


def test_public_exports_and_api_never_hold_notes(registry, tmp_path):
    for fmt in ("csv", "jsonl", "xlsx", "ftm", "sqlite"):
        path = tmp_path / f"public.{fmt}"
        export_registry(path, fmt, Audience.PUBLIC)
        data = path.read_bytes()
        if fmt == "xlsx":
            import zipfile

            with zipfile.ZipFile(path) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        for name in ("confidential_note", "internal_note"):
            assert SECRETS[name].encode() not in data, (fmt, name)
    client = Client()
    detail = client.get(f"/api/v1/persons/{registry['target']}").content.decode()
    listing = client.get("/api/v1/persons", {"page_size": 200}).content.decode()
    for name in ("confidential_note", "internal_note"):
        assert SECRETS[name] not in detail and SECRETS[name] not in listing


def test_seal_is_randomised():
    assert seal("same") != seal("same") and unseal(seal("same")) == "same"
