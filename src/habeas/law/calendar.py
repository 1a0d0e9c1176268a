"""Dates: adding terms in months (month-end clamping) and a country's working-day calendar."""

from __future__ import annotations

import calendar as _stdcalendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

__all__ = ["WorkCalendar", "add_months", "add_term", "orthodox_easter"]


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday (Gregorian date) of ``year``, by the Julian computus
    (valid 1900-2099, where the calendars differ by 13 days)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return date(year, month, day + 1) + timedelta(days=13)


def add_months(start: date, months: int) -> date:
    """``start`` moved by ``months`` calendar months; a day the target month lacks becomes
    its last day (31 Jan + 1 month = 28 or 29 Feb)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _stdcalendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def add_term(start: date, years: int, months: int, days: int) -> date:
    """``start`` plus a term: years and months first (as calendar months), then days."""
    return add_months(start, years * 12 + months) + timedelta(days=days)


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are not worked in a country: weekends, fixed holidays, and each year's
    transfers as published (see the pack's ``holidays.toml``)."""

    country: str
    fixed: frozenset[tuple[int, int]]
    no_weekend_rule: frozenset[tuple[int, int]]
    days_off: frozenset[date]
    working_days: frozenset[date]
    years: Mapping[int, Mapping[str, Any]] = field(default_factory=dict, compare=False)
    rule: str = ""
    orthodox_easter_offsets: tuple[int, ...] = ()

    @classmethod
    def from_data(cls, country: str, data: Mapping[str, Any]) -> WorkCalendar:
        """Build the calendar from a parsed ``holidays.toml``."""

        def month_day(text: str) -> tuple[int, int]:
            month, day = text.split("-")
            return int(month), int(day)

        days_off: set[date] = set()
        working: set[date] = set()
        years: dict[int, Mapping[str, Any]] = {}
        for year, entry in data.get("years", {}).items():
            years[int(year)] = entry
            days_off.update(date.fromisoformat(d) for d in entry.get("days_off", ()))
            working.update(date.fromisoformat(d) for d in entry.get("working_days", ()))
        return cls(
            country=country,
            fixed=frozenset(month_day(d) for d in data.get("fixed", ())),
            no_weekend_rule=frozenset(month_day(d) for d in data.get("no_weekend_rule", ())),
            days_off=frozenset(days_off),
            working_days=frozenset(working),
            years=years,
            rule=data.get("rule", ""),
            orthodox_easter_offsets=tuple(int(d) for d in data.get("orthodox_easter_offsets", ())),
        )

    def covers(self, year: int) -> bool:
        """Whether the pack has the published transfers of ``year``."""
        return year in self.years

    def year_note(self, year: int) -> str:
        """A sentence on where ``year``'s calendar comes from, for explanations."""
        entry = self.years.get(year)
        if entry is None:
            return (
                f"no production calendar for {year} in the pack: fixed holidays and the "
                "weekend-holiday rule only"
            )
        note = str(entry.get("decree", ""))
        if not entry.get("verified", False):
            note += " (UNCONFIRMED)"
        return note

    def is_holiday(self, day: date) -> bool:
        """Whether ``day`` is a fixed public holiday or a moveable one (Orthodox Easter +n)."""
        if (day.month, day.day) in self.fixed:
            return True
        if self.orthodox_easter_offsets:
            easter = orthodox_easter(day.year)
            return (day - easter).days in self.orthodox_easter_offsets
        return False

    def is_non_working(self, day: date) -> bool:
        """Whether ``day`` is a weekend, holiday or transferred day off (and not a worked
        weekend day)."""
        if day in self.working_days:
            return False
        if self.is_holiday(day) or day in self.days_off:
            return True
        if day.weekday() >= 5:
            return True
        if not self.covers(day.year):
            return self._moved_by_weekend_rule(day)
        return False

    def _moved_by_weekend_rule(self, day: date) -> bool:
        """For years without data: the first weekday after a non-working run that holds a
        holiday falling on a weekend is a day off (RU TK art. 112 pt 2: the day off moves to
        the next working day). Only one day is moved, an approximation for rare years."""
        pending = 0
        probe = day - timedelta(days=1)
        # Walk back over the non-working run just before ``day``; count weekend holidays.
        for _ in range(14):
            if not (probe.weekday() >= 5 or self.is_holiday(probe)):
                break
            key = (probe.month, probe.day)
            if probe.weekday() >= 5 and key in self.fixed and key not in self.no_weekend_rule:
                pending += 1
            probe -= timedelta(days=1)
        return pending > 0

    def preceding_working_day(self, day: date) -> date:
        """``day`` itself if it is worked, else the nearest earlier working day."""
        while self.is_non_working(day):
            day -= timedelta(days=1)
        return day
