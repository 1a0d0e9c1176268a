"""``habeas backup`` and ``habeas restore``: consistent encrypted snapshots, verified after
restoring (integrity, schema, audit chain); altered, truncated or foreign backups refused.
Run as separate processes on real files, with keys from the environment (not the dev key)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from habeas.security.backup import MAGIC
from tests.security import pg

MAIN = Path(__file__).with_name("cli_main.py")
ROOT = Path(__file__).resolve().parents[2]
KEY = Fernet.generate_key().decode()


def run(*args: object, key: str = KEY, check: bool = True) -> subprocess.CompletedProcess:
    """``habeas ARGS`` in a fresh process with the production settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HABEAS_"))}
    env.update(HABEAS_FIELD_KEYS=key, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(MAIN), *map(str, args)], env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    if check:
        assert done.returncode == 0, done.stderr + done.stdout
    return done


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory) -> Path:
    """An SQLite registry with the test list imported and an audit log."""
    from tests.conftest import HEADER, ROWS, write_csv

    folder = tmp_path_factory.mktemp("backup")
    db = folder / "registry.sqlite3"
    csv = write_csv(folder / "list.csv", HEADER, ROWS)
    run("import", csv, "--source", "Memorial", "--db", db)
    return db


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608


def test_backup_and_restore_round_trip(registry_file, tmp_path):
    backup = tmp_path / "registry.hbk"
    made = json.loads(run("backup", backup, "--db", registry_file, "--json").stdout)
    assert made["engine"] == "sqlite" and made["audit_head"]["seq"] >= 1
    data = backup.read_bytes()
    assert data.startswith(MAGIC) and "Кагарлицкий".encode() not in data  # encrypted
    assert not list(tmp_path.glob("*.partial"))
    target = tmp_path / "restored.sqlite3"
    restored = json.loads(run("restore", backup, "--db", target, "--json").stdout)
    assert any(c.startswith("audit chain:") for c in restored["checks"])
    assert "SQLite integrity check: ok" in restored["checks"]
    for table in ("registry_person", "registry_personnote", "audit_auditentry"):
        assert _count(target, table) == _count(registry_file, table)
    assert run("audit", "verify", "--db", target).returncode == 0
    shown = json.loads(
        run("show", "1", "--db", target, "--json", "--audience", "confidential").stdout
    )
    assert shown["display_name"]


def test_a_damaged_backup_is_refused_and_nothing_is_written(registry_file, tmp_path):
    backup = tmp_path / "registry.hbk"
    run("backup", backup, "--db", registry_file)
    data = bytearray(backup.read_bytes())
    flipped = tmp_path / "flipped.hbk"
    data[len(data) // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    truncated = tmp_path / "truncated.hbk"
    truncated.write_bytes(backup.read_bytes()[: len(data) // 2])
    for bad in (flipped, truncated):
        target = tmp_path / f"{bad.stem}.sqlite3"
        done = run("restore", bad, "--db", target, check=False)
        assert done.returncode == 1, done.stdout
        assert not target.exists()
    other_keys = run("restore", backup, "--db", tmp_path / "x.sqlite3", check=False,
                     key=Fernet.generate_key().decode())  # fmt: skip
    assert other_keys.returncode == 1 and "other keys" in other_keys.stderr + other_keys.stdout


def test_a_backup_with_a_broken_audit_chain_is_refused_on_restore(registry_file, tmp_path):
    db = tmp_path / "tampered.sqlite3"
    db.write_bytes(registry_file.read_bytes())
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE audit_auditentry SET actor = 'nobody' WHERE seq = 1")
    assert run("audit", "verify", "--db", db, check=False).returncode == 1
    run("backup", tmp_path / "t.hbk", "--db", db)
    done = run("restore", tmp_path / "t.hbk", "--db", tmp_path / "r.sqlite3", check=False)
    assert done.returncode == 1 and "audit log is broken" in done.stderr + done.stdout
    assert not (tmp_path / "r.sqlite3").exists()


def test_postgresql_backup_and_restore(tmp_path):
    from tests.conftest import HEADER, ROWS, write_csv

    url = pg.configured_url() or pg.DEFAULT_URL
    # Databases of this run's own (unique names), dropped afterwards: runs at once never collide.
    with (
        pg.scratch_database("habeas_backup_src", url) as source,
        pg.scratch_database("habeas_backup_dst", url) as target,
    ):
        names = {source.rsplit("/", 1)[1], target.rsplit("/", 1)[1]}
        assert names <= pg.database_names(url)
        csv = write_csv(tmp_path / "list.csv", HEADER, ROWS)
        run("import", csv, "--source", "Memorial", "--db", source)
        run("backup", tmp_path / "pg.hbk", "--db", source)
        restored = json.loads(run("restore", tmp_path / "pg.hbk", "--db", target, "--json").stdout)
        assert "pg_restore: ok (one transaction)" in restored["checks"]
        shown = json.loads(run("search", "Kagarlitsky", "--db", target, "--json").stdout)
        assert shown
        assert run("audit", "verify", "--db", target).returncode == 0
    assert not names & pg.database_names(url)  # dropped: nothing left behind
