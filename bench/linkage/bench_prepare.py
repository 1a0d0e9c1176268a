"""Normalisation alone, serial against parallel, cold caches each time.

Usage: ``.venv/bin/python bench/linkage/bench_prepare.py --records 100000`` (the records
cached by ``bench_linkage.py``). Prints wall and CPU seconds (workers included), the load
average, and whether the tables are identical.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from bench_linkage import clear_caches, cpu, load

from habeas.linkage import prepare


def main() -> None:
    """Time ``prepare`` with 1 and with N workers on the same records."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    records, _ = load(args.records)
    tables = {}
    for workers in args.workers:
        clear_caches()
        load_before = os.getloadavg()[0]
        t0, c0 = time.perf_counter(), cpu()
        tables[workers] = prepare(records, workers=workers)
        row = {
            "records": len(records),
            "workers": workers,
            "wall_seconds": round(time.perf_counter() - t0, 2),
            "cpu_seconds": round(cpu() - c0, 2),
            "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        }
        print(json.dumps(row), flush=True)
    first = tables[args.workers[0]]
    print(json.dumps({"identical": all(t.equals(first) for t in tables.values())}))


if __name__ == "__main__":
    main()
