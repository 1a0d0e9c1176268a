"""Normalisation before linkage: every record becomes one flat row of comparable keys.

All the language work happens here, in Python, once per record: the name is parsed,
brought to the nominative, folded to one canonical Latin spelling (so Cyrillic and every
romanisation agree), the given name is mapped to its equivalence group (Саша = Alexander),
the patronymic to its stem, dates keep their precision, articles lose their parts, and the
facility becomes a kind and number (``ik25``). The result is an Arrow table, written to
Parquet when asked, that the SQL engine (DuckDB or Spark) compares without any Python.

:func:`prepare_raw` makes the same table without the names layer (names as written), for the
baseline of the benchmark.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from habeas.interchange.values import fold
from habeas.names import InvalidNameError, normalize, parse_name
from habeas.names.canon import canon, skeleton
from habeas.names.given_names import groups
from habeas.names.scripts import detect_script
from habeas.vocabulary import Script

from .records import LinkRecord

NAME_COLUMNS = (
    "sur",
    "sur_skel",
    "sur_alt",
    "giv",
    "giv_key",
    "giv_init",
    "pat",
    "pat_stem",
    "pat_init",
)
OTHER_COLUMNS = ("gender", "region", "case_no", "facility", "detained", "detained_ym")
DATE_COLUMNS = ("birth", "birth_ym", "birth_year")

SCHEMA = pa.schema(
    [("unique_id", pa.int64()), ("source", pa.string())]
    + [(c, pa.string()) for c in NAME_COLUMNS]
    + [("birth", pa.string()), ("birth_ym", pa.string()), ("birth_year", pa.int32())]
    + [("articles", pa.list_(pa.string()))]
    + [(c, pa.string()) for c in OTHER_COLUMNS]
)

_PATR_SUFFIX = re.compile(r"(ovich|evich|ovna|evna|inichna|ichna|ich|ogli|kizi|ovitsh|evitsh)$")
_FACILITY = re.compile(r"\b([A-Za-zА-Яа-яЁё]{1,5})\s*[-–№ ]\s*(\d{1,3})\b")
_FACILITY_KIND = {
    "ик": "ik",
    "ik": "ik",
    "сизо": "sizo",
    "sizo": "sizo",
    "т": "t",
    "t": "t",
    "кп": "kp",
    "kp": "kp",
    "лиу": "liu",
    "liu": "liu",
    "вк": "vk",
    "vk": "vk",
    "лпу": "lpu",
    "lpu": "lpu",
    "ик-п": "ik",
}
_CASE_NO = re.compile(r"[^0-9a-zа-я]+")


def _best_name(rec: LinkRecord) -> str:
    """The record's name to read: a Cyrillic spelling when the record carries one."""
    if detect_script(rec.name) is Script.CYRILLIC:
        return rec.name
    for alias in rec.aliases:
        if detect_script(alias) is Script.CYRILLIC:
            return alias
    return rec.name or rec.name_latin


def _group_key(ids: frozenset[int]) -> str:
    all_groups = groups()
    return min(canon(all_groups[i].name) for i in ids)


@lru_cache(maxsize=400_000)
def name_keys(text: str) -> tuple[str | None, ...]:
    """The name columns (:data:`NAME_COLUMNS`) of one name; all None for a non-name."""
    try:
        n = normalize(text)
    except InvalidNameError:
        return (None,) * len(NAME_COLUMNS)
    sur = sur_skel = sur_alt = giv = giv_key = giv_init = pat = pat_stem = pat_init = None
    if n.surname is not None:
        sur = n.surname.canons[0]
        sur_skel = skeleton(sur) or sur
        # a second reading (German/French spelling, ambiguous nominative) for recall
        alts = sorted(skeleton(c) or c for c in n.surname.canons[1:])
        sur_alt = next((a for a in alts if a != sur_skel), sur_skel)
    if n.given is not None:
        giv_init = n.given.canons[0][:1] or None
        if not n.given.is_initial:
            giv = n.given.canons[0]
            giv_key = _group_key(n.given.groups) if n.given.groups else giv
            giv_init = giv_key[:1]
    if n.patronymic is not None:
        pat_init = n.patronymic.canons[0][:1] or None
        if not n.patronymic.is_initial:
            pat = n.patronymic.canons[0].replace(" ", "")
            stem = _PATR_SUFFIX.sub("", pat)
            pat_stem = stem or pat
    return (sur, sur_skel, sur_alt, giv, giv_key, giv_init, pat, pat_stem, pat_init)


@lru_cache(maxsize=20_000)
def facility_key(text: str) -> str | None:
    """``ik25`` from «ФКУ ИК-25 УФСИН России по …» or "IK-25, Yamalo-Nenets AO"."""
    for m in _FACILITY.finditer(text):
        kind = _FACILITY_KIND.get(m.group(1).casefold())
        if kind:
            return f"{kind}{int(m.group(2))}"
    folded = fold(text)
    return folded or None


def _date_parts(text: str) -> tuple[str | None, str | None, int | None]:
    """(full date, year-month, year) of an interchange date; precision decides which."""
    text = text.strip()
    if len(text) < 4 or not text[:4].isdigit():
        return None, None, None
    year = int(text[:4])
    ym = text[:7] if len(text) >= 7 else None
    full = text[:10] if len(text) >= 10 else None
    return full, ym, year


