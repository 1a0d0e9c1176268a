"""Identity resolution in the registry: the demo lists link into the right persons;
decisions re-form persons; ids stay stable; review and undo work end to end; the kept
prepared records save work without changing any result."""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from pathlib import Path

import pytest
from django.db import transaction

from habeas.apps.registry import review_queue
from habeas.apps.registry.identity import (
    link_records,
    linker,
    prepared_path,
    prepared_records,
    record_decision,
    run_linking,
    withdraw_decision,
)
from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import LinkDecision, Person, SourceRecord
from habeas.apps.registry.queries import resolve_person
from habeas.demo import generate_people, write_partner_lists
from habeas.interchange import load_mapping

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Runs keep their prepared records in a folder of the test (the in-memory test
    database has no file to keep them beside)."""
    folder = tmp_path / "kept"
    monkeypatch.setenv("HABEAS_LINKAGE_CACHE", str(folder))
    return folder


def _import_partner(partner) -> None:
    """Import one of the demo's partner lists, with its mapping file when it has one."""
    mapping = load_mapping(partner.mapping_path) if partner.mapping_path else None
    import_file(
        partner.path, source=partner.source_name, **({"mapping": mapping} if mapping else {})
    )


@pytest.fixture
def demo_registry(tmp_path: Path) -> dict[tuple[str, str], str]:
    """The demo's three partner lists for 200 people, imported; returns the truth."""
    lists = write_partner_lists(generate_people(200, seed=11), tmp_path, seed=11)
    for partner in lists:
        _import_partner(partner)
    with (tmp_path / "truth.csv").open(encoding="utf-8") as handle:
        return {(r["source_name"], r["source_id"]): r["person_key"] for r in csv.DictReader(handle)}


def pairs(groups: dict[object, list[int]]) -> set[tuple[int, int]]:
    return {p for members in groups.values() for p in itertools.combinations(sorted(members), 2)}


def test_the_demo_lists_link_into_the_right_persons(demo_registry):
    report = run_linking()
    assert report.source_records == len(demo_registry)
    truth: dict[str, list[int]] = defaultdict(list)
    found: dict[int, list[int]] = defaultdict(list)
    for record_id, source, key, person in SourceRecord.objects.values_list(
        "pk", "source__name", "source_key", "person_id"
    ):
        truth[demo_registry[(source, key)]].append(record_id)
        found[person].append(record_id)
    true_pairs, found_pairs = pairs(truth), pairs(found)
    precision = len(true_pairs & found_pairs) / len(found_pairs)
    recall = len(true_pairs & found_pairs) / len(true_pairs)
    assert precision >= 0.98, precision
    assert recall >= 0.97, recall
    assert report.persons == Person.objects.filter(merged_into__isnull=True).count()
    assert abs(report.persons - 200) <= 6


def test_merged_ids_still_resolve_and_a_rerun_changes_nothing(demo_registry):
    run_linking()
    absorbed = Person.objects.filter(merged_into__isnull=False).first()
    survivor = resolve_person(absorbed.pk)
    assert survivor.merged_into_id is None and survivor.records.exists()
    before = dict(SourceRecord.objects.values_list("pk", "person_id"))
    again = run_linking(incremental=False)
    assert again.records_moved == 0
    assert dict(SourceRecord.objects.values_list("pk", "person_id")) == before


def _two_records_of_one_person() -> tuple[int, int]:
    from django.db.models import Count

    person = Person.objects.annotate(n=Count("records")).filter(n__gte=2).first()
    a, b = person.records.order_by("pk").values_list("pk", flat=True)[:2]
    return a, b


def test_not_the_same_splits_and_withdrawal_reforms(demo_registry):
    run_linking()
    left, right = _two_records_of_one_person()
    kept = SourceRecord.objects.get(pk=left).person_id
    decision = record_decision(left, right, "not_same", by="tester", reason="different people")
    a, b = (SourceRecord.objects.get(pk=i).person_id for i in (left, right))
    assert a != b and a == kept  # the oldest record keeps the id
    run_linking(incremental=False)  # a re-run honours the decision
    assert (
        SourceRecord.objects.get(pk=left).person_id != SourceRecord.objects.get(pk=right).person_id
    )
    withdraw_decision(decision.pk, by="tester")
    assert (
        SourceRecord.objects.get(pk=left).person_id == SourceRecord.objects.get(pk=right).person_id
    )
    assert LinkDecision.objects.count() == 2  # append-only: the withdrawal is a new entry
    with pytest.raises(ValueError, match="append-only"):
        decision.save()


def test_same_joins_two_persons(demo_registry):
    run_linking()
    first, second = Person.objects.filter(merged_into__isnull=True).order_by("pk")[:2]
    left = first.records.order_by("pk").first().pk
    right = second.records.order_by("pk").first().pk
    record_decision(left, right, "same", by="tester")
    assert (
        SourceRecord.objects.get(pk=left).person_id == SourceRecord.objects.get(pk=right).person_id
    )
    assert resolve_person(second.pk).pk == first.pk


