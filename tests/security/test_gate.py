"""The publication gate: nobody is public without a second person's review and a recorded
consent or risk check; withholding takes one person; internal audiences see everyone."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from habeas.apps.registry import actions
from habeas.apps.registry.exports import person_rows
from habeas.apps.registry.visibility import Audience
from habeas.audit.models import AuditEntry
from habeas.security import gate
from habeas.security.models import Publication
from tests.security.helpers import signed_in

CITE = actions.Citation(source="Mediazona", url="https://zona.media/1")


@pytest.fixture
def person(editor):
    return actions.create_person(actor=editor, citation=CITE, name="Скрытова Анна Ивановна")


def _public(person) -> dict[str, bool]:
    client = Client()
    search = client.get("/", {"q": "Скрытова"}).content.decode()
    api = client.get("/api/v1/persons", {"q": "Скрытова"}).json()
    return {
        "page": client.get(f"/persons/{person.pk}/").status_code == 200,
        "api": client.get(f"/api/v1/persons/{person.pk}").status_code == 200,
        "search": "Скрытова Анна" in search,
        "api_search": any(i["id"] == person.pk for i in api["items"]),
        "export": any(r["person_id"] == person.pk for r in person_rows(Audience.PUBLIC)),
    }


def test_a_new_person_is_not_public_until_reviewed(db, person, editor, editor2):
    assert not any(_public(person).values())
    # staff see the person
    assert signed_in(editor).get(f"/persons/{person.pk}/").status_code == 200
    gate.request_publication(actor=editor, person=person, consent="family", risk_checked=True)
    assert not any(_public(person).values())
    with pytest.raises(gate.GateError, match="second person"):
        gate.approve_publication(actor=editor, person=person)
    gate.approve_publication(actor=editor2, person=person)
    assert all(_public(person).values())
    gate.withhold(actor=editor, person=person, consent="refused", note="the wife asked")
    assert not any(_public(person).values())
    actions_logged = list(
        AuditEntry.objects.filter(object_type="publication", object_id=str(person.pk))
        .order_by("seq")
        .values_list("action", "actor")
    )
    assert actions_logged == [
        ("request_publication", "ed"),
        ("publish", "ed2"),
        ("withhold", "ed"),
    ]


def test_refused_consent_or_no_risk_check_blocks_publication(db, person, editor):
    with pytest.raises(gate.GateError):
        gate.request_publication(actor=editor, person=person, consent="refused", risk_checked=True)
    with pytest.raises(gate.GateError):
        gate.request_publication(
            actor=editor, person=person, consent="not_asked", risk_checked=True
        )
    with pytest.raises(gate.GateError, match="risk"):
        gate.request_publication(actor=editor, person=person, consent="family", risk_checked=False)
    assert not Publication.objects.filter(person=person).exists()


def test_volunteers_cannot_publish(db, person, volunteer):
    with pytest.raises(PermissionDenied):
        gate.request_publication(
            actor=volunteer, person=person, consent="family", risk_checked=True
        )


def test_the_gate_through_the_screens(db, person, editor, editor2):
    first, second = signed_in(editor), signed_in(editor2)
    url = f"/workspace/persons/{person.pk}/publication"
    first.post(f"{url}/request/", {"consent": "public_case", "risk_checked": "on", "note": "court"})
    assert Publication.objects.get(person=person).state == "pending"
    first.post(f"{url}/approve/")  # the requester cannot approve
    assert Publication.objects.get(person=person).state == "pending"
    page = second.get(f"/workspace/persons/{person.pk}/history/").content.decode()
    assert "Approve publication" in page
    second.post(f"{url}/approve/")
    assert Publication.objects.get(person=person).state == "published"
    assert Client().get(f"/persons/{person.pk}/").status_code == 200
    assert Publication.objects.get(person=person).note == "court"  # encrypted at rest
