"""The canonical profile: a person's displayed facts, derived from their source records.

Precedence (documented in docs/data-model.md): a record an editor verified beats one not
verified; then the more reliable source; then the more recent record; then the more complete.
Values the records disagree on are kept side by side in ``conflicts``, never dropped.
Pure domain code: records arrive as plain interchange dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from habeas.names import parse_name, transliterate
from habeas.vocabulary import Reliability, Script, Status

#: The romanisation shown beside a Cyrillic name when no source gives a Latin spelling:
#: the English-language press's customary style.
DISPLAY_SCHEME = "wikipedia"

_RELIABILITY_RANK = {
    Reliability.VERIFIED: 4,
    Reliability.HIGH: 3,
    Reliability.MEDIUM: 2,
    Reliability.LOW: 1,
    Reliability.UNKNOWN: 0,
}

#: Statuses only a statement can establish: no date column implies them.
_STATED_ONLY = {Status.EXCHANGED, Status.DIED, Status.ABROAD, Status.COMPULSORY_TREATMENT}

PROFILE_FIELDS = ("gender", "birth_date", "region")


@dataclass(frozen=True)
class RecordFacts:
    """What one source record asserts, with what the precedence needs to rank it."""

    record_id: int
    source: str
    data: dict[str, Any]
    reliability: Reliability = Reliability.UNKNOWN
    verified: bool = False
    seen_at: datetime | None = None
    removed: bool = False

    @property
    def rank(self) -> tuple[int, int, int, float, int]:
        """Sort key, highest first: live, verified, reliability, recency, completeness."""
        filled = sum(1 for v in self.data.values() if v)
        seen = self.seen_at.timestamp() if self.seen_at else 0.0
        return (
            int(not self.removed),
            int(self.verified),
            _RELIABILITY_RANK[self.reliability],
            seen,
            filled,
        )


@dataclass
class Profile:
    """The derived, displayed facts of a person."""

    display_name: str
    display_name_latin: str = ""
    gender: str = ""
    birth_date: str = ""
    region: str = ""
    status: Status = Status.UNKNOWN
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def derive_status(data: dict[str, Any]) -> Status:
    """The status one record's facts imply: its dates first, then what it states.

    A release date means released (or the stated exchange/death/departure); a verdict with
    a term means imprisoned; a detention date alone means pre-trial detention, unless the
    record states a milder measure (house arrest, restrictions).
    """
    stated = Status(data["status"]) if data.get("status") else None
    if stated in _STATED_ONLY:
        return stated
    if data.get("released_on"):
        return Status.RELEASED
    if stated is not None:
        return stated
    if data.get("verdict_on") and data.get("sentence"):
        return Status.IMPRISONED
    if data.get("detained_on"):
        return Status.PRETRIAL_DETENTION
    return Status.UNKNOWN


def _latest_date(data: dict[str, Any]) -> str:
    dates = [data.get(k) or "" for k in ("released_on", "verdict_on", "detained_on")]
    return max(dates)


def display_names(data: dict[str, Any]) -> tuple[str, str]:
    """A record's name in canonical order (surname first), and a Latin form of it.

    The Latin form is the record's own ``name_latin`` when it has one; else a Cyrillic name
    is romanised in :data:`DISPLAY_SCHEME`, and a Latin name shown as written.
    """
    text = data["name"]
    try:
        parsed = parse_name(text)
        display, script = parsed.full or text, parsed.script
    except ValueError:
        display, script = text, None
    latin = data.get("name_latin") or ""
    if not latin and script == Script.CYRILLIC:
        latin = transliterate(display, DISPLAY_SCHEME)
    if not latin and script == Script.LATIN:
        latin = display
    return display, latin


def derive_profile(records: list[RecordFacts]) -> Profile:
    """Combine a person's records into one profile (see the module's precedence rules)."""
    if not records:
        raise ValueError("a profile needs at least one record")
    ranked = sorted(records, key=lambda r: r.rank, reverse=True)
    best = ranked[0]
    display, latin = display_names(best.data)
    if not best.data.get("name_latin"):
        # A source's own Latin column beats our romanisation. (A Latin *name* in another
        # list does not: it may be in any scheme, a German press spelling included.)
        latin = next((r.data["name_latin"] for r in ranked if r.data.get("name_latin")), latin)
    profile = Profile(display_name=display, display_name_latin=latin)
    for name in PROFILE_FIELDS:
        values = [(r, r.data.get(name) or "") for r in ranked if r.data.get(name)]
        if not values:
            continue
        setattr(profile, name, values[0][1])
        distinct = {v for _, v in values}
        if len(distinct) > 1:
            profile.conflicts[name] = [
                {"value": v, "source": r.source, "record": r.record_id} for r, v in values
            ]
    # Status follows the record with the latest dated evidence; ties go to precedence.
    live = [r for r in ranked if not r.removed] or ranked
    freshest = max(live, key=lambda r: (_latest_date(r.data), r.rank))
    profile.status = derive_status(freshest.data)
    # A record that says nothing about custody does not disagree with one that does.
    stated = [(r, derive_status(r.data)) for r in live]
    stated = [(r, s) for r, s in stated if s is not Status.UNKNOWN]
    if len({s for _, s in stated}) > 1:
        profile.conflicts["status"] = [
            {"value": s.value, "source": r.source, "record": r.record_id} for r, s in stated
        ]
    return profile


def parse_iso_date(text: str) -> date | None:
    """An interchange date string (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as its first day."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(parts[0], parts[1], parts[2])
