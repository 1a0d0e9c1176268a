"""Finding persons by name in any script, transliteration scheme or case form.

A query is reduced to the search keys of :func:`habeas.names.search_keys`; the importer stores
the same keys of every name (model :class:`~habeas.apps.registry.models.NameKey`), so the
candidates come from an indexed equality lookup, never a scan.  Keys are tried from the most
to the least specific — surname with given name (``sg:``), with the initial (``si:``), then
surname alone (``s:``), then a surname prefix (``p:``, for typos) — and the lookup widens
only while fewer than ``limit`` hits were found.  Each candidate's names are then ranked with
:func:`habeas.names.compare`, and every hit carries the explanation of its best name.

Persons merged into another (``Person.merged_into``) forward to the surviving person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import Count, Q, QuerySet

from habeas.apps.cases.models import Charge, CustodyPeriod
from habeas.apps.registry.models import NameKey, Person, PersonName
from habeas.names import (
    DEFAULT_THRESHOLD,
    Comparison,
    compare_normalized,
    detect_script,
    normalize,
    to_cyrillic_candidates,
    transliterate,
)
from habeas.names.keys import keys_for
from habeas.names.model import InvalidNameError
from habeas.names.normalize import NormalizedName
from habeas.names.parse import parsed_from_parts
from habeas.text import fold
from habeas.vocabulary import Script

#: Filters :func:`search_persons` accepts, and what each one matches.
FILTERS = {
    "status": "Person.status, exactly",
    "gender": "Person.gender, exactly",
    "region": "Person.region, exactly",
    "article": "an article charged (Charge.article, e.g. 207.3)",
    "facility": "a custody facility whose name contains the text",
}
#: Key kinds from the most to the least specific (see :mod:`habeas.names.keys`).
TIERS = ("sg:", "si:", "s:", "p:")
#: Most persons whose names are compared per tier until some hit is found: this many times
#: ``limit`` (at least 50), those sharing the most keys with the query first; after that,
#: a tier only fills the list up (three candidates per missing hit, at least 20).
CANDIDATES_PER_HIT = 5
#: Hits scoring below this are left out.
MIN_SCORE = 0.3


@dataclass
class _Found:
    """What a search found so far: each person's best (score, name, comparison), and the
    persons met that were merged into another (id → the id it forwards to)."""

    best: dict[int, tuple[float, str, Comparison]] = field(default_factory=dict)
    forward: dict[int, int] = field(default_factory=dict)


def search_persons(
    query: str,
    limit: int = 20,
    filters: dict[str, str] | None = None,
    *,
    min_score: float = MIN_SCORE,
) -> list[dict[str, Any]]:
    """Persons whose names match ``query`` (any script, scheme, order or case), best first.

    Each hit: ``person_id``, ``name``, ``name_latin``, ``names`` (all the person's names),
    ``status``, ``score``, ``same`` (at the default threshold), ``matched_name`` and
    ``explanation`` (the :func:`habeas.names.compare` explanation of the best name).
    ``filters`` may hold ``status``, ``gender``, ``region``, ``article`` and ``facility``
    (see :data:`FILTERS`).  A query that is not a name gives no hits.

    The key tiers are tried in turn (:data:`TIERS`) while fewer than ``limit`` hits were
    found; the coarse ``p:`` tier only when nothing scored as the same person.

    Raises:
        ValueError: an unknown filter.
    """
    person_filter = _person_filter(filters or {})
    try:
        q = normalize(query)
    except InvalidNameError:
        return []
    keys = keys_for(q)
    found = _Found()
    best = found.best
    seen: set[int] = set()
    hits = 0
    for kind in TIERS:
        tier = [k for k in keys if k.startswith(kind)]
        if not tier:
            continue
        if kind == "p:" and any(v[0] >= DEFAULT_THRESHOLD for v in best.values()):
            break
        # a full set of candidates until something is found; then only enough to fill up
        cap = max(CANDIDATES_PER_HIT * (limit - hits), 50) if not hits else 3 * (limit - hits)
        ids = _candidates(tier, person_filter, seen, max(cap, 20))
        seen.update(ids)
        _score(q, ids, found)
        hits = sum(1 for v in best.values() if v[0] >= min_score)
        if hits >= limit:
            break
    return _hits(found, person_filter, limit, min_score)


def _person_filter(filters: dict[str, str]) -> Q:
    """A condition on Person for the given filters (empty Q for none)."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise ValueError(
            f"unknown filter(s) {', '.join(sorted(unknown))}; known: {', '.join(FILTERS)}"
        )
    cond = Q()
    for name in ("status", "gender", "region"):
        if filters.get(name):
            cond &= Q(**{name: filters[name]})
    if filters.get("article"):
        charged = Charge.objects.filter(article=filters["article"]).values("case__person_id")
        cond &= Q(pk__in=charged)
    if filters.get("facility"):
        held = CustodyPeriod.objects.filter(facility__name__contains=filters["facility"])
        cond &= Q(pk__in=held.values("person_id"))
    return cond


