"""Migrations: in step with the models, applicable from empty, reversible between versions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_are_in_step():
    # Exits non-zero (SystemExit) when a model change lacks its migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _manage(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HABEAS_", "DJANGO_"))}
    env.update(HABEAS_DB=str(db), DJANGO_SETTINGS_MODULE="habeas.server.settings")
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_migrations_apply_from_empty_and_reverse_to_zero_and_back(tmp_path: Path):
    db = tmp_path / "m.sqlite3"
    # Unapplying the first app's migrations unapplies every migration that depends on them.
    steps = [("migrate",), ("migrate", "sources", "zero"), ("migrate",)]
    for step in steps:
        result = _manage(db, *step, "--no-input")
        assert result.returncode == 0, f"{step}: {result.stderr[-2000:]}"
    listing = _manage(db, "showmigrations", "registry", "cases", "sources")
    assert "[ ]" not in listing.stdout and "[X]" in listing.stdout
