"""Release lists in the store: create, include/exclude, evaluate, freeze, diff, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from habeas.apps.registry.queries import PersonNotFound, resolve_person
from habeas.lists.criteria import Criteria
from habeas.lists.priority import Weights
from habeas.lists.profiles import profile
from habeas.lists.selection import Selection, select
from habeas.lists.tabular import export
from habeas.lists.versions import build_content, content_hash, diff, sign
from habeas.releases.models import ListEntry, ListVersion, ReleaseList
from habeas.releases.rows import person_rows


class ListError(ValueError):
    """A list operation with bad input; the message says what."""


def get_list(name: str) -> ReleaseList:
    """The list called ``name``.

    Raises:
        ListError: no such list.
    """
    found = ReleaseList.objects.filter(name=name).first()
    if found is None:
        raise ListError(f"no release list named {name!r}")
    return found


def create_list(
    name: str,
    criteria: Criteria,
    *,
    title: str = "",
    description: str = "",
    weights: dict[str, Any] | None = None,
    by: str = "",
    replace: bool = False,
) -> ReleaseList:
    """Create a list (or, with ``replace``, change an existing list's definition).

    Raises:
        ListError: the name is taken (without ``replace``), empty, or the weights are bad.
    """
    if not name.strip():
        raise ListError("a list needs a name")
    try:
        Weights.from_dict(weights or {})
    except ValueError as exc:
        raise ListError(str(exc)) from exc
    values = {
        "title": title,
        "description": description,
        "criteria": criteria.to_dict(),
        "weights": weights or {},
    }
    existing = ReleaseList.objects.filter(name=name).first()
    if existing is not None:
        if not replace:
            raise ListError(f"a release list named {name!r} exists (use --replace to redefine it)")
        for key, value in values.items():
            setattr(existing, key, value)
        existing.save()
        return existing
    return ReleaseList.objects.create(name=name, created_by=by, **values)


def set_entry(
    release_list: ReleaseList, person_id: int, action: str, reason: str, by: str = ""
) -> ListEntry:
    """Include or exclude a person by hand (merged ids forward to the survivor).

    Raises:
        ListError: no such person, no reason, or an unknown action.
    """
    if action not in ListEntry.Action.values:
        raise ListError(f"unknown action {action!r}; use include or exclude")
    if not reason.strip():
        raise ListError("every manual inclusion or exclusion needs a reason")
    try:
        person = resolve_person(person_id)
    except PersonNotFound as exc:
        raise ListError(str(exc)) from exc
    entry, _ = ListEntry.objects.update_or_create(
        release_list=release_list,
        person=person,
        defaults={"action": action, "reason": reason.strip(), "added_by": by},
    )
    return entry


def _manual(release_list: ReleaseList) -> tuple[dict[int, str], dict[int, str]]:
    include: dict[int, str] = {}
    exclude: dict[int, str] = {}
    for entry in release_list.entries.all():
        try:
            pid = resolve_person(entry.person_id).pk
        except PersonNotFound:
            continue
        (include if entry.action == ListEntry.Action.INCLUDE else exclude)[pid] = entry.reason
    return include, exclude


def evaluate(release_list: ReleaseList, today: date | None = None) -> Selection:
    """Who the list selects now, with priority and reasons."""
    today = today or timezone.localdate()
    weights = Weights.from_dict(release_list.weights or {})
    include, exclude = _manual(release_list)
    criteria = Criteria.from_dict(release_list.criteria or {})
    rows = person_rows(None if not criteria.empty else include.keys(), weights)
    return select(rows, criteria, weights, today, include=include, exclude=exclude)


def _sections(release_list: ReleaseList, selection: Selection) -> dict[str, Any]:
    include, exclude = _manual(release_list)
    return {
        "criteria": release_list.criteria or {},
        "manual": {
            "included": [{"person_id": p, "reason": r} for p, r in sorted(include.items())],
            "excluded": [{"person_id": p, "reason": r} for p, r in sorted(exclude.items())],
        },
        "weights": Weights.from_dict(release_list.weights or {}).to_dict()["weights"],
    }


@transaction.atomic
def freeze(
    release_list: ReleaseList,
    audience: str,
    by: str,
    *,
    today: date | None = None,
    key_path: str | None = None,
) -> ListVersion:
    """Freeze the list now for ``audience``: a new numbered, hashed (and signed) version.

    Raises:
        ListError: an unknown audience, no name for who froze it, or a bad signing key.
    """
    try:
        profile(audience)
    except ValueError as exc:
        raise ListError(str(exc)) from exc
    if not by.strip():
        raise ListError("say who freezes the list (--by)")
    # lock the list row (numbers stay unique) and read its current definition
    release_list = ReleaseList.objects.select_for_update().get(pk=release_list.pk)
    number = (release_list.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    selection = evaluate(release_list, today)
    now = timezone.now().replace(microsecond=0)
    content = build_content(
        name=release_list.name,
        title=release_list.title,
        number=number,
        audience=audience,
        frozen_by=by,
        frozen_at=now,
        entries=selection.entries,
        sections=_sections(release_list, selection),
    )
    try:
        signature, public_key = sign(content, key_path)
    except ValueError as exc:
        raise ListError(str(exc)) from exc
    return ListVersion.objects.create(
        release_list=release_list,
        number=number,
        audience=audience,
        content=content,
        content_hash=content_hash(content),
        signature=signature,
        public_key=public_key,
        frozen_by=by,
        frozen_at=now,
    )


def get_version(release_list: ReleaseList, number: int | None = None) -> ListVersion:
    """Version ``number`` of the list (default: the latest).

    Raises:
        ListError: no such version (or none frozen yet).
    """
    versions = release_list.versions.order_by("-number")
    found = versions.filter(number=number).first() if number else versions.first()
    if found is None:
        raise ListError(
            f"list {release_list.name!r} has no version {number}"
            if number
            else f"list {release_list.name!r} has no frozen version yet (habeas lists freeze)"
        )
    return found


def diff_versions(
    release_list: ReleaseList, a: int, b: int, today: date | None = None
) -> dict[str, Any]:
    """What changed from version ``a`` to version ``b``, and why."""
    old, new = get_version(release_list, a), get_version(release_list, b)
    removed = {p["person_id"] for p in old.content["persons"]} - {
        p["person_id"] for p in new.content["persons"]
    }
    current = {r["person_id"]: r for r in person_rows(_live(removed))}
    _include, exclude = _manual(release_list)
    return diff(old.content, new.content, current, today or timezone.localdate(), exclude)


def _live(ids: set[int]) -> list[int]:
    from habeas.apps.registry.models import Person

    return list(
        Person.objects.filter(pk__in=ids, merged_into__isnull=True).values_list("pk", flat=True)
    )


def export_version(version: ListVersion, path: Path, file_format: str) -> int:
    """Write a frozen version to ``path``; returns the persons written.

    Raises:
        ListError: the stored content no longer has its hash, or an unknown format.
    """
    if not version.intact():
        raise ListError(f"version {version.number} does not match its hash: refusing to export")
    try:
        return export(
            version.content,
            path,
            file_format,
            sha256=version.content_hash,
            signature=version.signature,
            public_key=version.public_key,
        )
    except ValueError as exc:
        raise ListError(str(exc)) from exc


def version_summary(version: ListVersion) -> dict[str, Any]:
    """A version as JSON: number, audience, who, when, hash, signature, count."""
    return {
        "list": version.release_list.name,
        "version": version.number,
        "audience": version.audience,
        "frozen_by": version.frozen_by,
        "frozen_at": version.frozen_at.isoformat(),
        "sha256": version.content_hash,
        "signature": version.signature or None,
        "public_key": version.public_key or None,
        "count": version.content.get("count"),
        "intact": version.intact(),
    }
