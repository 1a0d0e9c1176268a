"""Decisions about pairs of records: same person, not the same, unsure; append-only.

A :class:`Decision` is never edited: withdrawing one appends a copy with ``withdrawn=True``.
:class:`DecisionLog` replays the entries (the latest entry of a pair wins) and infers what
follows transitively: records joined by "same" form a group; "not the same" between two
records separates their whole groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum


class Verdict(StrEnum):
    """What a decision says about a pair."""

    SAME = "same"
    NOT_SAME = "not_same"
    UNSURE = "unsure"


#: ``Decision.by`` of decisions the model made (recomputed on each run; never constraints).
MODEL = "model"


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision on a pair of records (``left < right`` after :meth:`key`)."""

    left: int
    right: int
    verdict: Verdict
    by: str
    at: datetime
    reason: str = ""
    score: float | None = None
    withdrawn: bool = False

    @property
    def key(self) -> tuple[int, int]:
        """The unordered pair as ``(smaller id, larger id)``."""
        return (self.left, self.right) if self.left <= self.right else (self.right, self.left)

    @property
    def by_model(self) -> bool:
        """True for the model's own decisions, which never bind a later run."""
        return self.by == MODEL or self.by.startswith(MODEL + ":")

    def withdraw(self, by: str, reason: str = "", at: datetime | None = None) -> Decision:
        """The entry that withdraws this decision (append it to the log)."""
        return replace(self, by=by, reason=reason, at=at or datetime.now(UTC), withdrawn=True)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "left": self.left,
            "right": self.right,
            "verdict": self.verdict.value,
            "by": self.by,
            "at": self.at.isoformat(),
            "reason": self.reason,
            "score": self.score,
            "withdrawn": self.withdrawn,
        }


def decide(
    left: int,
    right: int,
    verdict: Verdict | str,
    by: str,
    reason: str = "",
    score: float | None = None,
    at: datetime | None = None,
) -> Decision:
    """A new decision, timestamped now (UTC) unless ``at`` is given."""
    return Decision(left, right, Verdict(verdict), by, at or datetime.now(UTC), reason, score)


class _Groups:
    """Union-find over record ids."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(frozen=True, slots=True)
class Conflict:
    """A human decision that contradicts earlier ones (it is not applied)."""

    decision: Decision
    why: str


class DecisionLog:
    """An append-only log of decisions with replay and transitive inference."""

    def __init__(self, entries: Iterable[Decision] = ()) -> None:
        self._entries: list[Decision] = []
        for e in entries:
            self.append(e)

    def append(self, decision: Decision) -> Decision:
        """Add an entry (a decision or a withdrawal); returns it."""
        self._entries.append(decision)
        return decision

    def withdraw(self, left: int, right: int, by: str, reason: str = "") -> Decision | None:
        """Withdraw the pair's active decision; returns the appended entry (None if none)."""
        current = self.active().get((min(left, right), max(left, right)))
        if current is None:
            return None
        return self.append(current.withdraw(by, reason))

    def __iter__(self) -> Iterator[Decision]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def active(self, include_model: bool = False) -> dict[tuple[int, int], Decision]:
        """The decision in force for each pair: the latest entry, unless it withdraws."""
        latest: dict[tuple[int, int], Decision] = {}
        for e in sorted(self._entries, key=lambda d: d.at):
            if e.by_model and not include_model:
                continue
            if e.withdrawn:
                current = latest.get(e.key)
                if current is not None and current.verdict == e.verdict:
                    del latest[e.key]
            else:
                latest[e.key] = e
        return latest

    def constraints(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[Conflict]]:
        """Must-links, cannot-links and rejected conflicts, applied in time order.

        A "same" that would join two groups kept apart by a "not the same" (or the reverse)
        is a conflict: the earlier decision stands and the later one is reported.
        """
        groups = _Groups()
        apart: set[tuple[int, int]] = set()
        must: list[tuple[int, int]] = []
        cannot: list[tuple[int, int]] = []
        conflicts: list[Conflict] = []

        def separated(a: int, b: int) -> bool:
            ra, rb = groups.find(a), groups.find(b)
            return any({groups.find(x), groups.find(y)} == {ra, rb} for x, y in apart)

        for d in sorted(self.active().values(), key=lambda d: d.at):
            a, b = d.key
            if d.verdict is Verdict.SAME:
                if separated(a, b):
                    conflicts.append(Conflict(d, "a 'not the same' decision keeps them apart"))
                    continue
                groups.union(a, b)
                must.append((a, b))
            elif d.verdict is Verdict.NOT_SAME:
                if groups.find(a) == groups.find(b):
                    conflicts.append(Conflict(d, "'same' decisions already join them"))
                    continue
                apart.add((a, b))
                cannot.append((a, b))
        return must, cannot, conflicts

    def implied(self) -> list[tuple[int, int, Verdict]]:
        """Every pair decided by inference, not directly: ``(left, right, verdict)``."""
        must, cannot, _ = self.constraints()
        groups = _Groups()
        for a, b in must:
            groups.union(a, b)
        members: dict[int, list[int]] = {}
        for x in list(groups.parent):
            members.setdefault(groups.find(x), []).append(x)
        direct = set(must) | set(cannot)
        out: set[tuple[int, int, Verdict]] = set()
        for group in members.values():
            for i, x in enumerate(sorted(group)):
                for y in sorted(group)[i + 1 :]:
                    if (x, y) not in direct:
                        out.add((x, y, Verdict.SAME))
        for a, b in cannot:
            for x in members.get(groups.find(a), [a]):
                for y in members.get(groups.find(b), [b]):
                    pair = (min(x, y), max(x, y))
                    if pair not in direct:
                        out.add((*pair, Verdict.NOT_SAME))
        return sorted(out)

    def unsure_pairs(self) -> set[tuple[int, int]]:
        """Pairs a person marked "unsure" (kept out of the review queue, never auto-linked)."""
        return {k for k, d in self.active().items() if d.verdict is Verdict.UNSURE}
