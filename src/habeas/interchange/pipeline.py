"""Normalising a file's rows, in worker processes when the file is large.

Checking and parsing rows (names above all) is pure Python and the heaviest part of an
import; the store only writes. Large files are cut into chunks that worker processes
normalise while the caller writes the previous chunk; results come back in file order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from itertools import islice

from habeas.interchange.errors import InterchangeError
from habeas.interchange.mapping import Mapping
from habeas.interchange.readers import RawRow
from habeas.interchange.rows import InterchangeRow, normalize_row

Outcome = tuple[RawRow, InterchangeRow | InterchangeError]

CHUNK_ROWS = 1000
#: Below this many rows, starting workers costs more than it saves.
PARALLEL_FROM_ROWS = 5000


def _normalize_chunk(
    raws: list[RawRow], plan: dict[str, str], mapping: Mapping, label: str, today: date
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for raw in raws:
        try:
            outcomes.append((raw, normalize_row(raw, plan, mapping, label, today)))
        except InterchangeError as exc:
            outcomes.append((raw, exc))
    return outcomes


def default_workers() -> int:
    """Worker processes for normalisation: the machine's cores (the writer mostly waits)."""
    return max(1, os.cpu_count() or 1)


def normalized_rows(
    rows: Iterable[RawRow],
    plan: dict[str, str],
    mapping: Mapping,
    label: str,
    today: date,
    *,
    workers: int = 0,
) -> Iterator[Outcome]:
    """Each raw row with its normalised row or its error, in file order.

    Args:
        workers: worker processes; 0 normalises in this process.
    """
    iterator = iter(rows)
    if workers <= 0:
        for raw in iterator:
            yield _normalize_chunk([raw], plan, mapping, label, today)[0]
        return
    # Not "fork": the parent may run threads (DuckDB, the web server), and a forked child
    # of a threaded process can crash. A fork server is a clean single-threaded process that
    # has imported the parsers once, so workers still start fast.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["habeas.interchange.rows"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        while True:
            while len(pending) < workers * 2:
                chunk = list(islice(iterator, CHUNK_ROWS))
                if not chunk:
                    break
                pending.append(pool.submit(_normalize_chunk, chunk, plan, mapping, label, today))
            if not pending:
                return
            yield from pending.popleft().result()
