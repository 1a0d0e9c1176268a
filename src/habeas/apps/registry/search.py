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

from django.db import connection
from django.db.models import Count, Max, Q, QuerySet

from habeas.apps.cases.models import Charge, CustodyPeriod
from habeas.apps.registry.models import NameKey, NameWord, Person, PersonName
from habeas.apps.registry.models.words import WORD_TAIL_LENGTH, word_tails
from habeas.names import (
    DEFAULT_THRESHOLD,
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
    """What a search found so far: each person's best (score, name, normalised name), and
    the persons met that were merged into another (id → the id it forwards to).

    The full comparison (with its explanation) is made again only for the hits shown;
    while searching, a score is remembered per distinct (surname, given name, patronymic,
    gender) of the stored names, which many candidates share.
    """

    query: NormalizedName
    best: dict[int, tuple[float, str, NormalizedName]] = field(default_factory=dict)
    forward: dict[int, int] = field(default_factory=dict)
    scores: dict[tuple[int, int, int, Any], float] = field(default_factory=dict)


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
    found = _Found(q)
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
        _score(ids, found)
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
    if len(keys) == 1:
        # every person shares the one key: in person order, read from the (key, person)
        # index until enough are found, without grouping every holder of a common surname
        found = rows.values_list("person_id", flat=True).order_by("person_id").distinct()
    else:
        found = (
            rows.values("person_id")
            .annotate(shared=Count("key", distinct=True))
            .order_by("-shared", "person_id")
            .values_list("person_id", flat=True)
        )
    # persons already compared are skipped here rather than in SQL (no long NOT IN list)
    ids = list(found[: cap + len(exclude)])
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


def _score(ids: list[int], found: _Found) -> None:
    """Compare the query with every name of the persons ``ids``; keep each one's best."""
    if not ids:
        return
    names = PersonName.objects.filter(person_id__in=ids).values_list(
        "person_id", "person__merged_into_id", "full", "surname", "given", "patronymic", "script"
    )
    best, scores, q = found.best, found.scores, found.query
    for person_id, merged_into, full, *parts in names:
        if merged_into is not None:
            found.forward[person_id] = merged_into
        norm = _normalized(full, *parts)
        if norm is None:
            continue
        # the score depends on these alone (see habeas.names.compare.compare_normalized)
        sur, giv, pat = norm.surname, norm.given, norm.patronymic
        sig = (sur.uid if sur else 0, giv.uid if giv else 0, pat.uid if pat else 0, norm.gender)
        score = scores.get(sig)
        if score is None:
            score = scores[sig] = compare_normalized(q, norm).score
        prev = best.get(person_id)
        if prev is None or score > prev[0]:
            best[person_id] = (score, full, norm)


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
    merged: dict[int, tuple[float, str, NormalizedName]] = {}
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
        score, matched, norm = merged[pid]
        cmp = compare_normalized(found.query, norm)
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
    1.0, a name that starts with the query 0.8, a word inside a name 0.6. The names come
    from an indexed prefix range over the word index (:class:`NameWord`) when it covers
    every stored name (see :func:`sync_name_words`), else from a scan of the names.
    """
    variants = query_variants(query)
    if not variants:
        return []
    scores: dict[int, float] = {}
    direct: dict[int, int] = {}  # merged persons met → the person each was merged into
    for person_id, merged_into, name in _prefixed_names(variants, limit * 20):
        score = max(
            1.0 if name == v else 0.8 if name.startswith(v) else 0.6 if " " + v in name else 0.0
            for v in variants
        )
        if score:
            scores[person_id] = max(scores.get(person_id, 0.0), score)
            if merged_into is not None:
                direct[person_id] = merged_into
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


def _prefixed_names(variants: list[str], cap: int) -> list[tuple[int, int | None, str]]:
    """(person id, the id the person was merged into, folded name) of the first ``cap``
    names (by person, then name) that start with a variant or have a word that does."""
    if name_words_current():
        match = Q()
        for variant in variants:
            match |= _tail_prefix(variant[:WORD_TAIL_LENGTH])
        rows = (
            NameWord.objects.filter(match)
            .order_by("name__person_id", "name_id")
            .values_list(
                "name__person_id", "name_id", "name__person__merged_into_id", "name__folded"
            )
            .distinct()[:cap]
        )
        return [(person_id, merged, folded) for person_id, _, merged, folded in rows]
    match = Q()
    for variant in variants:
        match |= Q(folded__startswith=variant) | Q(folded__contains=" " + variant)
    rows = PersonName.objects.filter(match).order_by("person_id", "pk")
    return list(rows.values_list("person_id", "person__merged_into_id", "folded")[:cap])


#: Above every character: ``tail < prefix + this`` bounds the tails that start with prefix.
_TOP = chr(0x10FFFF)


def _tail_prefix(prefix: str) -> Q:
    """Tails that start with ``prefix``, as a condition an index can answer.

    SQLite's ``LIKE`` ignores ASCII case, so it cannot use the (binary) index: a range
    does. PostgreSQL compares text by the database's collation, where a range need not be
    a prefix range; there ``LIKE 'x%'`` uses the pattern index Django adds to the column.
    """
    if connection.vendor == "sqlite":
        return Q(tail__gte=prefix, tail__lt=prefix + _TOP)
    return Q(tail__startswith=prefix)


def name_words_current() -> bool:
    """Whether every stored name is in the word index (one query of two index look-ups)."""
    quote = connection.ops.quote_name
    names, words = quote(PersonName._meta.db_table), quote(NameWord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {names}), (SELECT MAX(name_id) FROM {words})"  # noqa: S608
        )
        top_name, top_word = cursor.fetchone()
    return top_name is None or (top_word is not None and top_word >= top_name)


def sync_name_words(batch: int = 5000) -> int:
    """Index the words of the names stored since the last call (names with a higher id
    than any indexed one); returns how many names were indexed.

    The importer (and anything else that adds names) calls this after adding them; until
    then :func:`prefix_matches` scans the names instead, so results never go stale.
    Deleted names take their rows with them.
    """
    done = 0
    while True:
        start = NameWord.objects.aggregate(m=Max("name_id"))["m"] or 0
        rows = list(
            PersonName.objects.filter(pk__gt=start)
            .order_by("pk")
            .values_list("pk", "folded")[:batch]
        )
        if not rows:
            return done
        NameWord.objects.bulk_create(
            [NameWord(name_id=pk, tail=tail) for pk, folded in rows for tail in word_tails(folded)],
            batch_size=batch,
        )
        done += len(rows)


def refresh_search_index() -> int:
    """What an import (or anything that adds names) calls when it is done: index the new
    names' words (:func:`sync_name_words`) and, on SQLite, refresh the query planner's
    statistics (``ANALYZE``, under a second on 100,000 persons) — without them SQLite reads
    a search's published-person check through the index on the publication state, every
    published person, instead of looking the candidates up by id (≈ 30 ms a search).
    PostgreSQL keeps its statistics itself (autovacuum). Returns the names indexed."""
    done = sync_name_words()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return done


def find_persons(
    query: str, limit: int = 20, filters: dict[str, str] | None = None, *, min_score: float = 0.3
) -> list[dict[str, Any]]:
    """Search by name (:func:`search_persons`); when that finds nobody and no filter narrows
    the search, fall back to :func:`prefix_matches` (the start of a name, in either script)."""
    hits = search_persons(query, limit=limit, filters=filters, min_score=min_score)
    if not hits and not filters:
        hits = prefix_matches(query, limit=limit)
    return hits
