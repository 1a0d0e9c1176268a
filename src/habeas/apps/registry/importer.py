"""Importing a list file into the registry: all of it in one transaction, or none of it.

Every row becomes (or updates) a source record of the named source; a new record starts a
new registry person, which identity resolution may later join to others. Re-importing an
unchanged file writes nothing; a newer version of a list is recorded as source changes
(rows added, modified, removed, restored). Rows are checked and parsed in worker processes
for large files (:mod:`habeas.interchange.pipeline`) and written in bulk
(:mod:`habeas.apps.registry.bulk`).
"""

from __future__ import annotations

import csv
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from habeas.apps.cases.facilities import FacilityCache
from habeas.apps.registry.bulk import BulkTable, IdPool
from habeas.apps.registry.facts import FACT_MODELS, FactTables
from habeas.apps.registry.models import Person, SourceRecord
from habeas.apps.registry.profile import profile_columns, refresh_profiles
from habeas.apps.sources.models import ImportRun, Source, SourceChange
from habeas.audit.hooks import record_import
from habeas.interchange import (
    ImportProblem,
    InterchangeError,
    InterchangeRow,
    Mapping,
    RawRow,
    open_table,
)
from habeas.interchange.mapping import IDENTITY
from habeas.interchange.pipeline import (
    PARALLEL_FROM_ROWS,
    Outcome,
    default_workers,
    normalized_rows,
)
from habeas.interchange.rows import plan_columns

#: Files above this size are refused unless the caller raises the limit.
DEFAULT_MAX_BYTES = 1 << 30
#: Problems collected before an import gives up reading further.
MAX_PROBLEMS = 50
BATCH_ROWS = 2000

