"""Benchmark: statistics over a registry of N persons (100,000 by default).

Build the registry once (see bench/stats/RESULTS.md), then:

    .venv/bin/python bench/stats/bench_stats.py --db /tmp/stats100k.sqlite3

Prints wall and CPU seconds for ``registry_statistics`` (what ``habeas stats`` and the API's
callers use) today and on a past date, ``held_on`` (``habeas status``), the reference way over
``PersonFacts`` (``load_person_facts`` + ``compute_stats``, kept as the definition the tests
compare with), and the whole ``habeas stats`` / ``habeas status`` commands (a new process each
time, start-up included) through the installed ``habeas`` script.

To compare with an earlier version, run the same script with that version's ``src`` first on
``PYTHONPATH`` (e.g. ``git archive HEAD src | tar -x -C /tmp/before``).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def measure(name: str, func: Callable[[], Any], repeat: int) -> Any:
    """Run ``func`` ``repeat`` times; print the best wall and CPU seconds."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"{name:<44} wall {min(walls):6.2f} s   cpu {min(cpus):6.2f} s")
    return result


def command(args: list[str], repeat: int) -> None:
    """Time a whole ``habeas`` process (children's CPU from getrusage)."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        walls.append(time.perf_counter() - wall)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    shown = [a for a in args[1:] if a != "--db" and not a.endswith(".sqlite3")]
    name = "$ habeas " + " ".join(shown)
    print(f"{name:<44} wall {min(walls):6.2f} s   cpu {min(cpus):6.2f} s")


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--past", default="2024-03-01")
    args = parser.parse_args()
    os.environ["HABEAS_DB"] = args.db
    from habeas.cli.store import connect

    connect(args.db)
    import habeas
    from habeas.apps.cases.statistics import held_on, load_person_facts, registry_statistics
    from habeas.stats import compute_stats

    past = date.fromisoformat(args.past)
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus")
    print(f"habeas from {Path(habeas.__file__).parent}; load average {os.getloadavg()}")
    stats = measure("registry_statistics (present)", registry_statistics, args.repeat)
    print(f"{stats['persons']:,} persons")
    measure(f"registry_statistics (as of {past})", lambda: registry_statistics(past), args.repeat)
    measure(f"held_on ({past})", lambda: held_on(past), args.repeat)
    facts = measure("reference: load_person_facts", load_person_facts, args.repeat)
    measure("reference: compute_stats (present)", lambda: compute_stats(facts), args.repeat)
    measure(
        f"reference: compute_stats ({past}, fresh facts)",
        lambda: compute_stats(load_person_facts(), past),
        args.repeat,
    )
    # Whole processes through the installed ``habeas`` script (PYTHONPATH is inherited).
    cli = [str(Path(sys.executable).with_name("habeas"))]
    command([*cli, "stats", "--json", "--db", args.db], args.repeat)
    command([*cli, "stats", "--json", "--as-of", args.past, "--db", args.db], args.repeat)
    command([*cli, "status", "--on", args.past, "--json", "--db", args.db], args.repeat)
    command([*cli, "--help"], args.repeat)
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
