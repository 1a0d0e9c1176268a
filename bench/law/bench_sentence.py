"""Benchmark: compute_sentence and parse_references calls per second.

Run: .venv/bin/python bench/law/bench_sentence.py
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable

from habeas.law import load_pack, parse_references
from habeas.law.sentence import SentenceSpec, compute_sentence

SPEC = SentenceSpec.from_dict(
    {
        "country": "RU",
        "articles": ["205.2(2)", "207.3(2)"],
        "term": {"years": 8, "months": 6},
        "regime": "general",
        "term_start": "2024-02-13",
        "custody": [
            {"kind": "house_arrest", "from": "2022-01-01", "to": "2022-04-10"},
            {"kind": "pretrial", "from": "2022-04-11", "to": "2024-02-12"},
        ],
        "appeal": {"on": "2024-06-01", "regime": "settlement"},
        "as_of": "2025-01-01",
    }
)
TEXTS = [
    "п. «д» ч. 2 ст. 207.3 УК РФ",
    "ч. 2 ст. 205.2 УК РФ, ч. 1 ст. 280.3 УК РФ",
    "207.3(2); 280.3",
    "Article 207.3(2)(e)",
]


def rate(name: str, func: Callable[[], object], seconds: float = 2.0) -> float:
    """Calls per second of ``func`` over about ``seconds``."""
    func()
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(100):
            func()
        count += 100
    per_second = count / elapsed
    print(f"{name:<40} {per_second:>12,.0f} /s")
    return per_second


def main() -> None:
    """Print the rates."""
    load_pack("RU")
    print(f"python {platform.python_version()} on {platform.machine()}")
    rate("compute_sentence (2 periods + recount)", lambda: compute_sentence(SPEC))
    rate("parse_references (4 texts per call)", lambda: [parse_references(t) for t in TEXTS])


if __name__ == "__main__":
    main()
