"""Linkage benchmark: demo partner lists at a given size, linked and scored against the truth.

Usage: ``.venv/bin/python bench/linkage/bench_linkage.py --records 10000 [--baseline]``.
Data (generated once per size, read through the interchange importer) and a JSON result per
run go to ``bench/out/linkage/``. Each run is one process, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import pickle
import resource
import sys
import threading
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import duckdb
import pyarrow as pa

from habeas.linkage import Linker, prepare, prepare_raw
from habeas.linkage.demo import read_lists
from habeas.linkage.model import BASELINE_BLOCKING_RULES, BLOCKING_RULES
from habeas.linkage.prepare import (
    NAME_COLUMNS,
    default_workers,
    name_keys,
    names_only,
    raw_name_keys,
)

OUT = Path(__file__).resolve().parents[1] / "out" / "linkage"
RECORDS_PER_PERSON = 3.46  # two rounds of the three lists, 1.73 records per person each
TRAIN_MAX = 100_000


class Memory:
    """Samples the resident memory of this process and all its descendants (the worker
    processes of normalisation included); peak per stage. Children's shared (copy-on-write)
    pages are counted in each process, so the sum errs high."""

    def __init__(self) -> None:
        self.stage = "start"
        self.peaks: dict[str, float] = defaultdict(float)
        self._stop = False
        threading.Thread(target=self._run, daemon=True).start()

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    @staticmethod
    def _children(pid: int) -> list[int]:
        out: list[int] = []
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            return out
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    out.extend(int(c) for c in fh.read().split())
            except OSError:
                continue
        return out

    @classmethod
    def rss_mb(cls) -> float:
        """Resident memory of this process tree, MB."""
        total, todo = 0, [os.getpid()]
        while todo:
            pid = todo.pop()
            total += cls._rss_kb(pid)
            todo.extend(cls._children(pid))
        return total / 1024

    def _run(self) -> None:
        while not self._stop:
            self.peaks[self.stage] = max(self.peaks[self.stage], self.rss_mb())
            time.sleep(0.1)

    def at(self, stage: str) -> None:
        """Start a stage (logged to stderr with the time and the memory so far)."""
        print(
            f"{time.strftime('%H:%M:%S')} {stage} (tree RSS {self.rss_mb():.0f} MB)",
            file=sys.stderr,
            flush=True,
        )
        self.stage = stage


def cpu() -> float:
    """CPU seconds of this process and its finished children (user + system)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def load(records: int) -> tuple[list, dict[int, str]]:
    """Records and truth for a size, generated and read once, then cached."""
    cache = OUT / f"records_{records}.pkl"
    if cache.exists():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    people = max(50, round(records / RECORDS_PER_PERSON))
    data = read_lists(OUT / f"lists_{records}", people, seed=2026, rounds=2)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return data


def clear_caches() -> None:
    """Forget every cached name so normalisation is timed cold."""
    name_keys.cache_clear()
    raw_name_keys.cache_clear()
    for mod in ("normalize", "parse", "inflect", "canon", "given_names"):
        module = importlib.import_module(f"habeas.names.{mod}")
        for obj in list(vars(module).values()):
            if hasattr(obj, "cache_clear") and getattr(obj, "__module__", "") == module.__name__:
                obj.cache_clear()


def true_pairs(truth: dict[int, str]) -> set[tuple[int, int]]:
    by: dict[str, list[int]] = defaultdict(list)
    for rid, key in truth.items():
        by[key].append(rid)
    return {p for m in by.values() for p in combinations(sorted(m), 2)}


def cluster_pairs(assignment: dict[int, int]) -> set[tuple[int, int]]:
    by: dict[int, list[int]] = defaultdict(list)
    for rid, key in assignment.items():
        by[key].append(rid)
    return {p for m in by.values() for p in combinations(sorted(m), 2)}


