"""Shared fixtures: writing list files in the shapes partners send."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL (``HABEAS_TEST_POSTGRES``), leave out the tests marked ``sqlite_only``:
    they are about an SQLite setting, so they are not run there rather than skipped."""
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
