"""A pure in-memory name index: add people's names, search with any spelling of a name.

Candidates come from shared :mod:`search keys <habeas.names.keys>`; each is scored with
:func:`habeas.names.compare` and the best name per person is returned with its explanation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from .compare import DEFAULT_THRESHOLD, Comparison, compare_normalized
from .keys import keys_for
from .model import InvalidNameError
from .normalize import NormalizedName, normalize


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the person, the name of theirs that matched best, the comparison."""

    person_id: Hashable
    name: str
    score: float
    comparison: Comparison

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "score": round(self.score, 4),
            "same": self.comparison.same,
            "explanation": self.comparison.explanation,
        }


class NameIndex:
    """Names of people, indexed by search key; :meth:`search` ranks people for a query."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        """Create an empty index; ``threshold`` sets each hit's ``same`` flag."""
        self.threshold = threshold
        self._entries: list[tuple[Hashable, str, NormalizedName]] = []
        self._by_key: dict[str, set[int]] = defaultdict(set)

    def __len__(self) -> int:
        """Number of indexed names."""
        return len(self._entries)

    def add(self, person_id: Hashable, names: str | Iterable[str]) -> int:
        """Index one or more names of a person; returns how many were accepted.

        Strings that are not names (see :class:`InvalidNameError`) are skipped.
        """
        if isinstance(names, str):
            names = [names]
        added = 0
        for name in names:
            try:
                norm = normalize(name)
            except InvalidNameError:
                continue
            idx = len(self._entries)
            self._entries.append((person_id, name, norm))
            for key in keys_for(norm):
                self._by_key[key].add(idx)
            added += 1
        return added

    def search(self, query: str, limit: int = 10, min_score: float = 0.3) -> list[Hit]:
        """People whose names match ``query``, best first (at most ``limit``).

        Raises :class:`InvalidNameError` when the query is not a name.
        """
        q = normalize(query)
        qkeys = keys_for(q)
        strong = [k for k in qkeys if not k.startswith("p:")]
        cands: set[int] = set()
        for k in strong:
            cands |= self._by_key.get(k, set())
        if not cands:
            for k in qkeys:
                cands |= self._by_key.get(k, set())
        best: dict[Hashable, Hit] = {}
        for idx in cands:
            pid, name, norm = self._entries[idx]
            cmp = compare_normalized(q, norm, self.threshold)
            if cmp.score < min_score:
                continue
            prev = best.get(pid)
            if prev is None or cmp.score > prev.score:
                best[pid] = Hit(pid, name, cmp.score, cmp)
        return sorted(best.values(), key=lambda h: (-h.score, str(h.person_id)))[:limit]
