"""Importing a list file into the registry: all of it in one transaction, or none of it.

Every row becomes (or updates) a source record of the named source; a new record starts a
new registry person, which identity resolution may later join to others. Re-importing an
unchanged file writes nothing; a newer version of a list is recorded as source changes
(rows added, modified, removed, restored).
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
from habeas.apps.cases.models import Case, CustodyPeriod, Event, Recognition
from habeas.apps.registry.facts import FactRows, add_facts
from habeas.apps.registry.models import Person, PersonName, PersonNote, SourceRecord
from habeas.apps.registry.profile import apply_profile, display_names, refresh_profiles
from habeas.apps.sources.models import ImportRun, Source, SourceChange
from habeas.interchange import (
    ImportProblem,
    InterchangeError,
    InterchangeRow,
    Mapping,
    RawRow,
    normalize_row,
    open_table,
)
from habeas.interchange.mapping import IDENTITY
from habeas.interchange.rows import plan_columns
from habeas.profiles import RecordFacts, derive_profile

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


class _Batch:
    """Rows waiting to be written together."""

    def __init__(self) -> None:
        self.new: list[InterchangeRow] = []

    def __len__(self) -> int:
        return len(self.new)


class Importer:
    """One import run. Use :func:`import_file`."""

    def __init__(
        self,
        path: Path,
        source: Source,
        mapping: Mapping,
        run: ImportRun,
        today: date,
        report: ImportReport,
    ) -> None:
        self.path = path
        self.source = source
        self.mapping = mapping
        self.run = run
        self.today = today
        self.report = report
        self.facilities = FacilityCache()
        self.existing: dict[str, _Existing] = {
            key: _Existing(rid, h, pid, removed is not None)
            for key, rid, h, pid, removed in SourceRecord.objects.filter(source=source)
            .values_list("source_key", "pk", "content_hash", "person_id", "removed_in_id")
            .iterator(chunk_size=5000)
        }
        self.seen: dict[str, int] = {}
        self.batch = _Batch()
        self.touched_persons: set[int] = set()
        self.rejects: list[tuple[RawRow, list[ImportProblem]]] = []

    # -- reading ------------------------------------------------------------------------

    def run_rows(
        self,
        rows: Iterator[RawRow],
        plan: dict[str, str],
        skip_bad_rows: bool,
        progress: Progress | None,
    ) -> None:
        """Read, check and write every row; collect problems instead of writing after one."""
        failed = False
        for raw in rows:
            self.report.rows_read += 1
            if progress:
                progress(1)
            try:
                row = normalize_row(raw, plan, self.mapping, self.report.file, self.today)
                self._check_duplicate(row)
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
                self._route(row, raw)
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

    def _route(self, row: InterchangeRow, raw: RawRow) -> None:
        row_raw = raw.values
        known = self.existing.get(row.source_key)
        if known is None:
            row.__dict__["_raw"] = row_raw
            self.batch.new.append(row)
            if len(self.batch) >= BATCH_ROWS:
                self._flush()
            return
        content_hash = row.content_hash
        if known.content_hash == content_hash and not known.removed:
            self.report.unchanged += 1
            return
        self._update(row, row_raw, known, content_hash)

    # -- writing ------------------------------------------------------------------------

    def _flush(self) -> None:
        rows = self.batch.new
        if not rows:
            return
        self.batch = _Batch()
        persons = []
        for row in rows:
            data = row.to_data()
            person = Person()
            apply_profile(
                person, derive_profile([RecordFacts(0, self.source.name, data)], display_names)
            )
            persons.append(person)
        Person.objects.bulk_create(persons, batch_size=1000)
        records = [
            SourceRecord(
                source=self.source,
                source_key=row.source_key,
                person_id=person.pk,
                first_import=self.run,
                last_import=self.run,
                row_number=row.number,
                content_hash=row.content_hash,
                raw=row.__dict__.pop("_raw"),
                data=row.to_data(),
                **_record_columns(row),
            )
            for row, person in zip(rows, persons, strict=True)
        ]
        SourceRecord.objects.bulk_create(records, batch_size=1000)
        facts = FactRows()
        for row, record in zip(rows, records, strict=True):
            add_facts(facts, row, record, self.facilities)
        facts.save()
        SourceChange.objects.bulk_create(
            [
                SourceChange(import_run=self.run, record=r, kind=SourceChange.Kind.ADDED)
                for r in records
            ],
            batch_size=1000,
        )
        self.report.added += len(rows)
        self.report.persons_created += len(persons)

    def _update(
        self, row: InterchangeRow, raw: dict[str, str], known: _Existing, content_hash: str
    ) -> None:
        record = SourceRecord.objects.get(pk=known.record_id)
        before = record.data
        after = row.to_data()
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        if known.removed:
            SourceChange.objects.create(
                import_run=self.run, record=record, kind=SourceChange.Kind.RESTORED, fields=changes
            )
            self.report.restored += 1
        else:
            SourceChange.objects.create(
                import_run=self.run, record=record, kind=SourceChange.Kind.MODIFIED, fields=changes
            )
            self.report.modified += 1
        for column, value in _record_columns(row).items():
            setattr(record, column, value)
        record.data, record.raw, record.content_hash = after, raw, content_hash
        record.row_number, record.last_import, record.removed_in = row.number, self.run, None
        record.save()
        delete_facts(record)
        facts = FactRows()
        add_facts(facts, row, record, self.facilities)
        facts.save()
        self.touched_persons.add(record.person_id)

    def mark_removed(self) -> None:
        """Records of this source that the new file no longer has are marked removed."""
        gone = [e for key, e in self.existing.items() if key not in self.seen and not e.removed]
        ids = [e.record_id for e in gone]
        for start in range(0, len(ids), 1000):
            SourceRecord.objects.filter(pk__in=ids[start : start + 1000]).update(
                removed_in=self.run
            )
        SourceChange.objects.bulk_create(
            [
                SourceChange(
                    import_run=self.run, record_id=e.record_id, kind=SourceChange.Kind.REMOVED
                )
                for e in gone
            ],
            batch_size=1000,
        )
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
    for model in (PersonName, Case, CustodyPeriod, Event, Recognition, PersonNote):
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
    if on_total:
        on_total(count_data_rows(path, reader.format))
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
        importer = Importer(path, source_obj, mapping, run, today or timezone.localdate(), report)
        importer.run_rows(iter(reader), plan, skip_bad_rows, progress)
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
        if dry_run or not report.changed:
            transaction.set_rollback(True)
            report.import_id = None
    if importer.rejects and not dry_run:
        report.rejects_file = str(write_rejects(path, importer.rejects))
    report.seconds = round(time.perf_counter() - started, 3)
    return report
