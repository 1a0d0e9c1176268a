"""CPU time per request of the public pages, in process (Django's test client, the real
middleware and settings), with an optional profile.

    .venv/bin/python bench/web/cpu.py --db bench/out/web-100000.sqlite3 [--profile search]

Reports CPU milliseconds per request (``time.process_time``, so other jobs on the machine
do not inflate it) and wall milliseconds, for a public search and a public person page,
each over ``--requests`` requests with random terms and persons (seeded).

The first pass asks each term once (distinct terms, none of them used by the warm-up), so
it measures first-time searches, not the page cache; the repeated pass asks them again.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "web"))

from registry import bench_env  # noqa: E402


def _setup(db: Path, terms_kind: str = "names") -> tuple[list[int], list[str]]:
    os.environ.update(bench_env(db))
    from habeas.cli.store import connect

    connect(str(db))
    from habeas.apps.registry.models import Person
    from habeas.security.gate import published_only

    rng = random.Random(7)
    ids = list(
        published_only(Person.objects.filter(merged_into__isnull=True)).values_list("pk", flat=True)
    )
    names = list(
        Person.objects.filter(pk__in=rng.sample(ids, 300)).values_list(
            "display_name_latin", flat=True
        )
    )
    # A Latin full name as displayed (given name and surname; the indexed name keys answer
    # it), a bare Latin surname, or its first four letters (answered by the word index).
    if terms_kind == "names":
        terms = [" ".join(n.split()[:2]) for n in names if n]
    else:
        # the stored Latin surnames (display names may put the given name first)
        surnames = _latin_surnames(rng.sample(ids, 300))
        terms = [s[:4] if terms_kind == "prefix" else s for s in surnames]
    return ids, list(dict.fromkeys(terms))  # distinct: a repeated term is a cached page


def _latin_surnames(person_ids: list[int]) -> list[str]:
    """One stored Latin-script surname per person that has one."""
    from habeas.apps.registry.models import PersonName

    rows = PersonName.objects.filter(person_id__in=person_ids, script="latin").exclude(surname="")
    return list(dict(rows.values_list("person_id", "surname")).values())


def measure(kind: str, n: int, ids: list[int], terms: list[str], seed: int = 1) -> dict:
    """``n`` requests of one kind; CPU and wall milliseconds per request."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    rng = random.Random(seed)
    cpu: list[float] = []
    wall: list[float] = []
    # each term once, in a random order (again from the start when n exceeds them)
    queue = rng.sample(terms, len(terms)) * (n // len(terms) + 1)
    for i in range(n):
        url = f"/?q={quote(queue[i])}" if kind == "search" else f"/persons/{rng.choice(ids)}/"
        c0, w0 = time.process_time(), time.perf_counter()
        response = client.get(url)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        client.cookies.clear()  # every request as a new anonymous visitor
    ordered = sorted(cpu)
    return {
        "n": n,
        "cpu_ms_mean": round(statistics.fmean(cpu), 2),
        "cpu_ms_p50": round(statistics.median(cpu), 2),
        "cpu_ms_p95": round(ordered[int(0.95 * n) - 1], 2),
        "wall_ms_p50": round(statistics.median(wall), 2),
    }


def main() -> None:
    """Measure both pages (after a warm-up) and optionally profile one."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "web-100000.sqlite3")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", choices=["search", "person"])
    parser.add_argument("--terms", choices=["names", "surname", "prefix"], default="names")
    args = parser.parse_args()
    ids, terms = _setup(args.db, args.terms)
    warm, terms = terms[:20], terms[20:]
    # first-time searches: at most one per distinct term
    count = {"search": min(args.requests, len(terms)), "person": args.requests}
    measure("search", 20, ids, warm, seed=99)
    measure("person", 20, ids, warm, seed=99)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        measure(args.profile, count[args.profile], ids, terms)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        return
    result = {k: measure(k, count[k], ids, terms) for k in ("search", "person")}
    # The same requests again: what a repeated search or page costs from the cache.
    result["search_repeated"] = measure("search", count["search"], ids, terms)
    result["person_repeated"] = measure("person", count["person"], ids, terms)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
