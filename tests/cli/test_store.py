"""The registry file: chosen by --db or HABEAS_DB, created and migrated on first use, WAL."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from habeas.store import database_config, default_db_path, describe, resolve_db


def run_habeas(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``habeas`` console entry point in a new process."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HABEAS_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "habeas", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_a_new_file_is_created_migrated_and_kept(tmp_path: Path, list_file):
    db = tmp_path / "sub" / "registry.sqlite3"
    result = run_habeas("import", str(list_file()), "--source", "Memorial", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert db.exists()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("SELECT count(*) FROM registry_sourcerecord").fetchone()[0] == 3
    shown = run_habeas("search", "Смирнова", "--json", env={"HABEAS_DB": str(db)})
    assert json.loads(shown.stdout)[0]["name"] == "Смирнова Анна Петровна"


def test_init_reports_the_database(tmp_path: Path):
    db = tmp_path / "r.sqlite3"
    result = run_habeas("init", "--db", str(db))
    assert result.returncode == 0 and str(db) in result.stdout


def test_database_urls_and_paths():
    assert database_config("postgresql://u@127.0.0.1:5432/reg")["ENGINE"] == (
        "django.db.backends.postgresql"
    )
    assert database_config("/tmp/x.sqlite3")["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert describe("postgresql://u:secret@127.0.0.1/reg") == "PostgreSQL database reg at 127.0.0.1"
    with pytest.raises(ValueError, match="unsupported database"):
        database_config("mysql://root@localhost/x")


def test_default_location_is_the_user_data_directory(monkeypatch):
    monkeypatch.delenv("HABEAS_DB", raising=False)
    assert resolve_db() == str(default_db_path())
    monkeypatch.setenv("HABEAS_DB", "/tmp/chosen.sqlite3")
    assert resolve_db() == "/tmp/chosen.sqlite3" and resolve_db("/x.sqlite3") == "/x.sqlite3"


@pytest.mark.django_db
def test_demo_builds_three_partner_lists_and_imports_them(tmp_path: Path):
    from typer.testing import CliRunner

    from habeas.cli import app

    out = tmp_path / "lists"
    result = CliRunner().invoke(
        app, ["demo", "--people", "150", "--out", str(out), "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    summary = payload["summary"]
    assert {s["name"] for s in summary["sources"]} == {"Memorial", "OVD-Info", "Regional group"}
    with (out / "truth.csv").open(encoding="utf-8") as handle:
        truth = list(csv.DictReader(handle))
    assert summary["source_records"] == len(truth)
    assert len({row["person_key"] for row in truth}) == 150
    assert all(report["problems"] == [] for report in payload["imports"])
