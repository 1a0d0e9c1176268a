"""The review queue: the next uncertain pair, and what a reviewer does with it."""

from __future__ import annotations

from typing import Any

from habeas.apps.registry.identity import record_decision, withdraw_decision
from habeas.apps.registry.models import LinkDecision, ReviewItem, SourceRecord


def _record(record: SourceRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "source": record.source.name,
        "person_id": record.person_id,
        "data": record.data,
    }


def pending() -> Any:
    """Open items, the most uncertain first (skipped ones after the rest)."""
    return (
        ReviewItem.objects.filter(decision__isnull=True)
        .select_related("left__source", "right__source")
        .order_by("skipped", "uncertainty", "pk")
    )


def next_item() -> dict[str, Any] | None:
    """The pair to show next, with both records and the model's explanation."""
    item = pending().first()
    if item is None:
        return None
    return {
        "id": item.pk,
        "score": item.score,
        "reason": item.reason,
        "explanation": item.explanation,
        "left": _record(item.left),
        "right": _record(item.right),
    }


def decide(
    item_id: int, verdict: str, *, by: str, user: Any = None, reason: str = ""
) -> LinkDecision:
    """Decide an item's pair (same / not_same / unsure)."""
    item = ReviewItem.objects.get(pk=item_id)
    return record_decision(
        item.left_id,
        item.right_id,
        verdict,
        by=by,
        user=user,
        reason=reason or "review",
        score=item.score,
    )


def skip(item_id: int) -> None:
    """Put an item at the back of the queue."""
    ReviewItem.objects.filter(pk=item_id).update(skipped=True)


def undo(decision_id: int, *, by: str, user: Any = None) -> LinkDecision:
    """Withdraw a decision made in review; its pair returns to the queue."""
    return withdraw_decision(decision_id, by=by, user=user, reason="undo in review")