def test_new_list_links_incrementally_against_the_registry(tmp_path, demo_registry):
    run_linking()
    persons_before = dict(SourceRecord.objects.values_list("pk", "person_id"))
    record = SourceRecord.objects.filter(source__name="Memorial").order_by("pk").first()
    path = _late_list(tmp_path, record)
    import_file(path, source="Late list")
    report = run_linking()
    assert report.incremental
    new = SourceRecord.objects.get(source__name="Late list")
    assert new.person_id == SourceRecord.objects.get(pk=record.pk).person_id
    unchanged = {
        pk: p
        for pk, p in SourceRecord.objects.values_list("pk", "person_id")
        if pk in persons_before
    }
    assert unchanged == persons_before


def test_review_decide_skip_and_undo(demo_registry):
    run_linking()
    from habeas.apps.registry.models import LinkRun, ReviewItem

    if not ReviewItem.objects.exists():
        # Make one: an uncertain pair the model saw.
        left, right = Person.objects.filter(merged_into__isnull=True).order_by("pk")[:2]
        ReviewItem.objects.create(
            run=LinkRun.objects.first(),
            left=left.records.first(),
            right=right.records.first(),
            score=0.5,
            uncertainty=0.0,
        )
    item = review_queue.next_item()
    assert {"left", "right", "score", "explanation"} <= set(item)
    review_queue.skip(item["id"])
    decision = review_queue.decide(item["id"], "same", by="reviewer")
    assert (
        SourceRecord.objects.get(pk=item["left"]["id"]).person_id
        == SourceRecord.objects.get(pk=item["right"]["id"]).person_id
    )
    review_queue.undo(decision.pk, by="reviewer")
    assert ReviewItem.objects.get(pk=item["id"]).decision is None


def test_review_in_the_terminal_with_single_keys(demo_registry):
    from typer.testing import CliRunner

    from habeas.apps.registry.models import LinkRun, ReviewItem
    from habeas.cli import app

    run_linking()
    a, b, c = Person.objects.filter(merged_into__isnull=True).order_by("pk")[:3]
    ReviewItem.objects.all().delete()
    for left, right, uncertainty in ((a, b, 0.0), (a, c, 0.1)):
        ReviewItem.objects.create(
            run=LinkRun.objects.first(),
            left=left.records.first(),
            right=right.records.first(),
            score=0.5,
            uncertainty=uncertainty,
        )
    # s: the first pair is the same person; z: undo that; q: quit.
    result = CliRunner().invoke(
        app, ["review", "--as", "tester"], input="szq", catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "Is this the same person?" in result.output and "[s] same" in result.output
    verdicts = list(LinkDecision.objects.values_list("verdict", "withdrawn", "decided_by"))
    assert verdicts == [("same", False, "tester"), ("same", True, "tester")]


# -- kept prepared records -----------------------------------------------------------------


class _Undo(Exception):
    pass


def _outcome(run) -> dict[str, object]:
    """What a link run does to the registry (persons, review queue, counts), rolled back
    afterwards so that another run can start from the same state. New persons are named by
    their records (their ids come from a sequence that a rollback need not reset)."""
    from habeas.apps.registry.models import ReviewItem

    existing = set(Person.objects.values_list("pk", flat=True))
    box: dict[str, object] = {}
    try:
        with transaction.atomic():
            report = run()
            members: dict[int, list[int]] = defaultdict(list)
            for rid, pid in SourceRecord.objects.values_list("pk", "person_id"):
                members[pid].append(rid)
            box["persons"] = {
                (pid if pid in existing else "new", tuple(sorted(rids)))
                for pid, rids in members.items()
            }
            box["merged"] = set(
                Person.objects.filter(merged_into__isnull=False).values_list("pk", "merged_into")
            )
            box["review"] = sorted(
                (r.left_id, r.right_id, round(r.score, 9), r.reason)
                for r in ReviewItem.objects.filter(decision__isnull=True)
            )
            box["report"] = {
                k: v
                for k, v in report.to_dict().items()
                if k not in ("run_id", "stage_seconds", "records_normalised", "prepared_reused")
            }
            box["normalised"] = report.records_normalised
            raise _Undo
    except _Undo:
        pass
    return box


def _late_list(tmp_path: Path, record: SourceRecord) -> Path:
    path = tmp_path / "late.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_id", "name", "birth_date", "articles", "detained_on"])
        data = record.data
        writer.writerow(
            [
                "late-1",
                data["name"],
                data["birth_date"],
                "; ".join(data["articles"]),
                data["detained_on"],
            ]
        )
    return path


