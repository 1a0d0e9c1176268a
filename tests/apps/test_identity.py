"""Identity resolution in the registry: the demo lists link into the right persons;
decisions re-form persons; ids stay stable; review and undo work end to end."""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from pathlib import Path

import pytest

from habeas.apps.registry import review_queue
from habeas.apps.registry.identity import record_decision, run_linking, withdraw_decision
from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import LinkDecision, Person, SourceRecord
from habeas.apps.registry.queries import resolve_person
from habeas.demo import generate_people, write_partner_lists
from habeas.interchange import load_mapping

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_registry(tmp_path: Path) -> dict[tuple[str, str], str]:
    """The demo's three partner lists for 200 people, imported; returns the truth."""
    lists = write_partner_lists(generate_people(200, seed=11), tmp_path, seed=11)
    for partner in lists:
        mapping = load_mapping(partner.mapping_path) if partner.mapping_path else None
        import_file(
            partner.path, source=partner.source_name, **({"mapping": mapping} if mapping else {})
        )
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
