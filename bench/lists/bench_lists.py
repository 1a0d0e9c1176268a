"""Benchmarks of release lists: the PDF of 1,000 persons, and reconciling a 5,000-word text.

Usage::

    .venv/bin/python bench/lists/bench_lists.py --db /tmp/bench-100k.sqlite3

The PDF is made of the first 1,000 imprisoned persons of the registry (frozen for the
counterpart); the text is 5,000 words of Russian prose with 120 registry names (as the
registry writes them and in the genitive), 20 names not in the registry and a stated total.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date
from pathlib import Path

FILLER = [
    "Правозащитники",
    "сообщили",
    "что",
    "переговоры",
    "продолжались",
    "несколько",
    "месяцев",
    "и",
    "стороны",
    "согласовали",
    "условия",
    "освобождения",
    "после",
    "долгих",
    "консультаций",
    "при",
    "участии",
    "посредников",
]


def _text(names: list[str], unknown: list[str], words: int, rng: random.Random) -> str:
    parts: list[str] = [f"Сегодня освобождены {len(names) + len(unknown)} заключённых."]
    pool = [f"Освобождён {n}." for n in names] + [f"Также вышел {n}." for n in unknown]
    rng.shuffle(pool)
    count = 0
    while count < words:
        sentence = " ".join(rng.choice(FILLER) for _ in range(12)).capitalize() + "."
        parts.append(sentence)
        count += 12
        if pool and rng.random() < 0.35:
            parts.append(pool.pop())
            count += 3
    parts.extend(pool)
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--words", type=int, default=5000)
    args = parser.parse_args()
    from habeas.cli.store import connect

    connect(args.db)
    from habeas.apps.registry.models import Person
    from habeas.lists.criteria import Criteria
    from habeas.lists.priority import default_weights
    from habeas.lists.selection import select
    from habeas.lists.tabular import export
    from habeas.lists.versions import build_content, content_hash
    from habeas.releases.outcome import reconcile_announcement
    from habeas.releases.rows import person_rows

    persons = Person.objects.filter(merged_into__isnull=True)
    print(f"registry: {persons.count()} persons")
    ids = list(
        persons.filter(status="imprisoned").order_by("pk").values_list("pk", flat=True)[:1000]
    )
    started = time.perf_counter()
    rows = list(person_rows(ids))
    sel = select(rows, Criteria(statuses=("imprisoned",)), default_weights(), date.today())
    content = build_content(
        name="bench", title="Обмен / Exchange", number=1, audience="counterpart",
        frozen_by="bench", frozen_at=__import__("datetime").datetime.now(__import__("datetime").UTC),
        entries=sel.entries, sections={},
    )  # fmt: skip
    selected = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.pdf"
        started = time.perf_counter()
        export(content, path, "pdf", sha256=content_hash(content))
        pdf_seconds = time.perf_counter() - started
        size = path.stat().st_size
    print(f"rows + selection of {len(rows)} persons: {selected:.2f} s")
    print(f"PDF of {len(content['persons'])} persons: {pdf_seconds:.2f} s ({size // 1024} KiB)")

    rng = random.Random(6)
    sample = list(persons.order_by("?").values_list("display_name", flat=True)[:120])
    unknown = [f"Несуществующий{i} Пётр Ильич" for i in range(20)]
    text = _text(sample, unknown, args.words, rng)
    started = time.perf_counter()
    result = reconcile_announcement(text)
    seconds = time.perf_counter() - started
    print(
        f"reconcile {len(text.split())} words, {len(result['mentions'])} mentions: {seconds:.2f} s "
        f"({result['counts']})"
    )


if __name__ == "__main__":
    main()
