"""Identity resolution on the registry: run the linker, apply its clusters, keep decisions.

:mod:`habeas.linkage` decides which source records describe one human being; this module
feeds it the registry's records and decision log, and applies the result: records move to
the person of their cluster, a new cluster gets a new person, and a person whose records all
went elsewhere is marked ``merged_into`` the survivor, so every id ever shown still resolves.
Each run, and each decision with the re-forming it causes, is one transaction.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from habeas.apps.registry.bulk import BulkTable
from habeas.apps.registry.facts import FACT_MODELS
from habeas.apps.registry.models import (
    LinkDecision,
    LinkRun,
    Person,
    ReviewItem,
    SourceRecord,
)
from habeas.apps.registry.profile import refresh_profiles
from habeas.linkage import Decision, Linker, LinkRecord, LinkResult, Verdict, default_model_path
from habeas.linkage.prepared import Refreshed, read_kept, record_key, refresh, write_kept
from habeas.store import linkage_cache_path

#: Tables whose rows carry a denormalised ``person_id`` next to their ``record_id``.
PERSON_TABLES = (SourceRecord, *FACT_MODELS)


@dataclass
class LinkReport:
    """What a link run did."""

    run_id: int
    incremental: bool
    source_records: int = 0
    new_records: int = 0
    pairs_scored: int = 0
    linked_automatically: int = 0
    sent_to_review: int = 0
    persons: int = 0
    persons_created: int = 0
    persons_merged: int = 0
    records_moved: int = 0
    records_normalised: int = 0
    prepared_reused: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


def linker() -> Linker:
    """The linker with the shipped model."""
    return Linker(default_model_path())


def link_records(ids: Iterable[int] | None = None) -> list[LinkRecord]:
    """The registry's source records (or those with these ids) as linkage input."""
    query = SourceRecord.objects.all()
    if ids is not None:
        query = query.filter(pk__in=list(ids))
    rows = query.order_by("pk").values_list("pk", "source__name", "data").iterator(chunk_size=5000)
    return [LinkRecord.from_interchange(pk, source, data) for pk, source, data in rows]


def prepared_path() -> Path | None:
    """Where this registry keeps its prepared records (None: it keeps none); see
    :func:`habeas.store.linkage_cache_path`."""
    return linkage_cache_path(connection.settings_dict)


def _keyed_rows() -> Iterator[tuple[int, int, tuple[str, str]]]:
    """Every source record in id order as ``(id, content key, (source, data text))``; the key
    hashes the source's name and the stored interchange data, all that normalisation reads."""
    rows = (
        SourceRecord.objects.order_by("pk")
        .annotate(data_text=Cast("data", TextField()))
        .values_list("pk", "source__name", "data_text")
        .iterator(chunk_size=5000)
    )
    for pk, source, text in rows:
        yield pk, record_key(source, text or ""), (source, text or "")


def _make_record(record_id: int, payload: tuple[str, str]) -> LinkRecord:
    source, text = payload
    return LinkRecord.from_interchange(record_id, source, json.loads(text) if text else {})


def prepared_records(engine: Linker, path: Path | None = None, *, reuse: bool = True) -> Refreshed:
    """The registry's records as the linker's prepared table, normalising only records that
    are new or changed since the kept table at ``path`` was written (all of them when there
    is none, it is unreadable, or ``reuse`` is False), and writing the table back when it
    changed. The table equals ``engine.prepare(link_records())``."""
    t = time.perf_counter()
    kept = read_kept(path, engine.baseline) if path is not None and reuse else None
    read = time.perf_counter() - t
    result = refresh(kept, _keyed_rows(), _make_record, engine.prepare)
    result.seconds["read"] = read
    t = time.perf_counter()
    if path is not None and (kept is None or result.changed):
        # keeping it only saves work: if it cannot be written, the next run normalises again
        with contextlib.suppress(OSError):
            write_kept(result.kept, path, engine.baseline)
    result.seconds["keep"] = time.perf_counter() - t
    return result


def decision_log() -> list[Decision]:
    """Every human decision, in order, as :class:`habeas.linkage.Decision` entries."""
    return [
        Decision(
            d.left_id,
            d.right_id,
            Verdict(d.verdict),
            d.decided_by,
            d.decided_at,
            d.reason,
            d.score,
            d.withdrawn,
        )
        for d in LinkDecision.objects.order_by("decided_at", "pk")
    ]


def current_assignment(ids: Iterable[int] | None = None) -> dict[int, int]:
    """Record id → person id, as the registry has it now."""
    query = SourceRecord.objects.all()
    if ids is not None:
        query = query.filter(pk__in=list(ids))
    return dict(query.values_list("pk", "person_id").iterator(chunk_size=5000))


