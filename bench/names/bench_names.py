"""Name-matching benchmark: precision/recall at the default threshold, errors by kind, speed.

Run: ``.venv/bin/python bench/names/bench_names.py`` (regenerate pairs with generate.py).
"""

from __future__ import annotations

import csv
import os
import platform
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from habeas.names import DEFAULT_THRESHOLD, compare_normalized, normalize, search_keys
from habeas.names.caches import clear_caches
from habeas.names.compare import clear_match_cache
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


def _normalise_all(names: list[str]) -> float:
    """CPU seconds to parse, read the nominative and make the keys of every name."""
    t = time.process_time()
    for n in names:
        nominative(n)
        search_keys(n)
    return time.process_time() - t


def _best(runs: int, fn: Callable[[], float]) -> float:
    return min(fn() for _ in range(runs))


def speed(rows: list[tuple[str, str, int, str]], runs: int = 5) -> None:
    """Normalisation and comparison throughput on one core (CPU time, best of ``runs``)."""
    names = list(dict.fromkeys([r[0] for r in rows] + [r[1] for r in rows]))

    def cold() -> float:
        clear_caches(words=True)
        return _normalise_all(names)

    def new_names() -> float:
        clear_caches(words=False)
        return _normalise_all(names)

    t_cold = _best(runs, cold)
    t_new = _best(runs, new_names)
    t_repeat = _best(runs, lambda: _normalise_all(names))
    pairs = [(normalize(a), normalize(b)) for a, b, _, _ in rows]

    def compare_all(clear: bool) -> float:
        if clear:
            clear_match_cache()
        t = time.process_time()
        for a, b in pairs:
            compare_normalized(a, b)
        return time.process_time() - t

    t_first = _best(runs, lambda: compare_all(True))
    t_steady = _best(runs, lambda: compare_all(False))
    print(
        f"\n## Speed (CPU time of one process = one core, best of {runs}; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores)"
    )
    print(f"normalisation (parse + nominative + keys), {len(names)} distinct names:")
    print(f"  cold (every cache empty, pymorphy3 per new word): {len(names) / t_cold:,.0f} names/s")
    print(f"  new names, word caches warm: {len(names) / t_new:,.0f} names/s")
    print(f"  repeated names (name cache hit): {len(names) / t_repeat:,.0f} names/s")
    print(f"comparison of normalised names, {len(pairs)} pairs:")
    print(f"  first pass (part-pair cache empty): {len(pairs) / t_first:,.0f} pairs/s")
    print(f"  repeated pairs (part-pair cache warm): {len(pairs) / t_steady:,.0f} pairs/s")


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
