"""Importing a list file into the registry: all of it in one transaction, or none of it.

Every row becomes (or updates) a source record of the named source; a new record starts a
new registry person, which identity resolution may later join to others. Re-importing an
unchanged file writes nothing; a newer version of a list is recorded as source changes
(rows added, modified, removed, restored). Rows are checked and parsed, and the database
rows each one becomes are built as tuples, in worker processes for large files
(:mod:`habeas.interchange.pipeline`, :mod:`habeas.interchange.facts`); this process only
routes rows, puts ids in front (reserved per batch) and writes in bulk
(:mod:`habeas.apps.registry.bulk`: ``executemany`` on SQLite, ``COPY`` on PostgreSQL).
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from habeas.apps.cases.facilities import classify_facility
from habeas.apps.cases.models import (
    Case,
    Charge,
    CustodyPeriod,
    Event,
    Facility,
    FacilityAddress,
    Recognition,
    Sentence,
)
from habeas.apps.registry.bulk import IdPool, RowTable
from habeas.apps.registry.facts import FACT_MODELS
from habeas.apps.registry.models import NameKey, Person, PersonName, PersonNote, SourceRecord
from habeas.apps.registry.profile import refresh_profiles
from habeas.apps.registry.search import refresh_search_index
from habeas.apps.sources.models import ImportRun, Source, SourceChange
from habeas.audit.hooks import record_import
from habeas.interchange import (
    ImportProblem,
    InterchangeError,
    Mapping,
    RawRow,
    open_table,
)
from habeas.interchange.facts import (
    CASE_COLUMNS,
    CHARGE_COLUMNS,
    CUSTODY_COLUMNS,
    EVENT_COLUMNS,
    KEY_COLUMNS,
    NAME_COLUMNS,
    NOTE_COLUMNS,
    PERSON_COLUMNS,
    RECOGNITION_COLUMNS,
    RECORD_COLUMNS,
    SENTENCE_COLUMNS,
    RowFacts,
)
from habeas.interchange.mapping import IDENTITY
from habeas.interchange.pipeline import (
    PARALLEL_FROM_ROWS,
    Prepared,
    default_workers,
    prepared_rows,
)
from habeas.interchange.rows import plan_columns
from habeas.profiles import parse_iso_date

#: Files above this size are refused unless the caller raises the limit.
DEFAULT_MAX_BYTES = 1 << 30
#: Problems collected before an import gives up reading further.
MAX_PROBLEMS = 50
BATCH_ROWS = 2000
#: SQLite page cache during an import, in KiB (the default is 2,000).
SQLITE_CACHE_KIB = 256 * 1024

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


@contextmanager
def _import_cache() -> Iterator[None]:
    """A larger SQLite page cache for the length of an import, then the previous size.

    An import inserts into a dozen indexes in no useful order (name keys, folded names,
    dates); with SQLite's default 2 MB cache the pages of a growing database are evicted
    and spilled to the write-ahead log over and over. Only memory changes: the journal and
    the all-or-nothing commit stay as they are.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


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
    """One import run. Use :func:`import_file`.

    The rows arrive as database-ready tuples (:mod:`habeas.interchange.facts`, built in the
    worker processes); this class routes each row (new, changed, unchanged, duplicate),
    assigns ids to a batch of new rows at once and writes every table in bulk.
    """

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
        self.facilities = _Facilities(self.ids, self.now)
        now = self.now
        self.persons = RowTable(Person, ("id", *PERSON_COLUMNS), now)
        self.records = RowTable(
            SourceRecord,
            ("id", "source_id", "person_id", "first_import_id", "last_import_id", *RECORD_COLUMNS),
            now,
        )
        own = ("person_id", "record_id")
        self.names = RowTable(PersonName, (*own, *NAME_COLUMNS), now)
        self.keys = RowTable(NameKey, (*own, *KEY_COLUMNS), now)
        self.cases = RowTable(Case, ("id", *own, *CASE_COLUMNS), now)
        self.charges = RowTable(Charge, ("case_id", *CHARGE_COLUMNS), now)
        self.sentences = RowTable(Sentence, ("case_id", *SENTENCE_COLUMNS), now)
        self.custody = RowTable(CustodyPeriod, (*own, *CUSTODY_COLUMNS, "facility_id"), now)
        self.events = RowTable(Event, (*own, *EVENT_COLUMNS), now)
        self.recognitions = RowTable(Recognition, (*own, *RECOGNITION_COLUMNS), now)
        self.notes = RowTable(PersonNote, (*own, *NOTE_COLUMNS), now)
        self.changes = RowTable(SourceChange, ("import_run_id", "record_id", "kind", "fields"), now)
        self.existing: dict[str, _Existing] = {
            key: _Existing(rid, h, pid, removed is not None)
            for key, rid, h, pid, removed in SourceRecord.objects.filter(source=source)
            .values_list("source_key", "pk", "content_hash", "person_id", "removed_in_id")
            .iterator(chunk_size=5000)
        }
        self.seen: dict[str, int] = {}
        self.new_rows: list[RowFacts] = []
        self.pending_facts: list[tuple[RowFacts, int, int]] = []
        self.touched_persons: set[int] = set()
        self.rejects: list[tuple[RawRow, list[ImportProblem]]] = []

    # -- reading ------------------------------------------------------------------------

    def run_rows(
        self, prepared: Iterator[Prepared], skip_bad_rows: bool, progress: Progress | None
    ) -> None:
        """Check and write every row; after a bad row, only collect problems."""
        failed = False
        for raw, outcome in prepared:
            self.report.rows_read += 1
            if progress:
                progress(1)
            try:
                if isinstance(outcome, InterchangeError):
                    raise outcome
                self._check_duplicate(outcome)
            except InterchangeError as exc:
                if skip_bad_rows:
                    self.rejects.append((raw or _raw_of(outcome), exc.problems))  # type: ignore[arg-type]
                    self.report.rejected += 1
                    continue
                failed = True
                self.report.problems.extend(exc.problems)
                if len(self.report.problems) >= MAX_PROBLEMS:
                    break
                continue
            if not failed:
                self._route(outcome)
        if failed:
            raise InterchangeError(self.report.problems[:MAX_PROBLEMS])
        self._flush()

    def _check_duplicate(self, row: RowFacts) -> None:
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

    def _route(self, row: RowFacts) -> None:
        known = self.existing.get(row.source_key)
        if known is None:
            self.new_rows.append(row)
            if len(self.new_rows) >= BATCH_ROWS:
                self._flush()
            return
        if known.content_hash == row.content_hash and not known.removed:
            self.report.unchanged += 1
            return
        self._update(row, known)

    # -- writing ------------------------------------------------------------------------

    def _flush(self) -> None:
        rows, self.new_rows = self.new_rows, []
        person_ids = self.ids.take(Person, len(rows))
        record_ids = self.ids.take(SourceRecord, len(rows))
        source, run = self.source.pk, self.run.pk
        persons, records = self.persons.rows, self.records.rows
        for row, person_id, record_id in zip(rows, person_ids, record_ids, strict=True):
            persons.append((person_id, *row.person))
            records.append((record_id, source, person_id, run, run, *row.record))
        self.pending_facts.extend(zip(rows, person_ids, record_ids, strict=True))
        if self.existing:
            # Rows new to a list seen before; on a first import the records' first_import
            # already says where each row came from.
            added = SourceChange.Kind.ADDED.value
            self.changes.extend((run, record_id, added, "{}") for record_id in record_ids)
        self._queue_facts()
        self.facilities.flush()
        self.persons.flush()
        self.records.flush()
        for table in (
            self.cases,
            self.charges,
            self.sentences,
            self.names,
            self.keys,
            self.custody,
            self.events,
            self.recognitions,
            self.notes,
            self.changes,
        ):
            table.flush()
        self.report.added += len(rows)
        self.report.persons_created += len(rows)

    def _queue_facts(self) -> None:
        """Put the ids in front of the queued rows' fact tuples."""
        pending, self.pending_facts = self.pending_facts, []
        case_ids = iter(self.ids.take(Case, sum(1 for r, _, _ in pending if r.case)))
        names, keys, events = self.names.rows, self.keys.rows, self.events.rows
        custody, recognitions = self.custody.rows, self.recognitions.rows
        for row, person_id, record_id in pending:
            own = (person_id, record_id)
            names.extend([own + t for t in row.names])
            keys.extend([own + t for t in row.keys])
            events.extend([own + t for t in row.events])
            if row.recognitions:
                recognitions.extend([own + t for t in row.recognitions])
            if row.notes:
                self.notes.extend([own + t for t in row.notes])
            if row.case:
                case_id = next(case_ids)
                self.cases.add((case_id, *own, *row.case))
                self.charges.extend([(case_id, *t) for t in row.charges])
                if row.sentence:
                    self.sentences.add((case_id, *row.sentence))
            # A named facility is recorded even when no custody period points to it.
            facility = self.facilities.id_for(row.facility)
            if row.custody:
                custody.extend([(*own, *t[1:], facility if t[0] else None) for t in row.custody])

    def _update(self, row: RowFacts, known: _Existing) -> None:
        record = SourceRecord.objects.get(pk=known.record_id)
        before = record.data
        values = dict(zip(RECORD_COLUMNS, row.record, strict=True))
        after = json.loads(values.pop("data"))
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        kind = SourceChange.Kind.RESTORED if known.removed else SourceChange.Kind.MODIFIED
        self.changes.add(
            (self.run.pk, record.pk, kind.value, json.dumps(changes, ensure_ascii=False))
        )
        if known.removed:
            self.report.restored += 1
        else:
            self.report.modified += 1
        values["raw"] = json.loads(values["raw"])
        values["birth_date"] = parse_iso_date(values["birth_date"] or "")
        for column, value in values.items():
            setattr(record, column, value)
        record.data, record.last_import, record.removed_in = after, self.run, None
        record.save()
        delete_facts(record)
        self.pending_facts.append((row, record.person_id, record.pk))
        self.touched_persons.add(record.person_id)

    def mark_removed(self) -> None:
        """Records of this source that the new file no longer has are marked removed."""
        gone = [e for key, e in self.existing.items() if key not in self.seen and not e.removed]
        ids = [e.record_id for e in gone]
        for start in range(0, len(ids), 1000):
            SourceRecord.objects.filter(pk__in=ids[start : start + 1000]).update(
                removed_in=self.run
            )
        removed = SourceChange.Kind.REMOVED.value
        self.changes.extend((self.run.pk, entry.record_id, removed, "{}") for entry in gone)
        self.changes.flush()
        self.touched_persons.update(e.person_id for e in gone)
        self.report.removed = len(gone)