def _candidates(keys: list[str], person_filter: Q, exclude: set[int], cap: int) -> list[int]:
    """Ids of persons with names sharing ``keys``, those sharing the most first."""
    rows: QuerySet[Any] = NameKey.objects.filter(key__in=keys)
    if person_filter:
        # a merged person is kept: the filter applies to the person it forwards to
        allowed = Person.objects.filter(person_filter).values("pk")
        rows = rows.filter(Q(person_id__in=allowed) | Q(person__merged_into__isnull=False))
    rows = (
        rows.values("person_id")
        .annotate(shared=Count("key", distinct=True))
        .order_by("-shared", "person_id")
    )
    # persons already compared are skipped here rather than in SQL (no long NOT IN list)
    ids = [r["person_id"] for r in rows[: cap + len(exclude)]]
    return [i for i in ids if i not in exclude][:cap]


@lru_cache(maxsize=100_000)
def _normalized(
    full: str, surname: str, given: str, patronymic: str, script: str
) -> NormalizedName | None:
    """A stored name ready for comparison, rebuilt from its stored parts when it has them.

    Cached: the names of people with common surnames are met by many queries.
    """
    try:
        if surname or given:
            parsed = parsed_from_parts(surname, given, patronymic, Script(script), full)
            return normalize(parsed)
        return normalize(full)
    except (InvalidNameError, ValueError):
        return None


def _score(q: NormalizedName, ids: list[int], found: _Found) -> None:
    """Compare the query with every name of the persons ``ids``; keep each one's best."""
    if not ids:
        return
    names = PersonName.objects.filter(person_id__in=ids).values_list(
        "person_id", "person__merged_into_id", "full", "surname", "given", "patronymic", "script"
    )
    best = found.best
    for person_id, merged_into, full, *parts in names:
        if merged_into is not None:
            found.forward[person_id] = merged_into
        norm = _normalized(full, *parts)
        if norm is None:
            continue
        cmp = compare_normalized(q, norm)
        prev = best.get(person_id)
        if prev is None or cmp.score > prev[0]:
            best[person_id] = (cmp.score, full, cmp)


def _survivors(ids: Iterable[int], forward: dict[int, int]) -> dict[int, int]:
    """Each person id → the id of the person it forwards to (itself when not merged).

    ``forward`` holds the direct forwards already read; longer chains are followed here.
    """
    step = dict(forward)
    ends = {t for t in step.values() if t not in step}
    for _ in range(16):  # merge chains are short; the bound guards against cycles
        if not ends:
            break
        more = dict(
            Person.objects.filter(pk__in=ends, merged_into__isnull=False).values_list(
                "pk", "merged_into_id"
            )
        )
        step.update(more)
        ends = {t for t in more.values() if t not in step}
    out = {}
    for pid in ids:
        target, hops = pid, 0
        while target in step and hops < 16:
            target, hops = step[target], hops + 1
        out[pid] = target
    return out


