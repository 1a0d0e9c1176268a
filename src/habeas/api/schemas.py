"""Request and response shapes of the API (they make the OpenAPI description)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Schema


class Page(Schema):
    """Pagination of a list."""

    count: int
    page: int
    pages: int
    page_size: int


class PersonSummary(Schema):
    """A person in a list of results."""

    id: int
    name: str
    name_latin: str
    status: str
    region: str
    gender: str
    articles: list[str]
    url: str


class PersonList(Schema):
    """One page of persons."""

    page: Page
    items: list[PersonSummary]


class SourceRef(Schema):
    """Where a fact comes from ("(confidential source)" when the caller may not see it)."""

    record_id: int | None = None
    source: str | None = None
    url: str | None = None


class Name(Schema):
    """A spelling of the person's name."""

    full: str
    script: str
    kind: str
    source: SourceRef


class ChargeOut(Schema):
    """A charged article, with its names."""

    reference: str
    article: str
    part: str | None = None
    paragraph: str | None = None
    title_en: str
    title_ru: str
    source: SourceRef


class SentenceOut(Schema):
    """A sentence as a verdict states it."""

    verdict_on: date | None = None
    term: str
    regime: str | None = None
    stage: str
    suspended: bool
    source: SourceRef


class CustodyOut(Schema):
    """A custody period."""

    kind: str
    regime: str | None = None
    started_on: date | None = None
    ended_on: date | None = None
    facility: str | None = None
    letter_address: str | None = None
    source: SourceRef


class EventOut(Schema):
    """An event of the timeline."""

    kind: str
    on: date | None = None
    release_kind: str | None = None
    details: str | None = None
    source: SourceRef


class RecognitionOut(Schema):
    """Recognition as a political prisoner."""

    organisation: str
    since: date | None = None
    source: SourceRef


class FacilityRef(Schema):
    """The facility the person is held in now."""

    id: int
    name: str
    region: str
    since: date | None = None
    letter_address: str | None = None


class ReleaseOut(Schema):
    """The expected release date and how it was computed."""

    date: date
    parole_eligible_on: date | None = None
    term: str
    regime: str
    term_start: date
    credited_days: int
    uncertain: bool
    steps: list[str]


class NoteOut(Schema):
    """A note (only for tokens that may read internal or confidential values)."""

    topic: str
    text: str
    confidentiality: str


class PersonDetail(Schema):
    """A person with every fact the caller may see, each with its source."""

    id: int
    name: str
    name_latin: str
    gender: str | None = None
    birth_date: str | None = None
    region: str | None = None
    status: str
    names: list[Name]
    charges: list[ChargeOut]
    sentences: list[SentenceOut]
    custody: list[CustodyOut]
    events: list[EventOut]
    recognitions: list[RecognitionOut]
    facility: FacilityRef | None = None
    expected_release: ReleaseOut | None = None
    sources: list[dict[str, Any]]
    conflicts: dict[str, list[dict[str, Any]]]
    notes: list[NoteOut]


class FacilitySummary(Schema):
    """A facility in a list."""

    id: int
    name: str
    type: str
    region: str
    held: int


class FacilityList(Schema):
    """One page of facilities."""

    page: Page
    items: list[FacilitySummary]


class FacilityDetail(Schema):
    """A facility with its letter addresses and who is held there now."""

    id: int
    name: str
    type: str
    region: str
    addresses: list[str]
    held: list[PersonSummary]
    how_to_write: str


class Count_(Schema):
    """A label and a number."""

    key: str
    count: int


class Statistics(Schema):
    """The registry in numbers, as of a date."""

    as_of: date
    persons: int
    detained_per_year: list[Count_]
    released_per_year: list[Count_]
    by_article: list[Count_]
    by_region: list[Count_]
    by_status: list[Count_]


class CitationIn(Schema):
    """The source of the facts being written."""

    source: str
    kind: str = "news"
    url: str = ""
    confidentiality: str = "public"


class PersonIn(Schema):
    """A new person."""

    name: str
    name_latin: str = ""
    gender: str = ""
    birth_date: str = ""
    region: str = ""
    status: str = ""
    citation: CitationIn


class EventIn(Schema):
    """A new event."""

    kind: str
    occurred_on: date | None = None
    details: str = ""
    release_kind: str = ""
    confidentiality: str = "public"
    citation: CitationIn


class Created(Schema):
    """What a write created."""

    id: int
    url: str


class TokenInfo(Schema):
    """The calling token."""

    name: str
    user: str
    scopes: list[str]
    audience: str


class Error(Schema):
    """An error."""

    detail: str
