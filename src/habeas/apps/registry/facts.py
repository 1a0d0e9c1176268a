"""The fact rows (names, keys, case, charges, sentence, custody, events, recognition, notes)
that one interchange row asserts about one source record, queued for bulk insertion."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from habeas.apps.cases.facilities import FacilityCache
from habeas.apps.cases.models import (
    Case,
    Charge,
    CustodyPeriod,
    Event,
    Recognition,
    Sentence,
)
from habeas.apps.registry.bulk import BulkTable, IdPool
from habeas.apps.registry.models import NameKey, PersonName, PersonNote
from habeas.interchange import InterchangeRow, PartialDate
from habeas.vocabulary import (
    Confidentiality,
    CustodyKind,
    EventKind,
    Regime,
    ReleaseKind,
    Status,
)

_RELEASE_KIND_BY_STATUS = {Status.EXCHANGED: ReleaseKind.EXCHANGE}
_PRETRIAL_KIND_BY_STATUS = {
    Status.HOUSE_ARREST: CustodyKind.HOUSE_ARREST,
    Status.RESTRICTED: CustodyKind.BAN_ON_ACTIONS,
}

#: Models whose rows a record asserts; deleting a record's facts deletes from these.
FACT_MODELS = (PersonName, NameKey, Case, CustodyPeriod, Event, Recognition, PersonNote)


@dataclass
class FactTables:
    """Queued fact rows of one batch of records, inserted together by :meth:`flush`."""

    ids: IdPool
    facilities: FacilityCache
    names: BulkTable = field(default_factory=lambda: BulkTable(PersonName))
    keys: BulkTable = field(default_factory=lambda: BulkTable(NameKey))
    cases: BulkTable = field(default_factory=lambda: BulkTable(Case, with_ids=True))
    charges: BulkTable = field(default_factory=lambda: BulkTable(Charge))
    sentences: BulkTable = field(default_factory=lambda: BulkTable(Sentence))
    custody: BulkTable = field(default_factory=lambda: BulkTable(CustodyPeriod))
    events: BulkTable = field(default_factory=lambda: BulkTable(Event))
    recognitions: BulkTable = field(default_factory=lambda: BulkTable(Recognition))
    notes: BulkTable = field(default_factory=lambda: BulkTable(PersonNote))

    def flush(self, now: Any) -> None:
        """Insert everything queued (cases before the charges and sentences that need them)."""
        for table in (
            self.cases,
            self.charges,
            self.sentences,
            self.names,
            self.keys,
            self.custody,
            self.events,
            self.recognitions,
            self.notes,
        ):
            table.flush(now)

    def add(self, row: InterchangeRow, person_id: int, record_id: int) -> None:
        """Queue the facts ``row`` asserts, as record ``record_id`` of person ``person_id``."""
        own = {"person_id": person_id, "record_id": record_id}
        keys: set[str] = set()
        for form in row.names:
            self.names.add(
                **own,
                full=form.text[:300],
                surname=form.surname[:150],
                given=form.given[:150],
                patronymic=form.patronymic[:150],
                script=form.script.value,
                language=form.language,
                kind=form.kind.value,
                folded=form.folded[:300],
            )
            keys.update(form.keys)
        # Keys are script-independent, so a record's spellings share most of them: one each.
        for key in sorted(keys):
            self.keys.add(**own, key=key)
        if row.articles or row.sentence or row.verdict_on or row.detained_on:
            self._add_case(row, own)
        facility = self.facilities.get(row.facility, row.facility_address, row.country)
        self._add_custody(row, own, facility.pk if facility else None)
        self._add_events(row, own)
        for organisation in row.recognized_by:
            self.recognitions.add(**own, organisation=organisation[:200])
        if row.notes:
            self.notes.add(**own, text=row.notes, confidentiality=Confidentiality.INTERNAL.value)

    def _add_case(self, row: InterchangeRow, own: dict[str, int]) -> None:
        [case_id] = self.ids.take(Case, 1)
        self.cases.add(id=case_id, **own, country=row.country)
        for ref in row.articles:
            self.charges.add(
                case_id=case_id,
                country=ref.country,
                code=ref.code,
                article=ref.article,
                part=ref.part or "",
                paragraph=ref.paragraph or "",
                reference=str(ref),
            )
        if row.sentence or row.verdict_on:
            term = row.sentence
            self.sentences.add(
                case_id=case_id,
                verdict_on=row.verdict_on.value if row.verdict_on else None,
                term_years=term.years if term else 0,
                term_months=term.months if term else 0,
                term_days=term.days if term else 0,
                regime=row.regime.value if row.regime else "",
            )

    def _add_custody(self, row: InterchangeRow, own: dict[str, int], facility: int | None) -> None:
        custodial = bool(row.verdict_on and row.sentence)
        released = row.released_on.value if row.released_on else None
        if row.detained_on:
            kind = _PRETRIAL_KIND_BY_STATUS.get(row.status, CustodyKind.PRETRIAL_DETENTION)  # type: ignore[arg-type]
            ended = row.verdict_on.value if custodial and row.verdict_on else released
            self.custody.add(
                **own,
                kind=kind.value,
                started_on=row.detained_on.value,
                ended_on=ended,
                facility_id=None if custodial else facility,
            )
        if custodial and row.verdict_on:
            kind = CustodyKind.PRISON if row.regime == Regime.PRISON else CustodyKind.COLONY
            self.custody.add(
                **own,
                kind=kind.value,
                regime=row.regime.value if row.regime else "",
                facility_id=facility,
                started_on=row.verdict_on.value,
                ended_on=released,
            )

    def _add_events(self, row: InterchangeRow, own: dict[str, int]) -> None:
        def event(kind: EventKind, when: PartialDate, release_kind: str = "") -> None:
            self.events.add(
                **own,
                kind=kind.value,
                occurred_on=when.value,
                precision=when.precision.value,
                release_kind=release_kind,
            )

        if row.detained_on:
            event(EventKind.DETAINED, row.detained_on)
        if row.verdict_on:
            event(EventKind.VERDICT, row.verdict_on)
        if row.released_on:
            kind = _RELEASE_KIND_BY_STATUS.get(row.status, ReleaseKind.OTHER)  # type: ignore[arg-type]
            event(EventKind.RELEASED, row.released_on, kind.value)
