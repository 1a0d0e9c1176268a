"""Registry search benchmark: latency (p50/p95/p99) and recall of ``search_persons``.

Build a registry first (see ``RESULTS.md``), then run::

    .venv/bin/python bench/names/bench_search.py --db /tmp/search100k.sqlite3

Queries are made from persons sampled from the registry (seeded), each written four ways:
Latin (a passport or press scheme), Cyrillic (surname and given name), an oblique case
(genitive or dative of the full name) and a German press spelling.  A query counts as found
when the person it was made from is among the hits, and "top" when it is among the hits with
the best score (namesakes — same surname and given name — tie).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from collections import defaultdict

LATIN_SCHEMES = ("passport_2010", "icao_9303", "passport_1997", "bgn_pcgn", "wikipedia")


def _queries(n_persons: int, seed: int) -> list[tuple[str, str, int]]:
    """(kind, query, expected person id) for ``n_persons`` sampled persons."""
    from habeas.apps.registry.models import Person, PersonName
    from habeas.names import transliterate, variants

    rng = random.Random(seed)
    top = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    out: list[tuple[str, str, int]] = []
    while len(out) < 4 * n_persons:
        pid = rng.randint(1, top)
        name = (
            PersonName.objects.filter(person_id=pid, script="cyrillic")
            .values_list("full", "surname", "given")
            .first()
        )
        if name is None or not name[1] or not name[2]:
            continue
        full, surname, given = name
        cases = variants(full).get("cases", {})
        oblique = cases.get(rng.choice(("gent", "datv"))) if isinstance(cases, dict) else None
        out.append(("latin", transliterate(f"{given} {surname}", rng.choice(LATIN_SCHEMES)), pid))
        out.append(("cyrillic", f"{surname} {given}", pid))
        out.append(("oblique", oblique or full, pid))
        out.append(("german", transliterate(f"{given} {surname}", "german"), pid))
    return out


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _run(
    queries: list[tuple[str, str, int]], limit: int
) -> tuple[dict[str, list[float]], dict[str, list[bool]], dict[str, list[bool]], int]:
    """Time every query; (times, found, top, cut) by kind.

    A person counts as found when among the hits, or when left out only because more than
    ``limit`` namesakes score at least as high (counted in ``cut``).
    """
    from habeas.apps.registry.models import PersonName
    from habeas.apps.registry.search import search_persons
    from habeas.names import compare

    times: dict[str, list[float]] = defaultdict(list)
    found: dict[str, list[bool]] = defaultdict(list)
    top: dict[str, list[bool]] = defaultdict(list)
    cut = 0
    for kind, query, pid in queries:
        t, c = time.perf_counter(), time.process_time()
        hits = search_persons(query, limit=limit)
        times[kind].append((time.perf_counter() - t) * 1000)
        times["cpu"].append((time.process_time() - c) * 1000)
        ids = [h["person_id"] for h in hits]
        hit = pid in ids
        own = hits[ids.index(pid)]["score"] if hit else None
        if not hit and len(hits) == limit:
            names = PersonName.objects.filter(person_id=pid).values_list("full", flat=True)
            own = round(max(compare(query, n).score for n in names), 4)
            if hits[-1]["score"] >= own:
                hit, cut = True, cut + 1
        found[kind].append(hit)
        # namesakes tie: "top" means scoring as high as the first hit
        top[kind].append(hit and own == hits[0]["score"])
    return times, found, top, cut


def _report(title: str, result: tuple) -> None:  # type: ignore[type-arg]
    times, found, top, cut = result
    cpu = times.pop("cpu")
    every = [x for v in times.values() for x in v]
    print(f"\n{title}: {len(every)} queries ({cut} found only as namesakes beyond the limit)")
    print(
        f"{'kind':10s} {'n':>5s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'found':>7s} {'top':>7s}"
    )
    rows = [(kind, times[kind], found[kind], top[kind]) for kind in times]
    rows.append(
        (
            "all",
            every,
            [x for v in found.values() for x in v],
            [x for v in top.values() for x in v],
        )
    )
    for kind, v, f, t in rows:
        print(
            f"{kind:10s} {len(v):5d} {statistics.median(v):8.1f} {_pct(v, 95):8.1f} "
            f"{_pct(v, 99):8.1f} {sum(f) / len(v):7.1%} {sum(t) / len(v):7.1%}"
        )
    print(
        f"{'CPU time':10s} {len(cpu):5d} {statistics.median(cpu):8.1f} {_pct(cpu, 95):8.1f} "
        f"{_pct(cpu, 99):8.1f}   (this process only: the same queries without other load)"
    )


def main() -> None:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/search100k.sqlite3")
    parser.add_argument("--persons", type=int, default=250, help="persons sampled (×4 queries)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args()

    from habeas.cli.store import connect

    connect(args.db, migrate=False)
    from habeas.apps.registry import search
    from habeas.apps.registry.models import Person
    from habeas.names.caches import clear_caches

    persons = Person.objects.count()
    first_set = _queries(args.persons, args.seed)
    second_set = _queries(args.persons, args.seed + 1)
    clear_caches()  # making the queries read the names: forget them
    search._normalized.cache_clear()
    t = time.perf_counter()
    search.search_persons("Кагарлицкий Борис", limit=args.limit)  # opens the DB
    first = time.perf_counter() - t
    print(f"registry: {persons:,} persons ({args.db}); limit {args.limit}, seed {args.seed}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"first query (name caches empty, pymorphy3 loaded): {first * 1000:.0f} ms")
    _report("pass 1, caches empty at the start", _run(first_set, args.limit))
    _report("pass 2, other persons, caches as pass 1 left them", _run(second_set, args.limit))


if __name__ == "__main__":
    main()
