"""Persons: search with filters, one person, and (with the write scope) new facts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError

from habeas.api.auth import TokenAuth, audience_of, require_scope
from habeas.api.pagination import paginate
from habeas.api.schemas import (
    INVALID,
    NOT_FOUND,
    UNAUTHORIZED,
    WRITE_ERRORS,
    Created,
    EventIn,
    Id,
    PersonDetail,
    PersonIn,
    PersonList,
    SearchText,
)
from habeas.api.scopes import WRITE
from habeas.apps.registry import actions
from habeas.apps.registry.models import Person
from habeas.apps.registry.queries import PersonNotFound
from habeas.apps.sources.models import SourceKind
from habeas.interchange.errors import CellError
from habeas.interchange.values import parse_date
from habeas.law import load_pack
from habeas.vocabulary import Confidentiality, EventKind, Gender, ReleaseKind, Status
from habeas.web.queries import SearchFilters, articles_by_person, person_view, search_queryset

router = Router(tags=["persons"])


class PersonQuery(Schema):
    """Search and filters (all optional; names match in any script)."""

    q: SearchText = ""
    status: SearchText = ""
    article: SearchText = ""
    region: SearchText = ""
    facility: Id | None = None
    gender: SearchText = ""
    page: int = 1
    page_size: int = 50


def summaries(persons: list[Person]) -> list[dict[str, Any]]:
    """List items for these persons (one query for all their articles)."""
    articles = articles_by_person([p.pk for p in persons])
    return [
        {
            "id": p.pk,
            "name": p.display_name,
            "name_latin": p.display_name_latin,
            "status": p.status,
            "region": p.region,
            "gender": p.gender,
            "articles": articles.get(p.pk, []),
            "url": reverse("web:person", args=[p.pk]),
        }
        for p in persons
    ]


@router.get(
    "/persons", response={200: PersonList, **UNAUTHORIZED, **INVALID}, summary="Search persons"
)
def list_persons(request: HttpRequest, query: Query[PersonQuery]) -> dict[str, Any]:
    """Persons matching the search, by name; public fields only."""
    audience = audience_of(request)  # a bad token is refused even here
    filters = SearchFilters(
        q=query.q[:200],
        status=query.status,
        article=query.article,
        region=query.region,
        facility=query.facility,
        gender=query.gender,
    )
    page, persons = paginate(search_queryset(filters, audience), query.page, query.page_size)
    return {"page": page, "items": summaries(persons)}


def _detail(data: dict[str, Any]) -> dict[str, Any]:
    pack = load_pack("RU")
    for charge in data["charges"]:
        info = pack.article(charge["article"], "UK")
        charge["title_en"] = info.title_en if info else ""
        charge["title_ru"] = info.title_ru if info else ""
    for period in data["custody"]:
        period["started_on"], period["ended_on"] = period.pop("from"), period.pop("to")
    return {
        **data,
        "id": data["person_id"],
        "name": data["display_name"],
        "name_latin": data["display_name_latin"],
    }


@router.get(
    "/persons/{person_id}",
    response={200: PersonDetail, **UNAUTHORIZED, **NOT_FOUND, **INVALID},
    summary="One person",
)
def get_person(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Everything the caller may see of a person, each fact with its source. Without a
    token, public fields only; a token with ``read:internal`` or ``read:confidential``
    adds what its user may see."""
    try:
        return _detail(person_view(person_id, audience_of(request)))
    except PersonNotFound as exc:
        raise HttpError(404, "no such person") from exc


def _check(field: str, value: str, vocabulary: type[Any]) -> None:
    if value and value not in {m.value for m in vocabulary}:
        raise HttpError(422, f"{field}: unknown value {value!r}")


def _birth_date(text: str) -> str:
    """The date as the registry stores it (``1987`` stays a year), as the edit form does;
    422 for text that is not a date."""
    try:
        parsed = parse_date(text)
    except CellError as exc:
        raise HttpError(422, f"birth_date: not a date: {text!r}") from exc
    return str(parsed) if parsed else ""


def _citation(data: Any) -> actions.Citation:
    _check("citation.kind", data.kind, SourceKind)
    _check("citation.confidentiality", data.confidentiality, Confidentiality)
    try:
        return actions.Citation(
            source=data.source, kind=data.kind, url=data.url, confidentiality=data.confidentiality
        )
    except actions.ActionError as exc:
        raise HttpError(422, str(exc)) from exc


@router.post(
    "/persons",
    response={201: Created, **UNAUTHORIZED, **WRITE_ERRORS, **INVALID},
    auth=TokenAuth(),
    summary="Add a person",
)
def create_person(request: HttpRequest, payload: PersonIn) -> Reply[dict[str, Any]]:
    """A new person with a source (scope ``write``)."""
    user = require_scope(request, WRITE)
    values = payload.dict(exclude={"citation"})
    _check("gender", payload.gender, Gender)
    _check("status", payload.status, Status)
    values["birth_date"] = _birth_date(payload.birth_date)
    try:
        person = actions.create_person(actor=user, citation=_citation(payload.citation), **values)
    except PermissionDenied as exc:
        raise HttpError(403, "the token's user may not add persons") from exc
    except actions.ActionError as exc:
        raise HttpError(422, str(exc)) from exc
    return Reply(201, {"id": person.pk, "url": reverse("web:person", args=[person.pk])})


@router.post(
    "/persons/{person_id}/events",
    response={201: Created, **UNAUTHORIZED, **WRITE_ERRORS, **NOT_FOUND, **INVALID},
    auth=TokenAuth(),
    summary="Add an event",
)
def create_event(request: HttpRequest, person_id: Id, payload: EventIn) -> Reply[dict[str, Any]]:
    """A new event of a person's timeline, with a source (scope ``write``)."""
    user = require_scope(request, WRITE)
    person = Person.objects.filter(pk=person_id, merged_into__isnull=True).first()
    if person is None:
        raise HttpError(404, "no such person")
    values = payload.dict(exclude={"citation"})
    _check("kind", payload.kind, EventKind)
    _check("release_kind", payload.release_kind, ReleaseKind)
    _check("confidentiality", payload.confidentiality, Confidentiality)
    try:
        event = actions.add_event(
            actor=user, person=person, citation=_citation(payload.citation), **values
        )
    except PermissionDenied as exc:
        raise HttpError(403, "the token's user may not add events") from exc
    return Reply(201, {"id": event.pk, "url": reverse("web:person", args=[person.pk])})
