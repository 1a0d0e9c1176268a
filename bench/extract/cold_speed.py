"""Cold-cache extraction speed: a fresh process, one text of about 600 words it has never seen.

    .venv/bin/python bench/extract/cold_speed.py heldout8 en

The process loads pymorphy3 and the patterns and extracts one warm-up sentence, then joins
cases of the split into one text of at least 580 words and times ``extract_text`` on it in
CPU seconds. The figure printed is texts of 500 words per second on 2 cores (one process
per core). Run it in a new process each time: a second run in the same process would find
the names cached.
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path

from habeas.extract import extract_text
from habeas.extract.lexicon import patterns
from habeas.extract.nominative import morph

CASES = Path(__file__).resolve().parent / "cases"
WARM_UP = {
    "ru": "Суд приговорил Ивана Петрова к 6 годам.",
    "en": "The court sentenced Ivan Petrov to six years.",
}


def main(split: str, lang: str) -> None:
    """Print the cold-cache speed of one split's text in one language."""
    morph()
    patterns("ru")
    patterns("en")
    extract_text(WARM_UP[lang], lang=lang)
    cases = tomllib.loads((CASES / f"{split}_{lang}.toml").read_text(encoding="utf-8"))["case"]
    parts: list[str] = []
    for case in cases:
        parts.append(case["text"].strip())
        if sum(len(p.split()) for p in parts) >= 580:
            break
    text = "\n\n".join(parts)
    words = len(text.split())
    started = time.process_time()
    extract_text(text, lang=lang)
    seconds = time.process_time() - started
    rate = 2 * (words / 500) / seconds  # texts of 500 words a second, one process a core
    print(
        f"{split} {lang}: {words} words in {seconds:.3f} s CPU -> {rate:.1f} texts of 500 words/s"
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