def run_linking(
    *,
    incremental: bool | None = None,
    progress: Callable[[str], None] | None = None,
    reuse_prepared: bool = True,
) -> LinkReport:
    """Link the registry's records into persons and refill the review queue.

    Incremental (the default once a run exists) scores only the records that arrived since
    the last run against everyone, keeping existing persons whole.

    The prepared (normalised) records are kept in a file (:func:`prepared_path`), so a run
    normalises only records that are new or changed since; ``reuse_prepared=False``
    normalises every record (and rewrites the file). The result is the same either way.
    """
    last = LinkRun.objects.exclude(finished_at=None).order_by("-max_record_id").first()
    if incremental is None:
        incremental = last is not None
    started = timezone.now()
    with transaction.atomic():
        run = LinkRun.objects.create(
            started_at=started, incremental=incremental, model=str(default_model_path().name)
        )
        engine = linker()
        path = prepared_path()
        t = time.perf_counter()
        stages: dict[str, float] = {}
        records: list[LinkRecord] | pa.Table
        if path is None:  # no place to keep prepared records: normalise all, as before
            records = link_records()
            ids = pa.array([r.record_id for r in records], pa.int64())
            normalised, reused = len(records), 0
            stages["load"] = time.perf_counter() - t
        else:
            prepared = prepared_records(engine, path, reuse=reuse_prepared)
            records, ids = prepared.table, prepared.table["unique_id"]
            normalised, reused = prepared.prepared, prepared.reused
            seconds = prepared.seconds
            stages["load"] = seconds["read"] + seconds["scan"] + seconds["merge"]
            stages["normalise"] = seconds["normalise"]
            stages["keep"] = seconds["keep"]
        new_only = None
        if incremental and last is not None:
            new_only = set(pc.filter(ids, pc.greater(ids, last.max_record_id)).to_pylist())
        if progress:
            progress(
                f"linking {len(ids)} records"
                + (f" ({len(new_only)} new)" if new_only is not None else "")
                + (f", {normalised} normalised" if path is not None else "")
            )
        t = time.perf_counter()
        decisions, assignment = decision_log(), current_assignment()
        stages["assignment"] = time.perf_counter() - t
        result = engine.predict(records, decisions, assignment, new_only)
        for stage, seconds_taken in result.stage_seconds.items():
            # a prepared table passes through the linker's own normalisation
            stages[stage] = stages.get(stage, 0.0) + seconds_taken
        t = time.perf_counter()
        applied = apply_result(result)
        stages["apply"] = time.perf_counter() - t
        t = time.perf_counter()
        _refill_review(run, result, partial=new_only is not None)
        stages["review"] = time.perf_counter() - t
        run.finished_at = timezone.now()
        # the newest record this run read, not the newest in the table: a record committed
        # while the run was working was not linked, so the next run must still see it as new
        run.max_record_id = (pc.max(ids).as_py() or 0) if len(ids) else 0
        run.stage_seconds = {k: round(v, 3) for k, v in stages.items()}
        report = LinkReport(
            run_id=run.pk,
            incremental=incremental,
            records_normalised=normalised,
            prepared_reused=reused,
            source_records=len(ids),
            new_records=len(new_only) if new_only is not None else len(ids),
            pairs_scored=result.counts.get("candidate_pairs", 0),
            linked_automatically=len(result.auto_links),
            sent_to_review=len(result.review),
            persons=Person.objects.filter(merged_into__isnull=True).count(),
            stage_seconds=run.stage_seconds,
            **applied,
        )
        run.counts = {
            k: v
            for k, v in report.to_dict().items()
            if isinstance(v, int) and not isinstance(v, bool)
        }
        run.save()
    return report


def _refill_review(run: LinkRun, result: LinkResult, *, partial: bool) -> None:
    open_items = ReviewItem.objects.filter(decision__isnull=True)
    if partial:
        touched = set(result.assignment)
        open_items = open_items.filter(left_id__in=touched) | open_items.filter(
            right_id__in=touched
        )
    open_items.delete()
    table = BulkTable(ReviewItem)
    for pair in result.review:
        table.add(
            run_id=run.pk,
            left_id=pair.left,
            right_id=pair.right,
            score=pair.score,
            match_weight=pair.match_weight,
            uncertainty=abs(pair.score - 0.5),
            reason=pair.reason[:200],
            explanation=pair.explanation,
        )
    table.flush(timezone.now())


