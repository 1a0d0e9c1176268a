"""A person's history from the audit log, and restoring an earlier version.

A *version* is the person-level state after an audited change: name, Latin name, gender,
birth date, region, status (see :func:`person_snapshot`). Restoring never deletes anything:
it asserts the earlier values again as a new editorial change (citing the audit entry), so
the restore is itself audited and can be undone the same way.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import transaction

from habeas.audit.models import AuditEntry

#: Person-level values a version holds (the editable ones, see registry actions).
VERSION_FIELDS = ("name", "name_latin", "gender", "birth_date", "region", "status")


class StaleVersion(ValueError):
    """The person changed since the editor loaded it; their change was not saved."""


def person_snapshot(person: Any) -> dict[str, Any]:
    """The person-level values of ``person`` as stored now."""
    birth = person.birth_date.isoformat() if person.birth_date else ""
    if birth and person.birth_precision == "year":
        birth = birth[:4]
    elif birth and person.birth_precision == "month":
        birth = birth[:7]
    return {
        "name": person.display_name,
        "name_latin": person.display_name_latin,
        "gender": person.gender,
        "birth_date": birth,
        "region": person.region,
        "status": person.status,
    }


def version_of(person: Any) -> str:
    """A short fingerprint of the person's current values (for optimistic locking)."""
    text = json.dumps(person_snapshot(person), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def check_version(person: Any, expected: str | None) -> None:
    """Lock the person's row and refuse the change when it moved on since ``expected``.

    Raises:
        StaleVersion: someone else changed the person in between.
    """
    if not expected:
        return
    from habeas.apps.registry.models import Person

    current = Person.objects.select_for_update().get(pk=person.pk)
    if version_of(current) != expected:
        raise StaleVersion(
            "someone else changed this person while you were editing; "
            "your change was not saved — reload and apply it again"
        )


def person_history(person_id: int) -> list[AuditEntry]:
    """Every audit entry about the person, oldest first."""
    return list(AuditEntry.objects.filter(person_id=person_id).order_by("seq"))


def version_at(entry: AuditEntry) -> dict[str, Any]:
    """The person's values right after ``entry``."""
    after = entry.after or {}
    values = after.get("person", after)
    return {k: values.get(k, "") for k in VERSION_FIELDS}


@transaction.atomic
def restore_version(*, actor: Any, person: Any, entry: AuditEntry) -> Any:
    """Make the values the person had after ``entry`` current again (a new, audited edit).

    Raises:
        ValueError: the entry is not about this person or holds no version.
    """
    from habeas.apps.registry import actions

    if entry.person_id != person.pk or not entry.after:
        raise ValueError("this audit entry holds no version of this person")
    values = version_at(entry)
    wanted = {k: v for k, v in values.items() if v}
    current = person_snapshot(person)
    changes = {k: v for k, v in wanted.items() if current.get(k) != v}
    if not changes:
        raise ValueError("the person already has these values")
    citation = actions.Citation(
        source="Habeas audit log",
        kind="editorial",
        url=f"audit:{entry.seq}",
        confidentiality="internal",
    )
    return actions.edit_person(actor=actor, person=person, citation=citation, **changes)