def _hits(found: _Found, person_filter: Q, limit: int, min_score: float) -> list[dict[str, Any]]:
    """The ranked, merged-forwarded, filtered hits as dictionaries."""
    kept = {pid: v for pid, v in found.best.items() if v[0] >= min_score}
    survivor = _survivors(kept, found.forward)
    merged: dict[int, tuple[float, str, Comparison]] = {}
    for pid, value in kept.items():
        target = survivor[pid]
        if target not in merged or value[0] > merged[target][0]:
            merged[target] = value
    order = sorted(merged, key=lambda pid: (-merged[pid][0], pid))
    by_id: dict[int, dict[str, Any]] = {}
    ranked: list[int] = []
    start = 0
    while len(ranked) < limit and start < len(order):
        # the best first, a few more than needed in case the filter drops merged survivors
        chunk = order[start : start + limit - len(ranked) + 10]
        start += len(chunk)
        persons = Person.objects.filter(pk__in=chunk, merged_into__isnull=True)
        if person_filter:
            persons = persons.filter(person_filter)
        rows = persons.values("pk", "display_name", "display_name_latin", "status")
        by_id.update((row["pk"], row) for row in rows)
        ranked.extend(pid for pid in chunk if pid in by_id)
    ranked = ranked[:limit]
    names: dict[int, list[str]] = {pid: [] for pid in ranked}
    rows = PersonName.objects.filter(person_id__in=ranked).order_by("pk")
    for pid, full in rows.values_list("person_id", "full"):
        if full not in names[pid]:
            names[pid].append(full)
    hits = []
    for pid in ranked:
        score, matched, cmp = merged[pid]
        person = by_id[pid]
        hits.append(
            {
                "person_id": pid,
                "name": person["display_name"],
                "name_latin": person["display_name_latin"],
                "names": names[pid] or [matched],
                "status": person["status"],
                "score": round(score, 4),
                "same": cmp.same,
                "matched_name": matched,
                "explanation": cmp.explanation,
            }
        )
    return hits


#: Romanisations tried for a Cyrillic prefix against Latin spellings.
_PREFIX_SCHEMES = ("wikipedia", "icao_9303", "bgn_pcgn", "passport_1997")


def query_variants(query: str) -> list[str]:
    """Folded spellings of ``query`` in both scripts: as typed, the likely Cyrillic readings
    of a Latin query, and romanisations of a Cyrillic one."""
    text = " ".join(query.split())
    if not text:
        return []
    variants = [fold(text)]
    script = detect_script(text)
    if script == Script.LATIN:
        variants += [fold(c) for c, _ in to_cyrillic_candidates(text, limit=4)]
    elif script == Script.CYRILLIC:
        for scheme in _PREFIX_SCHEMES:
            try:
                variants.append(fold(transliterate(text, scheme)))
            except (KeyError, ValueError):
                continue
    return [v for v in dict.fromkeys(variants) if v][:6]


def prefix_matches(query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Persons with a name, or a word of one, that starts with ``query`` in either script.

    For what is not a whole name (the start of a surname, say). An exact full name scores
    1.0, a name that starts with the query 0.8, a word inside a name 0.6. This scans the
    names (``LIKE`` cannot use an index), so it is the fallback, not the search.
    """
    variants = query_variants(query)
    if not variants:
        return []
    match = Q()
    for variant in variants:
        match |= Q(folded__startswith=variant) | Q(folded__contains=" " + variant)
    scores: dict[int, float] = {}
    # One pass over the names for every spelling at once.
    for person_id, name in PersonName.objects.filter(match).values_list("person_id", "folded")[
        : limit * 20
    ]:
        score = max(
            1.0 if name == v else 0.8 if name.startswith(v) else 0.6 if " " + v in name else 0.0
            for v in variants
        )
        scores[person_id] = max(scores.get(person_id, 0.0), score)
    direct = dict(
        Person.objects.filter(pk__in=list(scores), merged_into__isnull=False).values_list(
            "pk", "merged_into_id"
        )
    )
    forward = _survivors(scores, direct)
    best: dict[int, float] = {}
    for person_id, score in scores.items():
        target = forward.get(person_id, person_id)
        best[target] = max(best.get(target, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    persons = Person.objects.in_bulk([pid for pid, _ in ranked])
    names_of: dict[int, list[str]] = {}
    for person_id, full in (
        PersonName.objects.filter(person_id__in=list(persons))
        .order_by("pk")
        .values_list("person_id", "full")
    ):
        names_of.setdefault(person_id, [])
        if full not in names_of[person_id]:
            names_of[person_id].append(full)
    return [
        {
            "person_id": pid,
            "name": persons[pid].display_name,
            "name_latin": persons[pid].display_name_latin,
            "names": names_of.get(pid, []),
            "status": persons[pid].status,
            "score": score,
            "explanation": None,
        }
        for pid, score in ranked
        if pid in persons
    ]


def find_persons(
    query: str, limit: int = 20, filters: dict[str, str] | None = None, *, min_score: float = 0.3
) -> list[dict[str, Any]]:
    """Search by name (:func:`search_persons`); when that finds nobody and no filter narrows
    the search, fall back to :func:`prefix_matches` (the start of a name, in either script)."""
    hits = search_persons(query, limit=limit, filters=filters, min_score=min_score)
    if not hits and not filters:
        hits = prefix_matches(query, limit=limit)
    return hits
