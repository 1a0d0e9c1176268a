"""Run every benchmark in turn (``make bench``); each writes its figures where its own
RESULTS.md says. Copy the headline figures into BENCHMARKS.md.

Usage:
    .venv/bin/python bench/run_all.py [--rows 100000] [--postgres URL] [--skip-load]

The store benchmark builds a registry of ``--rows`` people first; the statistics, lists and
search benchmarks then run on that registry. Run on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def step(title: str, *args: str) -> None:
    """Run one benchmark script from the repository root, stopping at the first failure."""
    print(f"\n=== {title}: {' '.join(args)}", flush=True)
    started = time.perf_counter()
    subprocess.run([PY, *args], cwd=ROOT, check=True)
    print(f"=== {title} done in {time.perf_counter() - started:.0f} s", flush=True)


def main() -> None:
    """Run the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", help="also import into this PostgreSQL database")
    parser.add_argument("--skip-load", action="store_true", help="skip the 5-minute web load test")
    args = parser.parse_args()
    registry = str(ROOT / "bench" / "out" / f"bench-{args.rows}.sqlite3")
    store = ["bench/store/bench_import.py", "--rows", str(args.rows)]
    if args.postgres:
        store += ["--postgres", args.postgres]
    step("store: import, show, stats", *store)
    step("names: accuracy and speed", "bench/names/generate.py")
    step("names: accuracy and speed", "bench/names/bench_names.py")
    step("names: registry search", "bench/names/bench_search.py", "--db", registry)
    step("law: sentence arithmetic", "bench/law/bench_sentence.py")
    step("statistics", "bench/stats/bench_stats.py", "--db", registry)
    step("release lists and reconciliation", "bench/lists/bench_lists.py", "--db", registry)
    step("extraction", "bench/extract/evaluate.py", "--speed")
    step("identity resolution, 10k", "bench/linkage/bench_linkage.py", "--records", "10000")
    step("identity resolution, 100k", "bench/linkage/bench_linkage.py", "--records", "100000")
    step(
        "identity resolution, 100k baseline",
        "bench/linkage/bench_linkage.py",
        "--records",
        "100000",
        "--baseline",
    )
    if not args.skip_load:
        step("web under load", "bench/security/load.py")


if __name__ == "__main__":
    main()
