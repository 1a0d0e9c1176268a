#!/bin/sh
# Runs every benchmark size, ours then the baseline, one process each (see RESULTS.md).
# At 1M the names-only pass is skipped: without birth dates the one-sided "birth year
# missing" blocking rules see every record, and its candidate pairs grow with the square.

cd "$(dirname "$0")/../.."
for n in 10000 100000 1000000; do
  extra=""
  [ "$n" -ge 1000000 ] && extra="--no-names-only"
  /usr/bin/time -v .venv/bin/python bench/linkage/bench_linkage.py --records "$n" $extra > "bench/out/linkage/log_habeas_$n.txt" 2>&1
  .venv/bin/python bench/linkage/bench_linkage.py --records "$n" --baseline --no-incremental $extra > "bench/out/linkage/log_baseline_$n.txt" 2>&1
done
