"""The kept table of prepared records: reused row by row only where the content is the same;
a missing, unreadable, foreign or outdated file is rebuilt, never trusted."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from habeas.linkage import LinkRecord, prepare
from habeas.linkage import prepared as kept_module
from habeas.linkage.prepared import (
    CACHE_SCHEMA,
    KEY_COLUMN,
    read_kept,
    record_key,
    refresh,
    write_kept,
)


def _key(rec: LinkRecord) -> int:
    return record_key(rec.source, repr(dataclasses.astuple(rec)))


def _rows(records: list[LinkRecord]) -> list[tuple[int, int, LinkRecord]]:
    return [(r.record_id, _key(r), r) for r in sorted(records, key=lambda r: r.record_id)]


def _make(_: int, rec: LinkRecord) -> LinkRecord:
    return rec


def _counting_prepare(seen: list[int]):
    def run(records: list[LinkRecord]) -> pa.Table:
        seen.extend(r.record_id for r in records)
        return prepare(records, workers=1)

    return run


@pytest.fixture(scope="module")
def records(demo) -> list[LinkRecord]:
    return sorted(demo[0], key=lambda r: r.record_id)


def test_without_a_kept_table_every_record_is_prepared(records) -> None:
    seen: list[int] = []
    out = refresh(None, _rows(records), _make, _counting_prepare(seen))
    assert out.table.equals(prepare(records, workers=1))
    assert out.prepared == len(records) and out.reused == 0 and out.changed
    assert out.kept.schema.equals(CACHE_SCHEMA)
    assert seen == [r.record_id for r in records]


def test_only_new_and_changed_records_are_prepared_and_removed_ones_dropped(records) -> None:
    first = refresh(None, _rows(records[:-50]), _make, prepare)
    changed = dataclasses.replace(records[10], name="Иванов Пётр Сергеевич", birth_date="1970")
    renamed = dataclasses.replace(records[20], source="Another source")
    removed = {records[30].record_id, records[31].record_id}
    now = [
        changed if r is records[10] else renamed if r is records[20] else r
        for r in records
        if r.record_id not in removed
    ]
    seen: list[int] = []
    out = refresh(first.kept, _rows(now), _make, _counting_prepare(seen))
    assert out.table.equals(prepare(now, workers=1))  # as if everything were prepared anew
    assert sorted(seen) == sorted(
        [changed.record_id, renamed.record_id, *(r.record_id for r in records[-50:])]
    )
    assert out.reused == len(now) - len(seen)
    assert out.dropped == 2
    # nothing changed since: nothing prepared, nothing to write
    again = refresh(out.kept, _rows(now), _make, _counting_prepare(seen := []))
    assert not seen and not again.changed and again.table.equals(out.table)


def test_rows_must_come_in_id_order(records) -> None:
    rows = list(reversed(_rows(records[:3])))
    with pytest.raises(ValueError, match="ascending"):
        refresh(None, rows, _make, prepare)


def test_write_and_read_back(tmp_path: Path, records) -> None:
    out = refresh(None, _rows(records), _make, prepare)
    path = write_kept(out.kept, tmp_path / "sub" / "kept.parquet")
    back = read_kept(path)
    assert back is not None and back.equals(out.kept)
    assert [p.name for p in path.parent.iterdir()] == ["kept.parquet"]  # no temporary left


def test_a_missing_unreadable_or_foreign_file_is_not_trusted(tmp_path: Path, records) -> None:
    assert read_kept(tmp_path / "absent.parquet") is None
    assert read_kept(None) is None
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"not parquet at all")
    assert read_kept(garbage) is None
    # a plain prepared table (write_parquet) has no keys and no fingerprint
    plain = tmp_path / "plain.parquet"
    pq.write_table(prepare(records[:5]), plain)
    assert read_kept(plain) is None
    # right fingerprint, wrong layout
    out = refresh(None, _rows(records[:5]), _make, prepare)
    path = write_kept(out.kept, tmp_path / "kept.parquet")
    table = pq.read_table(path)
    pq.write_table(table.drop_columns(["facility"]), path)
    assert read_kept(path) is None


def test_a_file_from_other_normalisation_code_is_rebuilt(
    tmp_path: Path, records, monkeypatch
) -> None:
    out = refresh(None, _rows(records[:20]), _make, prepare)
    path = write_kept(out.kept, tmp_path / "kept.parquet")
    assert read_kept(path) is not None
    assert read_kept(path, baseline=True) is None  # raw names: another preparation
    monkeypatch.setattr(kept_module, "fingerprint", lambda baseline=False: "other code")
    assert read_kept(path) is None


def test_the_fingerprint_follows_the_normalisation_code(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "habeas"
    for entry in kept_module._CODE:
        target = root / entry
        if entry.endswith(".py"):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("# code\n")
        else:
            (target / "data").mkdir(parents=True)
            (target / "data" / "names.toml").write_text("a = 1\n")
    fake = root / "linkage" / "prepared.py"
    monkeypatch.setattr(kept_module, "__file__", str(fake))
    kept_module.fingerprint.cache_clear()
    try:
        before = kept_module.fingerprint()
        (root / "names" / "data" / "names.toml").write_text("a = 2\n")
        kept_module.fingerprint.cache_clear()
        assert kept_module.fingerprint() != before
    finally:
        kept_module.fingerprint.cache_clear()


def test_a_kept_row_is_reused_only_under_its_key(records) -> None:
    first = refresh(None, _rows(records[:5]), _make, prepare)
    # same ids, other content (another registry, or the same ids reused): all prepared again
    other = [dataclasses.replace(r, name="Петров Иван Иванович") for r in records[:5]]
    seen: list[int] = []
    out = refresh(first.kept, _rows(other), _make, _counting_prepare(seen))
    assert len(seen) == 5 and out.table.equals(prepare(other, workers=1))
    assert out.kept[KEY_COLUMN].to_pylist() == [_key(r) for r in other]
