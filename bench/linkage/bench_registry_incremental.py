"""1,000 new records against an existing registry: ``habeas link`` before and after keeping
the prepared records (issue 4).

The registry: the demo generator's interchange CSV of N synthetic persons (one record each)
imported with ``habeas import`` and linked once with ``habeas link --full``; kept at
``bench/out/linkage/registry-N.sqlite3`` (with its prepared-records file beside it) and
reused. The new list: 1,000 records, half of them further records of registry persons
(rows of the same CSV under other ids), half new persons (another seed).

Each measurement copies the linked registry, imports the new list (not timed) and times one
incremental ``habeas link --json`` process (wall and CPU of the process tree; stage times as
the command reports them). Variants, run back to back and alternating:

- ``before``: the working tree with the registry's ``identity.py`` and the CLI's
  ``identity_commands.py`` of ``--before-rev`` (default HEAD),
  copied to ``bench/out/linkage/before-src``: it normalises every record on every run;
- ``after``: the working tree, with the prepared-records file the first run left;
- ``after-cold``: the working tree without that file (it is rebuilt: the first run after
  an upgrade, or after the file was lost).

    .venv/bin/python bench/linkage/bench_registry_incremental.py --records 100000 --repeat 2
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "linkage"
PY = sys.executable
sys.path[:0] = [str(ROOT / "bench" / "store"), str(ROOT / "bench" / "web")]

from bench_import import timed_process  # noqa: E402
from registry import bench_env, interchange_csv  # noqa: E402

NEW_RECORDS = 1_000
#: The modules that the "before" variant takes from ``--before-rev``.
BEFORE_MODULES = (
    "src/habeas/apps/registry/identity.py",
    "src/habeas/cli/identity_commands.py",
)


def habeas(*args: str) -> list[str]:
    """The command line of a ``habeas`` subcommand."""
    return [PY, "-m", "habeas", *args]


def run_json(args: list[str], env: dict[str, str]) -> tuple[dict, float, float]:
    """Run a ``--json`` command; returns (its report, wall seconds, CPU seconds)."""
    seconds, _peak, out, cpu = timed_process(args, env)
    return json.loads(out), seconds, cpu


def prepared_file(db: Path) -> Path:
    """The prepared-records file the registry keeps beside an SQLite file."""
    return db.with_name(db.name + ".linkage.parquet")


def base_registry(records: int) -> tuple[Path, dict]:
    """The imported and fully linked registry (built when missing)."""
    db = OUT / f"registry-{records}.sqlite3"
    marker = db.with_suffix(".ready")
    if db.exists() and marker.exists():
        return db, json.loads(marker.read_text())
    OUT.mkdir(parents=True, exist_ok=True)
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), prepared_file(db)):
        path.unlink(missing_ok=True)
    env = bench_env(db)
    source = interchange_csv(records)
    _, imported, import_cpu = run_json(
        habeas("import", str(source), "--source", "Bench", "--json"), env
    )
    report, linked, link_cpu = run_json(habeas("link", "--full", "--json"), env)
    info = {
        "import_seconds": round(imported, 1),
        "import_cpu": round(import_cpu, 1),
        "full_link_seconds": round(linked, 1),
        "full_link_cpu": round(link_cpu, 1),
        "full_link_stages": report["stage_seconds"],
        "persons": report["persons"],
    }
    marker.write_text(json.dumps(info))
    return db, info


def new_list(records: int) -> Path:
    """1,000 records: half further records of registry persons, half new persons."""
    path = OUT / f"new-{NEW_RECORDS}-for-{records}.csv"
    if path.exists():
        return path
    from habeas.demo import generate_people, write_interchange_csv

    fresh = OUT / f"new-people-{NEW_RECORDS // 2}.csv"
    write_interchange_csv(generate_people(NEW_RECORDS // 2, seed=4242), fresh)
    with interchange_csv(records).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    step = max(1, len(rows) // (NEW_RECORDS // 2))
    again = [dict(r, source_id=f"again-{r['source_id']}") for r in rows[::step]]
    with fresh.open(encoding="utf-8", newline="") as handle:
        others = [dict(r, source_id=f"new-{r['source_id']}") for r in csv.DictReader(handle)]
    chosen = again[: NEW_RECORDS // 2] + others[: NEW_RECORDS - len(again[: NEW_RECORDS // 2])]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(chosen)
    return path


def before_src(rev: str) -> Path:
    """This working tree's ``src`` with :data:`BEFORE_MODULES` of ``rev``: the code
    as it was before the prepared records were kept, everything else as it is now (other
    work in the tree changes both variants alike)."""
    target = OUT / "before-src"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for module in BEFORE_MODULES:
        text = subprocess.run(  # noqa: S603
            ["git", "-C", str(ROOT), "show", f"{rev}:{module}"],  # noqa: S607
            check=True,
            capture_output=True,
        ).stdout
        (target / module).write_bytes(text)
    return target / "src"


def refresh_kept(db: Path) -> None:
    """Bring the registry's prepared-records file up to date with the code as it is now
    (the state a previous ``habeas link`` of this code leaves); not timed."""
    code = (
        "from habeas.cli.store import connect; connect(); "
        "from habeas.apps.registry.identity import linker, prepared_path, prepared_records; "
        "r = prepared_records(linker(), prepared_path()); "
        "print(r.prepared, 'normalised,', r.reused, 'reused')"
    )
    out = subprocess.run(  # noqa: S603
        [PY, "-c", code], env=bench_env(db), check=True, capture_output=True, text=True
    ).stdout
    print(f"prepared records of {db.name}: {out.strip()}", flush=True)


def measure(variant: str, base: Path, new: Path, old_src: Path) -> dict:
    """One incremental ``habeas link`` after importing ``new`` into a copy of ``base``."""
    work = OUT / "registry-work.sqlite3"
    for path in (work, Path(f"{work}-wal"), Path(f"{work}-shm"), prepared_file(work)):
        path.unlink(missing_ok=True)
    shutil.copyfile(base, work)
    if variant == "after":
        shutil.copyfile(prepared_file(base), prepared_file(work))
    env = bench_env(work)
    run_json(habeas("import", str(new), "--source", "Late list", "--json"), env)
    if variant == "before":
        env["PYTHONPATH"] = str(old_src)
    load = os.getloadavg()[0]
    report, seconds, cpu = run_json(habeas("link", "--json"), env)
    assert report["incremental"], report
    return {
        "variant": variant,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "load_average_at_start": round(load, 2),
        "source_records": report["source_records"],
        "records_normalised": report.get("records_normalised", report["source_records"]),
        "records_moved": report["records_moved"],
        "persons_created": report["persons_created"],
        "stage_seconds": report["stage_seconds"],
    }


def main() -> None:
    """Build (or reuse) the registry, then time the variants back to back."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--before-rev", default="HEAD")
    parser.add_argument("--variants", default="before,after,after-cold")
    args = parser.parse_args()
    start = time.perf_counter()
    base, info = base_registry(args.records)
    print(f"registry {base} ({time.perf_counter() - start:.0f} s): {info}", flush=True)
    new = new_list(args.records)
    old_src = before_src(args.before_rev)
    refresh_kept(base)
    results = []
    for _ in range(args.repeat):
        for variant in args.variants.split(","):
            result = measure(variant, base, new, old_src)
            print(json.dumps(result), flush=True)
            results.append(result)
    out = OUT / f"registry_incremental_{args.records}.json"
    out.write_text(json.dumps({"registry": info, "runs": results}, indent=1))
    print(f"\n{'variant':<11} {'wall s':>7} {'CPU s':>7} {'load':>5}  stages")
    for r in results:
        stages = ", ".join(f"{k} {v:.2f}" for k, v in r["stage_seconds"].items())
        print(
            f"{r['variant']:<11} {r['seconds']:>7.2f} {r['cpu_seconds']:>7.2f} "
            f"{r['load_average_at_start']:>5.1f}  {stages}"
        )


if __name__ == "__main__":
    main()
