"""Building the fact rows (names, case, charges, sentence, custody, events, recognition)
that one interchange row asserts, as unsaved model instances ready for bulk insertion."""

from __future__ import annotations

from dataclasses import dataclass, field

from habeas.apps.cases.facilities import FacilityCache
from habeas.apps.cases.models import (
    Case,
    Charge,
    CustodyPeriod,
    Event,
    Recognition,
    Sentence,
)
from habeas.apps.registry.models import PersonName, PersonNote, SourceRecord
from habeas.interchange import InterchangeRow
from habeas.interchange.values import fold
from habeas.names import detect_script, parse_name
from habeas.vocabulary import (
    Confidentiality,
    CustodyKind,
    EventKind,
    NameKind,
    Regime,
    ReleaseKind,
    Script,
    Status,
)

_RELEASE_KIND_BY_STATUS = {Status.EXCHANGED: ReleaseKind.EXCHANGE}
_PRETRIAL_KIND_BY_STATUS = {
    Status.HOUSE_ARREST: CustodyKind.HOUSE_ARREST,
    Status.RESTRICTED: CustodyKind.BAN_ON_ACTIONS,
}


@dataclass
class FactRows:
    """Unsaved fact rows for a batch of records; ``flush`` order is handled by the importer."""

    names: list[PersonName] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    charges: list[tuple[Case, Charge]] = field(default_factory=list)
    sentences: list[tuple[Case, Sentence]] = field(default_factory=list)
    custody: list[CustodyPeriod] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    recognitions: list[Recognition] = field(default_factory=list)
    notes: list[PersonNote] = field(default_factory=list)

    def save(self) -> None:
        """Insert everything, cases first so charges and sentences can point to them."""
        Case.objects.bulk_create(self.cases, batch_size=1000)
        for case, charge in self.charges:
            charge.case_id = case.pk
        for case, sentence in self.sentences:
            sentence.case_id = case.pk
        Charge.objects.bulk_create([c for _, c in self.charges], batch_size=1000)
        Sentence.objects.bulk_create([s for _, s in self.sentences], batch_size=1000)
        PersonName.objects.bulk_create(self.names, batch_size=1000)
        CustodyPeriod.objects.bulk_create(self.custody, batch_size=1000)
        Event.objects.bulk_create(self.events, batch_size=1000)
        Recognition.objects.bulk_create(self.recognitions, batch_size=1000)
        PersonNote.objects.bulk_create(self.notes, batch_size=1000)


def _name_row(record: SourceRecord, text: str, kind: NameKind) -> PersonName:
    try:
        parsed = parse_name(text)
        surname, given, patronymic = (
            parsed.surname or "",
            parsed.given or "",
            parsed.patronymic or "",
        )
        script = parsed.script
    except ValueError:
        surname = given = patronymic = ""
        script = detect_script(text)
    language = "ru" if script == Script.CYRILLIC else ""
    return PersonName(
        person_id=record.person_id,
        record=record,
        full=text,
        surname=surname,
        given=given,
        patronymic=patronymic,
        script=script,
        language=language,
        kind=kind,
        folded=fold(text),
    )


def add_facts(
    rows: FactRows, row: InterchangeRow, record: SourceRecord, facilities: FacilityCache
) -> None:
    """Append the fact rows that ``row`` asserts about ``record``'s person to ``rows``."""
    person_id = record.person_id
    rows.names.append(_name_row(record, row.name, NameKind.OFFICIAL))
    if row.name_latin:
        rows.names.append(_name_row(record, row.name_latin, NameKind.TRANSLITERATION))
    rows.names.extend(_name_row(record, alias, NameKind.ALIAS) for alias in row.aliases)

    if row.articles or row.sentence or row.verdict_on or row.detained_on:
        case = Case(person_id=person_id, record=record, country=row.country)
        rows.cases.append(case)
        for ref in row.articles:
            rows.charges.append(
                (
                    case,
                    Charge(
                        country=ref.country,
                        code=ref.code,
                        article=ref.article,
                        part=ref.part,
                        paragraph=ref.paragraph or "",
                        reference=str(ref),
                    ),
                )
            )
        if row.sentence or row.verdict_on:
            term = row.sentence
            rows.sentences.append(
                (
                    case,
                    Sentence(
                        verdict_on=row.verdict_on.value if row.verdict_on else None,
                        term_years=term.years if term else 0,
                        term_months=term.months if term else 0,
                        term_days=term.days if term else 0,
                        regime=row.regime.value if row.regime else "",
                    ),
                )
            )

    facility = facilities.get(row.facility, row.facility_address, row.country)
    _add_custody(rows, row, record, facility)
    _add_events(rows, row, record)
    rows.recognitions.extend(
        Recognition(person_id=person_id, record=record, organisation=org)
        for org in row.recognized_by
    )
    if row.notes:
        rows.notes.append(
            PersonNote(
                person_id=person_id,
                record=record,
                text=row.notes,
                confidentiality=Confidentiality.INTERNAL,
            )
        )


def _add_custody(rows: FactRows, row: InterchangeRow, record: SourceRecord, facility) -> None:
    custodial = bool(row.verdict_on and row.sentence)
    released = row.released_on.value if row.released_on else None
    if row.detained_on:
        kind = _PRETRIAL_KIND_BY_STATUS.get(row.status, CustodyKind.PRETRIAL_DETENTION)  # type: ignore[arg-type]
        ended = row.verdict_on.value if custodial and row.verdict_on else released
        rows.custody.append(
            CustodyPeriod(
                person_id=record.person_id,
                record=record,
                kind=kind,
                started_on=row.detained_on.value,
                ended_on=ended,
                facility=None if custodial else facility,
            )
        )
    if custodial and row.verdict_on:
        kind = CustodyKind.PRISON if row.regime == Regime.PRISON else CustodyKind.COLONY
        rows.custody.append(
            CustodyPeriod(
                person_id=record.person_id,
                record=record,
                kind=kind,
                regime=row.regime.value if row.regime else "",
                facility=facility,
                started_on=row.verdict_on.value,
                ended_on=released,
            )
        )


def _add_events(rows: FactRows, row: InterchangeRow, record: SourceRecord) -> None:
    def event(kind: EventKind, when, release_kind: str = "") -> None:
        rows.events.append(
            Event(
                person_id=record.person_id,
                record=record,
                kind=kind,
                occurred_on=when.value,
                precision=when.precision,
                release_kind=release_kind,
            )
        )

    if row.detained_on:
        event(EventKind.DETAINED, row.detained_on)
    if row.verdict_on:
        event(EventKind.VERDICT, row.verdict_on)
    if row.released_on:
        kind = _RELEASE_KIND_BY_STATUS.get(row.status, ReleaseKind.OTHER)  # type: ignore[arg-type]
        event(EventKind.RELEASED, row.released_on, kind)
