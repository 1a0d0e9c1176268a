"""Turning a raw row into a checked interchange row, or into problems naming each bad cell."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from habeas.interchange.columns import ARTICLE_SEPARATOR, LIST_SEPARATOR, REQUIRED_COLUMNS
from habeas.interchange.errors import CellError, ImportProblem, InterchangeError
from habeas.interchange.mapping import Mapping
from habeas.interchange.names import NameForm, name_form
from habeas.interchange.readers import RawRow, TableReader
from habeas.interchange.values import (
    PartialDate,
    fold,
    parse_date,
    parse_gender,
    parse_status,
    split_list,
)
from habeas.law import (
    LegalReference,
    LegalReferenceError,
    RegimeError,
    Term,
    TermError,
    parse_references,
    parse_regime,
    parse_term,
)
from habeas.names import InvalidNameError, parse_name
from habeas.profiles import Profile, RecordFacts, derive_profile
from habeas.vocabulary import Gender, NameKind, Regime, Status

DATE_COLUMNS = ("birth_date", "detained_on", "verdict_on", "released_on")


@dataclass
class InterchangeRow:
    """One checked row of the interchange format, with typed values."""

    number: int
    name: str
    source_id: str = ""
    name_latin: str = ""
    aliases: list[str] = field(default_factory=list)
    gender: Gender | None = None
    birth_date: PartialDate | None = None
    region: str = ""
    articles: list[LegalReference] = field(default_factory=list)
    sentence: Term | None = None
    regime: Regime | None = None
    facility: str = ""
    facility_address: str = ""
    status: Status | None = None
    detained_on: PartialDate | None = None
    verdict_on: PartialDate | None = None
    released_on: PartialDate | None = None
    recognized_by: list[str] = field(default_factory=list)
    source_url: str = ""
    notes: str = ""
    country: str = "RU"
    names: list[NameForm] = field(default_factory=list)
    profile: Profile | None = None

    def to_data(self) -> dict[str, Any]:
        """The row as interchange strings and lists, for storage, hashing and export.

        Computed once (rows are not changed after :func:`normalize_row`); treat as read-only.
        """
        return self._data

    @cached_property
    def _data(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "name": self.name,
            "name_latin": self.name_latin,
            "aliases": self.aliases,
            "gender": self.gender.value if self.gender else "",
            "birth_date": str(self.birth_date) if self.birth_date else "",
            "region": self.region,
            "articles": [str(ref) for ref in self.articles],
            "sentence": str(self.sentence) if self.sentence else "",
            "regime": self.regime.value if self.regime else "",
            "facility": self.facility,
            "facility_address": self.facility_address,
            "status": self.status.value if self.status else "",
            "detained_on": str(self.detained_on) if self.detained_on else "",
            "verdict_on": str(self.verdict_on) if self.verdict_on else "",
            "released_on": str(self.released_on) if self.released_on else "",
            "recognized_by": self.recognized_by,
            "source_url": self.source_url,
            "notes": self.notes,
            "country": self.country,
        }

    @cached_property
    def content_hash(self) -> str:
        """A hash of the row's normalised content: equal rows hash equal across imports."""
        canonical = json.dumps(self.to_data(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def source_key(self) -> str:
        """The row's identity within its source: ``source_id``, else a key from name and birth.

        Without a ``source_id`` a changed name or birth date reads as one row removed and
        another added; lists that change rows should carry ids.
        """
        if self.source_id:
            return self.source_id
        basis = f"{fold(self.name)}|{self.birth_date or ''}"
        return "auto:" + hashlib.sha1(basis.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def plan_columns(reader: TableReader) -> dict[str, str]:
    """Map each header of the file to its interchange column ('' for a dropped column).

    Raises:
        InterchangeError: a header is unknown, or a required column is missing.
    """
    plan: dict[str, str] = {}
    problems: list[ImportProblem] = []
    for header in reader.columns:
        target = reader.mapping.target(header)
        if target is None:
            problems.append(
                ImportProblem(
                    reader.label,
                    'unknown column; map it in a mapping file (or drop it with "..." = "")',
                    reader.mapping.header_row,
                    header,
                )
            )
        else:
            plan[header] = target
    targets = set(plan.values())
    for required in REQUIRED_COLUMNS:
        if required not in targets:
            problems.append(ImportProblem(reader.label, "required column missing", None, required))
    if problems:
        raise InterchangeError(problems)
    return plan


def normalize_row(
    raw: RawRow, plan: dict[str, str], mapping: Mapping, label: str, today: date
) -> InterchangeRow:
    """Check and type one row.

    Raises:
        InterchangeError: with one problem for every bad cell of the row.
    """
    cells: dict[str, str] = {}
    origin: dict[str, str] = {}
    for header, value in raw.values.items():
        target = plan.get(header)
        if target is None:
            # JSON records may carry keys the first record lacked; map them the same way.
            target = plan[header] = mapping.target(header)  # type: ignore[assignment]
            if target is None:
                del plan[header]
                raise InterchangeError(
                    ImportProblem(
                        label, "unknown column; map it in a mapping file", raw.number, header, value
                    )
                )
        if target:
            cells[target] = mapping.translate(target, value)
            origin[target] = header
    problems: list[ImportProblem] = []

    def attempt(column: str, parser: Callable[[str], Any]) -> Any:
        text = cells.get(column, "")
        try:
            return parser(text)
        except (CellError, LegalReferenceError, TermError, RegimeError, InvalidNameError) as exc:
            problems.append(
                ImportProblem(label, str(exc), raw.number, origin.get(column, column), text)
            )
            return None

    row = InterchangeRow(number=raw.number, name=cells.get("name", "").strip())
    if not row.name:
        problems.append(
            ImportProblem(label, "a name is required", raw.number, origin.get("name", "name"), "")
        )
    else:
        attempt("name", parse_name)
    row.source_id = cells.get("source_id", "")
    row.name_latin = cells.get("name_latin", "")
    row.aliases = split_list(cells.get("aliases", ""), LIST_SEPARATOR)
    row.gender = attempt("gender", parse_gender)
    for column in DATE_COLUMNS:
        setattr(row, column, attempt(column, lambda t: _date(t, mapping.date_formats)))
    row.region = cells.get("region", "")
    row.country = (cells.get("country", "") or "RU").upper()
    row.articles = list(attempt("articles", lambda t: _references(t, row.country)) or ())
    row.sentence = attempt("sentence", lambda t: _term(t) if t.strip() else None)
    row.regime = attempt("regime", lambda t: parse_regime(t) if t.strip() else None)
    row.facility = cells.get("facility", "")
    row.facility_address = cells.get("facility_address", "")
    row.status = attempt("status", parse_status)
    row.recognized_by = split_list(cells.get("recognized_by", ""), LIST_SEPARATOR)
    row.source_url = attempt("source_url", _web_link) or ""
    row.notes = cells.get("notes", "")
    problems.extend(_check_dates(row, label, origin, today))
    if problems:
        raise InterchangeError(problems)
    _derive(row)
    return row


def _derive(row: InterchangeRow) -> None:
    """Parse the row's names and derive the profile a person of this row alone would have,
    so that the store only writes (this runs in worker processes on large imports)."""
    row.names = [name_form(row.name, NameKind.OFFICIAL)]
    if row.name_latin:
        row.names.append(name_form(row.name_latin, NameKind.TRANSLITERATION))
    row.names.extend(name_form(alias, NameKind.ALIAS) for alias in row.aliases)
    row.profile = derive_profile([RecordFacts(0, "", row.to_data())])
    _ = row.content_hash  # computed here, in the worker


def _web_link(text: str) -> str:
    """A source link: http(s) only, so a ``javascript:`` or ``file:`` link never reaches a page."""
    text = text.strip()
    if text and not text.lower().startswith(("http://", "https://")):
        raise CellError("a source link must start with http:// or https://")
    return text


# Lists repeat the same article, term and date cells row after row, and the parsed values
# are immutable: each distinct cell is parsed once per process (errors are not cached, so a
# bad cell is reported afresh on every row that has it).


@lru_cache(maxsize=16384)
def _references(text: str, country: str) -> tuple[LegalReference, ...]:
    references: list[LegalReference] = []
    # JSON arrays arrive joined by the list separator; accept it beside the article one.
    for part in split_list(text.replace(LIST_SEPARATOR, ARTICLE_SEPARATOR), ARTICLE_SEPARATOR):
        references.extend(parse_references(part, country))
    return tuple(references)


@lru_cache(maxsize=4096)
def _term(text: str) -> Term:
    return parse_term(text)


@lru_cache(maxsize=65536)
def _date(text: str, formats: tuple[str, ...]) -> PartialDate | None:
    return parse_date(text, formats)


def _check_dates(
    row: InterchangeRow, label: str, origin: dict[str, str], today: date
) -> list[ImportProblem]:
    problems: list[ImportProblem] = []

    def problem(column: str, message: str) -> None:
        value = getattr(row, column)
        problems.append(
            ImportProblem(label, message, row.number, origin.get(column, column), str(value))
        )

    for column in DATE_COLUMNS:
        value = getattr(row, column)
        if value is not None and value.value > today:
            problem(column, "date is in the future")
    detained, verdict, released = row.detained_on, row.verdict_on, row.released_on
    if detained and verdict and verdict.latest < detained.value:
        problem("verdict_on", f"verdict before the arrest (detained_on is {detained})")
    if detained and released and released.latest < detained.value:
        problem("released_on", f"release before the arrest (detained_on is {detained})")
    birth = row.birth_date
    for column in ("detained_on", "verdict_on"):
        event = getattr(row, column)
        if birth and event and event.latest < birth.value:
            problem(column, f"before the person's birth ({birth})")
    return problems
