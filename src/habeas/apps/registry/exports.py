"""Exporting the registry: one canonical row per person, in the interchange shape, in
several formats; and a single-file SQLite open-data export with public fields only."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from django.utils import timezone

from habeas.apps.cases.models import Charge, CustodyPeriod, Event, Recognition, Sentence
from habeas.apps.registry.models import Person, PersonName, PersonNote, SourceRecord
from habeas.apps.registry.visibility import Audience, may_see
from habeas.interchange import writers
from habeas.interchange.ftm import person_entity
from habeas.vocabulary import Confidentiality, EventKind

FORMATS = ("csv", "jsonl", "xlsx", "ftm", "sqlite")
CHUNK = 1000


def _grouped(
    queryset: Any, key: Callable[[Any], int] = attrgetter("person_id")
) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for item in queryset:
        groups[key(item)].append(item)
    return groups


def person_rows(audience: Audience = Audience.INTERNAL) -> Iterator[dict[str, Any]]:
    """One interchange-shaped dict per live person, with ``person_id`` and ``statements``."""
    from habeas.security.gate import published_only

    live = published_only(Person.objects.filter(merged_into__isnull=True), audience)
    ids = list(live.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        yield from _chunk_rows(chunk, audience)


def _chunk_rows(chunk: list[int], audience: Audience) -> Iterator[dict[str, Any]]:
    persons = Person.objects.in_bulk(chunk)
    records = _grouped(
        SourceRecord.objects.filter(person_id__in=chunk)
        .select_related("source")
        .only(
            "person_id",
            "url",
            "source__name",
            "source__confidentiality",
            "source__url",
            "removed_in_id",
            "data",
        )
    )
    names = _grouped(
        PersonName.objects.filter(person_id__in=chunk)
        .order_by("pk")
        .select_related("record__source")
    )
    charges = _grouped(
        Charge.objects.filter(case__person_id__in=chunk)
        .values(
            "case__person_id",
            "reference",
            "article",
            "part",
            "paragraph",
            "case__record__source__name",
        )
        .order_by("pk"),
        itemgetter("case__person_id"),
    )
    sentences = _grouped(
        Sentence.objects.filter(case__person_id__in=chunk)
        .select_related("case")
        .order_by("verdict_on", "pk"),
        attrgetter("case.person_id"),
    )
    custody = _grouped(
        CustodyPeriod.objects.filter(person_id__in=chunk)
        .select_related("facility")
        .prefetch_related("facility__addresses")
        .order_by("started_on", "pk")
    )
    events = _grouped(Event.objects.filter(person_id__in=chunk).order_by("occurred_on", "pk"))
    recognitions = _grouped(Recognition.objects.filter(person_id__in=chunk).order_by("pk"))
    notes = _grouped(PersonNote.objects.filter(person_id__in=chunk).order_by("pk"))
    for pid in chunk:
        yield _row(
            persons[pid],
            records.get(pid, []),
            names.get(pid, []),
            charges.get(pid, []),
            sentences.get(pid, []),
            custody.get(pid, []),
            events.get(pid, []),
            recognitions.get(pid, []),
            notes.get(pid, []),
            audience,
        )


def _row(
    person: Person,
    records: list[SourceRecord],
    names: list[PersonName],
    charges: list[dict[str, Any]],
    sentences: list[Sentence],
    custody: list[CustodyPeriod],
    events: list[Event],
    recognitions: list[Recognition],
    notes: list[PersonNote],
    audience: Audience,
) -> dict[str, Any]:
    statements: list[dict[str, str]] = []

    def state(prop: str, value: str, source: str) -> None:
        if value:
            statements.append({"prop": prop, "value": value, "dataset": source})

    visible_sources = {
        r.pk: r.source.name for r in records if may_see(audience, r.source.confidentiality)
    }
    for n in names:
        state(
            "name" if n.kind in ("official", "transliteration") else "alias",
            n.full,
            visible_sources.get(n.record_id, "habeas"),
        )
    display = {person.display_name, person.display_name_latin}
    aliases = list(dict.fromkeys(n.full for n in names if n.full not in display))
    articles = list(dict.fromkeys(c["reference"].split(" ", 1)[-1] for c in charges))
    for c in charges:
        state("summary", c["reference"], c["case__record__source__name"])
    latest = sentences[-1] if sentences else None
    facility = next((c.facility for c in reversed(custody) if c.facility), None)
    address = next(iter(facility.addresses.all()), None) if facility else None
    dated = {
        kind: [e.occurred_on for e in events if e.kind == kind and e.occurred_on]
        for kind in (EventKind.DETAINED, EventKind.VERDICT, EventKind.RELEASED)
    }
    birth = person.birth_date.isoformat() if person.birth_date else ""
    if birth and person.birth_precision == "year":
        birth = birth[:4]
    elif birth and person.birth_precision == "month":
        birth = birth[:7]
    if audience == Audience.PUBLIC:
        birth = birth[:4]
    state("birthDate", birth, "habeas")
    row: dict[str, Any] = {
        "person_id": person.pk,
        "source_id": f"habeas-{person.pk}",
        "name": person.display_name,
        "name_latin": person.display_name_latin,
        "aliases": aliases,
        "gender": person.gender,
        "birth_date": birth,
        "region": person.region,
        "articles": articles,
        "sentence": latest.term_text
        if latest and (latest.term_years or latest.term_months or latest.term_days)
        else "",
        "regime": latest.regime if latest else "",
        "facility": facility.name if facility else "",
        "facility_address": address.address if address else "",
        "status": person.status if person.status != "unknown" else "",
        "detained_on": min(dated[EventKind.DETAINED]).isoformat()
        if dated[EventKind.DETAINED]
        else "",
        "verdict_on": max(dated[EventKind.VERDICT]).isoformat() if dated[EventKind.VERDICT] else "",
        "released_on": max(dated[EventKind.RELEASED]).isoformat()
        if dated[EventKind.RELEASED]
        else "",
        "recognized_by": list(dict.fromkeys(r.organisation for r in recognitions)),
        "source_url": next(
            (
                r.url or r.source.url
                for r in records
                if r.pk in visible_sources and (r.url or r.source.url)
            ),
            "",
        ),
        "notes": " | ".join(
            n.text
            for n in notes
            if may_see(audience, n.confidentiality)
            and n.confidentiality != Confidentiality.CONFIDENTIAL
        ),
        "country": "RU",
        "statements": statements,
    }
    return row


def export_registry(path: Path, file_format: str, audience: Audience = Audience.INTERNAL) -> int:
    """Write the registry to ``path`` in ``file_format``; returns the number of persons.

    Confidential values never leave through an export; ``internal`` adds internal notes;
    the ``sqlite`` open-data export is always public.
    """
    if file_format not in FORMATS:
        raise ValueError(f"unknown export format {file_format!r}; use one of {', '.join(FORMATS)}")
    if file_format == "sqlite":
        return write_open_data(path)
    rows = person_rows(audience)
    if file_format == "ftm":
        return writers.write_ftm((person_entity(r, r["statements"]) for r in rows), path)
    plain = ({k: v for k, v in r.items() if k != "statements"} for r in rows)
    writer = {"csv": writers.write_csv, "jsonl": writers.write_jsonl, "xlsx": writers.write_xlsx}
    return writer[file_format](plain, path)


_OPEN_DATA_SCHEMA = """
CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT, name_latin TEXT, gender TEXT,
    birth_year INTEGER, region TEXT, status TEXT, articles TEXT, sentence TEXT, regime TEXT,
    facility TEXT, letter_address TEXT, detained_on TEXT, verdict_on TEXT, released_on TEXT,
    recognized_by TEXT);
