"""Inputs and outputs of the sentence arithmetic: ``SentenceSpec`` (with the JSON SPEC reader
used by ``habeas sentence compute``), ``CustodyPeriod``, ``AppealChange``, ``Step`` and
``SentenceResult``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from habeas.law.errors import LawError, SentenceError
from habeas.law.references import LegalReference, parse_references
from habeas.law.regimes import parse_regime
from habeas.law.terms import Term
from habeas.vocabulary import CustodyKind, Regime

__all__ = ["AppealChange", "CreditLine", "CustodyPeriod", "SentenceResult", "SentenceSpec", "Step"]

# SPEC ``kind`` values and the registry's custody kinds they stand for.
CUSTODY_KINDS: dict[str, CustodyKind] = {
    "pretrial": CustodyKind.PRETRIAL_DETENTION,
    "pretrial_detention": CustodyKind.PRETRIAL_DETENTION,
    "detention": CustodyKind.DETENTION_AFTER_ARREST,
    "detention_after_arrest": CustodyKind.DETENTION_AFTER_ARREST,
    "house_arrest": CustodyKind.HOUSE_ARREST,
    "strict_conditions": CustodyKind.STRICT_CONDITIONS,
}
_SPEC_NAMES = {
    CustodyKind.PRETRIAL_DETENTION: "pretrial",
    CustodyKind.DETENTION_AFTER_ARREST: "detention",
    CustodyKind.HOUSE_ARREST: "house_arrest",
    CustodyKind.STRICT_CONDITIONS: "strict_conditions",
}


def _date(value: Any, what: str) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise SentenceError(f"{what}: expected a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise SentenceError(f"{what}: expected a date YYYY-MM-DD, got {value!r}") from exc


def _references(values: Any, country: str, what: str) -> tuple[LegalReference, ...]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Sequence):
        raise SentenceError(f"{what}: expected a list of references, got {values!r}")
    refs: list[LegalReference] = []
    for value in values:
        if isinstance(value, LegalReference):
            refs.append(value)
            continue
        if not isinstance(value, str):
            raise SentenceError(f"{what}: expected a reference string, got {value!r}")
        try:
            refs.extend(parse_references(value, country))
        except LawError as exc:
            raise SentenceError(f"{what}: {exc}") from exc
    return tuple(refs)


def _term(value: Any, what: str) -> Term:
    try:
        term = Term.from_value(value)
    except LawError as exc:
        raise SentenceError(f"{what}: {exc}") from exc
    if term.is_zero:
        raise SentenceError(f"{what}: the term is empty")
    return term


def _regime(value: Any, what: str) -> Regime:
    try:
        return parse_regime(value)
    except LawError as exc:
        raise SentenceError(f"{what}: {exc}") from exc


@dataclass(frozen=True)
class CustodyPeriod:
    """Time in custody before the term starts, both days included: pre-trial detention,
    house arrest, or custody while held in strict conditions."""

    kind: CustodyKind
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise SentenceError(f"custody period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        """Calendar days in the period, both ends included."""
        return (self.end - self.start).days + 1

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], index: int = 0) -> CustodyPeriod:
        """Read ``{"kind": "pretrial" | "house_arrest" | "strict_conditions", "from", "to"}``."""
        what = f"custody[{index}]"
        if not isinstance(data, Mapping):
            raise SentenceError(f"{what}: expected an object, got {data!r}")
        kind = CUSTODY_KINDS.get(str(data.get("kind", "")).strip().lower())
        if kind is None:
            known = ", ".join(sorted(CUSTODY_KINDS))
            raise SentenceError(f"{what}: unknown kind {data.get('kind')!r} (known: {known})")
        start = _date(data.get("from"), f"{what}.from")
        end = _date(data.get("to"), f"{what}.to")
        if end < start:
            raise SentenceError(f"{what}: 'to' ({end}) is before 'from' ({start})")
        return cls(kind, start, end)

    def to_dict(self) -> dict[str, str]:
        """The SPEC form of the period."""
        return {
            "kind": _SPEC_NAMES.get(self.kind, self.kind.value),
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
        }


@dataclass(frozen=True)
class AppealChange:
    """What an appeal or cassation court changed, and when: a new term, a new regime,
    new articles (any may be None for "unchanged")."""

    on: date
    term: Term | None = None
    regime: Regime | None = None
    articles: tuple[LegalReference, ...] | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], country: str) -> AppealChange:
        """Read ``{"on": date, "term"?: {...}, "regime"?: str, "articles"?: [...]}``."""
        if not isinstance(data, Mapping):
            raise SentenceError(f"appeal: expected an object, got {data!r}")
        return cls(
            on=_date(data.get("on"), "appeal.on"),
            term=_term(data["term"], "appeal.term") if data.get("term") is not None else None,
            regime=_regime(data["regime"], "appeal.regime") if data.get("regime") else None,
            articles=_references(data["articles"], country, "appeal.articles")
            if data.get("articles")
            else None,
        )


@dataclass(frozen=True)
class SentenceSpec:
    """Everything the arithmetic needs about one custodial sentence."""

    term: Term
    regime: Regime
    term_start: date
    articles: tuple[LegalReference, ...] = ()
    custody: tuple[CustodyPeriod, ...] = ()
    country: str = "RU"
    as_of: date | None = None
    appeal: AppealChange | None = None
    prior_parole_revoked: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SentenceSpec:
        """Read the SPEC JSON: ``country, articles, term {years, months, days}, regime,
        term_start, custody [{kind, from, to}]``, optional ``as_of``, ``appeal`` and
        ``prior_parole_revoked``. Raises :class:`SentenceError` naming the bad field."""
        if not isinstance(data, Mapping):
            raise SentenceError("a SPEC must be a JSON object")
        known = {
            "country", "articles", "term", "regime", "term_start", "custody", "as_of",
            "appeal", "prior_parole_revoked",
        }  # fmt: skip
        unknown = set(data) - known
        if unknown:
            raise SentenceError(f"unknown SPEC fields: {', '.join(sorted(unknown))}")
        for required in ("term", "regime", "term_start"):
            if data.get(required) in (None, ""):
                raise SentenceError(f"SPEC field {required!r} is required")
        country = str(data.get("country") or "RU").upper()
        custody = data.get("custody") or []
        if not isinstance(custody, Sequence) or isinstance(custody, str):
            raise SentenceError("custody: expected a list of periods")
        return cls(
            term=_term(data["term"], "term"),
            regime=_regime(data["regime"], "regime"),
            term_start=_date(data["term_start"], "term_start"),
            articles=_references(data.get("articles") or [], country, "articles"),
            custody=tuple(CustodyPeriod.from_dict(p, i) for i, p in enumerate(custody)),
            country=country,
            as_of=_date(data["as_of"], "as_of") if data.get("as_of") else None,
            appeal=AppealChange.from_dict(data["appeal"], country) if data.get("appeal") else None,
            prior_parole_revoked=bool(data.get("prior_parole_revoked", False)),
        )


@dataclass(frozen=True)
class Step:
    """One step of the explanation: what was done, the rule it applies, and whether the
    rule's application here is uncertain (UNCONFIRMED; see docs/law-assumptions.md)."""

    text: str
    rule: str = ""
    uncertain: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"text": self.text, "rule": self.rule, "uncertain": self.uncertain}

    def __str__(self) -> str:
        suffix = f" [{self.rule}]" if self.rule else ""
        return f"{self.text}{suffix}{' (UNCONFIRMED)' if self.uncertain else ''}"


