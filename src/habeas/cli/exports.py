"""Choosing an export format from a file name."""

from __future__ import annotations

from pathlib import Path

_BY_SUFFIX = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".xlsx": "xlsx",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".db": "sqlite",
}


def choose_format(path: Path) -> str | None:
    """The export format a file name implies (``x.ftm.json`` is FollowTheMoney)."""
    name = path.name.lower()
    if name.endswith((".ftm.json", ".ftm.jsonl", ".ftm")):
        return "ftm"
    return _BY_SUFFIX.get(path.suffix.lower())
