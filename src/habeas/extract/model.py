"""Result types of the extractor: candidate persons and the facts found about them.

Every value keeps the character spans it was read from, as ``(start, end)`` offsets into
``ExtractionResult.text`` (the plain text after HTML/Markdown stripping), so a reviewer can
see the evidence for each candidate fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

Span = tuple[int, int]

DATE_KINDS = ("detained", "verdict", "appeal")


class Role(StrEnum):
    """The part a person plays in a report."""

    DEFENDANT = "defendant"
    LAWYER = "lawyer"
    JUDGE = "judge"
    WITNESS = "witness"
    OFFICIAL = "official"


class ChangeKind(StrEnum):
    """What happened to a sentence after the first verdict."""

    REDUCED_ON_APPEAL = "reduced_on_appeal"
    INCREASED_ON_APPEAL = "increased_on_appeal"
    UPHELD = "upheld"
    REPLACED = "replaced"
    RELEASED = "released"


@dataclass(slots=True)
class Mention:
    """One occurrence of a person's name in the text."""

    start: int
    end: int
    surface: str
    tokens: tuple[str, ...]  # nominative forms, in text order
    surname: str = ""  # nominative surname ("" when only a given name is known)
    given: str = ""
    lone: bool = False  # a surname on its own, e.g. "судья Иванова", "Kagarlitsky"
    variants: frozenset[str] = frozenset()  # lower-case nominative readings of a lone surname
    role_cue: Role | None = None
    speaker: bool = False
    defendant_cue: bool = False
    relative: bool = False  # named as a relative ("Lykov's mother, Nina Lykova")
    kin_of: bool = False  # the one a relative is named after ("Lykov's mother", «мать Лыкова»)
    verified: bool = True  # the nominative reading reproduces the words as written
    passing: bool = False  # another case the text compares with ("like Boris Kagarlitsky")
    possessive: bool = False  # passing only as the owner of a thing ("X's office", «команду X»)
    roles: tuple[str, ...] = ()  # a Russian full name's parts as read (given, surname, …)
    hint: frozenset[str] = frozenset()  # the cases the word before it allows


@dataclass(slots=True)
class Term:
    """A sentence term read from one place in the text."""

    span: Span
    years: int | None = None
    months: int | None = None
    regime: str | None = None
    suspended: bool = False
    in_absentia: bool = False
    fine: int | None = None


@dataclass(slots=True)
class SentenceFacts:
    """The first-instance sentence of a defendant, as the JSON ``sentence`` object."""

    years: int | None = None
    months: int | None = None
    regime: str | None = None
    in_absentia: bool = False
    suspended: bool = False
    fine: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{years, months, regime, in_absentia, suspended, fine}``."""
        return {
            "years": self.years,
            "months": self.months,
            "regime": self.regime,
            "in_absentia": self.in_absentia,
            "suspended": self.suspended,
            "fine": self.fine,
        }

    @property
    def empty(self) -> bool:
        """True when no part of a sentence was found."""
        return self.years is None and self.months is None and self.fine is None


@dataclass(slots=True)
class Change:
    """A later change to the sentence: appeal reduction, replacement, release."""

    kind: ChangeKind
    span: Span
    years: int | None = None
    months: int | None = None
    regime: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the change, with its span."""
        return {
            "kind": self.kind.value,
            "years": self.years,
            "months": self.months,
            "regime": self.regime,
            "span": list(self.span),
        }


@dataclass
class PersonCandidate:
    """A person found in the text, with the candidate facts attached to them."""

    name: str
    name_span: Span
    role: Role | None = None
    articles: list[str] = field(default_factory=list)
    sentence: SentenceFacts = field(default_factory=SentenceFacts)
    court: str | None = None
    judge: str | None = None
    facility: str | None = None
    dates: dict[str, date | None] = field(default_factory=lambda: dict.fromkeys(DATE_KINDS))
    changes: list[Change] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=dict)

    def add_span(self, key: str, span: Span) -> None:
        """Record the evidence span of a field (kept once, in text order)."""
        spans = self.spans.setdefault(key, [])
        if span not in spans:
            spans.append(span)
            spans.sort()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the issue: name, role, articles, sentence, court, judge, …"""
        return {
            "name": self.name,
            "name_span": list(self.name_span),
            "role": self.role.value if self.role else None,
            "articles": list(self.articles),
            "sentence": self.sentence.to_dict(),
            "court": self.court,
            "judge": self.judge,
            "facility": self.facility,
            "dates": {k: (v.isoformat() if v else None) for k, v in self.dates.items()},
            "changes": [c.to_dict() for c in self.changes],
            "spans": {k: [list(s) for s in v] for k, v in self.spans.items()},
        }


@dataclass
class ExtractionResult:
    """What ``extract_text`` found in one document."""

    text: str
    lang: str
    persons: list[PersonCandidate]
    published: date | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``{"lang": …, "persons": [...]}``."""
        return {"lang": self.lang, "persons": [p.to_dict() for p in self.persons]}

    def defendants(self) -> list[PersonCandidate]:
        """The persons whose role is defendant."""
        return [p for p in self.persons if p.role is Role.DEFENDANT]
