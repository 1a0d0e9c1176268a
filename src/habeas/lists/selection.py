"""Selecting a release list: criteria, manual inclusions and exclusions, and priority.

The result is one *full entry* per person on the list (every field any profile may want),
ordered by priority (highest first), then by name and id, so the order is stable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from habeas.lists.criteria import Criteria, evaluate
from habeas.lists.priority import Weights, score


def ref_of(person_id: int) -> str:
    """The stable registry reference printed on every list: ``HBS-000042``."""
    return f"HBS-{person_id:06d}"


def sentence_label(term: str | None) -> str:
    """``8y6m`` → ``8y 6m`` (empty for none)."""
    if not term:
        return ""
    out, number = [], ""
    for ch in term:
        if ch.isdigit():
            number += ch
        else:
            out.append(f"{number}{ch}")
            number = ""
    return " ".join(out)


@dataclass
class Selection:
    """The persons a list selects now, with what was left out and why."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    excluded: list[dict[str, Any]] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)


def full_entry(
    row: dict[str, Any], why: list[str], weights: Weights, today: date
) -> dict[str, Any]:
    """A person's entry with every field, the priority and the reasons."""
    points, reasons = score(row, weights, today)
    sentence = row.get("sentence") or {}
    recognitions = [
        r["organisation"] + (f" ({r['criteria']})" if r.get("criteria") else "")
        for r in row.get("recognitions") or []
        if not r.get("withdrawn")
    ]
    return {
        "ref": ref_of(row["person_id"]),
        "person_id": row["person_id"],
        "name": row.get("name") or "",
        "name_reconstructed": bool(row.get("name_reconstructed")),
        "name_latin": row.get("name_latin") or "",
        "gender": row.get("gender") or None,
        "birth_date": row.get("birth_date") or None,
        "status": row.get("status") or None,
        "region": row.get("region") or None,
        "citizenships": list(row.get("citizenships") or []),
        "articles": list(row.get("articles") or []),
        "charges": list(row.get("charges") or []),
        "sentence": sentence.get("term") or None,
        "regime": sentence.get("regime") or None,
        "facility": row.get("facility") or None,
        "detained_on": row.get("detained_on") or None,
        "release_due": row.get("release_due") or None,
        "recognitions": list(dict.fromkeys(recognitions)),
        "priority": points,
        "priority_reasons": [r.to_dict() for r in reasons],
        "why": why,
    }


def select(
    rows: Iterable[dict[str, Any]],
    criteria: Criteria,
    weights: Weights,
    today: date,
    *,
    include: dict[int, str] | None = None,
    exclude: dict[int, str] | None = None,
) -> Selection:
    """Evaluate the list over ``rows``.

    A person is on the list when the criteria (if any) match, or when manually included;
    a manual exclusion wins over both. ``include``/``exclude`` map person ids to reasons.
    Included ids with no row (unknown or merged away) are reported in ``missing``.
    """
    include, exclude = include or {}, exclude or {}
    out = Selection()
    seen: set[int] = set()
    for row in rows:
        pid = row["person_id"]
        seen.add(pid)
        why: list[str] = []
        if not criteria.empty:
            match = evaluate(criteria, row, today)
            if match.ok:
                why.extend(match.reasons)
        if pid in include:
            why.append(f"included manually: {include[pid]}")
        if not why:
            continue
        if pid in exclude:
            out.excluded.append({"person_id": pid, "name": row.get("name"), "reason": exclude[pid]})
            continue
        out.entries.append(full_entry(row, why, weights, today))
    out.missing = sorted(set(include) - seen)
    out.entries.sort(key=lambda e: (-e["priority"], e["name"].casefold(), e["person_id"]))
    return out
