"""A small demo registry for the web tests, with internal and confidential values planted
so a test can prove none of them reaches the public."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model

from habeas.apps.registry import actions
from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import Person, PersonNote
from habeas.demo import generate_people, write_partner_lists
from habeas.interchange import load_mapping
from habeas.security.gate import publish_demo
from habeas.web.roles import ensure_roles

PEOPLE = 60
SEED = 2026
TODAY = date(2026, 11, 26)

#: Values no public response may contain.
SECRETS = {
    "confidential_note": "CONFNOTE-health-diagnosis-7731",
    "internal_note": "INTNOTE-lawyer-phone-5521",
    "confidential_source": "CONFSOURCE-wife-of-prisoner-9912",
    "confidential_url": "https://confsource.example.org/relatives-9912",
    "confidential_event": "CONFEVENT-beaten-in-cell-4410",
    "internal_event": "INTEVENT-transfer-rumour-3301",
}


def build_registry(folder: Path) -> dict[str, object]:
    """Import the three demo partner lists, then add secrets to the first person."""
    ensure_roles()
    persons = generate_people(PEOPLE, seed=SEED)
    for partner in write_partner_lists(persons, folder, seed=SEED):
        mapping = load_mapping(partner.mapping_path) if partner.mapping_path else None
        kwargs = {"mapping": mapping} if mapping else {}
        import_file(partner.path, source=partner.source_name, today=TODAY, **kwargs)
    coordinator = get_user_model().objects.create_user("planter", password="x")  # noqa: S106
    coordinator.groups.add(*ensure_roles().values())
    target = Person.objects.order_by("pk").first()
    assert target is not None
    secret_citation = actions.Citation(
        source=SECRETS["confidential_source"],
        kind="family",
        url=SECRETS["confidential_url"],
        confidentiality="confidential",
    )
    actions.add_event(
        actor=coordinator,
        person=target,
        citation=secret_citation,
        kind="punishment_cell",
        occurred_on=date(2025, 3, 1),
        details=SECRETS["confidential_event"],
        confidentiality="confidential",
    )
    actions.add_event(
        actor=coordinator,
        person=target,
        citation=actions.Citation(source="Lawyer", kind="lawyer"),
        kind="transfer",
        occurred_on=date(2025, 4, 1),
        details=SECRETS["internal_event"],
        confidentiality="internal",
    )
    PersonNote.objects.create(
        person=target, text=SECRETS["confidential_note"], confidentiality="confidential"
    )
    PersonNote.objects.create(
        person=target, text=SECRETS["internal_note"], confidentiality="internal"
    )
    coordinator.delete()
    publish_demo()  # the synthetic persons pass the publication gate, as in the demo
    return {"target": target.pk}


def clear_registry() -> None:
    """Delete everything :func:`build_registry` wrote (in an order the foreign keys allow)."""
    from habeas.api.models import ApiToken
    from habeas.apps.cases.models import (
        Case,
        CustodyPeriod,
        Event,
        Facility,
        FacilityAddress,
        Recognition,
    )
    from habeas.apps.registry.models import PersonName, SourceRecord
    from habeas.apps.sources.models import ImportRun, Source, SourceChange
    from habeas.web.models import Draft

    for model in (
        SourceChange, Case, CustodyPeriod, Event, Recognition, PersonName, PersonNote, Draft,
        ApiToken, SourceRecord, ImportRun, Person, FacilityAddress, Facility, Source,
    ):  # fmt: skip
        model.objects.all().delete()
    get_user_model().objects.all().delete()


def make_user(username: str, role: str, password: str = "pw-for-tests") -> object:
    """A user holding one role."""
    groups = ensure_roles()
    user = get_user_model().objects.create_user(username, password=password)
    user.groups.add(groups[role])
    return user