@dataclass(frozen=True)
class CreditLine:
    """The credit one custody period earns: its days times a ratio, under a rule."""

    kind: CustodyKind
    start: date
    end: date
    days: int
    ratio: Fraction
    credited: Fraction
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form (ratio and credited as strings such as ``"3/2"``)."""
        return {
            "kind": self.kind.value,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "days": self.days,
            "ratio": str(self.ratio),
            "credited": str(self.credited),
            "rule": self.rule,
        }


@dataclass(frozen=True)
class SentenceResult:
    """The computed dates and counts, with the steps that produced them."""

    spec: SentenceSpec
    term: Term
    regime: Regime
    term_end: date
    release_date: date
    parole_eligible_on: date | None
    credited_days: int
    served_days: int
    remaining_days: int
    term_days: int
    as_of: date
    credits: tuple[CreditLine, ...] = ()
    steps: tuple[Step, ...] = field(default_factory=tuple)

    @property
    def uncertain(self) -> bool:
        """Whether any step rests on an UNCONFIRMED rule."""
        return any(step.uncertain for step in self.steps)

    def explain(self) -> str:
        """The steps as numbered lines, for a lawyer to check."""
        return "\n".join(f"{i}. {step}" for i, step in enumerate(self.steps, 1))

    def to_dict(self) -> dict[str, Any]:
        """JSON form for ``habeas sentence compute --json``."""
        return {
            "country": self.spec.country,
            "articles": [str(ref) for ref in self.spec.articles],
            "term": self.term.to_dict(),
            "regime": self.regime.value,
            "term_start": self.spec.term_start.isoformat(),
            "term_end": self.term_end.isoformat(),
            "release_date": self.release_date.isoformat(),
            "parole_eligible_on": self.parole_eligible_on.isoformat()
            if self.parole_eligible_on
            else None,
            "credited_days": self.credited_days,
            "served_days": self.served_days,
            "remaining_days": self.remaining_days,
            "term_days": self.term_days,
            "as_of": self.as_of.isoformat(),
            "uncertain": self.uncertain,
            "credits": [line.to_dict() for line in self.credits],
            "steps": [step.to_dict() for step in self.steps],
        }
