"""Every change an editor makes to the registry goes through one of these actions.

Each action checks the actor's permission, then, in one transaction, writes the fact rows
and ties them to an *editorial* source record: a :class:`SourceRecord` of the cited
:class:`Source` (created on first use), one per person, source and URL, reused when the
same source is cited again. So every fact an editor types keeps its source, like an
imported one. Each action is recorded as an :class:`ImportRun` of format ``editorial``
with ``imported_by`` set to the actor, and a :class:`SourceChange` for the record: that is
the audit trail of who entered what, and when. Profiles are re-derived afterwards.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from habeas.apps.cases.facilities import classify_facility
from habeas.apps.cases.models import (
    Case,
    Charge,
    CustodyPeriod,
    Event,
    Facility,
    FacilityAddress,
    Recognition,
    Sentence,
)
from habeas.apps.registry.models import Person, PersonName, SourceRecord
from habeas.apps.registry.profile import refresh_profiles
from habeas.apps.registry.search import sync_name_words
from habeas.apps.sources.models import ImportRun, Source, SourceChange, SourceKind
from habeas.audit import chain as audit
from habeas.audit.history import check_version, person_snapshot
from habeas.interchange.values import fold
from habeas.law import LegalReference, Term
from habeas.names import detect_script, parse_name
from habeas.vocabulary import Confidentiality, CustodyKind, NameKind, Script, Status

#: Interchange fields a person-level editorial record may assert.
PERSON_FIELDS = ("name", "name_latin", "gender", "birth_date", "region", "status")
#: Custody kinds and the status an open period of that kind implies.
_OPEN_CUSTODY_STATUS = {
    CustodyKind.PRETRIAL_DETENTION: Status.PRETRIAL_DETENTION,
    CustodyKind.DETENTION_AFTER_ARREST: Status.PRETRIAL_DETENTION,
    CustodyKind.HOUSE_ARREST: Status.HOUSE_ARREST,
    CustodyKind.BAN_ON_ACTIONS: Status.RESTRICTED,
    CustodyKind.COLONY: Status.IMPRISONED,
    CustodyKind.PRISON: Status.IMPRISONED,
    CustodyKind.STRICT_CONDITIONS: Status.IMPRISONED,
    CustodyKind.COMPULSORY_TREATMENT: Status.COMPULSORY_TREATMENT,
}


#: Audit action names by the first word of an entry's description.
_ACTIONS = {
    "new": "create_person",
    "edit": "edit_person",
    "case": "add_case",
    "custody": "add_custody",
    "event": "add_event",
    "recognition": "add_recognition",
}


def _added(obj: Any) -> dict[str, Any]:
    """What an action added, for the audit log: the model and its own field values."""
    return {"model": obj._meta.label, "id": obj.pk, **model_to_dict(obj)}


class ActionError(ValueError):
    """The action cannot be done with these values; the message says why."""


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: a source (found or created by name) and a URL or reference."""

    source: str
    kind: str = SourceKind.NEWS
    url: str = ""
    confidentiality: str = Confidentiality.PUBLIC

    def __post_init__(self) -> None:
        if not self.source.strip():
            raise ActionError("every fact needs a source: name the source")
        url = self.url.strip().lower()
        if url and not url.startswith(("http://", "https://", "audit:")):
            raise ActionError("a source's link must start with http:// or https://")


@dataclass
class _Entry:
    """The editorial record an action writes to, and the run that audits it."""

    record: SourceRecord
    run: ImportRun
    created: bool
    touched: dict[str, Any] = field(default_factory=dict)
    what: str = ""
    before: dict[str, Any] | None = None


