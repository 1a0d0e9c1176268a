"""Priority on a release list: a transparent score from declared, configurable weights.

The weights and thresholds live in a TOML file (defaults: ``priority.toml`` next to this
module). A person's score is the sum of the points of the factors that apply; each applied
factor is a :class:`Reason` with its points, so anyone can recompute the score by hand.
Reasons drawn from confidential notes (health, family) carry that confidentiality, and
an audience that may not see it gets a generic label instead (see
:mod:`habeas.lists.profiles`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from habeas.lists.criteria import age_on, foreign_citizenships, remaining_months, served_months

FACTORS = (
    "elderly",
    "minor",
    "serious_illness",
    "disability",
    "sole_carer",
    "woman",
    "foreign_citizen",
    "time_served",
    "time_remaining",
)
#: Flags read from notes, and the note topic each comes from.
NOTE_FLAGS = {"serious_illness": "health", "disability": "health", "sole_carer": "relatives"}


@dataclass(frozen=True)
class Weights:
    """Weights, thresholds and keywords of the priority score."""

    weights: dict[str, float]
    thresholds: dict[str, Any]
    keywords: dict[str, tuple[str, ...]]

    def to_dict(self) -> dict[str, Any]:
        """JSON form (as the TOML file has it)."""
        return {
            "weights": dict(self.weights),
            "thresholds": dict(self.thresholds),
            "keywords": {k: list(v) for k, v in self.keywords.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Weights:
        """Weights from the TOML/JSON shape; missing values take the defaults.

        Raises:
            ValueError: an unknown weight or a non-numeric one.
        """
        base = default_weights()
        weights, thresholds = dict(base.weights), dict(base.thresholds)
        keywords = dict(base.keywords)
        known = {f"{n}_per_year" for n in ("time_served", "time_remaining")}
        known |= {f"{n}_cap" for n in ("time_served", "time_remaining")} | set(FACTORS)
        for key, value in (data.get("weights") or {}).items():
            if key not in known:
                raise ValueError(
                    f"unknown priority weight {key!r}; known: {', '.join(sorted(known))}"
                )
            if not isinstance(value, int | float):
                raise ValueError(f"priority weight {key!r} must be a number, not {value!r}")
            weights[key] = float(value)
        thresholds.update(data.get("thresholds") or {})
        for key, words in (data.get("keywords") or {}).items():
            keywords[key] = tuple(str(w).lower() for w in words)
        return cls(weights, thresholds, keywords)


@cache
def default_weights() -> Weights:
    """The documented defaults of ``priority.toml``."""
    text = resources.files("habeas.lists").joinpath("priority.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Weights(
        weights={k: float(v) for k, v in data["weights"].items()},
        thresholds=dict(data["thresholds"]),
        keywords={k: tuple(w.lower() for w in v) for k, v in data["keywords"].items()},
    )


def load_weights(path: Path | None) -> Weights:
    """Weights from a TOML file (values it leaves out keep their defaults)."""
    if path is None:
        return default_weights()
    return Weights.from_dict(tomllib.loads(path.read_text("utf-8")))


def note_flags(notes: list[tuple[str, str]], weights: Weights | None = None) -> set[str]:
    """Flags (``serious_illness``, ``disability``, ``sole_carer``) in ``(topic, text)`` notes."""
    keywords = (weights or default_weights()).keywords
    found: set[str] = set()
    for topic, text in notes:
        low = text.lower()
        for flag, wanted_topic in NOTE_FLAGS.items():
            if topic != wanted_topic and f"#{flag}" not in low:
                continue
            if f"#{flag}" in low or any(
                re.search(r"(?<!\w)" + re.escape(w), low) for w in keywords.get(flag, ())
            ):
                found.add(flag)
    return found


@dataclass(frozen=True)
class Reason:
    """One factor that applied: its points and a readable detail."""

    factor: str
    points: float
    detail: str
    confidentiality: str = "public"

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "factor": self.factor,
            "points": round(self.points, 2),
            "detail": self.detail,
            "confidentiality": self.confidentiality,
        }


def score(row: dict[str, Any], weights: Weights, today: date) -> tuple[float, list[Reason]]:
    """The priority of ``row`` on ``today`` and the reasons that make it up."""
    w, t = weights.weights, weights.thresholds
    reasons: list[Reason] = []

    def add(factor: str, detail: str, points: float | None = None, conf: str = "public") -> None:
        value = w.get(factor, 0.0) if points is None else points
        if value:
            reasons.append(Reason(factor, value, detail, conf))

    age = age_on(row, today)
    if age is not None and age >= int(t.get("elderly_age", 60)):
        add("elderly", f"aged {age}")
    if age is not None and age < int(t.get("minor_age", 18)):
        add("minor", f"aged {age}")
    health = set(row.get("health") or [])
    conf = row.get("flags_confidentiality") or "confidential"
    if "serious_illness" in health:
        add("serious_illness", "serious illness", conf=conf)
    if "disability" in health:
        add("disability", "disability", conf=conf)
    if "sole_carer" in set(row.get("family") or []):
        add("sole_carer", "sole carer of children", conf=conf)
    if row.get("gender") == "female":
        add("woman", "woman")
    foreign = foreign_citizenships(row, str(t.get("home_country", "RU")))
    if foreign:
        add("foreign_citizen", "citizen of " + ", ".join(foreign))
    served = served_months(row, today)
    if served is not None and served >= 12:
        points = min(
            w.get("time_served_cap", 0.0), served // 12 * w.get("time_served_per_year", 0.0)
        )
        add("time_served", f"{served // 12} y {served % 12} m served", points)
    left = remaining_months(row, today)
    if left is not None and left >= 12:
        per_year = w.get("time_remaining_per_year", 0.0)
        points = min(w.get("time_remaining_cap", 0.0), left // 12 * per_year)
        add("time_remaining", f"{left // 12} y {left % 12} m to serve (estimate)", points)
    total = round(sum(r.points for r in reasons), 2)
    return total, reasons