def quality(assignment: dict[int, int], truth: dict[int, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 and B-cubed precision/recall/F1."""
    pred, real = cluster_pairs(assignment), true_pairs(truth)
    tp = len(pred & real)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(real) if real else 1.0
    by_c: dict[int, set[int]] = defaultdict(set)
    by_t: dict[str, set[int]] = defaultdict(set)
    for rid in truth:
        by_c[assignment[rid]].add(rid)
        by_t[truth[rid]].add(rid)
    bp = br = 0.0
    for rid in truth:
        c, t = by_c[assignment[rid]], by_t[truth[rid]]
        inter = len(c & t)
        bp += inter / len(c)
        br += inter / len(t)
    bp, br = bp / len(truth), br / len(truth)
    return {
        "pair_precision": p,
        "pair_recall": r,
        "pair_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": 2 * bp * br / (bp + br) if bp + br else 0.0,
        "true_pairs": len(real),
        "predicted_pairs": len(pred),
    }


def blocking_recall(table: pa.Table, truth: dict[int, str], rules) -> dict[str, float]:
    """Share of true pairs that at least one blocking rule puts together (DuckDB)."""
    con = duckdb.connect()
    con.register("t", table)
    real = true_pairs(truth)
    con.register("truth", pa.table({"l": [a for a, _ in real], "r": [b for _, b in real]}))
    union = " UNION ".join(
        "SELECT l.unique_id AS l, r.unique_id AS r FROM t l JOIN t r ON "
        + rule.sql()
        + " WHERE l.unique_id < r.unique_id"
        for rule in rules
    )
    t0 = time.perf_counter()
    con.execute(f"CREATE TABLE cand AS {union}")
    found = con.execute("SELECT count(*) FROM truth JOIN cand USING (l, r)").fetchone()[0]
    n = con.execute("SELECT count(*) FROM cand").fetchone()[0]
    return {
        "blocking_recall": found / len(real) if real else 1.0,
        "candidate_pairs": n,
        "blocking_seconds": time.perf_counter() - t0,
    }


def names_only_ceiling(
    table: pa.Table, truth: dict[int, str], assignment: dict[int, int], target: float = 0.97
) -> dict[str, float]:
    """What names alone can reach on this data, whatever the model.

    Records with the same name columns and gender (what the names-only table keeps) are
    indistinguishable by name: a rule on names treats every pair between two such classes
    alike. For each pair of classes holding a true pair, ``true`` = true pairs between them,
    ``false`` = the other pairs between them (namesakes). Taking class pairs purest first
    until precision would fall below ``target`` bounds the recall any names-only pair rule
    can have at that precision (transitivity ignored, so it is generous). "Distinguishable"
    true pairs are those whose class pair holds no namesake pair; the model's recall on
    them is what the names layer itself achieves.
    """
    cols = [*NAME_COLUMNS, "gender"]
    rows = zip(*(table[c].to_pylist() for c in cols), strict=True)
    ids = table["unique_id"].to_pylist()
    cls_of: dict[int, int] = {}
    index: dict[tuple, int] = {}
    size: dict[int, int] = defaultdict(int)
    for rid, row in zip(ids, rows, strict=True):
        c = index.setdefault(row, len(index))
        cls_of[rid] = c
        size[c] += 1
    real = true_pairs(truth)
    per: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for a, b in real:
        x, y = sorted((cls_of[a], cls_of[b]))
        per[(x, y)].append((a, b))
    stats = []
    distinct = found_distinct = 0
    for (x, y), pairs in per.items():
        total = size[x] * (size[x] - 1) // 2 if x == y else size[x] * size[y]
        t = len(pairs)
        stats.append((t / total, t, total - t))
        if total == t:
            distinct += t
            found_distinct += sum(1 for a, b in pairs if assignment[a] == assignment[b])
    stats.sort(reverse=True)
    tp = fp = 0.0
    for _, t, f in stats:
        if (tp + t) / (tp + t + fp + f) < target:
            # the boundary class pair, taken in part (a bound, not a rule anyone can run)
            share = (tp - target * (tp + fp)) / (target * (t + f) - t)
            tp += max(0.0, min(1.0, share)) * t
            break
        tp, fp = tp + t, fp + f
    return {
        "name_classes": len(index),
        "distinguishable_pair_share": distinct / len(real) if real else 1.0,
        "recall_on_distinguishable_pairs": found_distinct / distinct if distinct else 1.0,
        f"recall_ceiling_at_precision_{target}": tp / len(real) if real else 1.0,
    }


def run(
    n_records: int,
    baseline: bool,
    names: bool,
    incremental: bool,
    workers: int | None = None,
    blocking: bool = True,
) -> dict:
    """One benchmark run: normalise, (blocking recall), train, link, score; times in wall
    and CPU seconds (CPU includes the normalisation workers)."""
    mem = Memory()
    mem.at("load")
    t0 = time.perf_counter()
    records, truth = load(n_records)
    out: dict = {"records": len(records), "load_seconds": time.perf_counter() - t0}
    out["load_average_start"] = os.getloadavg()
    out["workers"] = workers or default_workers()
    cpu_s: dict[str, float] = {}
    clear_caches()
    mem.at("normalise")
    t0, c0 = time.perf_counter(), cpu()
    table = prepare_raw(records) if baseline else prepare(records, workers=workers)
    out["normalise_seconds"] = time.perf_counter() - t0
    cpu_s["normalise"] = cpu() - c0
    # the linker works on the table from here; keep only the records the "+1,000" step
    # normalises again, so the run's peak is the pipeline's, not the benchmark's input
    tail = records[-1000:]
    del records
    gc.collect()
    if blocking:
        mem.at("blocking_recall")
        rules = BASELINE_BLOCKING_RULES if baseline else BLOCKING_RULES
        out.update(blocking_recall(table, truth, rules))
    linker = Linker(baseline=baseline)
    mem.at("train")
    t0, c0 = time.perf_counter(), cpu()
    linker.train(table, max_records=TRAIN_MAX)
    out["train_seconds"] = time.perf_counter() - t0
    cpu_s["train"] = cpu() - c0
    linker.save_model(OUT / f"model_{'baseline' if baseline else 'habeas'}_{n_records}.json")
    mem.at("link")
    t0, c0 = time.perf_counter(), cpu()
    result = linker.predict(table)
    out["link_seconds"] = time.perf_counter() - t0
    cpu_s["link"] = cpu() - c0
    out["stage_seconds"] = result.stage_seconds
    out["counts"] = result.counts
    out["end_to_end_seconds"] = out["normalise_seconds"] + out["link_seconds"]
    out["end_to_end_cpu_seconds"] = cpu_s["normalise"] + cpu_s["link"]
    out["load_average_after_link"] = os.getloadavg()
    mem.at("quality")
    out["quality"] = quality(result.assignment, truth)
    links = result.counts["auto_links"] + len(result.review)
    out["review_share_of_linked_pairs"] = len(result.review) / links if links else 0.0
    out["review_per_record"] = len(result.review) / out["records"]
    if incremental and not baseline:
        mem.at("incremental")
        new_ids = set(table["unique_id"].to_pylist()[-1000:])
        old = {r: f"P{c}" for r, c in result.assignment.items() if r not in new_ids}
        new_records = [r for r in tail if r.record_id in new_ids]
        assert len(new_records) == len(new_ids)
        old_table = table.slice(0, len(table) - 1000)
        t0, c0 = time.perf_counter(), cpu()
        full = pa.concat_tables([old_table, prepare(new_records)])
        inc = linker.predict(full, previous_assignment=old, new_only=new_ids)
        out["incremental_seconds"] = time.perf_counter() - t0
        cpu_s["incremental"] = cpu() - c0
        out["incremental_stage_seconds"] = inc.stage_seconds
        out["incremental_counts"] = inc.counts
    if names:
        mem.at("names_only")
        res = linker.predict(names_only(table))
        out["names_only"] = quality(res.assignment, truth)
        out["names_only"]["review"] = len(res.review)
        out["names_only"].update(names_only_ceiling(table, truth, res.assignment))
    out["cpu_seconds"] = cpu_s
    out["load_average_end"] = os.getloadavg()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["peak_rss_mb_self"] = own
    out["peak_rss_mb_by_stage"] = dict(mem.peaks)  # process tree, sampled every 0.1 s
    out["peak_rss_mb"] = max([own, *mem.peaks.values()])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--no-names-only", action="store_true")
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument("--no-blocking-recall", action="store_true")
    parser.add_argument("--workers", type=int, default=None, help="normalisation processes")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    result = run(
        args.records,
        args.baseline,
        not args.no_names_only,
        not args.no_incremental,
        args.workers,
        not args.no_blocking_recall,
    )
    name = f"result_{'baseline' if args.baseline else 'habeas'}_{args.records}.json"
    (OUT / name).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
