"""A kept table of prepared (normalised) records, so a run normalises only what changed.

Normalising is the costly, purely per-record part of linking (≈ 42 s of CPU per million
records). Its output depends only on the record's content and on the normalisation code, so
a table of earlier output can be reused row by row:

- every row carries ``key``, a 64-bit hash of the content it was prepared from (for the
  registry: the source's name and the record's interchange data as stored); a row is reused
  only when the record with that id still has exactly that key, so records that changed are
  prepared again and records that are gone are dropped;
- the file carries a fingerprint of the normalisation code and its data (:func:`fingerprint`)
  and of the table layout; a file from other code, of another layout, or unreadable is
  ignored as a whole and rebuilt.

Correctness therefore never depends on the file being fresh or belonging to this database:
a stale or foreign file only costs the normalisation of the rows it cannot vouch for.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .prepare import SCHEMA
from .records import LinkRecord

#: Layout version of the kept file; bump when its columns or the meaning of ``key`` change.
FORMAT = "habeas-prepared/1"
KEY_COLUMN = "key"
CACHE_SCHEMA = SCHEMA.append(pa.field(KEY_COLUMN, pa.int64()))
T = TypeVar("T")
_META_FORMAT = b"habeas.format"
_META_FINGERPRINT = b"habeas.fingerprint"

#: Sources whose text decides the prepared rows: normalisation, the names layer with its
#: data, the folding of values and the record reader (paths inside the ``habeas`` package).
_CODE = ("linkage/prepare.py", "linkage/records.py", "names", "interchange/values.py")


def record_key(*parts: str) -> int:
    """A 64-bit content hash (signed, to fit an Arrow ``int64``) of the given strings."""
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return int.from_bytes(digest.digest(), "little", signed=True)


@lru_cache(maxsize=4)
def fingerprint(baseline: bool = False) -> str:
    """A hash of the code and data that normalisation runs (see ``_CODE``) and of the
    mode (``baseline`` prepares raw names): a kept table from other code is not reused."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT}|baseline={baseline}|{CACHE_SCHEMA}".encode())
    for entry in _CODE:
        path = root / entry
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or file.suffix in (".pyc", ".pyo"):
                continue
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def read_kept(path: Path | None, baseline: bool = False) -> pa.Table | None:
    """The kept table at ``path``, or None when there is none to trust (missing, unreadable,
    another layout, or written by other normalisation code)."""
    if path is None or not Path(path).is_file():
        return None
    try:
        meta = pq.read_schema(path).metadata or {}
        if meta.get(_META_FORMAT) != FORMAT.encode():
            return None
        if meta.get(_META_FINGERPRINT) != fingerprint(baseline).encode():
            return None
        table = pq.read_table(path)
        if not table.schema.remove_metadata().equals(CACHE_SCHEMA):
            return None
        return table
    except (OSError, pa.ArrowException, ValueError):
        return None


def write_kept(table: pa.Table, path: Path, baseline: bool = False) -> Path:
    """Write a kept table (:data:`CACHE_SCHEMA`) atomically: a reader sees the old file or the
    new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = table.cast(CACHE_SCHEMA).replace_schema_metadata(
        {_META_FORMAT: FORMAT.encode(), _META_FINGERPRINT: fingerprint(baseline).encode()}
    )
    handle, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        pq.write_table(table, tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; keep the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@dataclass
class Refreshed:
    """The outcome of :func:`refresh`: the table to link (``SCHEMA``, by record id) and what
    the kept table (``CACHE_SCHEMA``) now holds, with counts."""

    table: pa.Table
    kept: pa.Table
    reused: int = 0
    prepared: int = 0
    dropped: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the kept table differs from the one read (and so should be written)."""
        return self.prepared > 0 or self.dropped > 0


def refresh(
    kept: pa.Table | None,
    rows: Iterable[tuple[int, int, T]],
    make: Callable[[int, T], LinkRecord],
    prepare: Callable[[list[LinkRecord]], pa.Table],
) -> Refreshed:
    """Bring a kept table up to date with the records as they are now.

    ``rows``: every current record, in ascending id order, as ``(record id, key, payload)``;
    ``make(record id, payload)`` builds its :class:`LinkRecord` and is called only for
    records whose kept row is missing or has another key. ``prepare`` normalises those
    records (e.g. ``Linker.prepare``). The result's table equals ``prepare`` of every
    current record in id order, with the kept rows standing in for unchanged records.
    """
    t = time.perf_counter()
    if kept is None:
        kept = CACHE_SCHEMA.empty_table()
    kept_ids: list[int] = kept["unique_id"].to_pylist()
    kept_keys: list[int] = kept[KEY_COLUMN].to_pylist()
    n_kept = len(kept_ids)
    reuse: list[int] = []  # indices into ``kept``
    fresh: list[LinkRecord] = []
    fresh_keys: list[int] = []
    i = 0
    last = None
    for record_id, key, payload in rows:
        if last is not None and record_id <= last:
            raise ValueError("records must come in ascending id order")
        last = record_id
        while i < n_kept and kept_ids[i] < record_id:
            i += 1
        if i < n_kept and kept_ids[i] == record_id and kept_keys[i] == key:
            reuse.append(i)
            i += 1
        else:
            fresh.append(make(record_id, payload))
            fresh_keys.append(key)
    scan = time.perf_counter() - t
    t = time.perf_counter()
    prepared = prepare(fresh) if fresh else SCHEMA.empty_table()
    normalise = time.perf_counter() - t
    t = time.perf_counter()
    prepared = prepared.select(SCHEMA.names).cast(SCHEMA)
    if prepared["unique_id"].to_pylist() != [r.record_id for r in fresh]:
        raise ValueError("prepare must return one row per record, in the records' order")
    new_rows = prepared.append_column(KEY_COLUMN, pa.array(fresh_keys, pa.int64()))
    # the usual case: every kept row still holds (no copy)
    old_rows = kept if len(reuse) == n_kept else kept.take(pa.array(reuse, pa.int64()))
    table = pa.concat_tables([old_rows.cast(CACHE_SCHEMA), new_rows])
    if len(old_rows) and len(new_rows) and new_rows["unique_id"][0].as_py() < _last_id(old_rows):
        table = table.sort_by("unique_id")  # a changed record, not only new ones at the end
    table = table.combine_chunks()
    merge = time.perf_counter() - t
    return Refreshed(
        table=table.drop_columns([KEY_COLUMN]),
        kept=table,
        reused=len(reuse),
        prepared=len(fresh),
        dropped=n_kept - len(reuse) - _replaced(kept_ids, fresh),
        seconds={"scan": scan, "normalise": normalise, "merge": merge},
    )


def _last_id(table: pa.Table) -> int:
    """The largest record id of a kept table (ids ascend)."""
    return int(table["unique_id"][len(table) - 1].as_py())


def _replaced(kept_ids: list[int], fresh: list[LinkRecord]) -> int:
    """How many kept rows were superseded by a fresh row of the same id (changed records)."""
    if not fresh or not kept_ids:
        return 0
    ids = pa.array(kept_ids, pa.int64())
    fresh_ids = pa.array([r.record_id for r in fresh], pa.int64())
    return int(pc.sum(pc.is_in(fresh_ids, ids)).as_py() or 0)
