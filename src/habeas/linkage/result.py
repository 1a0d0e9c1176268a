"""What a linkage run returns: clusters, the model's links, the review queue, counts, timings."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from .decisions import MODEL, Decision, Verdict


class Link(NamedTuple):
    """A scored pair: record ids (``left < right``), match probability and weight (bits)."""

    left: int
    right: int
    probability: float
    match_weight: float


@dataclass(frozen=True, slots=True)
class ReviewPair:
    """A pair a person should look at, with the model's score and its per-field reasons."""

    left: int
    right: int
    score: float
    match_weight: float
    explanation: dict[str, Any]
    reason: str = "uncertain score"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "left": self.left,
            "right": self.right,
            "score": round(self.score, 6),
            "match_weight": round(self.match_weight, 3),
            "reason": self.reason,
            "explanation": self.explanation,
        }


@dataclass
class LinkResult:
    """The outcome of :meth:`habeas.linkage.Linker.predict`.

    ``assignment`` maps each record to its cluster key (the cluster's smallest record id);
    ``persons`` maps each cluster key to the previous person id it keeps, or None for a new
    person; ``merged`` lists previous persons absorbed by another. In an incremental run
    (``new_only``) only the new records and the records of persons they touch appear;
    everyone else is unchanged (``partial`` is True).
    """

    assignment: dict[int, int]
    persons: dict[int, Hashable | None]
    merged: dict[Hashable, Hashable]
    auto_links: list[Link]
    review: list[ReviewPair]
    counts: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    partial: bool = False
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def person_of(self, record_id: int) -> Hashable | None:
        """The previous person id a record's cluster keeps (None: a new person)."""
        return self.persons[self.assignment[record_id]]

    def clusters(self) -> dict[int, list[int]]:
        """Cluster key -> sorted record ids."""
        out: dict[int, list[int]] = {}
        for rid in sorted(self.assignment):
            out.setdefault(self.assignment[rid], []).append(rid)
        return out

    def model_decisions(self, at: datetime | None = None) -> list[Decision]:
        """The auto-links as "same" decisions by the model, for the decision log."""
        when = at or datetime.now(UTC)
        return [
            Decision(
                link.left,
                link.right,
                Verdict.SAME,
                MODEL,
                when,
                f"match weight {link.match_weight:.2f}",
                link.probability,
            )
            for link in self.auto_links
        ]