def _other(rec: LinkRecord) -> dict[str, object]:
    birth, birth_ym, birth_year = _date_parts(rec.birth_date)
    det, det_ym, _ = _date_parts(rec.detained_on)
    case_no = _CASE_NO.sub("", rec.case_number.casefold()) or None
    return {
        "birth": birth,
        "birth_ym": birth_ym,
        "birth_year": birth_year,
        "articles": list(rec.article_numbers) or None,
        "gender": rec.gender if rec.gender in ("male", "female") else None,
        "region": fold(rec.region) or None,
        "case_no": case_no,
        "facility": facility_key(rec.facility) if rec.facility else None,
        "detained": det,
        "detained_ym": det_ym,
    }


def _rows_to_table(rows: dict[str, list[object]]) -> pa.Table:
    return pa.table(rows, schema=SCHEMA)


def _empty_columns() -> dict[str, list[object]]:
    return {name: [] for name in SCHEMA.names}


def prepare(records: Iterable[LinkRecord], workers: int | None = None) -> pa.Table:
    """Normalise records into the linkage table (one row per record, :data:`SCHEMA`).

    Each distinct name is normalised once. With many distinct names (at least
    :data:`PARALLEL_MIN_NAMES`) the names are shared out among ``workers`` processes
    (default: the CPUs this process may use; ``workers=1`` stays in this process). The
    table is the same either way: the workers run the same cached functions.
    """
    records = records if isinstance(records, list) else list(records)
    best = [_best_name(rec) for rec in records]
    names = name_rows(best, workers)
    cols = _empty_columns()
    for rec, text in zip(records, best, strict=True):
        cols["unique_id"].append(rec.record_id)
        cols["source"].append(rec.source)
        row = names[text]
        for name, value in zip(NAME_COLUMNS, row, strict=False):
            cols[name].append(value)
        other = _other(rec)
        if other["gender"] is None:
            other["gender"] = row[-1]
        for name, value in other.items():
            cols[name].append(value)
    return _rows_to_table(cols)


#: Fewer distinct names than this are normalised in this process (a pool costs more).
PARALLEL_MIN_NAMES = 20_000
#: Names per task sent to a worker process.
CHUNK_NAMES = 2_000


def default_workers() -> int:
    """The number of CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _name_row(text: str) -> tuple[str | None, ...]:
    """:func:`name_keys` of a name followed by the gender the name implies."""
    return (*name_keys(text), _name_gender(text))


def _name_chunk(texts: list[str]) -> list[tuple[str | None, ...]]:
    return [_name_row(t) for t in texts]


def name_rows(
    texts: Iterable[str], workers: int | None = None
) -> dict[str, tuple[str | None, ...]]:
    """Distinct name -> :func:`name_keys` plus the name's gender, computed in ``workers``
    processes when there are many (see :func:`prepare`)."""
    distinct = sorted(set(texts))  # sorted: a surname's spellings mostly share a chunk
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(distinct) < PARALLEL_MIN_NAMES:
        return {t: _name_row(t) for t in distinct}
    chunks = [distinct[i : i + CHUNK_NAMES] for i in range(0, len(distinct), CHUNK_NAMES)]
    methods = mp.get_all_start_methods()
    # fork: the workers start at once with the name data (and caches) already loaded
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    gc.collect()
    gc.freeze()  # keep the parent's objects out of the children's garbage collection
    try:
        with ctx.Pool(workers) as pool:
            rows = [row for part in pool.imap(_name_chunk, chunks) for row in part]
    finally:
        gc.unfreeze()
    return dict(zip(distinct, rows, strict=True))


@lru_cache(maxsize=100_000)
def _name_gender(text: str) -> str | None:
    try:
        g = normalize(text).gender
    except InvalidNameError:
        return None
    return g.value if g is not None and g.value in ("male", "female") else None


@lru_cache(maxsize=400_000)
def raw_name_keys(text: str) -> tuple[str | None, ...]:
    """Name columns for the baseline: parts as written (lower case), no names layer."""
    try:
        p = parse_name(text)
    except InvalidNameError:
        return (None,) * len(NAME_COLUMNS)

    def low(s: str | None) -> str | None:
        return s.casefold().replace("ё", "е") if s else None

    sur, giv, pat = low(p.surname), low(p.given), low(p.patronymic)
    return (
        sur,
        sur,
        sur,
        giv,
        giv,
        giv[:1] if giv else None,
        pat,
        pat,
        pat[:1] if pat else None,
    )


def prepare_raw(records: Iterable[LinkRecord]) -> pa.Table:
    """The baseline's table: same columns, names only parsed into parts (no transliteration,
    no nominative, no given-name groups), the record's own ``name`` field."""
    cols = _empty_columns()
    for rec in records:
        cols["unique_id"].append(rec.record_id)
        cols["source"].append(rec.source)
        for name, value in zip(NAME_COLUMNS, raw_name_keys(rec.name), strict=True):
            cols[name].append(value)
        for name, value in _other(rec).items():
            cols[name].append(value)
    return _rows_to_table(cols)


def names_only(table: pa.Table) -> pa.Table:
    """The same table with every non-name fact blanked (to measure names alone)."""
    out = table
    for name in ("birth", "birth_ym", "birth_year", "articles", *OTHER_COLUMNS):
        if name == "gender":
            continue
        idx = out.schema.get_field_index(name)
        out = out.set_column(idx, name, pa.nulls(len(out), out.schema.field(name).type))
    return out


def write_parquet(table: pa.Table, path: Path) -> Path:
    """Write a prepared table to Parquet (the hand-over format for DuckDB and Spark)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path


def read_parquet(path: Path) -> pa.Table:
    """Read a prepared table written by :func:`write_parquet`."""
    return pq.read_table(path, schema=SCHEMA)
