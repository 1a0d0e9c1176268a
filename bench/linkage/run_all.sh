#!/bin/sh
# Runs every benchmark size, ours then the baseline, one process each (see RESULTS.md).

cd "$(dirname "$0")/../.."
for n in 10000 100000 1000000; do
  .venv/bin/python bench/linkage/bench_linkage.py --records "$n" > "bench/out/linkage/log_habeas_$n.txt" 2>&1
  .venv/bin/python bench/linkage/bench_linkage.py --records "$n" --baseline --no-incremental > "bench/out/linkage/log_baseline_$n.txt" 2>&1
done
