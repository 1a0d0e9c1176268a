"""Import, show and stats benchmarks for the store (issue 2's figures).

Usage:
    .venv/bin/python bench/store/bench_import.py [--rows 100000] [--postgres URL] [--million]

Each import runs as a real ``habeas import`` process into a fresh database; wall time, CPU
time (user + system of the process and all its descendants: the fork server and the worker
processes, which the parent never reaps, so they are sampled from /proc) and the peak
resident memory of that process (and its worker processes) are reported, with the load
average at the start. Results go to stdout as JSON and to bench/out/store.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out"
HABEAS = [sys.executable, "-m", "habeas"]


def interchange_file(rows: int) -> Path:
    """A clean interchange CSV of ``rows`` synthetic people (made once, then reused)."""
    path = OUT / f"people-{rows}.csv"
    if not path.exists():
        from habeas.demo import generate_people, write_interchange_csv

        OUT.mkdir(parents=True, exist_ok=True)
        write_interchange_csv(generate_people(rows, seed=7), path)
    return path


def _proc_table() -> dict[int, tuple[int, float]]:
    """Every process: pid → (parent pid, user + system CPU seconds so far)."""
    tick = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        # state ppid ... utime(14) stime(15), counted from field 3; not the reaped children
        # (cutime, cstime): a worker reaped by the fork server would count twice.
        table[int(entry)] = (int(fields[1]), sum(int(f) for f in fields[11:13]) / tick)
    return table


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds of ``root`` and its descendants into ``seen`` (pid → max)."""
    table = _proc_table()
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, (parent, _) in table.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    for pid in family:
        if pid in table:
            seen[pid] = max(seen.get(pid, 0.0), table[pid][1])


def timed_process(args: list[str], env: dict[str, str]) -> tuple[float, float, str, float]:
    """Run a command; returns (seconds, peak RSS in MiB of it and its children, stdout,
    CPU seconds of it and every descendant, sampled every 0.1 s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    cpu: dict[int, float] = {}
    with ThreadPoolExecutor(1) as pool:
        streams = pool.submit(process.communicate)
        while not streams.done():
            _tree_cpu(process.pid, cpu)
            time.sleep(0.1)
        stdout, stderr = streams.result()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The main process's final figure comes from its exit status (exact); its descendants'
    # from the last sample (short by at most one interval each).
    cpu.pop(process.pid, None)
    main_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = max(after.ru_maxrss, before.ru_maxrss) / 1024
    return seconds, peak, stdout, main_cpu + sum(cpu.values())


def fresh_postgres(url: str) -> str:
    """Drop and create a benchmark database next to ``url``'s; returns its URL."""
    import psycopg

    name = "habeas_bench"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def bench_import(path: Path, db: str) -> dict[str, float]:
    """Import ``path`` into ``db`` as one ``habeas import`` process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HABEAS_", "DJANGO_"))}
    load = os.getloadavg()[0]
    seconds, peak, out, cpu = timed_process(
        [*HABEAS, "import", str(path), "--source", "Bench", "--db", db, "--json"], env
    )
    report = json.loads(out)
    return {
        "rows": report["rows_read"],
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "load_average_at_start": round(load, 2),
        "rows_per_second": round(report["rows_read"] / seconds),
        "peak_mib": round(peak),
    }


def bench_reads(db: str, samples: int = 200) -> dict[str, float]:
    """``show`` and ``stats``: in-process query time, and one whole ``habeas show`` process."""
    os.environ["HABEAS_DB"] = db
    from habeas.cli.store import connect

    connect(db)
    from habeas.apps.registry.models import Person
    from habeas.apps.registry.queries import person_detail, registry_summary

    ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[:samples])
    timings = []
    for pid in ids:
        start = time.perf_counter()
        person_detail(pid)
        timings.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    registry_summary()
    stats_ms = (time.perf_counter() - start) * 1000
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HABEAS_", "DJANGO_"))}
    process_ms = []
    for pid in ids[:5]:
        seconds, _, _, _ = timed_process([*HABEAS, "show", str(pid), "--json", "--db", db], env)
        process_ms.append(seconds * 1000)
    return {
        "show_query_ms_p50": round(statistics.median(timings), 1),
        "show_query_ms_p95": round(sorted(timings)[int(len(timings) * 0.95) - 1], 1),
        "show_process_ms_median": round(statistics.median(process_ms)),
        "stats_query_ms": round(stats_ms),
    }


def main() -> None:
    """Run the benchmarks named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", help="PostgreSQL URL of an existing database")
    parser.add_argument("--million", action="store_true", help="also import 1,000,000 rows")
    args = parser.parse_args()
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    }
    path = interchange_file(args.rows)
    sqlite_db = str(OUT / f"bench-{args.rows}.sqlite3")
    for suffix in ("", "-wal", "-shm"):
        Path(sqlite_db + suffix).unlink(missing_ok=True)
    results["sqlite_import"] = bench_import(path, sqlite_db)
    if args.postgres:
        results["postgres_import"] = bench_import(path, fresh_postgres(args.postgres))
    if args.million:
        big = interchange_file(1_000_000)
        million_db = str(OUT / "bench-1000000.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            Path(million_db + suffix).unlink(missing_ok=True)
        results["sqlite_import_1m"] = bench_import(big, million_db)
    results["reads"] = bench_reads(sqlite_db)
    (OUT / "store.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
