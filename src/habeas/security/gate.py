"""The publication gate: the public sees a person only once they are published.

Publishing takes two people and a recorded consent or risk check:

1. an editor *requests* publication, stating the consent (the person, the family or lawyer
   agreed; the case is already public; a partner organisation publishes it) and confirming
   a risk check — a refusal ("the family asked not to publish") blocks the request;
2. a *different* editor or coordinator *approves* it.

Withholding (taking a person off the public site) needs one person only: safety first.
Every step is an audit entry. Internal audiences (editors and above, tokens with
``read:internal``) see everyone; the public site, the public API and the public exports call
:func:`published_only` / :func:`is_published`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from habeas.apps.registry.visibility import Audience
from habeas.audit import chain
from habeas.security.models import Publication

REVIEW_PERMISSION = "web.publish_draft"


class GateError(ValueError):
    """The step is not allowed; the message says why."""


def published_only(persons: QuerySet[Any], audience: Audience | str = Audience.PUBLIC) -> QuerySet:
    """``persons`` as ``audience`` may list them: only published ones for the public."""
    if Audience(audience) != Audience.PUBLIC:
        return persons
    return persons.filter(publication__state=Publication.State.PUBLISHED)


def is_published(person_id: int) -> bool:
    """Whether the person is on the public site."""
    return Publication.objects.filter(
        person_id=person_id, state=Publication.State.PUBLISHED
    ).exists()


def _check(actor: Any) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied("you may not publish persons")


def _state(pub: Publication) -> dict[str, Any]:
    return {
        "state": pub.state,
        "consent": pub.consent,
        "risk_checked": pub.risk_checked,
        "requested_by": pub.requested_by_id,
        "reviewed_by": pub.reviewed_by_id,
    }


def _audit(actor: Any, action: str, pub: Publication, before: dict[str, Any] | None) -> None:
    chain.record(
        actor=actor,
        action=action,
        object_type="publication",
        object_id=pub.person_id,
        person_id=pub.person_id,
        before=before,
        after=_state(pub),
    )


@transaction.atomic
def request_publication(
    *, actor: Any, person: Any, consent: str, risk_checked: bool, note: str = ""
) -> Publication:
    """Step 1: ask for ``person`` to be published, recording consent and the risk check."""
    _check(actor)
    if consent not in Publication.ALLOWING:
        raise GateError("without consent (or a public case) the person is not published")
    if not risk_checked:
        raise GateError("confirm that publication puts no one at risk")
    pub, created = Publication.objects.select_for_update().get_or_create(person=person)
    before = None if created else _state(pub)
    pub.state, pub.consent, pub.risk_checked, pub.note = (
        Publication.State.PENDING,
        consent,
        True,
        note,
    )
    pub.requested_by, pub.requested_at = actor, timezone.now()
    pub.reviewed_by, pub.reviewed_at = None, None
    pub.save()
    _audit(actor, "request_publication", pub, before)
    return pub


@transaction.atomic
def approve_publication(*, actor: Any, person: Any) -> Publication:
    """Step 2: a second person approves; the person becomes public."""
    _check(actor)
    pub = Publication.objects.select_for_update().filter(person=person).first()
    if pub is None or pub.state != Publication.State.PENDING:
        raise GateError("no publication request is waiting for this person")
    if pub.requested_by_id == actor.pk:
        raise GateError("a second person must review: you asked for this publication")
    before = _state(pub)
    pub.state, pub.reviewed_by, pub.reviewed_at = Publication.State.PUBLISHED, actor, timezone.now()
    pub.save()
    _audit(actor, "publish", pub, before)
    return pub


@transaction.atomic
def withhold(*, actor: Any, person: Any, consent: str = "", note: str = "") -> Publication:
    """Take the person off the public site at once (for example: the family asked)."""
    _check(actor)
    pub, created = Publication.objects.select_for_update().get_or_create(person=person)
    before = None if created else _state(pub)
    pub.state = Publication.State.WITHHELD
    if consent:
        pub.consent = consent
    if note:
        pub.note = note
    pub.reviewed_by, pub.reviewed_at = actor, timezone.now()
    pub.save()
    _audit(actor, "withhold", pub, before)
    return pub


@transaction.atomic
def publish_demo(person_ids: Iterable[int] | None = None) -> int:
    """Publish the (synthetic) demo persons without review; one audit entry says so.

    For ``habeas demo`` and tests only: the demo's people are made up.
    """
    from habeas.apps.registry.models import Person

    ids = (
        list(person_ids)
        if person_ids is not None
        else list(Person.objects.filter(merged_into__isnull=True).values_list("pk", flat=True))
    )
    existing = set(
        Publication.objects.filter(person_id__in=ids).values_list("person_id", flat=True)
    )
    now = timezone.now()
    Publication.objects.filter(person_id__in=ids).update(
        state=Publication.State.PUBLISHED, reviewed_at=now
    )
    Publication.objects.bulk_create(
        Publication(
            person_id=pk,
            state=Publication.State.PUBLISHED,
            consent=Publication.Consent.PUBLIC_CASE,
            risk_checked=True,
            note="synthetic demo person",
            requested_at=now,
            reviewed_at=now,
        )
        for pk in ids
        if pk not in existing
    )
    # Thousands published at once: SQLite's planner needs statistics that know it (a
    # search's published-person check otherwise reads the publication index in full).
    from habeas.apps.registry.search import refresh_search_index

    refresh_search_index()
    chain.record(
        actor="demo",
        action="publish_demo",
        object_type="publication",
        object_id="demo",
        after={"persons": len(ids)},
    )
    return len(ids)
