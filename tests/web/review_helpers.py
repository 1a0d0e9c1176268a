"""Review items for the review-screen tests: real source records of the demo registry,
paired as the linker would pair them, with an explanation in the linker's JSON shape."""

from __future__ import annotations

from django.utils import timezone

from habeas.apps.registry.models import LinkRun, ReviewItem, SourceRecord

EXPLANATION = {
    "prior_weight": -10.768,
    "match_weight": -0.966,
    "fields": {
        "surname": {"level": "same surname", "weight": 7.667},
        "given": {"level": "same given name", "weight": 5.952},
        "birth": {"level": "All other comparisons", "weight": -8.881},
        "case_no": {"level": "case_no missing", "weight": 0.0},
        "facility": {"level": "All other comparisons", "weight": -4.261},
    },
}


def separate_records(count: int) -> list[SourceRecord]:
    """``count`` records, each of a different person (one record per person)."""
    seen: set[int] = set()
    records = []
    for record in SourceRecord.objects.select_related("source").order_by("pk"):
        if record.person_id in seen:
            continue
        seen.add(record.person_id)
        records.append(record)
        if len(records) == count:
            break
    return records


def make_items(pairs: int) -> list[ReviewItem]:
    """``pairs`` open review items over records of different persons, the first the most
    uncertain."""
    run = LinkRun.objects.create(started_at=timezone.now(), finished_at=timezone.now())
    records = separate_records(pairs * 2)
    items = []
    for i in range(pairs):
        left, right = sorted((records[2 * i], records[2 * i + 1]), key=lambda r: r.pk)
        score = 0.48 - i * 0.03
        items.append(
            ReviewItem.objects.create(
                run=run,
                left=left,
                right=right,
                score=score,
                match_weight=-0.966,
                uncertainty=abs(score - 0.5),
                reason="uncertain score",
                explanation=EXPLANATION,
            )
        )
    return items