def apply_result(result: LinkResult) -> dict[str, int]:
    """Move records to the persons of their clusters; create and retire persons as needed."""
    current = current_assignment(result.assignment)
    clusters = result.clusters()
    new_keys = [key for key in clusters if result.persons.get(key) is None]
    created = _create_persons(len(new_keys))
    target_of = {
        key: result.persons[key] for key in clusters if result.persons.get(key) is not None
    }
    target_of.update(zip(new_keys, created, strict=True))
    moves: dict[int, int] = {}
    for key, record_ids in clusters.items():
        target = int(target_of[key])  # type: ignore[arg-type]
        for rid in record_ids:
            if current.get(rid) != target:
                moves[rid] = target
    _move_records(moves)
    emptied = set(current.values()) - {int(t) for t in target_of.values()}  # type: ignore[arg-type]
    merged_into = {int(a): int(b) for a, b in result.merged.items()}  # type: ignore[arg-type]
    for person_id in emptied:
        destination = merged_into.get(person_id)
        if destination is None:
            # All its records went elsewhere: follow the first of them.
            first = min(rid for rid, pid in current.items() if pid == person_id)
            destination = moves.get(first, current[first])
        Person.objects.filter(pk=person_id).update(merged_into_id=destination)
    Person.objects.filter(pk__in=set(target_of.values()), merged_into__isnull=False).update(
        merged_into=None
    )
    refresh_profiles(set(moves.values()) | {current[r] for r in moves if r in current})
    return {
        "persons_created": len(created),
        "persons_merged": len(emptied),
        "records_moved": len(moves),
    }


def _create_persons(count: int) -> list[int]:
    if count <= 0:
        return []
    persons = Person.objects.bulk_create([Person(display_name="") for _ in range(count)])
    return [p.pk for p in persons]


def _move_records(moves: dict[int, int]) -> None:
    """Point records, and every fact row they assert, at their new persons (set-based)."""
    if not moves:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS habeas_moves")
        cursor.execute(
            "CREATE TEMPORARY TABLE habeas_moves "
            "(record_id BIGINT PRIMARY KEY, person_id BIGINT NOT NULL)"
        )
        cursor.executemany("INSERT INTO habeas_moves VALUES (%s, %s)", list(moves.items()))
        for model in PERSON_TABLES:
            table = quote(model._meta.db_table)
            key = "id" if model is SourceRecord else "record_id"
            # Table and column names come from model metadata; values from the temp table.
            cursor.execute(
                f"UPDATE {table} SET person_id = (SELECT m.person_id FROM habeas_moves m "  # noqa: S608
                f"WHERE m.record_id = {table}.{key}) "
                f"WHERE {key} IN (SELECT record_id FROM habeas_moves)"
            )
        cursor.execute("DROP TABLE habeas_moves")


def record_decision(
    left: int,
    right: int,
    verdict: str,
    *,
    by: str,
    reason: str = "",
    user: Any = None,
    score: float | None = None,
) -> LinkDecision:
    """Append a human decision on a pair and re-form the persons it concerns."""
    with transaction.atomic():
        decision = LinkDecision.objects.create(
            left_id=min(left, right),
            right_id=max(left, right),
            verdict=Verdict(verdict).value,
            decided_by=by,
            user=user,
            decided_at=timezone.now(),
            reason=reason,
            score=score,
        )
        ReviewItem.objects.filter(
            left_id=decision.left_id, right_id=decision.right_id, decision__isnull=True
        ).update(decision=decision)
        _reform([left, right])
    return decision


def withdraw_decision(
    decision_id: int, *, by: str, reason: str = "", user: Any = None
) -> LinkDecision:
    """Append the withdrawal of a decision and re-form the persons it concerns."""
    with transaction.atomic():
        original = LinkDecision.objects.get(pk=decision_id, withdrawn=False)
        withdrawal = LinkDecision.objects.create(
            left_id=original.left_id,
            right_id=original.right_id,
            verdict=original.verdict,
            withdrawn=True,
            decided_by=by,
            user=user,
            decided_at=timezone.now(),
            reason=reason,
        )
        ReviewItem.objects.filter(decision=original).update(decision=None, skipped=False)
        _reform([original.left_id, original.right_id])
    return withdrawal


def _reform(record_ids: list[int]) -> None:
    """Re-cluster the records of the persons these records belong to, under the decisions."""
    persons = set(
        SourceRecord.objects.filter(pk__in=record_ids).values_list("person_id", flat=True)
    )
    members = list(SourceRecord.objects.filter(person_id__in=persons).values_list("pk", flat=True))
    result = linker().predict(link_records(members), decision_log(), current_assignment(members))
    apply_result(result)


def explain_person(person_id: int) -> dict[str, Any]:
    """Why a person's records are together: each pair with its per-field match weights,
    and the human decisions that bind them."""
    ids = list(SourceRecord.objects.filter(person_id=person_id).values_list("pk", flat=True))
    records = link_records(ids)
    decisions = [d.to_dict() for d in decision_log() if d.left in ids and d.right in ids]
    if len(records) < 2:
        return {"person_id": person_id, "records": ids, "pairs": [], "decisions": decisions}
    engine = linker()
    result = engine.predict(records, decision_log(), current_assignment(ids))
    explanation = engine.explain_cluster(records, result)
    return {"person_id": person_id, "records": ids, "decisions": decisions, **explanation}
