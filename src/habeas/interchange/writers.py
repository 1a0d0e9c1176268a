"""Writing exports: interchange CSV, JSONL, XLSX, and FollowTheMoney entities.

Writers take plain dicts in the interchange shape (lists for multi-valued columns) and
neutralise cells that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from habeas.interchange.columns import ARTICLE_SEPARATOR, INTERCHANGE_COLUMNS, LIST_SEPARATOR

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Prefix a cell that a spreadsheet would evaluate (``=HYPERLINK(...)``) with a quote."""
    if value and value.startswith(_FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def flatten(row: dict[str, Any]) -> dict[str, str]:
    """A row with list values joined by the interchange separators."""
    flat: dict[str, str] = {}
    for column in INTERCHANGE_COLUMNS:
        value = row.get(column, "")
        if isinstance(value, list):
            separator = f"{ARTICLE_SEPARATOR} " if column == "articles" else LIST_SEPARATOR
            value = separator.join(str(v) for v in value)
        flat[column] = "" if value is None else str(value)
    return flat


def write_csv(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Interchange CSV (UTF-8, comma-separated, with a header); returns rows written."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(INTERCHANGE_COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: safe_cell(v) for k, v in flatten(row).items()})
            count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """One JSON object per line, lists kept as arrays; returns rows written."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def write_xlsx(rows: Iterable[dict[str, Any]], path: Path, sheet: str = "Registry") -> int:
    """An XLSX workbook with the interchange columns; returns rows written."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append(list(INTERCHANGE_COLUMNS))
    count = 0
    for row in rows:
        ws.append([safe_cell(v) for v in flatten(row).values()])
        count += 1
    book.save(path)
    return count


def write_ftm(entities: Iterable[dict[str, Any]], path: Path) -> int:
    """FollowTheMoney entities, one JSON object per line; returns entities written."""
    return write_jsonl(entities, path)
