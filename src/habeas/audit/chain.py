"""Appending to the audit log and verifying its hash chain.

``hash = sha256(prev_hash + canonical JSON of the entry's content)``. Appenders lock the
head row (``select_for_update``; SQLite serialises writers anyway), so the chain never forks
under concurrent writers. An entry is written in the same transaction as the change it
records: a change rolled back leaves no entry, and no change commits without one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from habeas.audit.context import current_origin
from habeas.audit.models import AuditEntry, AuditHead

GENESIS = "0" * 64
#: The content fields a hash covers, in order.
HASHED = (
    "seq", "at", "actor", "actor_id", "action", "object_type", "object_id", "person_id",
    "origin", "before", "after", "prev_hash",
)  # fmt: skip


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def entry_hash(content: dict[str, Any]) -> str:
    """The hash of an entry's content (a dict of :data:`HASHED` fields)."""
    at = content["at"]
    canonical = {**content, "at": at.isoformat() if isinstance(at, datetime) else at}
    text = json.dumps(
        [canonical[k] for k in HASHED], sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _actor(actor: Any) -> tuple[str, int | None]:
    if actor is None:
        return "system", None
    if isinstance(actor, str):
        return actor, None
    if getattr(actor, "is_authenticated", False):
        return actor.get_username(), actor.pk
    return "anonymous", None


def record(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: Any,
    before: Any = None,
    after: Any = None,
    person_id: int | None = None,
    origin: str | None = None,
) -> AuditEntry:
    """Append one entry (inside the caller's transaction, or its own)."""
    name, actor_pk = _actor(actor)
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        # Microseconds dropped: every database stores and returns the same value.
        at = timezone.now().replace(microsecond=0)
        content = {
            "seq": head.seq + 1,
            "at": at,
            "actor": name[:150],
            "actor_id": actor_pk,
            "action": action[:64],
            "object_type": object_type[:64],
            "object_id": str(object_id)[:64],
            "person_id": person_id,
            "origin": (origin or current_origin())[:200],
            "before": _jsonable(before),
            "after": _jsonable(after),
            "prev_hash": head.hash,
        }
        digest = entry_hash(content)
        entry = AuditEntry.objects.create(**content, hash=digest)
        AuditHead.objects.filter(pk=1).update(seq=content["seq"], hash=digest)
    return entry


@dataclass
class Verification:
    """What ``verify`` found: entries checked, the head, and every problem."""

    entries: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the chain is intact."""
        return not self.problems


def verify(
    expect_head: str | None = None, batch: int = 2000, using: str = "default"
) -> Verification:
    """Recompute the chain from the first entry; report every break.

    Args:
        expect_head: a head hash kept elsewhere (printed by an earlier verify); a chain
            rewritten from some point on differs from it.
        batch: entries read at a time.
        using: the database alias (a restored copy is checked under its own alias).
    """
    result = Verification()
    prev, expected_seq = GENESIS, 1
    last_seq = 0
    while True:
        found = AuditEntry.objects.using(using).filter(seq__gt=last_seq).order_by("seq")
        rows = list(found[:batch].values(*HASHED, "hash"))
        if not rows:
            break
        for row in rows:
            seq = row["seq"]
            if seq != expected_seq:
                result.problems.append(f"entries {expected_seq}..{seq - 1} are missing")
            if row["prev_hash"] != prev:
                result.problems.append(f"entry {seq}: does not follow the entry before it")
            if entry_hash(row) != row["hash"]:
                result.problems.append(f"entry {seq}: content was altered")
            prev, expected_seq, last_seq = row["hash"], seq + 1, seq
            result.entries += 1
    head = AuditHead.objects.using(using).filter(pk=1).first()
    result.head_seq, result.head_hash = last_seq, prev
    if head is not None and (head.seq != last_seq or head.hash != prev):
        result.problems.append(
            f"the head says entry {head.seq} ({head.hash[:12]}) is last, the log ends at "
            f"{last_seq} ({prev[:12]}): entries were removed or added"
        )
    if head is None and last_seq:
        result.problems.append("the head row is missing")
    if expect_head and not AuditEntry.objects.using(using).filter(hash=expect_head).exists():
        result.problems.append(f"the expected head {expect_head[:12]} is not in the chain")
    return result
