"""Print the benchmark table (Markdown) from the JSON results in bench/out/linkage/."""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "out" / "linkage"
SIZES = (10_000, 100_000, 1_000_000)


def _load(kind: str, n: int) -> dict | None:
    path = OUT / f"result_{kind}_{n}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _row(kind: str, n: int, d: dict) -> str:
    q, s = d["quality"], d["stage_seconds"]
    names = d.get("names_only", {})
    peaks = d.get("peak_rss_mb_by_stage", {})
    return (
        f"| {kind} | {d['records']:,} | {d.get('blocking_recall', float('nan')):.4f} "
        f"| {d['counts']['candidate_pairs']:,} "
        f"| {q['pair_precision']:.4f} | {q['pair_recall']:.4f} | {q['pair_f1']:.4f} "
        f"| {q['bcubed_f1']:.4f} | {names.get('pair_precision', float('nan')):.4f} "
        f"| {names.get('pair_recall', float('nan')):.4f} "
        f"| {d['review_share_of_linked_pairs']:.4f} | {d['normalise_seconds']:.1f} "
        f"| {s['block_score']:.1f} | {s['cluster']:.1f} | {d['end_to_end_seconds']:.1f} "
        f"| {d.get('end_to_end_cpu_seconds', float('nan')):.1f} "
        f"| {d['train_seconds']:.1f} | {d.get('incremental_seconds', float('nan')):.2f} "
        f"| {d.get('peak_rss_mb', max(peaks.values(), default=0)):.0f} "
        f"| {d.get('load_average_start', [float('nan')])[0]:.1f} |"
    )


def main() -> None:
    print(
        "| model | records | blocking recall | candidates | pair P | pair R | pair F1 | B³ F1 "
        "| names-only P | names-only R | review share | normalise s | block+score s "
        "| cluster s | end-to-end s | end-to-end CPU s | train s | +1,000 s | peak MB "
        "| load |"
    )
    print("|" + "---|" * 20)
    for n in SIZES:
        for kind in ("habeas", "baseline"):
            d = _load(kind, n)
            if d:
                print(_row(kind, n, d))
    print()
    for n in SIZES:
        h, b = _load("habeas", n), _load("baseline", n)
        if h and b:
            print(
                f"- {n:,}: pair F1 ratio habeas/baseline = "
                f"{h['quality']['pair_f1'] / b['quality']['pair_f1']:.2f}, blocking recall ratio = "
                f"{h['blocking_recall'] / b['blocking_recall']:.2f}, B³ F1 ratio = "
                f"{h['quality']['bcubed_f1'] / b['quality']['bcubed_f1']:.2f}"
            )


if __name__ == "__main__":
    main()