def test_a_run_over_kept_records_equals_one_that_normalises_everything(tmp_path, demo_registry):
    first = run_linking()
    path = prepared_path()
    assert path is not None and path.is_file()
    assert first.records_normalised == first.source_records and first.prepared_reused == 0
    # Since the file was written: a record modified, one deleted, one removed and
    # restored, a decision taken, and a new list imported.
    records = list(SourceRecord.objects.order_by("pk"))
    modified = records[5]
    data = dict(modified.data, name="Сидоров Пётр Ильич", birth_date="1961-03-02")
    SourceRecord.objects.filter(pk=modified.pk).update(data=data)
    from django.db.models import Count

    multi = Person.objects.annotate(n=Count("records")).filter(n__gte=3).order_by("pk")
    deleted = multi[0].records.order_by("pk").last()
    SourceRecord.objects.filter(pk=deleted.pk).delete()
    restored = records[40]
    SourceRecord.objects.filter(pk=restored.pk).update(removed_in=restored.last_import)
    SourceRecord.objects.filter(pk=restored.pk).update(removed_in=None)
    left, right = multi[1].records.order_by("pk").values_list("pk", flat=True)[:2]
    record_decision(left, right, "not_same", by="tester")
    import_file(_late_list(tmp_path, records[0]), source="Late list")

    kept = _outcome(lambda: run_linking())
    full = _outcome(lambda: run_linking(reuse_prepared=False))
    assert kept["normalised"] == 2  # the modified record and the new one, nothing else
    assert full["normalised"] == len(records)  # −1 deleted, +1 new
    for key in ("persons", "merged", "review", "report"):
        assert kept[key] == full[key], key
    # the table the linker gets is the one normalising every record gives
    engine = linker()
    table = prepared_records(engine, path).table
    assert table.equals(engine.prepare(link_records()))
    assert deleted.pk not in table["unique_id"].to_pylist()


def test_a_missing_broken_or_outdated_file_is_rebuilt(demo_registry, monkeypatch):
    from habeas.linkage import prepared as kept_module

    first = run_linking()
    path = prepared_path()
    everyone = first.source_records
    again = run_linking()
    assert again.records_normalised == 0 and again.prepared_reused == everyone
    path.unlink()
    assert run_linking().records_normalised == everyone and path.is_file()
    path.write_bytes(b"broken")
    assert run_linking().records_normalised == everyone
    assert run_linking().records_normalised == 0  # rewritten whole
    monkeypatch.setattr(kept_module, "fingerprint", lambda baseline=False: "newer code")
    assert run_linking().records_normalised == everyone
    # a source renamed: its records are normalised again (the source is a column)
    from habeas.apps.sources.models import Source

    source = Source.objects.order_by("pk").first()
    count = SourceRecord.objects.filter(source=source).count()
    Source.objects.filter(pk=source.pk).update(name="Renamed")
    assert run_linking().records_normalised == count


def test_no_file_is_kept_when_switched_off(demo_registry, monkeypatch):
    monkeypatch.setenv("HABEAS_LINKAGE_CACHE", "off")
    assert prepared_path() is None
    report = run_linking()
    assert report.records_normalised == report.source_records


def test_the_link_command_reuses_or_renormalises(demo_registry):
    import json

    from typer.testing import CliRunner

    from habeas.cli import app

    runner = CliRunner()
    first = json.loads(runner.invoke(app, ["link", "--json"], catch_exceptions=False).output)
    again = json.loads(runner.invoke(app, ["link", "--json"], catch_exceptions=False).output)
    fresh = json.loads(
        runner.invoke(app, ["link", "--renormalise", "--json"], catch_exceptions=False).output
    )
    everyone = first["source_records"]
    assert first["records_normalised"] == everyone
    assert again["incremental"] and again["records_normalised"] == 0
    assert again["prepared_reused"] == everyone
    assert fresh["records_normalised"] == everyone
    assert {"load", "normalise", "keep", "block_score", "apply"} <= set(again["stage_seconds"])


def test_records_that_arrive_while_a_run_works_are_linked_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from habeas.apps.registry import identity

    lists = write_partner_lists(generate_people(60, seed=5), tmp_path, seed=5)
    first, late = lists[0], lists[1]
    _import_partner(first)
    original = identity.apply_result
    arrived: list[int] = []

    def import_meanwhile(result):
        # another editor's import lands after this run has read the records
        before = set(SourceRecord.objects.values_list("pk", flat=True))
        _import_partner(late)
        arrived.extend(set(SourceRecord.objects.values_list("pk", flat=True)) - before)
        return original(result)

    monkeypatch.setattr(identity, "apply_result", import_meanwhile)
    run_linking()
    monkeypatch.setattr(identity, "apply_result", original)
    assert arrived
    report = run_linking()
    assert report.incremental and report.new_records == len(arrived)
