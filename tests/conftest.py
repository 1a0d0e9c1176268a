"""Shared fixtures: writing list files in the shapes partners send."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

#: Fixtures that give a test the database (directly or through other fixtures).
DB_FIXTURES = frozenset({"db", "transactional_db", "live_server", "django_db_setup"})
TRANSACTIONAL_FIXTURES = frozenset({"transactional_db", "live_server"})


def pytest_configure(config: pytest.Config) -> None:
    """Keep the link runs' prepared-record files (``HABEAS_LINKAGE_CACHE``) in a folder of
    this session, never in the user's data folder, unless the run names one."""
    if "HABEAS_LINKAGE_CACHE" not in os.environ:
        os.environ["HABEAS_LINKAGE_CACHE"] = tempfile.mkdtemp(prefix="habeas-test-linkage-")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``django_db`` every test that reaches the database through a fixture (``db``,
    ``transactional_db``, ``live_server``, or ``django_db_setup`` as the module-scoped
    registries use it), so that ``pytest -m django_db``, the PostgreSQL run, includes them
    all. Runs before ``-m`` selects (``tryfirst``).

    On PostgreSQL (``HABEAS_TEST_POSTGRES``), leave out the tests marked ``sqlite_only``:
    they are about an SQLite setting, so they are not run there rather than skipped."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & DB_FIXTURES and item.get_closest_marker("django_db") is None:
            transaction = bool(fixtures & TRANSACTIONAL_FIXTURES)
            item.add_marker(pytest.mark.django_db(transaction=transaction))
    if not os.environ.get("HABEAS_TEST_POSTGRES"):
        return
    dropped = [item for item in items if item.get_closest_marker("sqlite_only")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not item.get_closest_marker("sqlite_only")]


HEADER = [
    "source_id",
    "name",
    "name_latin",
    "gender",
    "birth_date",
    "region",
    "articles",
    "sentence",
    "regime",
    "facility",
    "status",
    "detained_on",
    "verdict_on",
    "recognized_by",
    "notes",
]

ROWS = [
    [
        "m-1",
        "Кагарлицкий Борис Юльевич",
        "Boris Kagarlitsky",
        "male",
        "29.08.1958",
        "Москва",
        "205.2(2)",
        "5y",
        "general",
        "ИК-4 УФСИН России по Тверской области",
        "imprisoned",
        "2023-07-25",
        "2024-02-13",
        "Memorial",
        "public case",
    ],
    [
        "m-2",
        "Смирнова Анна Петровна",
        "",
        "female",
        "1990",
        "Тверская область",
        "207.3(2); 280.3",
        "6y6m",
        "general",
        "",
        "imprisoned",
        "2022-05-10",
        "2023-03-01",
        "Memorial|OVD-Info",
        "",
    ],
    [
        "m-3",
        "Орлов Алексей Иванович",
        "Aleksei Orlov",
        "male",
        "1975-04",
        "Пермский край",
        "280.3(1)",
        "",
        "",
        "СИЗО-1 УФСИН России по Пермскому краю",
        "pretrial_detention",
        "2024-01-15",
        "",
        "",
        "",
    ],
]


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """Write a CSV file as a partner would send it."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def list_file(tmp_path: Path) -> Callable[..., Path]:
    """Factory: a CSV list in the interchange format (three rows unless told otherwise)."""

    def make(
        name: str = "list.csv",
        rows: list[list[str]] | None = None,
        header: list[str] | None = None,
        **kwargs: str,
    ) -> Path:
        return write_csv(
            tmp_path / name, header or HEADER, ROWS if rows is None else rows, **kwargs
        )

    return make
