"""Person rows for release lists: the plain dicts :mod:`habeas.lists` evaluates.

One row per live person (merged persons forward to the survivor), built in chunks with one
query per table. Estimates, documented in docs/lists.md: the sentence in force is the latest
dated sentence no other supersedes (custodial first); custody runs from the first detention
(a custody period's start or a *detained* event); the release date is that start plus the
term (pre-trial custody counted day for day). The exact arithmetic with each country's
credit rules is ``habeas law`` (:mod:`habeas.apps.cases.sentence`).
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from habeas.apps.cases.models import Charge, CustodyPeriod, Event, Recognition, Sentence
from habeas.apps.registry.models import Person, PersonName, PersonNote
from habeas.lists.priority import Weights, default_weights, note_flags
from habeas.names import InvalidNameError, to_cyrillic_candidates, transliterate
from habeas.vocabulary import Confidentiality, EventKind

CHUNK = 1000
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months (the day clipped to the month's end)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def cyrillic_name(recorded: str | None, display_name: str) -> tuple[str, bool]:
    """The name to show in Cyrillic, and whether it was reconstructed rather than recorded.

    A recorded Cyrillic spelling wins; a display name already in Cyrillic is used as it is.
    A person known only from Latin-script lists gets the most likely Cyrillic reading of the
    Latin spelling (:func:`habeas.names.to_cyrillic_candidates`), flagged, because a
    counterpart reads the list in Russian but the reading is a guess until someone checks it.
    """
    if recorded:
        return recorded, False
    if not display_name or _CYRILLIC.search(display_name):
        return display_name, False
    try:
        readings = to_cyrillic_candidates(display_name, limit=1)
    except InvalidNameError:
        return display_name, False
    if not readings or not _CYRILLIC.search(readings[0][0]):
        return display_name, False
    return readings[0][0], True


def live_ids() -> list[int]:
    """Ids of all persons not merged into another."""
    return list(
        Person.objects.filter(merged_into__isnull=True).order_by("pk").values_list("pk", flat=True)
    )


def person_rows(
    ids: Iterable[int] | None = None, weights: Weights | None = None
) -> Iterator[dict[str, Any]]:
    """The list rows of persons ``ids`` (default: every live person), in id order."""
    all_ids = sorted(set(ids)) if ids is not None else live_ids()
    weights = weights or default_weights()
    for start in range(0, len(all_ids), CHUNK):
        yield from _chunk(all_ids[start : start + CHUNK], weights)


def _in_force(sentences: list[Sentence]) -> Sentence | None:
    superseded = {s.supersedes_id for s in sentences if s.supersedes_id}
    live = [s for s in sentences if s.pk not in superseded and not s.suspended]
    custodial = [s for s in live if s.term_years or s.term_months or s.term_days]
    pool = custodial or live
    if not pool:
        return None
    return max(pool, key=lambda s: (s.verdict_on or date.min, s.pk))


def _chunk(chunk: list[int], weights: Weights) -> Iterator[dict[str, Any]]:
    persons = Person.objects.in_bulk(chunk)
    cyrillic: dict[int, str] = {}
    for pid, full in (
        PersonName.objects.filter(person_id__in=chunk, script="cyrillic")
        .order_by("pk")
        .values_list("person_id", "full")
    ):
        cyrillic.setdefault(pid, full)
    charges: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pid, article, ref in (
        Charge.objects.filter(case__person_id__in=chunk)
        .order_by("pk")
        .values_list("case__person_id", "article", "reference")
    ):
        charges[pid].append((article, ref))
    sentences: dict[int, list[Sentence]] = defaultdict(list)
    for s in Sentence.objects.filter(case__person_id__in=chunk).select_related("case"):
        sentences[s.case.person_id].append(s)
    custody: dict[int, list[CustodyPeriod]] = defaultdict(list)
    for c in (
        CustodyPeriod.objects.filter(person_id__in=chunk)
        .select_related("facility")
        .order_by("started_on", "pk")
    ):
        custody[c.person_id].append(c)
    detained: dict[int, list[date]] = defaultdict(list)
    for pid, on in Event.objects.filter(
        person_id__in=chunk, kind=EventKind.DETAINED, occurred_on__isnull=False
    ).values_list("person_id", "occurred_on"):
        detained[pid].append(on)
    recognitions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in Recognition.objects.filter(person_id__in=chunk).order_by("organisation", "pk"):
        recognitions[r.person_id].append(
            {
                "organisation": r.organisation,
                "criteria": r.criteria,
                "withdrawn": r.withdrawn_on is not None,
            }
        )
    notes: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for pid, topic, text, conf in PersonNote.objects.filter(
        person_id__in=chunk, topic__in=("health", "relatives", "general")
    ).values_list("person_id", "topic", "text", "confidentiality"):
        notes[pid].append((topic, text, conf))
    for pid in chunk:
        person = persons[pid]
        yield _row(
            person,
            cyrillic.get(pid),
            charges.get(pid, []),
            _in_force(sentences.get(pid, [])),
            custody.get(pid, []),
            detained.get(pid, []),
            recognitions.get(pid, []),
            notes.get(pid, []),
            weights,
        )


def _row(
    person: Person,
    cyrillic: str | None,
    charges: list[tuple[str, str]],
    sentence: Sentence | None,
    custody: list[CustodyPeriod],
    detained: list[date],
    recognitions: list[dict[str, Any]],
    notes: list[tuple[str, str, str]],
    weights: Weights,
) -> dict[str, Any]:
    starts = [c.started_on for c in custody if c.started_on] + detained
    first = min(starts) if starts else None
    facility = next((c.facility for c in reversed(custody) if c.facility), None)
    term = None
    due = None
    if sentence is not None:
        months = sentence.term_years * 12 + sentence.term_months
        term = {
            "term": sentence.term_text,
            "months": months,
            "regime": sentence.regime,
            "verdict_on": sentence.verdict_on.isoformat() if sentence.verdict_on else None,
        }
        begin = first or sentence.verdict_on
        if begin and (months or sentence.term_days):
            due = add_months(begin, months) + timedelta(days=sentence.term_days)
    flags = note_flags([(t, x) for t, x, _ in notes], weights)
    levels = [c for _t, _x, c in notes] or [Confidentiality.CONFIDENTIAL]
    order = list(Confidentiality)
    latin = person.display_name_latin or transliterate(person.display_name, "bgn_pcgn")
    name, reconstructed = cyrillic_name(cyrillic, person.display_name)
    return {
        "person_id": person.pk,
        "name": name,
        "name_reconstructed": reconstructed,
        "name_latin": latin,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "birth_precision": person.birth_precision,
        "region": person.region,
        "citizenships": list(person.citizenships or []),
        "status": person.status,
        "articles": list(dict.fromkeys(a for a, _ in charges)),
        "charges": list(dict.fromkeys(r for _, r in charges)),
        "recognitions": recognitions,
        "facility": facility.name if facility else None,
        "facility_region": facility.region if facility else None,
        "sentence": term,
        "detained_on": first.isoformat() if first else None,
        "release_due": due.isoformat() if due else None,
        "health": sorted(flags & {"serious_illness", "disability"}),
        "family": sorted(flags & {"sole_carer"}),
        "flags_confidentiality": max(levels, key=lambda c: order.index(Confidentiality(c))),
    }
