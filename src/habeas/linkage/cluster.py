"""Clustering scored pairs into persons, honouring decisions, and keeping person ids stable.

Greedy constrained clustering: human "same" decisions join first; then links are taken
strongest first, and a link that would put two records under a cannot-link ("not the same",
or a pair the model scored as clearly different) in one cluster is refused and reported.
A cluster's key is its oldest (smallest) record id; :func:`assign_persons` carries previous
person ids over.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field


class UnionFind:
    """Union-find with per-cluster cannot-link sets; the root is the smallest id."""

    def __init__(self, ids: Iterable[int] = ()) -> None:
        self.parent: dict[int, int] = {i: i for i in ids}
        self.forbidden: dict[int, set[int]] = {}

    def find(self, x: int) -> int:
        """The root of ``x`` (adds ``x`` as a singleton if new)."""
        parent = self.parent
        if x not in parent:
            parent[x] = x
            return x
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def forbid(self, a: int, b: int) -> None:
        """Never put ``a`` and ``b`` in one cluster."""
        self.forbidden.setdefault(self.find(a), set()).add(b)
        self.forbidden.setdefault(self.find(b), set()).add(a)

    def blocked(self, ra: int, rb: int) -> bool:
        """True when joining the clusters rooted at ``ra`` and ``rb`` breaks a cannot-link."""
        fa, fb = self.forbidden.get(ra, ()), self.forbidden.get(rb, ())
        if len(fa) > len(fb):
            fa, rb = fb, ra
        return any(self.find(x) == rb for x in fa)

    def union(self, a: int, b: int, force: bool = False) -> bool:
        """Join the clusters of ``a`` and ``b``; False when a cannot-link forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and self.blocked(ra, rb):
            return False
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        self.parent[drop] = keep
        moved = self.forbidden.pop(drop, None)
        if moved:
            self.forbidden.setdefault(keep, set()).update(moved)
        return True

    def clusters(self) -> dict[int, list[int]]:
        """Root -> sorted members."""
        out: dict[int, list[int]] = {}
        for x in sorted(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return out


@dataclass
class Clustering:
    """The outcome of :func:`cluster`."""

    assignment: dict[int, int]
    refused: list[tuple[int, int, float]] = field(default_factory=list)


def cluster(
    ids: Iterable[int],
    links: Iterable[tuple[int, int, float]],
    must: Iterable[tuple[int, int]] = (),
    cannot: Iterable[tuple[int, int]] = (),
    soft_cannot: Iterable[tuple[int, int]] = (),
    groups: Mapping[int, Hashable] | None = None,
) -> Clustering:
    """Cluster ``ids`` with ``links`` (``(a, b, score)``, taken highest score first).

    ``must`` pairs are joined first; ``cannot`` and ``soft_cannot`` pairs never end up in
    one cluster. ``groups`` (record -> previous person) joins the records of each previous
    person before anything else (incremental runs: existing persons stay whole).
    Returns each record's cluster key (the smallest record id of its cluster) and the links
    that were refused because of a cannot-link.
    """
    uf = UnionFind(ids)
    link_list = sorted(links, key=lambda t: (-t[2], t[0], t[1]))
    cannot = list(cannot)
    for a, b in cannot:
        uf.forbid(a, b)
    soft = list(soft_cannot)
    if soft:
        # only cannot-links inside a component the links could build are worth keeping
        probe = UnionFind()
        for a, b, _ in link_list:
            probe.union(a, b)
        for a, b in must:
            probe.union(a, b)
        for a, b in soft:
            if probe.find(a) == probe.find(b):
                uf.forbid(a, b)
    if groups:
        first: dict[Hashable, int] = {}
        for rid in sorted(groups):
            person = groups[rid]
            if person in first:
                uf.union(first[person], rid, force=True)
            else:
                first[person] = rid
    for a, b in must:
        uf.union(a, b)
    refused: list[tuple[int, int, float]] = []
    for a, b, score in link_list:
        if not uf.union(a, b):
            refused.append((a, b, score))
    return Clustering({x: uf.find(x) for x in uf.parent}, refused)


def assign_persons(
    assignment: Mapping[int, int], previous: Mapping[int, Hashable]
) -> tuple[dict[int, Hashable | None], dict[Hashable, Hashable]]:
    """Give each cluster a previous person id, if it has the right to one.

    A person id goes to the cluster holding that person's oldest record; a cluster keeps
    the id of its oldest member whose id it was given (so merged clusters keep the older
    person, and the part split off a person becomes a new one, None). Returns
    ``(cluster key -> person id or None, retired person id -> the person it merged into)``.
    """
    owner: dict[Hashable, int] = {}
    for rid in sorted(previous):
        person = previous[rid]
        if person not in owner and rid in assignment:
            owner[person] = assignment[rid]
    persons: dict[int, Hashable | None] = {}
    merged: dict[Hashable, Hashable] = {}
    members: dict[int, list[int]] = {}
    for rid in sorted(assignment):
        members.setdefault(assignment[rid], []).append(rid)
    for key, recs in members.items():
        chosen: Hashable | None = None
        for rid in recs:
            person = previous.get(rid)
            if person is not None and owner.get(person) == key:
                if chosen is None:
                    chosen = person
                elif person != chosen:
                    merged[person] = chosen
        persons[key] = chosen
    return persons, merged