class _Facilities:
    """Facility ids for the (name, letter address, country) that rows give, in one import.

    The registry's facilities and addresses are read once; a name or address not seen
    before is queued once (its name normalised, with the type, number and region
    :func:`habeas.apps.cases.facilities.classify_facility` reads from it), and written in bulk by
    :meth:`flush` before the custody periods that point to it.
    """

    BLOCK = 64

    def __init__(self, ids: IdPool, now: Any) -> None:
        self.pool = ids
        self.free: list[int] = []
        self.by_name: dict[str, int] = dict(Facility.objects.values_list("name", "pk"))
        self.addresses: set[tuple[int, str]] = set(
            FacilityAddress.objects.values_list("facility_id", "address")
        )
        self.ids: dict[tuple[str, str, str], int | None] = {}
        self.new = RowTable(
            Facility, ("id", "name", "facility_type", "number", "region", "country"), now
        )
        self.new_addresses = RowTable(FacilityAddress, ("facility_id", "address"), now)

    def id_for(self, key: tuple[str, str, str]) -> int | None:
        """The id of the facility named in ``key`` (None without a name)."""
        if key in self.ids:
            return self.ids[key]
        name, address, country = key
        name = " ".join(name.split())
        facility_id = None
        if name:
            facility_id = self.by_name.get(name)
            if facility_id is None:
                if not self.free:
                    # Ids in blocks: one sequence query per block, not per facility.
                    self.free = self.pool.take(Facility, self.BLOCK)[::-1]
                facility_id = self.free.pop()
                kind, number, region = classify_facility(name)
                self.new.add((facility_id, name, kind.value, number, region, country))
                self.by_name[name] = facility_id
            address = " ".join(address.split())
            if address and (facility_id, address) not in self.addresses:
                self.new_addresses.add((facility_id, address))
                self.addresses.add((facility_id, address))
        self.ids[key] = facility_id
        return facility_id

    def flush(self) -> None:
        """Write the facilities and addresses queued since the last flush."""
        self.new.flush()
        self.new_addresses.flush()


def _raw_of(row: RowFacts) -> RawRow:
    """A row's cells again (for the rejects file), from the JSON its facts carry."""
    return RawRow(row.number, json.loads(row.record[RECORD_COLUMNS.index("raw")]))


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
    with _import_cache(), transaction.atomic():
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
        prepared = prepared_rows(reader, plan, mapping, label, importer.today, workers=workers)
        importer.run_rows(prepared, skip_bad_rows, progress)
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
    if not dry_run and report.changed:
        # outside the import's transaction: a failure here loses no data, and until the
        # index catches up the prefix search scans the names instead
        refresh_search_index()
    if importer.rejects and not dry_run:
        report.rejects_file = str(write_rejects(path, importer.rejects))
    report.seconds = round(time.perf_counter() - started, 3)
    return report
