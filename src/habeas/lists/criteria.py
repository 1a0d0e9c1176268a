"""The criteria of a release list and their evaluation over plain person rows.

A *person row* is a plain dict (built by :mod:`habeas.releases.rows`, or by hand in tests):

``person_id``, ``name``, ``name_latin``, ``gender``, ``birth_date`` (ISO or None),
``region``, ``citizenships`` (ISO codes), ``status``, ``articles`` (``"207.3"``),
``charges`` (canonical references), ``recognitions`` (``{organisation, criteria,
withdrawn}``), ``facility``, ``facility_region``, ``sentence`` (``{term, months, regime,
verdict_on}`` or None), ``detained_on``, ``release_due`` (ISO or None, an estimate),
``health`` (flags such as ``serious_illness``), ``family`` (flags such as ``sole_carer``).

Criteria combine with AND across fields and OR within a field: ``statuses=("imprisoned",
"pretrial_detention")`` and ``articles=("207.3",)`` selects persons in either status who are
charged under 207.3.  An empty field does not restrict.  Every match says why.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

#: The home country: a citizenship other than this one makes a person a foreign citizen.
HOME_COUNTRY = "RU"


@dataclass(frozen=True)
class Criteria:
    """What a release list selects (see the module docstring for the semantics)."""

    statuses: tuple[str, ...] = ()
    recognised_by: tuple[str, ...] = ()
    recognition_criteria: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    facilities: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    health: tuple[str, ...] = ()
    sentence_min_months: int | None = None
    sentence_max_months: int | None = None
    remaining_min_months: int | None = None
    remaining_max_months: int | None = None
    citizenships: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form: only the fields that restrict, lists for tuples."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value not in (None, (), []):
                out[key] = list(value) if isinstance(value, tuple | list) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Criteria:
        """The criteria of a JSON dict (unknown keys are an error).

        Raises:
            ValueError: an unknown criterion.
        """
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown criteria: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            if isinstance(value, list | tuple):
                values[key] = tuple(str(v) for v in value)
            else:
                values[key] = value
        return cls(**values)

    @property
    def empty(self) -> bool:
        """True when nothing restricts (a list of manual inclusions only)."""
        return not self.to_dict()


@dataclass(frozen=True)
class Match:
    """The outcome of evaluating criteria on one row: the reasons for and against."""

    ok: bool
    reasons: tuple[str, ...]
    failed: tuple[str, ...]


def _iso(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        if len(text) == 4:
            return date(int(text), 7, 1)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 15)
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1 if months > 0 else 0
    return months


def age_on(row: dict[str, Any], today: date) -> int | None:
    """The person's age in whole years on ``today`` (None when the birth date is unknown)."""
    born = _iso(row.get("birth_date"))
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def remaining_months(row: dict[str, Any], today: date) -> int | None:
    """Months still to serve by the estimated release date (0 when it has passed)."""
    due = _iso(row.get("release_due"))
    if due is None:
        return None
    return max(0, months_between(today, due))


def served_months(row: dict[str, Any], today: date) -> int | None:
    """Months in custody since the first detention (None when the date is unknown)."""
    start = _iso(row.get("detained_on"))
    if start is None:
        return None
    return max(0, months_between(start, today))


def foreign_citizenships(row: dict[str, Any], home: str = HOME_COUNTRY) -> list[str]:
    """The person's citizenships other than the home country's."""
    return [c for c in row.get("citizenships") or [] if c.upper() != home.upper()]


_LETTERS = re.compile(r"(?<![\w.])([a-eа-д])(?![\w.])", re.I)


def criteria_letters(text: str) -> set[str]:
    """The PACE 1900 criteria letters in a recognition's criteria (``"... a, e"`` → a, e)."""
    tail = text.rsplit(")", 1)[-1]
    return {m.lower() for m in _LETTERS.findall(tail)}


