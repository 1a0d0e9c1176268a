"""Reading the registry: a person whole, search, and the registry summary.

Every reader takes an ``audience`` and leaves out what that audience may not see
(see :mod:`habeas.apps.registry.visibility`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from habeas.apps.cases.models import Charge, CustodyPeriod, Event, Recognition, Sentence
from habeas.apps.registry.models import Person, PersonNote, SourceRecord
from habeas.apps.registry.visibility import Audience, may_see
from habeas.apps.sources.models import ImportRun, Source


class PersonNotFound(LookupError):
    """No person has that id."""


def resolve_person(person_id: int) -> Person:
    """The person with this id, following merges to the surviving person.

    Raises:
        PersonNotFound: no such id.
    """
    person = Person.objects.filter(pk=person_id).first()
    seen = set()
    while person is not None and person.merged_into_id and person.pk not in seen:
        seen.add(person.pk)
        person = Person.objects.filter(pk=person.merged_into_id).first()
    if person is None:
        raise PersonNotFound(f"no person with id {person_id}")
    return person


def _source_ref(record: SourceRecord, audience: Audience) -> dict[str, Any]:
    source = record.source
    visible = may_see(audience, source.confidentiality)
    return {
        "record_id": record.pk,
        "source": source.name if visible else "(confidential source)",
        "source_id": record.source_key if visible else None,
        "import_id": record.last_import_id,
        "url": (record.url or source.url) if visible else None,
    }


@dataclass(frozen=True)
class PersonRows:
    """Rows :func:`person_detail_rows` read, for a caller that needs more of them (so that
    no table is read twice): the person's source records with their sources, and their
    custody periods with the facility and its addresses, in the page's order."""

    records: list[SourceRecord]
    custody: list[CustodyPeriod]


def person_detail(person_id: int, audience: Audience = Audience.INTERNAL) -> dict[str, Any]:
    """Everything known of a person that ``audience`` may see, each fact with its sources."""
    data, _ = person_detail_rows(resolve_person(person_id), audience)
    return data


def person_detail_rows(
    person: Person, audience: Audience = Audience.INTERNAL
) -> tuple[dict[str, Any], PersonRows]:
    """:func:`person_detail` of an already resolved (surviving) person, with the rows it
    read (:class:`PersonRows`)."""
    records = list(person.records.select_related("source").order_by("pk"))
    custody = list(
        CustodyPeriod.objects.filter(person=person)
        .select_related("facility")
        .prefetch_related("facility__addresses")
        .order_by("started_on", "pk")
    )
    refs = {r.pk: _source_ref(r, audience) for r in records}

    def sourced(record_id: int) -> dict[str, Any]:
        return refs.get(record_id, {"record_id": record_id})

    data: dict[str, Any] = {
        "person_id": person.pk,
        "display_name": person.display_name,
        "display_name_latin": person.display_name_latin,
        "gender": person.gender or None,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "birth_precision": person.birth_precision or None,
        "region": person.region or None,
        "status": person.status,
        "conflicts": person.conflicts,
        "names": [
            {
                "full": n.full,
                "surname": n.surname,
                "given": n.given,
                "patronymic": n.patronymic,
                "script": n.script,
                "kind": n.kind,
                "source": sourced(n.record_id),
            }
            for n in person.names.order_by("pk")
        ],
        "charges": [
            {
                "reference": c.reference,
                "article": c.article,
                "part": c.part or None,
                "paragraph": c.paragraph or None,
                "source": sourced(c.case.record_id),
            }
            for c in Charge.objects.filter(case__person=person)
            .select_related("case")
            .order_by("pk")
        ],
        "sentences": [
            {
                "verdict_on": s.verdict_on,
                "term": s.term_text,
                "regime": s.regime or None,
                "stage": s.stage,
                "in_absentia": s.in_absentia,
                "suspended": s.suspended,
                "source": sourced(s.case.record_id),
            }
            for s in Sentence.objects.filter(case__person=person)
            .select_related("case")
            .order_by("verdict_on", "pk")
        ],
        "custody": [
            {
                "kind": c.kind,
                "regime": c.regime or None,
                "from": c.started_on,
                "to": c.ended_on,
                "facility": c.facility.name if c.facility else None,
                "letter_address": _address(c),
                "source": sourced(c.record_id),
            }
            for c in custody
        ],
        "events": [
            {
                "kind": e.kind,
                "on": e.occurred_on,
                "precision": e.precision,
                "release_kind": e.release_kind or None,
                "details": e.details or None,
                "source": sourced(e.record_id),
            }
            for e in Event.objects.filter(person=person).order_by("occurred_on", "pk")
            if may_see(audience, e.confidentiality)
        ],
        "recognitions": [
            {
                "organisation": r.organisation,
                "criteria": r.criteria or None,
                "since": r.recognised_on,
                "withdrawn": r.withdrawn_on,
                "source": sourced(r.record_id),
            }
            for r in Recognition.objects.filter(person=person).order_by("organisation", "pk")
        ],
        "records": [
            {
                **refs[r.pk],
                "row_number": r.row_number if may_see(audience, "internal") else None,
                "removed": r.removed_in_id is not None,
                "data": _visible_data(r.data, audience),
            }
            for r in records
        ],
    }
    data["notes"] = [
        {
            "topic": n.topic,
            "text": n.text,
            "confidentiality": n.confidentiality,
            "source": sourced(n.record_id) if n.record_id else None,
        }
        for n in PersonNote.objects.filter(person=person).order_by("pk")
        if may_see(audience, n.confidentiality)
    ]
    return data, PersonRows(records=records, custody=custody)


def _address(period: CustodyPeriod) -> str | None:
    if period.facility is None:
        return None
    addresses = list(period.facility.addresses.all())
    return addresses[0].address if addresses else None


def _visible_data(data: dict[str, Any], audience: Audience) -> dict[str, Any]:
    if may_see(audience, "internal"):
        return data
    return {k: v for k, v in data.items() if k != "notes"}


def registry_summary() -> dict[str, Any]:
    """Counts that describe the registry at a glance."""
    persons = Person.objects.filter(merged_into__isnull=True)
    by_status = dict(persons.values_list("status").annotate(n=Count("pk")).order_by("-n"))
    articles = (
        Charge.objects.values_list("article")
        .annotate(n=Count("case__person", distinct=True))
        .order_by("-n")[:10]
    )
    return {
        "persons": persons.count(),
        "source_records": SourceRecord.objects.count(),
        "sources": [
            {"name": s.name, "records": s.n}
            for s in Source.objects.annotate(n=Count("records")).order_by("name")
        ],
        "imports": ImportRun.objects.count(),
        "by_status": by_status,
        "top_articles": dict(articles),
        "facilities": CustodyPeriod.objects.exclude(facility=None)
        .values("facility")
        .distinct()
        .count(),
    }
