"""Parsing single cell values: dates with their precision, gender, status, lists."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources

from habeas.interchange.errors import CellError
from habeas.text import fold
from habeas.vocabulary import DatePrecision, Gender, Status


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year, a month or a day. ``value`` holds the first day of the span."""

    value: date
    precision: DatePrecision

    def __str__(self) -> str:
        if self.precision is DatePrecision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is DatePrecision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @property
    def latest(self) -> date:
        """The last day the date could be, for ordering checks against other dates."""
        if self.precision is DatePrecision.YEAR:
            return date(self.value.year, 12, 31)
        if self.precision is DatePrecision.MONTH:
            nxt = date(self.value.year + self.value.month // 12, self.value.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return self.value


@cache
def _vocabulary() -> dict[str, dict[str, list[str]]]:
    data = resources.files("habeas.interchange").joinpath("data/values.toml").read_text("utf-8")
    return tomllib.loads(data)


@cache
def _lookup(section: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, spellings in _vocabulary()[section].items():
        for spelling in spellings:
            table[fold(spelling)] = code
    return table


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[./](\d{4})$")
_WORDY = re.compile(r"^(?:(\d{1,2})\s+)?([^\W\d]+)\.?\s+(\d{4})(?:\s*(?:г|года|год)\.?)?$")


def _build(text: str, year: int, month: int | None, day: int | None) -> PartialDate:
    try:
        if day is not None and month is not None:
            return PartialDate(date(year, month, day), DatePrecision.DAY)
        if month is not None:
            return PartialDate(date(year, month, 1), DatePrecision.MONTH)
        return PartialDate(date(year, 1, 1), DatePrecision.YEAR)
    except ValueError:
        raise CellError(f"no such date: {text}") from None


def parse_date(text: str, formats: tuple[str, ...] = ()) -> PartialDate | None:
    """Parse a date as lists write it, keeping how precise it is.

    Accepts ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``DD.MM.YYYY``, ``MM.YYYY`` and Russian
    month names (``29 августа 1958``, ``авг. 1958``); ``formats`` (strptime patterns) are
    tried first. Empty text gives None.

    Raises:
        CellError: the text is not a date, or names a day that does not exist (31.02.2024).
    """
    text = text.strip()
    if not text:
        return None
    for pattern in formats:
        try:
            return PartialDate(datetime.strptime(text, pattern).date(), DatePrecision.DAY)  # noqa: DTZ007
        except ValueError:
            continue
    if m := _ISO.match(text):
        year, month, day = m.groups()
        return _build(text, int(year), int(month) if month else None, int(day) if day else None)
    if m := _DOTTED.match(text):
        day, month, year = m.groups()
        return _build(text, int(year), int(month), int(day))
    if m := _MONTH_YEAR.match(text):
        month, year = m.groups()
        return _build(text, int(year), int(month), None)
    if m := _WORDY.match(fold(text)):
        day, word, year = m.groups()
        month = _month_number(word)
        if month is not None:
            return _build(text, int(year), month, int(day) if day else None)
    raise CellError("not a date; use YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY")


def _month_number(word: str) -> int | None:
    for number, names in _vocabulary()["months"].items():
        if word in names:
            return int(number)
    return None


def parse_gender(text: str) -> Gender | None:
    """``male``/``female``/``other`` from the spellings lists use (м/ж, m/f, …)."""
    if not text.strip():
        return None
    code = _lookup("gender").get(fold(text))
    if code is None:
        raise CellError("unknown gender; use male, female or other")
    return Gender(code)


def parse_status(text: str) -> Status | None:
    """A status code from its interchange code or the words lists use for it."""
    if not text.strip():
        return None
    code = _lookup("status").get(fold(text))
    if code is None:
        known = ", ".join(s.value for s in Status if s is not Status.UNKNOWN)
        raise CellError(f"unknown status; use one of {known}")
    return Status(code)


def split_list(text: str, separator: str) -> list[str]:
    """The non-empty, trimmed items of a separated cell."""
    return [item.strip() for item in text.split(separator) if item.strip()]


IMPORT_SIZE_UNITS = "a number with K, M or G"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from ``500M``, ``1G``, ``1024`` and the like.

    Raises:
        ValueError: not a size.
    """
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"not a size: {text!r} (use {IMPORT_SIZE_UNITS})")
    factor = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()]
    return int(float(m.group(1)) * factor)