def _article_matches(pattern: str, article: str) -> bool:
    if pattern.endswith("*"):
        return article.startswith(pattern[:-1])
    return article == pattern


def _fold(text: str) -> str:
    return (text or "").casefold().replace("ё", "е")


def evaluate(criteria: Criteria, row: dict[str, Any], today: date) -> Match:
    """Whether ``row`` meets ``criteria`` on ``today``, with a reason for each criterion."""
    reasons: list[str] = []
    failed: list[str] = []

    def check(label: str, ok: bool, detail: str) -> None:
        (reasons if ok else failed).append(f"{label}: {detail}")

    c = criteria
    if c.statuses:
        status = row.get("status") or "unknown"
        check("status", status in c.statuses, status)
    active = [r for r in row.get("recognitions") or [] if not r.get("withdrawn")]
    orgs: list[str] = []
    if c.recognised_by:
        wanted = {_fold(o) for o in c.recognised_by}
        orgs = sorted({r["organisation"] for r in active if _fold(r["organisation"]) in wanted})
        check("recognised by", bool(orgs), ", ".join(orgs) or "none of " + ", ".join(wanted))
    if c.recognition_criteria:
        wanted = {x.lower() for x in c.recognition_criteria}
        pool = [r for r in active if not c.recognised_by or r["organisation"] in orgs]
        hit = sorted({x for r in pool for x in criteria_letters(r.get("criteria") or "")} & wanted)
        check("recognition criteria", bool(hit), ", ".join(hit) or "none")
    if c.articles:
        arts = row.get("articles") or []
        hit = sorted({a for a in arts for p in c.articles if _article_matches(p, a)})
        check("article", bool(hit), ", ".join(hit) or "none of " + ", ".join(c.articles))
    if c.regions:
        wanted = {_fold(r) for r in c.regions}
        region = row.get("region") or ""
        check("region", _fold(region) in wanted, region or "unknown")
    if c.facilities:
        facility = row.get("facility") or ""
        ok = bool(facility) and any(_fold(f) in _fold(facility) for f in c.facilities)
        check("facility", ok, facility or "unknown")
    if c.genders:
        gender = row.get("gender") or ""
        check("gender", gender in c.genders, gender or "unknown")
    if c.age_min is not None or c.age_max is not None:
        age = age_on(row, today)
        ok = age is not None and (c.age_min is None or age >= c.age_min)
        ok = ok and (c.age_max is None or age is not None and age <= c.age_max)
        check("age", ok, "unknown" if age is None else str(age))
    if c.health:
        flags = sorted(set(row.get("health") or []) & set(c.health))
        check("health", bool(flags), ", ".join(flags) or "none")
    if c.sentence_min_months is not None or c.sentence_max_months is not None:
        sentence = row.get("sentence") or {}
        months = sentence.get("months")
        ok = months is not None and (
            c.sentence_min_months is None or months >= c.sentence_min_months
        )
        ok = ok and (c.sentence_max_months is None or months <= c.sentence_max_months)
        check("sentence", ok, sentence.get("term") or "none")
    if c.remaining_min_months is not None or c.remaining_max_months is not None:
        left = remaining_months(row, today)
        ok = left is not None and (c.remaining_min_months is None or left >= c.remaining_min_months)
        ok = ok and (c.remaining_max_months is None or left <= c.remaining_max_months)
        check("time remaining", ok, "unknown" if left is None else f"{left} months")
    if c.citizenships:
        held = [x.upper() for x in row.get("citizenships") or []]
        wanted = {x.upper() for x in c.citizenships}
        hit = sorted(set(held) & wanted)
        if "FOREIGN" in wanted and foreign_citizenships(row):
            hit.append("foreign: " + ", ".join(foreign_citizenships(row)))
        check("citizenship", bool(hit), ", ".join(hit) or ", ".join(held) or "unknown")
    return Match(ok=not failed, reasons=tuple(reasons), failed=tuple(failed))
