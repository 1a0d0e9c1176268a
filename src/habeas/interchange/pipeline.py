"""Normalising a file's rows, in worker processes when the file is large.

Checking and parsing rows (names above all) is pure Python and the heaviest part of an
import; so is building the database rows each one becomes (:mod:`habeas.interchange.facts`).
Large files are cut into chunks that worker processes normalise while the caller writes the
previous chunk; results come back in file order. The store's importer takes
:func:`prepared_rows` (database-ready tuples), so that it only assigns ids and writes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from itertools import islice
from typing import Any, TypeVar

from habeas.interchange.errors import InterchangeError
from habeas.interchange.facts import RowFacts, row_facts
from habeas.interchange.mapping import Mapping
from habeas.interchange.readers import RawRow
from habeas.interchange.rows import normalize_row

#: A prepared row: its facts, or the raw row (kept for a rejects file) with its error.
Prepared = tuple[RawRow | None, RowFacts | InterchangeError]

T = TypeVar("T")

CHUNK_ROWS = 1000
#: Below this many rows, starting workers costs more than it saves.
PARALLEL_FROM_ROWS = 5000


def _prepare_chunk(
    raws: list[RawRow], plan: dict[str, str], mapping: Mapping, label: str, today: date
) -> list[Prepared]:
    prepared: list[Prepared] = []
    for raw in raws:
        try:
            row = normalize_row(raw, plan, mapping, label, today)
        except InterchangeError as exc:
            prepared.append((raw, exc))
        else:
            # The raw row is not sent back: its cells are in the facts (as JSON).
            prepared.append((None, row_facts(row, raw.values)))
    return prepared


def default_workers() -> int:
    """Worker processes for normalisation: the machine's cores (the writer mostly waits)."""
    return max(1, os.cpu_count() or 1)


def prepared_rows(
    rows: Iterable[RawRow],
    plan: dict[str, str],
    mapping: Mapping,
    label: str,
    today: date,
    *,
    workers: int = 0,
) -> Iterator[Prepared]:
    """Each row's database-ready facts, or its raw row with its error, in file order.

    Args:
        workers: worker processes; 0 prepares in this process.
    """
    iterator = iter(rows)
    if workers <= 0:
        for raw in iterator:
            yield _prepare_chunk([raw], plan, mapping, label, today)[0]
        return
    yield from _in_workers(_prepare_chunk, iterator, (plan, mapping, label, today), workers)


def _in_workers(
    work: Callable[..., list[T]], rows: Iterator[RawRow], args: tuple[Any, ...], workers: int
) -> Iterator[T]:
    """``work`` over chunks of ``rows`` in worker processes; the results in order."""
    # Not "fork": the parent may run threads (DuckDB, the web server), and a forked child
    # of a threaded process can crash. A fork server is a clean single-threaded process that
    # has imported the parsers once, so workers still start fast.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["habeas.interchange.facts"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[list[T]]] = deque()
        while True:
            while len(pending) < workers * 2:
                chunk = list(islice(rows, CHUNK_ROWS))
                if not chunk:
                    break
                pending.append(pool.submit(work, chunk, *args))
            if not pending:
                return
            yield from pending.popleft().result()
