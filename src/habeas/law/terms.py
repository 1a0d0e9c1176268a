"""Custodial terms (years, months, days) and their parsing from English, Russian and the
interchange form (``8y6m10d``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from habeas.law.errors import TermError

__all__ = ["Term", "parse_term"]


@dataclass(frozen=True, order=True)
class Term:
    """A term of years, months and days, as a court writes it (not normalised to days,
    because a month has no fixed length: UK RF art. 72 pt 1 counts terms in months and years).
    """

    years: int = 0
    months: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        for name in ("years", "months", "days"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise TermError(f"term {name} must be a non-negative integer, not {value!r}")

    @property
    def total_months(self) -> int:
        """Years and months as a number of months (days are not included)."""
        return self.years * 12 + self.months

    @property
    def is_zero(self) -> bool:
        """True when the term is empty."""
        return self.years == 0 and self.months == 0 and self.days == 0

    def normalised(self) -> Term:
        """The same term with months above 11 carried into years."""
        return Term(self.total_months // 12, self.total_months % 12, self.days)

    def __str__(self) -> str:
        parts = []
        if self.years:
            parts.append(f"{self.years}y")
        if self.months:
            parts.append(f"{self.months}m")
        if self.days or not parts:
            parts.append(f"{self.days}d")
        return "".join(parts)

    def format_ru(self) -> str:
        """Russian wording, e.g. «8 лет 6 месяцев»."""
        words = []
        if self.years:
            words.append(f"{self.years} {_plural_ru(self.years, 'год', 'года', 'лет')}")
        if self.months:
            words.append(f"{self.months} {_plural_ru(self.months, 'месяц', 'месяца', 'месяцев')}")
        if self.days or not words:
            words.append(f"{self.days} {_plural_ru(self.days, 'день', 'дня', 'дней')}")
        return " ".join(words)

    def format_en(self) -> str:
        """English wording, e.g. "8 years 6 months"."""
        words = []
        for value, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day")):
            if value:
                words.append(f"{value} {unit}{'' if value == 1 else 's'}")
        return " ".join(words) or "0 days"

    def to_dict(self) -> dict[str, int]:
        """``{"years": .., "months": .., "days": ..}`` for JSON."""
        return {"years": self.years, "months": self.months, "days": self.days}

    @classmethod
    def from_value(cls, value: Any) -> Term:
        """A term from a dict (``years/months/days``), a ``Term`` or a string."""
        if isinstance(value, Term):
            return value
        if isinstance(value, str):
            return parse_term(value)
        if isinstance(value, dict):
            unknown = set(value) - {"years", "months", "days"}
            if unknown:
                raise TermError(f"unknown term fields: {', '.join(sorted(unknown))}")
            try:
                return cls(
                    int(value.get("years", 0) or 0),
                    int(value.get("months", 0) or 0),
                    int(value.get("days", 0) or 0),
                )
            except (TypeError, ValueError) as exc:
                raise TermError(f"bad term {value!r}: {exc}") from exc
        raise TermError(f"cannot read a term from {value!r}")


def _plural_ru(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


_YEAR = {"y", "yr", "yrs", "year", "years", "г", "год", "года", "лет", "л"}
_MONTH = {"m", "mo", "mos", "month", "months", "мес", "месяц", "месяца", "месяцев", "м"}
_DAY = {"d", "day", "days", "д", "дн", "день", "дня", "дней"}
_NUMBER_WORDS = {
    "один": 1, "одна": 1, "одного": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3,
    "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7,
    "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10,
    "десяти": 10, "полтора": Fraction(3, 2), "полгода": None,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
_TOKEN = re.compile(r"([0-9]+(?:[.,][0-9]+)?)|([a-zа-я]+)")
_CONNECTORS = {"и", "and", "of", "лишения", "свободы", "сроком", "на", "срок"}
_MAX_VALUE = 1000


def parse_term(text: str) -> Term:
    """Read a term such as ``8y6m``, ``8y 6m 10d``, «8 лет 6 месяцев», "2 years 6 months",
    «6 мес.», «3,5 года» (= 3 years 6 months).

    A fractional number of years is accepted when it is a whole number of months; other
    fractions, unknown words, a number without a unit and an empty term raise
    :class:`TermError`.
    """
    if not isinstance(text, str):
        raise TermError(f"a term must be text, not {type(text).__name__}")
    cleaned = text.strip().lower().replace("ё", "е")
    if not cleaned:
        raise TermError("empty term")
    if cleaned in {"life", "пожизненно", "пожизненное", "пожизненное лишение свободы"}:
        raise TermError("life imprisonment is not a term of years")
    amounts: dict[str, Fraction] = {}
    pending: Fraction | None = None
    position = 0
    for match in _TOKEN.finditer(cleaned):
        gap = cleaned[position : match.start()]
        position = match.end()
        if gap.strip(" .,;:-()"):
            raise TermError(f"unexpected {gap.strip()!r} in term {text!r}")
        number, word = match.groups()
        if number is not None:
            if pending is not None:
                raise TermError(f"two numbers in a row in term {text!r}")
            pending = Fraction(number.replace(",", "."))
            continue
        if word == "полгода":
            _add(amounts, "months", Fraction(6), text)
            continue
        if word in _NUMBER_WORDS and pending is None:
            pending = Fraction(_NUMBER_WORDS[word])
            continue
        unit = _unit(word)
        if unit is None:
            if word in _CONNECTORS:
                continue
            raise TermError(f"unknown word {word!r} in term {text!r}")
        if pending is None:
            raise TermError(f"unit {word!r} without a number in term {text!r}")
        _add(amounts, unit, pending, text)
        pending = None
    if cleaned[position:].strip(" .,;:-()"):
        raise TermError(f"unexpected {cleaned[position:].strip()!r} in term {text!r}")
    if pending is not None:
        raise TermError(f"number without a unit in term {text!r}")
    return _build(amounts, text)


def _unit(word: str) -> str | None:
    if word in _YEAR:
        return "years"
    if word in _MONTH or word.startswith("месяц"):
        return "months"
    if word in _DAY:
        return "days"
    return None


def _add(amounts: dict[str, Fraction], unit: str, value: Fraction, text: str) -> None:
    if unit in amounts:
        raise TermError(f"{unit} given twice in term {text!r}")
    if value > _MAX_VALUE:
        raise TermError(f"{value} {unit} is not a plausible term: {text!r}")
    amounts[unit] = value


def _build(amounts: dict[str, Fraction], text: str) -> Term:
    years = amounts.get("years", Fraction(0))
    months = amounts.get("months", Fraction(0)) + (years - int(years)) * 12
    days = amounts.get("days", Fraction(0))
    if months.denominator != 1 or days.denominator != 1:
        raise TermError(f"term {text!r} is not a whole number of months and days")
    term = Term(int(years), int(months), int(days))
    if term.is_zero:
        raise TermError(f"empty term {text!r}")
    return term
