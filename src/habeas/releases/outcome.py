"""Reconciling an announcement against the registry, and applying its outcome.

The outcome of an announcement (released, exchanged, pardoned, deported, on a date) is
written for the matched persons the user confirms, all or nothing: an ``announcement``
:class:`Source` (one per announcement text), an :class:`ImportRun` recording it, and per
person a :class:`SourceRecord` holding the announcement's text and URL, a *released*
:class:`Event` with its release kind, and a :class:`SourceChange`; profiles are re-derived,
so the person's status follows from the new, sourced fact.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from habeas.apps.cases.models import Event
from habeas.apps.registry.models import NameKey, Person, SourceRecord
from habeas.apps.registry.profile import refresh_profiles
from habeas.apps.registry.queries import PersonNotFound, resolve_person
from habeas.apps.registry.search import search_persons
from habeas.apps.sources.models import ImportRun, Source, SourceChange, SourceKind
from habeas.lists.reconcile import reconcile
from habeas.names import search_keys
from habeas.releases.models import ReleaseList
from habeas.releases.services import ListError, evaluate
from habeas.vocabulary import EventKind, ReleaseKind, Status

#: Outcome → (release kind, status stated by the announcement).
OUTCOMES = {
    "released": (ReleaseKind.OTHER, Status.RELEASED),
    "exchanged": (ReleaseKind.EXCHANGE, Status.EXCHANGED),
    "pardoned": (ReleaseKind.PARDON, Status.RELEASED),
    "deported": (ReleaseKind.DEPORTATION, Status.ABROAD),
}


def registry_search(query: str) -> list[dict[str, Any]]:
    """The registry's cross-script search, as :func:`habeas.lists.reconcile.reconcile` wants it."""
    return search_persons(query, limit=8, min_score=0.5)


class SurnameIndex:
    """Whether the registry has a name with this surname (by ``s:`` search key), cached."""

    def __init__(self) -> None:
        self._known: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        found = self._known.get(word)
        if found is None:
            keys = [k for k in search_keys(word) if k.startswith("s:")]
            found = bool(keys) and NameKey.objects.filter(key__in=keys).exists()
            self._known[word] = found
        return found


def listed_persons(release_list: ReleaseList) -> dict[int, str]:
    """Person id → name of those on the list: its latest version, else its live selection."""
    version = release_list.versions.order_by("-number").first()
    if version is not None:
        return {p["person_id"]: p.get("name") or "" for p in version.content["persons"]}
    return {e["person_id"]: e["name"] for e in evaluate(release_list).entries}


def reconcile_announcement(
    text: str, *, release_list: ReleaseList | None = None, lang: str = "auto"
) -> dict[str, Any]:
    """:func:`habeas.lists.reconcile.reconcile` against the registry (and a list)."""
    listed = listed_persons(release_list) if release_list is not None else None
    result = reconcile(
        text, registry_search, lang=lang, surname_known=SurnameIndex(), listed=listed
    )
    if release_list is not None:
        result["list"] = release_list.name
    return result


@transaction.atomic
def apply_outcome(
    result: dict[str, Any],
    *,
    text: str,
    outcome: str,
    on: date,
    title: str = "",
    url: str = "",
    by: str = "",
    person_ids: list[int] | None = None,
) -> dict[str, Any]:
    """Record ``outcome`` on ``on`` for the matched persons of a reconciliation (or
    ``person_ids``, which must be among its matched or candidate persons).

    Raises:
        ListError: an unknown outcome, nobody to apply it to, or an id the announcement
            does not name.
    """
    if outcome not in OUTCOMES:
        raise ListError(f"unknown outcome {outcome!r}; use one of {', '.join(OUTCOMES)}")
    matched = {m["person_id"]: m for m in result["mentions"] if m["status"] == "matched"}
    named = set(matched) | {c["person_id"] for m in result["mentions"] for c in m["candidates"]}
    targets = sorted(set(person_ids) if person_ids else set(matched))
    stray = [p for p in targets if p not in named]
    if stray:
        raise ListError(f"the announcement does not name person(s) {stray}")
    if not targets:
        raise ListError("no matched person to apply the outcome to")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    name = (f"Announcement {title} " if title else "Announcement ") + digest[:12]
    source, _ = Source.objects.get_or_create(
        name=name[:200], defaults={"kind": SourceKind.ANNOUNCEMENT, "url": url[:1000]}
    )
    now = timezone.now()
    run = ImportRun.objects.create(
        source=source,
        file_name=f"announcement: {title or digest[:12]}"[:500],
        file_sha256=digest,
        file_format="announcement",
        started_at=now,
        finished_at=now,
        rows_read=len(targets),
    )
    kind, status = OUTCOMES[outcome]
    applied = []
    for pid in targets:
        try:
            person = resolve_person(pid)
        except PersonNotFound as exc:
            raise ListError(str(exc)) from exc
        applied.append(
            _apply_one(person, source, run, matched.get(pid), text, url, outcome, kind, status, on)
        )
    run.rows_added = sum(1 for a in applied if a["created"])
    run.rows_modified = len(applied) - run.rows_added
    run.save(update_fields=["rows_added", "rows_modified"])
    refresh_profiles(a["person_id"] for a in applied)
    statuses = dict(Person.objects.filter(pk__in=targets).values_list("pk", "status"))
    return {
        "source": source.name,
        "import_id": run.pk,
        "outcome": outcome,
        "on": on.isoformat(),
        "applied": [a | {"status": statuses.get(a["person_id"])} for a in applied],
    }


def _apply_one(
    person: Person,
    source: Source,
    run: ImportRun,
    mention: dict[str, Any] | None,
    text: str,
    url: str,
    outcome: str,
    kind: str,
    status: str,
    on: date,
) -> dict[str, Any]:
    data = {"name": person.display_name, "released_on": on.isoformat(), "status": status}
    record, created = SourceRecord.objects.get_or_create(
        source=source,
        source_key=f"announcement:{person.pk}",
        defaults={
            "person": person,
            "first_import": run,
            "content_hash": hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest(),
            "name": person.display_name[:300],
            "raw": {
                "announcement": text,
                "url": url,
                "mention": mention["text"] if mention else None,
            },
            "data": data,
            "stated_status": status,
            "url": url[:1000],
        },
    )
    record.last_import = run
    record.data = data
    record.stated_status = status
    record.save()
    event = Event.objects.create(
        person=person,
        record=record,
        kind=EventKind.RELEASED,
        occurred_on=on,
        release_kind=kind,
        details=f"{outcome} (announcement)" + (f": «{mention['text']}»" if mention else ""),
    )
    SourceChange.objects.create(
        import_run=run,
        record=record,
        kind=SourceChange.Kind.ADDED if created else SourceChange.Kind.MODIFIED,
        fields={"released_on": [None, on.isoformat()], "status": [None, str(status)]},
    )
    return {
        "person_id": person.pk,
        "name": person.display_name,
        "event_id": event.pk,
        "record_id": record.pk,
        "created": created,
    }
