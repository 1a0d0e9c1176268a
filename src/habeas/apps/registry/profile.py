"""Keeping each person's cached canonical profile in step with their source records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from habeas.apps.registry.models import Person, SourceRecord
from habeas.profiles import Profile, RecordFacts, derive_profile, parse_iso_date
from habeas.vocabulary import DatePrecision, Reliability


def facts_of(record: SourceRecord) -> RecordFacts:
    """The precedence view of one record (needs ``record.source`` loaded)."""
    return RecordFacts(
        record_id=record.pk,
        source=record.source.name,
        data=record.data,
        reliability=Reliability(record.source.reliability),
        verified=record.verified,
        seen_at=record.created_at,
        removed=record.removed_in_id is not None,
    )


def profile_columns(profile: Profile) -> dict[str, Any]:
    """The person columns a derived profile fills."""
    birth = profile.birth_date
    precision = (
        ""
        if not birth
        else DatePrecision.DAY
        if len(birth) == 10
        else DatePrecision.MONTH
        if len(birth) == 7
        else DatePrecision.YEAR
    )
    return {
        "display_name": profile.display_name[:300],
        "display_name_latin": profile.display_name_latin[:300],
        "gender": profile.gender,
        "birth_date": parse_iso_date(birth),
        "birth_precision": precision,
        "region": profile.region[:200],
        "status": profile.status.value,
        "conflicts": profile.conflicts,
    }


def apply_profile(person: Person, profile: Profile) -> None:
    """Copy a derived profile onto the person (unsaved)."""
    for name, value in profile_columns(profile).items():
        setattr(person, name, value)


def refresh_profiles(person_ids: Iterable[int]) -> int:
    """Re-derive and save the profiles of these persons; returns how many were saved."""
    ids = sorted(set(person_ids))
    saved = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        by_person: dict[int, list[SourceRecord]] = defaultdict(list)
        for record in SourceRecord.objects.filter(person_id__in=chunk).select_related("source"):
            by_person[record.person_id].append(record)
        persons = list(Person.objects.filter(pk__in=chunk))
        for person in persons:
            records = by_person.get(person.pk)
            if records:
                apply_profile(person, derive_profile([facts_of(r) for r in records]))
        Person.objects.bulk_update(
            persons,
            [
                "display_name",
                "display_name_latin",
                "gender",
                "birth_date",
                "birth_precision",
                "region",
                "status",
                "conflicts",
            ],
        )
        saved += len(persons)
    return saved