def _require(actor: Any, *permissions: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perms(permissions):
        raise PermissionDenied("you may not change the registry")


def _source(citation: Citation) -> Source:
    source, created = Source.objects.get_or_create(
        name=citation.source.strip()[:200],
        defaults={
            "kind": citation.kind,
            "url": citation.url if citation.kind != SourceKind.ORGANISATION_LIST else "",
            "confidentiality": citation.confidentiality,
        },
    )
    if not created and citation.confidentiality != source.confidentiality:
        # A source is never made *less* confidential by a later citation.
        order = list(Confidentiality)
        if order.index(Confidentiality(citation.confidentiality)) > order.index(
            Confidentiality(source.confidentiality)
        ):
            source.confidentiality = citation.confidentiality
            source.save(update_fields=["confidentiality"])
    return source


def _entry(person: Person, citation: Citation, actor: Any, what: str) -> _Entry:
    """Find or create the editorial record of ``person`` for ``citation``."""
    source = _source(citation)
    url_key = hashlib.sha256(citation.url.strip().encode()).hexdigest()[:12]
    key = f"editorial:{person.pk}:{url_key}"
    now = timezone.now()
    run = ImportRun.objects.create(
        source=source,
        file_name=f"editorial: {what}"[:500],
        file_sha256=hashlib.sha256(f"{key}:{now.isoformat()}".encode()).hexdigest(),
        file_format="editorial",
        started_at=now,
        finished_at=now,
        rows_read=1,
        imported_by=actor,
    )
    record, created = SourceRecord.objects.get_or_create(
        source=source,
        source_key=key,
        defaults={
            "person": person,
            "first_import": run,
            "last_import": run,
            "content_hash": "",
            "data": {"name": person.display_name},
            "name": person.display_name[:300],
            "url": citation.url[:1000],
            "verified": True,
        },
    )
    before = None if what.startswith("new person") else person_snapshot(person)
    return _Entry(record=record, run=run, created=created, what=what, before=before)


def _finish(entry: _Entry, data: dict[str, Any] | None = None) -> None:
    """Merge ``data`` into the record, record the change, and re-derive the profile."""
    record = entry.record
    before = dict(record.data)
    for key, value in (data or {}).items():
        if value not in (None, "", []):
            record.data[key] = value
    for key in ("gender", "region"):
        if data and data.get(key):
            setattr(record, key, data[key])
    if data and data.get("status"):
        record.stated_status = data["status"]
    record.last_import = entry.run
    record.content_hash = hashlib.sha256(
        json.dumps(record.data, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    record.save()
    changed = {k: [before.get(k), v] for k, v in record.data.items() if before.get(k) != v}
    kind = SourceChange.Kind.ADDED if entry.created else SourceChange.Kind.MODIFIED
    SourceChange.objects.create(import_run=entry.run, record=record, kind=kind, fields=changed)
    run = entry.run
    run.rows_added, run.rows_modified = (1, 0) if entry.created else (0, 1)
    run.save(update_fields=["rows_added", "rows_modified"])
    refresh_profiles([record.person_id])
    sync_name_words()  # a name added by hand is found by the prefix search at once
    person = Person.objects.get(pk=record.person_id)
    audit.record(
        actor=run.imported_by,
        action=_ACTIONS.get(entry.what.split()[0], "change"),
        object_type="person",
        object_id=person.pk,
        person_id=person.pk,
        before={"person": entry.before} if entry.before is not None else None,
        after={
            "person": person_snapshot(person),
            "asserted": changed,
            "added": entry.touched,
            "run": run.pk,
        },
    )


def _name(record: SourceRecord, text: str, kind: NameKind) -> PersonName:
    try:
        parsed = parse_name(text)
        parts = (parsed.surname or "", parsed.given or "", parsed.patronymic or "")
        script = parsed.script
    except ValueError:
        parts = ("", "", "")
        script = detect_script(text)
    return PersonName.objects.create(
        person_id=record.person_id,
        record=record,
        full=text,
        surname=parts[0],
        given=parts[1],
        patronymic=parts[2],
        script=script,
        language="ru" if script == Script.CYRILLIC else "",
        kind=kind,
        folded=fold(text),
    )


def _person_data(values: dict[str, Any]) -> dict[str, Any]:
    data = {k: values.get(k) for k in PERSON_FIELDS if values.get(k)}
    if isinstance(data.get("birth_date"), date):
        data["birth_date"] = data["birth_date"].isoformat()
    return data


@transaction.atomic
def create_person(*, actor: Any, citation: Citation, name: str, **values: Any) -> Person:
    """Add a new person, named ``name``, with the person-level facts in ``values``
    (``name_latin``, ``gender``, ``birth_date``, ``region``, ``status``) from ``citation``."""
    _require(actor, "registry.add_person")
    name = " ".join(name.split())
    if not name:
        raise ActionError("a person needs a name")
    person = Person.objects.create(display_name=name[:300])
    entry = _entry(person, citation, actor, f"new person {name}")
    _name(entry.record, name, NameKind.OFFICIAL)
    latin = " ".join(str(values.get("name_latin") or "").split())
    if latin:
        _name(entry.record, latin, NameKind.TRANSLITERATION)
    _finish(entry, _person_data({**values, "name": name, "name_latin": latin}))
    person.refresh_from_db()
    return person


@transaction.atomic
def edit_person(
    *,
    actor: Any,
    person: Person,
    citation: Citation,
    expected_version: str | None = None,
    **values: Any,
) -> Person:
    """Assert new person-level facts (any of :data:`PERSON_FIELDS`) from ``citation``.

    The older values stay in their records; the profile shows the new ones (editorial
    records are verified) and lists any disagreement under conflicts. With
    ``expected_version`` (from :func:`habeas.audit.history.version_of` when the form was
    loaded) a change made meanwhile by someone else is refused, never overwritten.

    Raises:
        habeas.audit.history.StaleVersion: the person changed since ``expected_version``.
    """
    _require(actor, "registry.change_person")
    check_version(person, expected_version)
    data = _person_data(values)
    if not data:
        raise ActionError("nothing to change")
    entry = _entry(person, citation, actor, f"edit person {person.pk}")
    known = set(person.names.values_list("full", flat=True))
    for key, kind in (("name", NameKind.OFFICIAL), ("name_latin", NameKind.TRANSLITERATION)):
        if data.get(key) and data[key] not in known:
            _name(entry.record, data[key], kind)
    _finish(entry, data)
    person.refresh_from_db()
    return person


@transaction.atomic
def add_case(
    *,
    actor: Any,
    person: Person,
    citation: Citation,
    articles: list[LegalReference],
    case_number: str = "",
    verdict_on: date | None = None,
    term: Term | None = None,
    regime: str = "",
    court: str = "",
    stage: str = Sentence.Stage.FIRST_INSTANCE,
    suspended: bool = False,
) -> Case:
    """Add a case with its charges and, when a verdict or term is given, its sentence."""
    _require(actor, "cases.add_case", "cases.add_charge", "cases.add_sentence")
    if not articles and not verdict_on and term is None and not case_number:
        raise ActionError("a case needs an article, a case number, a verdict or a term")
    entry = _entry(person, citation, actor, f"case of person {person.pk}")
    case = Case.objects.create(
        person=person, record=entry.record, case_number=case_number[:100], country="RU"
    )
    Charge.objects.bulk_create(
        Charge(
            case=case,
            country=ref.country,
            code=ref.code,
            article=ref.article,
            part=ref.part or "",
            paragraph=ref.paragraph or "",
            reference=str(ref),
        )
        for ref in articles
    )
    data: dict[str, Any] = {"articles": [str(ref) for ref in articles]}
    if verdict_on or term is not None:
        Sentence.objects.create(
            case=case,
            stage=stage,
            verdict_on=verdict_on,
            court=court[:300],
            term_years=term.years if term else 0,
            term_months=term.months if term else 0,
            term_days=term.days if term else 0,
            regime=regime,
            suspended=suspended,
        )
        if verdict_on:
            data["verdict_on"] = verdict_on.isoformat()
        if term is not None and not suspended:
            data["sentence"] = str(term)
            data["regime"] = regime
    entry.touched = {**_added(case), "charges": data["articles"]}
    _finish(entry, data)
    return case


@transaction.atomic
def add_custody(
    *,
    actor: Any,
    person: Person,
    citation: Citation,
    kind: str,
    started_on: date | None = None,
    ended_on: date | None = None,
    facility: Facility | None = None,
    regime: str = "",
) -> CustodyPeriod:
    """Add a custody period (optionally in a facility)."""
    _require(actor, "cases.add_custodyperiod")
    if started_on and ended_on and ended_on < started_on:
        raise ActionError("the period ends before it starts")
    entry = _entry(person, citation, actor, f"custody of person {person.pk}")
    period = CustodyPeriod.objects.create(
        person=person,
        record=entry.record,
        kind=kind,
        regime=regime,
        facility=facility,
        started_on=started_on,
        ended_on=ended_on,
    )
    data: dict[str, Any] = {}
    if facility is not None:
        data["facility"] = facility.name
    if ended_on is None and kind in _OPEN_CUSTODY_STATUS:
        data["status"] = _OPEN_CUSTODY_STATUS[CustodyKind(kind)].value
    if started_on and kind in (CustodyKind.PRETRIAL_DETENTION, CustodyKind.HOUSE_ARREST):
        data["detained_on"] = started_on.isoformat()
    entry.touched = _added(period)
    _finish(entry, data)
    return period


@transaction.atomic
def add_event(
    *,
    actor: Any,
    person: Person,
    citation: Citation,
    kind: str,
    occurred_on: date | None = None,
    details: str = "",
    release_kind: str = "",
    confidentiality: str = Confidentiality.PUBLIC,
) -> Event:
    """Add an event of the person's timeline."""
    _require(actor, "cases.add_event")
    entry = _entry(person, citation, actor, f"event of person {person.pk}")
    event = Event.objects.create(
        person=person,
        record=entry.record,
        kind=kind,
        occurred_on=occurred_on,
        details=details,
        release_kind=release_kind,
        confidentiality=confidentiality,
    )
    data: dict[str, Any] = {}
    if kind == "released" and occurred_on and confidentiality == Confidentiality.PUBLIC:
        data["released_on"] = occurred_on.isoformat()
    entry.touched = _added(event)
    _finish(entry, data)
    return event


@transaction.atomic
def add_recognition(
    *,
    actor: Any,
    person: Person,
    citation: Citation,
    organisation: str,
    recognised_on: date | None = None,
    criteria: str = "",
) -> Recognition:
    """Record that ``organisation`` recognised the person as a political prisoner."""
    _require(actor, "cases.add_recognition")
    if not organisation.strip():
        raise ActionError("name the organisation")
    entry = _entry(person, citation, actor, f"recognition of person {person.pk}")
    recognition = Recognition.objects.create(
        person=person,
        record=entry.record,
        organisation=organisation.strip()[:200],
        recognised_on=recognised_on,
        criteria=criteria[:200],
    )
    recognised = list(entry.record.data.get("recognized_by") or [])
    entry.touched = _added(recognition)
    _finish(entry, {"recognized_by": [*recognised, recognition.organisation]})
    return recognition


@transaction.atomic
def save_facility(
    *,
    actor: Any,
    name: str,
    facility: Facility | None = None,
    facility_type: str = "",
    region: str = "",
    number: str = "",
    address: str = "",
) -> Facility:
    """Create a facility (or edit ``facility``), adding ``address`` as a letter address.

    Facilities have no source column yet, so this is the one action whose values carry no
    source record (letter addresses of imported facilities point to their import's record).
    """
    _require(actor, "cases.add_facility", "cases.change_facility", "cases.add_facilityaddress")
    name = " ".join(name.split())
    if not name:
        raise ActionError("a facility needs a name")
    kind, found_number, found_region = classify_facility(name)
    if facility is None:
        if Facility.objects.filter(name=name).exists():
            raise ActionError("a facility with this name exists")
        facility = Facility(name=name)
    facility.name = name[:300]
    facility.facility_type = facility_type or kind
    facility.number = number or found_number
    facility.region = region or found_region
    facility.save()
    address = " ".join(address.split())
    if address:
        FacilityAddress.objects.get_or_create(facility=facility, address=address)
    audit.record(
        actor=actor,
        action="save_facility",
        object_type="facility",
        object_id=facility.pk,
        after={
            "name": facility.name,
            "type": facility.facility_type,
            "region": facility.region,
            "number": facility.number,
            "address": address,
        },
    )
    return facility
