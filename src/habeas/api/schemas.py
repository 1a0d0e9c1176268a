"""Request and response shapes of the API (they make the OpenAPI description)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from habeas.apps.sources.models import SourceKind
from habeas.vocabulary import Confidentiality, EventKind, Gender, ReleaseKind, Status

#: No NUL character: PostgreSQL cannot store one in a text column.
NO_NUL = r"^[^\x00]*$"
#: The largest id a database row can have (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def text(max_length: int, *, min_length: int = 0) -> Any:
    """A string of at most ``max_length`` characters (what the column holds), without NUL."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length, pattern=NO_NUL)]


def choice(vocabulary: type[Enum], *, blank: bool = True) -> Any:
    """One of a vocabulary's values (or ``""`` when ``blank``): the schema lists them
    (``enum``); the operation checks them, answering 422 with a one-line ``detail`` that
    names the field."""
    values = ([""] if blank else []) + [str(m.value) for m in vocabulary]
    return Annotated[str, Field(json_schema_extra={"enum": values})]


#: A database id (path parameters and id filters).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
SourceName = text(200, min_length=1)
Link = Annotated[str, Field(max_length=1000, pattern=r"^(https?://[^\x00]*)?$")]
PersonName = text(150, min_length=1)  # the name's parts must fit their 150-character columns
LatinName = text(150)
_YEAR, _MONTH, _DAY = r"(18|19|20)[0-9]{2}", r"(0[1-9]|1[0-2])", r"(0[1-9]|[12][0-9]|3[01])"
#: A birth date as precise as it is known, years 1800-2099 (a day that does not exist,
#: 2023-02-30, fits the pattern but is refused: 422).
BirthDate = Annotated[
    str,
    Field(
        pattern=rf"^({_YEAR}(-{_MONTH}(-{_DAY})?)?|({_DAY}\.)?{_MONTH}\.{_YEAR})?$",
        description="YYYY, YYYY-MM, YYYY-MM-DD, MM.YYYY or DD.MM.YYYY (or empty)",
    ),
]
Region = text(200)
#: A search or filter value (any text but NUL).
SearchText = Annotated[str, Field(pattern=NO_NUL)]
Details = text(10_000)
SourceKindValue = choice(SourceKind, blank=False)
ConfidentialityValue = choice(Confidentiality, blank=False)
GenderValue = choice(Gender)
StatusValue = choice(Status)
EventKindValue = choice(EventKind, blank=False)
ReleaseKindValue = choice(ReleaseKind)


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

    source: SourceName
    kind: SourceKindValue = "news"
    url: Link = ""
    confidentiality: ConfidentialityValue = "public"


class PersonIn(Schema):
    """A new person."""

    name: PersonName
    name_latin: LatinName = ""
    gender: GenderValue = ""
    birth_date: BirthDate = ""
    region: Region = ""
    status: StatusValue = ""
    citation: CitationIn


class EventIn(Schema):
    """A new event."""

    kind: EventKindValue
    occurred_on: date | None = None
    details: Details = ""
    release_kind: ReleaseKindValue = ""
    confidentiality: ConfidentialityValue = "public"
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
    """An error: a message, or (422, a request that does not fit the schema) the list of what
    does not fit, as pydantic reports it."""

    detail: str | list[dict[str, Any]]


#: The error replies every operation may give.
UNAUTHORIZED = {401: Error}  # a token was sent that is unknown, revoked or expired
INVALID = {422: Error}  # parameters or body that do not fit the description
NOT_FOUND = {404: Error}
WRITE_ERRORS = {400: Error, 403: Error}  # a body that is not JSON; a token without ``write``
