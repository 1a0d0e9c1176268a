"""Name-matching benchmark: precision/recall at the default threshold, errors by kind, speed.

Run: ``.venv/bin/python bench/names/bench_names.py`` (regenerate pairs with generate.py).
"""

from __future__ import annotations

import csv
import os
import platform
import time
from collections import Counter
from pathlib import Path

from habeas.names import DEFAULT_THRESHOLD, compare_normalized, normalize, search_keys
from habeas.names.normalize import normalize as norm_fn
from habeas.names.parse import parse_name
from habeas.names.variants import nominative

HERE = Path(__file__).parent


def load(name: str) -> list[tuple[str, str, int, str]]:
    """Rows (a, b, label, kind) of a CSV file in this directory."""
    with (HERE / name).open(encoding="utf-8") as fh:
        return [(r["a"], r["b"], int(r["label"]), r["kind"]) for r in csv.DictReader(fh)]


def evaluate(rows: list[tuple[str, str, int, str]], title: str) -> tuple[int, int, int, int]:
    """Print precision, recall and errors by kind; return (tp, fp, fn, tn)."""
    tp = fp = fn = tn = 0
    errors: Counter[str] = Counter()
    examples: dict[str, tuple[str, str, float]] = {}
    for a, b, label, kind in rows:
        c = compare_normalized(normalize(a), normalize(b))
        if c.same and label:
            tp += 1
        elif c.same:
            fp += 1
            errors[f"false match: {kind}"] += 1
            examples.setdefault(f"false match: {kind}", (a, b, c.score))
        elif label:
            fn += 1
            errors[f"missed: {kind}"] += 1
            examples.setdefault(f"missed: {kind}", (a, b, c.score))
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"\n## {title}: {len(rows)} pairs ({tp + fn} positive, {fp + tn} negative)")
    print(f"precision {precision:.4f}  recall {recall:.4f}  (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    for k, v in errors.most_common():
        a, b, s = examples[k]
        print(f"  {v:5d}  {k:40s} e.g. {a!r} ~ {b!r} ({s:.2f})")
    return tp, fp, fn, tn


def _clear_name_caches() -> None:
    norm_fn.cache_clear()
    parse_name.cache_clear()


def speed(rows: list[tuple[str, str, int, str]]) -> None:
    """Normalisation and comparison throughput on one core."""
    names = list(dict.fromkeys([r[0] for r in rows] + [r[1] for r in rows]))
    _clear_name_caches()
    t = time.perf_counter()
    for n in names:
        nominative(n)
        search_keys(n)
    first = time.perf_counter() - t
    _clear_name_caches()
    t = time.perf_counter()
    for n in names:
        nominative(n)
        search_keys(n)
    warm_tokens = time.perf_counter() - t
    t = time.perf_counter()
    for n in names:
        nominative(n)
        search_keys(n)
    cached = time.perf_counter() - t
    pairs = [(normalize(a), normalize(b)) for a, b, _, _ in rows]
    t = time.perf_counter()
    reps = 3
    for _ in range(reps):
        for a, b in pairs:
            compare_normalized(a, b)
    cmp_time = time.perf_counter() - t
    print(
        f"\n## Speed (one process = one core; {platform.processor() or platform.machine()}, {os.cpu_count()} cores)"
    )
    print(f"normalisation (parse + nominative + keys), {len(names)} distinct names:")
    print(f"  cold (all caches empty): {len(names) / first:,.0f} names/s")
    print(f"  name cache empty, word caches warm: {len(names) / warm_tokens:,.0f} names/s")
    print(f"  repeated names (name cache hit): {len(names) / cached:,.0f} names/s")
    print(f"comparison of normalised names: {reps * len(pairs) / cmp_time:,.0f} pairs/s")


def main() -> None:
    """Run every part of the benchmark and print the report."""
    generated = load("pairs.csv")
    hard = load("hard_cases.csv")
    print(f"threshold {DEFAULT_THRESHOLD}")
    totals = [evaluate(generated, "Generated pairs"), evaluate(hard, "Hand-written hard cases")]
    tp, fp, fn, tn = (sum(x) for x in zip(*totals, strict=True))
    print(f"\n## All: precision {tp / (tp + fp):.4f}  recall {tp / (tp + fn):.4f}")
    speed(generated + hard)


if __name__ == "__main__":
    main()
