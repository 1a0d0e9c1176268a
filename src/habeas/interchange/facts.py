"""The database rows one checked interchange row becomes, as plain tuples.

An import writes about twenty database rows for every row of a list (the record, the
person, names, search keys, case, charges, sentence, custody, events, recognition, notes).
Building them is pure Python, so it runs where the rows are parsed: in the worker processes
of :mod:`habeas.interchange.pipeline`. What comes back is a :class:`RowFacts` of tuples
whose values are ready for the database driver (text, integers, ISO dates, JSON text); the
store only puts the ids in front and writes. No Django here: the column names below are
those of the store's models, and the store checks them against the models.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, NamedTuple

from habeas.interchange.rows import InterchangeRow
from habeas.profiles import Profile, parse_iso_date
from habeas.vocabulary import (
    Confidentiality,
    CustodyKind,
    DatePrecision,
    EventKind,
    Regime,
    ReleaseKind,
    Status,
)

#: Columns of each table that a row's tuples fill, in tuple order. The store adds the ids
#: in front (``id``, ``person_id``, ``record_id``, ``case_id`` as each table has them) and
#: the models' defaults behind.
PERSON_COLUMNS = (
    "display_name",
    "display_name_latin",
    "gender",
    "birth_date",
    "birth_precision",
    "region",
    "status",
    "conflicts",
)
RECORD_COLUMNS = (
    "source_key",
    "row_number",
    "content_hash",
    "raw",
    "data",
    "name",
    "gender",
    "birth_date",
    "birth_precision",
    "region",
    "stated_status",
    "url",
    "notes",
)
NAME_COLUMNS = ("full", "surname", "given", "patronymic", "script", "language", "kind", "folded")
KEY_COLUMNS = ("key",)
CASE_COLUMNS = ("country",)
CHARGE_COLUMNS = ("country", "code", "article", "part", "paragraph", "reference")
SENTENCE_COLUMNS = ("verdict_on", "term_years", "term_months", "term_days", "regime")
#: A custody tuple is ``(held_in_facility, *CUSTODY_COLUMNS)``: the store resolves the
#: facility (a database lookup) and writes its id only where the flag is set.
CUSTODY_COLUMNS = ("kind", "regime", "started_on", "ended_on")
EVENT_COLUMNS = ("kind", "occurred_on", "precision", "release_kind")
RECOGNITION_COLUMNS = ("organisation",)
NOTE_COLUMNS = ("text", "confidentiality")

_RELEASE_KIND_BY_STATUS = {Status.EXCHANGED: ReleaseKind.EXCHANGE}
_PRETRIAL_KIND_BY_STATUS = {
    Status.HOUSE_ARREST: CustodyKind.HOUSE_ARREST,
    Status.RESTRICTED: CustodyKind.BAN_ON_ACTIONS,
}
_INTERNAL = Confidentiality.INTERNAL.value


class RowFacts(NamedTuple):
    """Everything the store writes for one new (or changed) row, as database-ready tuples."""

    number: int
    source_key: str
    source_id: str
    name: str
    content_hash: str
    person: tuple[Any, ...]
    record: tuple[Any, ...]
    names: list[tuple[Any, ...]]
    keys: list[tuple[str]]
    case: tuple[str] | None
    charges: list[tuple[Any, ...]]
    sentence: tuple[Any, ...] | None
    custody: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    recognitions: list[tuple[str]]
    notes: list[tuple[str, str]]
    facility: tuple[str, str, str]


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if value else ("{}" if value == {} else "[]")


def person_values(profile: Profile) -> tuple[Any, ...]:
    """The person columns (:data:`PERSON_COLUMNS`) a one-record profile fills.

    The same values as :func:`habeas.apps.registry.profile.profile_columns`, database-ready.
    """
    birth = profile.birth_date
    precision = (
        ""
        if not birth
        else DatePrecision.DAY.value
        if len(birth) == 10
        else DatePrecision.MONTH.value
        if len(birth) == 7
        else DatePrecision.YEAR.value
    )
    return (
        profile.display_name[:300],
        profile.display_name_latin[:300],
        profile.gender,
        _iso(parse_iso_date(birth)),
        precision,
        profile.region[:200],
        profile.status.value,
        _json(profile.conflicts),
    )


def row_facts(row: InterchangeRow, raw: dict[str, str]) -> RowFacts:
    """The tuples of every table that ``row`` (read from the cells ``raw``) asserts."""
    assert row.profile is not None  # set by normalize_row  # noqa: S101
    data = row.to_data()
    birth = row.birth_date
    record = (
        row.source_key,
        row.number,
        row.content_hash,
        _json(raw),
        json.dumps(data, ensure_ascii=False),
        row.name[:300],
        row.gender.value if row.gender else "",
        _iso(birth.value) if birth else None,
        birth.precision.value if birth else "",
        row.region[:200],
        row.status.value if row.status else "",
        row.source_url[:1000],
        row.notes,
    )
    names = []
    keys: set[str] = set()
    for form in row.names:
        names.append(
            (
                form.text[:300],
                form.surname[:150],
                form.given[:150],
                form.patronymic[:150],
                form.script.value,
                form.language,
                form.kind.value,
                form.folded[:300],
            )
        )
        keys.update(form.keys)
    case = charges = sentence = None
    if row.articles or row.sentence or row.verdict_on or row.detained_on:
        case = (row.country,)
        charges = [
            (
                ref.country,
                ref.code,
                ref.article,
                ref.part or "",
                ref.paragraph or "",
                str(ref),
            )
            for ref in row.articles
        ]
        if row.sentence or row.verdict_on:
            term = row.sentence
            sentence = (
                _iso(row.verdict_on.value) if row.verdict_on else None,
                term.years if term else 0,
                term.months if term else 0,
                term.days if term else 0,
                row.regime.value if row.regime else "",
            )
    return RowFacts(
        number=row.number,
        source_key=row.source_key,
        source_id=row.source_id,
        name=row.name,
        content_hash=row.content_hash,
        person=person_values(row.profile),
        record=record,
        names=names,
        # Keys are script-independent, so a record's spellings share most: one row each.
        keys=[(key,) for key in sorted(keys)],
        case=case,
        charges=charges or [],
        sentence=sentence,
        custody=_custody(row),
        events=_events(row),
        recognitions=[(organisation[:200],) for organisation in row.recognized_by],
        notes=[(row.notes, _INTERNAL)] if row.notes else [],
        facility=(row.facility, row.facility_address, row.country),
    )


def _custody(row: InterchangeRow) -> list[tuple[Any, ...]]:
    periods: list[tuple[Any, ...]] = []
    custodial = bool(row.verdict_on and row.sentence)
    released = _iso(row.released_on.value) if row.released_on else None
    if row.detained_on:
        kind = _PRETRIAL_KIND_BY_STATUS.get(row.status, CustodyKind.PRETRIAL_DETENTION)  # type: ignore[arg-type]
        ended = _iso(row.verdict_on.value) if custodial and row.verdict_on else released
        # Pre-trial custody is placed in the named facility only when no verdict moved
        # the person on (the list names where they are now).
        periods.append((not custodial, kind.value, "", _iso(row.detained_on.value), ended))
    if custodial and row.verdict_on:
        kind = CustodyKind.PRISON if row.regime == Regime.PRISON else CustodyKind.COLONY
        regime = row.regime.value if row.regime else ""
        periods.append((True, kind.value, regime, _iso(row.verdict_on.value), released))
    return periods


def _events(row: InterchangeRow) -> list[tuple[Any, ...]]:
    events: list[tuple[Any, ...]] = []
    if row.detained_on:
        when = row.detained_on
        events.append((EventKind.DETAINED.value, _iso(when.value), when.precision.value, ""))
    if row.verdict_on:
        when = row.verdict_on
        events.append((EventKind.VERDICT.value, _iso(when.value), when.precision.value, ""))
    if row.released_on:
        when = row.released_on
        kind = _RELEASE_KIND_BY_STATUS.get(row.status, ReleaseKind.OTHER)  # type: ignore[arg-type]
        events.append(
            (EventKind.RELEASED.value, _iso(when.value), when.precision.value, kind.value)
        )
    return events