Progress = Callable[[int], None]


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    file: str
    source: str
    file_format: str
    encoding: str | None = None
    dry_run: bool = False
    rows_read: int = 0
    added: int = 0
    modified: int = 0
    removed: int = 0
    restored: int = 0
    unchanged: int = 0
    rejected: int = 0
    persons_created: int = 0
    import_id: int | None = None
    rejects_file: str | None = None
    seconds: float = 0.0
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the import found anything to write."""
        return bool(self.added or self.modified or self.removed or self.restored)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = {k: v for k, v in self.__dict__.items() if k != "problems"}
        data["problems"] = [p.to_dict() for p in self.problems]
        return data


@dataclass
class _Existing:
    record_id: int
    content_hash: str
    person_id: int
    removed: bool


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def count_data_rows(path: Path, file_format: str) -> int | None:
    """A quick estimate of the data rows, for a progress bar (None when not cheap)."""
    if file_format not in ("csv", "jsonl"):
        return None
    with path.open("rb") as handle:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return max(lines - (1 if file_format == "csv" else 0), 0)


class Importer:
    """One import run. Use :func:`import_file`."""

    def __init__(
        self, source: Source, mapping: Mapping, run: ImportRun, today: date, report: ImportReport
    ) -> None:
        self.source = source
        self.mapping = mapping
        self.run = run
        self.today = today
        self.report = report
        self.now = timezone.now()
        self.ids = IdPool()
        self.facts = FactTables(self.ids, FacilityCache())
        self.persons = BulkTable(Person, with_ids=True)
        self.records = BulkTable(SourceRecord, with_ids=True)
        self.changes = BulkTable(SourceChange)
        self.existing: dict[str, _Existing] = {
            key: _Existing(rid, h, pid, removed is not None)
            for key, rid, h, pid, removed in SourceRecord.objects.filter(source=source)
            .values_list("source_key", "pk", "content_hash", "person_id", "removed_in_id")
            .iterator(chunk_size=5000)
        }
        self.seen: dict[str, int] = {}
        self.new_rows: list[tuple[InterchangeRow, dict[str, str]]] = []
        self.touched_persons: set[int] = set()
        self.rejects: list[tuple[RawRow, list[ImportProblem]]] = []

    # -- reading ------------------------------------------------------------------------

    def run_rows(
        self, outcomes: Iterator[Outcome], skip_bad_rows: bool, progress: Progress | None
    ) -> None:
        """Check and write every row; after a bad row, only collect problems."""
        failed = False
        for raw, outcome in outcomes:
            self.report.rows_read += 1
            if progress:
                progress(1)
            try:
                if isinstance(outcome, InterchangeError):
                    raise outcome
                self._check_duplicate(outcome)
            except InterchangeError as exc:
                if skip_bad_rows:
                    self.rejects.append((raw, exc.problems))
                    self.report.rejected += 1
                    continue
                failed = True
                self.report.problems.extend(exc.problems)
                if len(self.report.problems) >= MAX_PROBLEMS:
                    break
                continue
            if not failed:
                self._route(outcome, raw.values)
        if failed:
            raise InterchangeError(self.report.problems[:MAX_PROBLEMS])
        self._flush()

    def _check_duplicate(self, row: InterchangeRow) -> None:
        key = row.source_key
        if key in self.seen:
            column = "source_id" if row.source_id else "name"
            value = row.source_id or row.name
            raise InterchangeError(
                ImportProblem(
                    self.report.file,
                    f"duplicate of row {self.seen[key]} (ids must be unique within a source)",
                    row.number,
                    column,
                    value,
                )
            )
        self.seen[key] = row.number

    def _route(self, row: InterchangeRow, raw: dict[str, str]) -> None:
        known = self.existing.get(row.source_key)
        if known is None:
            self.new_rows.append((row, raw))
            if len(self.new_rows) >= BATCH_ROWS:
                self._flush()
            return
        content_hash = row.content_hash
        if known.content_hash == content_hash and not known.removed:
            self.report.unchanged += 1
            return
        self._update(row, raw, known, content_hash)

    # -- writing ------------------------------------------------------------------------

    def _flush(self) -> None:
        rows, self.new_rows = self.new_rows, []
        person_ids = self.ids.take(Person, len(rows))
        record_ids = self.ids.take(SourceRecord, len(rows))
        for (row, raw), person_id, record_id in zip(rows, person_ids, record_ids, strict=True):
            self.persons.add(id=person_id, **profile_columns(row.profile))
            self.records.add(
                id=record_id,
                source_id=self.source.pk,
                source_key=row.source_key,
                person_id=person_id,
                first_import_id=self.run.pk,
                last_import_id=self.run.pk,
                row_number=row.number,
                content_hash=row.content_hash,
                raw=raw,
                data=row.to_data(),
                **_record_columns(row),
            )
            self.facts.add(row, person_id, record_id)
            if self.existing:
                # A row new to a list seen before; on a first import the records'
                # first_import already says where each row came from.
                self.changes.add(
                    import_run_id=self.run.pk,
                    record_id=record_id,
                    kind=SourceChange.Kind.ADDED.value,
                    fields={},
                )
        self.persons.flush(self.now)
        self.records.flush(self.now)
        self.facts.flush(self.now)
        self.changes.flush(self.now)
        self.report.added += len(rows)
        self.report.persons_created += len(rows)

    def _update(
        self, row: InterchangeRow, raw: dict[str, str], known: _Existing, content_hash: str
    ) -> None:
        record = SourceRecord.objects.get(pk=known.record_id)
        before = record.data
        after = row.to_data()
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        kind = SourceChange.Kind.RESTORED if known.removed else SourceChange.Kind.MODIFIED
        self.changes.add(
            import_run_id=self.run.pk, record_id=record.pk, kind=kind.value, fields=changes
        )
        if known.removed:
            self.report.restored += 1
        else:
            self.report.modified += 1
        for column, value in _record_columns(row).items():
            setattr(record, column, value)
        record.data, record.raw, record.content_hash = after, raw, content_hash
        record.row_number, record.last_import, record.removed_in = row.number, self.run, None
        record.save()
        delete_facts(record)
        self.facts.add(row, record.person_id, record.pk)
        self.touched_persons.add(record.person_id)

    def mark_removed(self) -> None:
        """Records of this source that the new file no longer has are marked removed."""
        gone = [e for key, e in self.existing.items() if key not in self.seen and not e.removed]
        ids = [e.record_id for e in gone]
        for start in range(0, len(ids), 1000):
            SourceRecord.objects.filter(pk__in=ids[start : start + 1000]).update(
                removed_in=self.run
            )
        for entry in gone:
            self.changes.add(
                import_run_id=self.run.pk,
                record_id=entry.record_id,
                kind=SourceChange.Kind.REMOVED.value,
                fields={},
            )
        self.changes.flush(self.now)
        self.touched_persons.update(e.person_id for e in gone)
        self.report.removed = len(gone)


def _record_columns(row: InterchangeRow) -> dict[str, Any]:
    return {
        "name": row.name[:300],
        "gender": row.gender.value if row.gender else "",
        "birth_date": row.birth_date.value if row.birth_date else None,
        "birth_precision": row.birth_date.precision.value if row.birth_date else "",
        "region": row.region[:200],
        "stated_status": row.status.value if row.status else "",
        "url": row.source_url[:1000],
        "notes": row.notes,
    }


def delete_facts(record: SourceRecord) -> None:
    """Remove the fact rows a record asserted (before re-asserting them from a new version)."""
    for model in FACT_MODELS:
        model.objects.filter(record=record).delete()


def write_rejects(path: Path, rejects: list[tuple[RawRow, list[ImportProblem]]]) -> Path:
    """Write rejected rows with their problems beside the imported file."""
    target = path.with_name(path.name + ".rejects.csv")
    columns = list(dict.fromkeys(col for raw, _ in rejects for col in raw.values))
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "problems", *columns])
        for raw, problems in rejects:
            text = "; ".join(
                f"{p.column}: {p.message} ({p.value!r})" if p.column else p.message
                for p in problems
            )
            writer.writerow([raw.number, text, *(raw.values.get(c, "") for c in columns)])
    return target


def import_file(
    path: Path,
    *,
    source: str,
    mapping: Mapping = IDENTITY,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: date | None = None,
    progress: Progress | None = None,
    on_total: Callable[[int | None], None] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import one list file into the registry as one transaction.

    Args:
        path: the file (CSV, XLSX, JSON or JSONL).
        source: the organisation or list it comes from; created on first use.
        mapping: how its columns map to the interchange format.
        dry_run: check and count everything, then write nothing.
        skip_bad_rows: import the good rows and write the bad ones to a rejects file.
        max_bytes: refuse larger files.
        today: the date after which no event date may lie (default: today).
        progress: called with the number of rows read since the last call.
        on_total: called once with the estimated number of rows (None if unknown).
        workers: processes that check and parse rows (default: the cores, for large files;
            0 parses in this process).

    Raises:
        InterchangeError: bad input; nothing was written.
    """
    started = time.perf_counter()
    label = str(path)
    if not source.strip():
        raise InterchangeError(ImportProblem(label, "a source name is required (--source)"))
    if path.is_file() and path.stat().st_size > max_bytes:
        size = path.stat().st_size
        raise InterchangeError(
            ImportProblem(
                label,
                f"file is {size / 2**30:.1f} GiB, above the {max_bytes / 2**30:.1f} GiB limit; "
                "split it or raise the limit with --max-size",
            )
        )
    reader = open_table(path, mapping)
    plan = plan_columns(reader)
    report = ImportReport(
        file=label,
        source=source.strip(),
        file_format=reader.format,
        encoding=reader.encoding,
        dry_run=dry_run,
    )
    estimate = count_data_rows(path, reader.format)
    if on_total:
        on_total(estimate)
    if workers is None:
        workers = default_workers() if (estimate or 0) >= PARALLEL_FROM_ROWS else 0
    with transaction.atomic():
        source_obj, _ = Source.objects.get_or_create(name=report.source)
        run = ImportRun.objects.create(
            source=source_obj,
            file_name=path.name,
            file_sha256=file_digest(path),
            file_format=reader.format,
            mapping=mapping.text,
            started_at=timezone.now(),
        )
        importer = Importer(source_obj, mapping, run, today or timezone.localdate(), report)
        outcomes = normalized_rows(reader, plan, mapping, label, importer.today, workers=workers)
        importer.run_rows(outcomes, skip_bad_rows, progress)
        importer.mark_removed()
        refresh_profiles(importer.touched_persons)
        run.finished_at = timezone.now()
        run.rows_read, run.rows_added, run.rows_modified = (
            report.rows_read,
            report.added,
            report.modified + report.restored,
        )
        run.rows_removed, run.rows_unchanged, run.rows_rejected = (
            report.removed,
            report.unchanged,
            report.rejected,
        )
        run.save()
        report.import_id = run.pk
        if not dry_run and report.changed:
            record_import(run, report.to_dict(), list(importer.touched_persons))
        if dry_run or not report.changed:
            transaction.set_rollback(True)
            report.import_id = None
    if importer.rejects and not dry_run:
        report.rejects_file = str(write_rejects(path, importer.rejects))
    report.seconds = round(time.perf_counter() - started, 3)
    return report