CREATE TABLE names (person_id INTEGER REFERENCES persons(id), name TEXT);
CREATE TABLE charges (person_id INTEGER REFERENCES persons(id), article TEXT);
CREATE INDEX charges_article ON charges(article);
"""


def write_open_data(path: Path) -> int:
    """A single-file SQLite database of public fields only, for researchers."""
    if path.exists():
        path.unlink()
    connection = sqlite3.connect(path)
    count = 0
    try:
        connection.executescript(_OPEN_DATA_SCHEMA)
        for row in person_rows(Audience.PUBLIC):
            birth_year = int(row["birth_date"][:4]) if row["birth_date"] else None
            connection.execute(
                "INSERT INTO persons VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    row["person_id"],
                    row["name"],
                    row["name_latin"],
                    row["gender"],
                    birth_year,
                    row["region"],
                    row["status"],
                    "; ".join(row["articles"]),
                    row["sentence"],
                    row["regime"],
                    row["facility"],
                    row["facility_address"],
                    row["detained_on"],
                    row["verdict_on"],
                    row["released_on"],
                    "|".join(row["recognized_by"]),
                ),
            )
            connection.executemany(
                "INSERT INTO names VALUES (?,?)",
                [(row["person_id"], n) for n in [row["name"], *row["aliases"]]],
            )
            connection.executemany(
                "INSERT INTO charges VALUES (?,?)", [(row["person_id"], a) for a in row["articles"]]
            )
            count += 1
        connection.executemany(
            "INSERT INTO metadata VALUES (?,?)",
            [
                ("exported_at", timezone.now().isoformat()),
                ("persons", str(count)),
                ("licence", "CC BY 4.0"),
                ("fields", "public only"),
            ],
        )
        connection.commit()
    finally:
        connection.close()
    return count
