"""A large published registry for the web benchmarks, built fast and reused.

The demo generator's partner lists take ≈ 40 minutes to import and link at 100,000 persons;
the interchange CSV of the same synthetic people (``bench/store/bench_import.py``) imports
with the real importer (``habeas import``) in a couple of minutes and needs no linking (one
row per person). The registry is then published with
:func:`habeas.security.gate.publish_demo` (the people are synthetic) and kept at
``bench/out/web-<people>.sqlite3``, so later runs reuse it.

    .venv/bin/python bench/web/registry.py --people 100000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out"
PY = sys.executable
#: The benchmark's field-encryption key (a fixed test key; the registry is synthetic).
BENCH_KEY = "2OQ2GVhbm1X3CqYHtvDyfqDV9rkeV9jDQYUHX5uU4ww="


def bench_env(db: Path) -> dict[str, str]:
    """The environment a process on the benchmark registry runs with."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HABEAS_", "DJANGO_"))}
    env["HABEAS_DB"] = str(db)
    env["HABEAS_FIELD_KEYS"] = os.environ.get("HABEAS_FIELD_KEYS", BENCH_KEY)
    return env


def interchange_csv(people: int) -> Path:
    """The demo generator's interchange CSV of ``people`` persons (made once, then reused)."""
    path = OUT / f"people-{people}.csv"
    if not path.exists():
        from habeas.demo import generate_people, write_interchange_csv

        OUT.mkdir(parents=True, exist_ok=True)
        write_interchange_csv(generate_people(people, seed=7), path)
    return path


def build(people: int, db: Path | None = None) -> Path:
    """The published registry of ``people`` synthetic persons (built when missing)."""
    db = db or OUT / f"web-{people}.sqlite3"
    marker = db.with_suffix(".ready")
    if db.exists() and marker.exists():
        return db
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    csv = interchange_csv(people)
    env = bench_env(db)
    start = time.perf_counter()
    subprocess.run(  # noqa: S603
        [PY, "-m", "habeas", "import", str(csv), "--source", "Bench", "--db", str(db)],
        env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    imported = time.perf_counter() - start
    code = (
        "from habeas.cli.store import connect\n"
        f"connect({str(db)!r})\n"
        "from habeas.security.gate import publish_demo\n"
        "print(publish_demo())\n"
    )
    done = subprocess.run(  # noqa: S603
        [PY, "-c", code], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    )
    print(
        f"{db}: {people} rows imported in {imported:.0f} s, "
        f"{done.stdout.strip()} persons published in {time.perf_counter() - start - imported:.0f} s",
        file=sys.stderr,
    )
    marker.write_text("ok\n", encoding="utf-8")
    return db


def main() -> None:
    """Build (or find) the registry and print its path."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    print(build(args.people, args.db))


if __name__ == "__main__":
    main()
