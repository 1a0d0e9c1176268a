"""Speed of habeas.names against a baseline copy, measured interleaved on the same machine.

On a shared machine absolute figures swing with the load; alternating runs of the two
versions and keeping each one's best (CPU time) gives a fair ratio.  Export the baseline
package under another name first, e.g. the commit before the speed work::

    mkdir -p /tmp/base/names_base && git archive 76bafe2 src/habeas/names \\
        | tar -x --strip-components=3 -C /tmp/base/names_base
    .venv/bin/python bench/names/speed_ab.py --baseline /tmp/base --package names_base

Both measures follow ``bench_names.py``: normalisation of new names with the word caches warm
(parse + nominative + keys), and one pass of comparisons of normalised names with the
part-pair cache emptied first.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import sys
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).parent
MODULES = ("canon", "compare", "keys", "normalize", "parse", "variants")
NAME_LEVEL = ("normalize", "parse_name")
RESETS = ("_MATCH_CACHE", "_KEY_CACHE", "_READINGS")


def _forget_names(mods: list[ModuleType]) -> None:
    for m in mods:
        for name, obj in vars(m).items():
            if name in NAME_LEVEL and hasattr(obj, "cache_clear"):
                obj.cache_clear()
        for name in RESETS:
            if hasattr(m, name):
                getattr(m, name).clear()


def main() -> None:
    """Alternate the two versions ``--rounds`` times and print each one's best rates."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="directory holding the package")
    parser.add_argument("--package", default="names_base")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    sys.path.insert(0, args.baseline)
    rows: list[tuple[str, str]] = []
    for file in ("pairs.csv", "hard_cases.csv"):
        with (HERE / file).open(encoding="utf-8") as fh:
            rows += [(r["a"], r["b"]) for r in csv.DictReader(fh)]
    names = list(dict.fromkeys([a for a, _ in rows] + [b for _, b in rows]))
    versions = {}
    for label, package in (("baseline", args.package), ("current", "habeas.names")):
        mods = [importlib.import_module(f"{package}.{m}") for m in MODULES]
        by = dict(zip(MODULES, mods, strict=True))
        nominative, keys = by["variants"].nominative, by["keys"].search_keys
        for n in names:  # warm the word caches
            nominative(n)
            keys(n)
        pairs = [(by["normalize"].normalize(a), by["normalize"].normalize(b)) for a, b in rows]
        versions[label] = (mods, nominative, keys, by["compare"].compare_normalized, pairs)
    best = {label: [float("inf"), float("inf")] for label in versions}
    for _ in range(args.rounds):
        for label, (mods, nominative, keys, compare, pairs) in versions.items():
            _forget_names(mods)
            t = time.process_time()
            for n in names:
                nominative(n)
                keys(n)
            best[label][0] = min(best[label][0], time.process_time() - t)
            _forget_names(mods)
            t = time.process_time()
            for a, b in pairs:
                compare(a, b)
            best[label][1] = min(best[label][1], time.process_time() - t)
    print(f"{len(names)} names, {len(rows)} pairs; CPU time, best of {args.rounds} alternations")
    for label, (t_norm, t_cmp) in best.items():
        print(
            f"  {label:9s} new names {len(names) / t_norm:9,.0f}/s   "
            f"comparisons (first pass) {len(rows) / t_cmp:9,.0f}/s"
        )
    (b_norm, b_cmp), (c_norm, c_cmp) = best["baseline"], best["current"]
    print(f"  speed-up: normalisation ×{b_norm / c_norm:.2f}, comparison ×{b_cmp / c_cmp:.2f}")


if __name__ == "__main__":
    main()
