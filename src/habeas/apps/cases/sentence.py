"""The sentence arithmetic for a registry person: a :class:`SentenceSpec` from their records.

What is used, and the assumptions (each also a step of the explanation):

- the **sentence in force** is the latest dated sentence no other sentence supersedes; it must
  be custodial (a term, not suspended) and name a regime;
- the **term starts on the verdict date** (the first-instance verdict when the sentence in
  force is an appeal's, whose changes are then an :class:`AppealChange`). In law the term runs
  from the day the verdict enters into force, with custody until then credited, so this is
  an assumption, marked uncertain;
- the **articles** are the charges of the sentence's case (else all the person's charges);
- the **custody** credited is the pre-trial detention, house arrest and strict-conditions
  periods that start before the term, from the same source record as the sentence when it
  has any (sources disagreeing on dates would overlap), else from the one record with most.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from habeas.apps.cases.models import Charge, CustodyPeriod, Sentence
from habeas.apps.registry.queries import resolve_person
from habeas.law import LawError, parse_references
from habeas.law.references import LegalReference
from habeas.law.sentence import (
    AppealChange,
    SentenceResult,
    SentenceSpec,
    Step,
    compute_sentence,
)
from habeas.law.spec import CustodyPeriod as SpecCustody
from habeas.law.terms import Term
from habeas.vocabulary import CustodyKind, Regime

__all__ = [
    "InsufficientData",
    "PersonSentence",
    "compute_for_person",
    "person_sentence_dict",
    "spec_for_person",
]

_CREDITED = {
    CustodyKind.DETENTION_AFTER_ARREST.value,
    CustodyKind.PRETRIAL_DETENTION.value,
    CustodyKind.HOUSE_ARREST.value,
    CustodyKind.STRICT_CONDITIONS.value,
}
_STAGE_RANK = {
    Sentence.Stage.FIRST_INSTANCE: 0,
    Sentence.Stage.APPEAL: 1,
    Sentence.Stage.CASSATION: 2,
}


class InsufficientData(ValueError):
    """The registry lacks a fact the arithmetic needs (the message names it)."""


@dataclass(frozen=True)
class PersonSentence:
    """The SPEC built for a person, the sentence row it rests on, and the registry steps."""

    person_id: int
    display_name: str
    sentence_id: int
    record_id: int
    source: str
    spec: SentenceSpec
    steps: tuple[Step, ...]


def _term(sentence: Sentence) -> Term:
    return Term(sentence.term_years, sentence.term_months, sentence.term_days)


def _describe(sentence: Sentence) -> str:
    regime = f" {sentence.regime}" if sentence.regime else ""
    return f"{sentence.stage.replace('_', ' ')} sentence of {sentence.verdict_on}: " + (
        f"{sentence.term_text}{regime}"
    )


def _in_force(sentences: list[Sentence], steps: list[Step]) -> Sentence:
    superseded = {s.supersedes_id for s in sentences if s.supersedes_id}
    live = [s for s in sentences if s.pk not in superseded]
    dated = [s for s in live if s.verdict_on is not None]
    if not dated:
        what = "no sentence" if not sentences else "no sentence with a verdict date"
        raise InsufficientData(f"the registry has {what} for this person")
    latest = max(dated, key=lambda s: (s.verdict_on, _STAGE_RANK.get(s.stage, 0), s.pk))
    if latest.suspended:
        raise InsufficientData(f"the {_describe(latest)} is suspended: no custodial term")
    if _term(latest).is_zero:
        raise InsufficientData(
            f"the {_describe(latest)} has no custodial term (fine or other punishment)"
        )
    if not latest.regime:
        raise InsufficientData(f"the {_describe(latest)} has no regime")
    versions = {(s.verdict_on, _term(s), s.regime) for s in dated}
    source = latest.case.record.source.name
    text = f"Sentence in force: the {_describe(latest)} (record #{latest.case.record_id}, {source})"
    if len(versions) > 1:
        text += f"; the sources give {len(versions)} different sentences, the latest is used"
    steps.append(Step(text + "."))
    return latest


def _first_instance(latest: Sentence, sentences: list[Sentence]) -> Sentence | None:
    if latest.stage == Sentence.Stage.FIRST_INSTANCE:
        return None
    earlier = [s for s in sentences if s.pk == latest.supersedes_id] or [
        s
        for s in sentences
        if s.stage == Sentence.Stage.FIRST_INSTANCE
        and s.verdict_on is not None
        and s.verdict_on <= latest.verdict_on  # type: ignore[operator]
        and not _term(s).is_zero
        and s.regime
    ]
    return max(earlier, key=lambda s: (s.verdict_on or date.min, s.pk)) if earlier else None


def _articles(
    person_id: int, case_id: int, country: str, steps: list[Step]
) -> tuple[LegalReference, ...]:
    charges = list(Charge.objects.filter(case_id=case_id).order_by("pk"))
    if not charges:
        charges = list(Charge.objects.filter(case__person_id=person_id).order_by("pk"))
        if charges:
            steps.append(Step("The sentence's case names no articles: all the person's charges."))
    refs: dict[LegalReference, None] = {}
    for charge in charges:
        try:
            for ref in parse_references(charge.reference, charge.country or country):
                refs[ref] = None
        except LawError as exc:
            steps.append(Step(f"Charge {charge.reference!r} ignored: {exc}.", uncertain=True))
    if not refs:
        steps.append(Step("No article is known: no exclusion and no parole date.", uncertain=True))
    return tuple(refs)


def _custody(
    person_id: int, record_id: int, term_start: date, steps: list[Step]
) -> tuple[SpecCustody, ...]:
    by_record: dict[int, list[CustodyPeriod]] = defaultdict(list)
    for period in CustodyPeriod.objects.filter(
        person_id=person_id, kind__in=_CREDITED, started_on__lt=term_start
    ).order_by("started_on", "pk"):
        by_record[period.record_id].append(period)
    if not by_record:
        steps.append(Step("No pre-trial custody is recorded: nothing credited.", uncertain=True))
        return ()
    chosen = (
        record_id
        if record_id in by_record
        else max(by_record, key=lambda r: (len(by_record[r]), r))
    )
    if chosen != record_id:
        steps.append(
            Step(f"The sentence's record has no custody periods; those of record #{chosen} used.")
        )
    periods = []
    for period in by_record[chosen]:
        end = period.ended_on
        if end is None:
            end = term_start - timedelta(days=1)
            steps.append(
                Step(
                    f"{CustodyKind(period.kind).label} from {period.started_on} has no end date: "
                    f"taken to last until the term starts ({end}).",
                    uncertain=True,
                )
            )
        periods.append(SpecCustody(CustodyKind(period.kind), period.started_on, end))  # type: ignore[arg-type]
    return tuple(dict.fromkeys(periods))


def spec_for_person(person_id: int, as_of: date | None = None) -> PersonSentence:
    """Build the SPEC of a registry person's sentence in force (see the module's rules).

    Raises:
        PersonNotFound: no such person.
        InsufficientData: no custodial sentence with a date and a regime.
    """
    person = resolve_person(person_id)
    sentences = list(
        Sentence.objects.filter(case__person=person)
        .select_related("case", "case__record__source")
        .order_by("verdict_on", "pk")
    )
    steps: list[Step] = []
    latest = _in_force(sentences, steps)
    first = _first_instance(latest, sentences)
    base = first or latest
    term_start: date = base.verdict_on  # type: ignore[assignment]
    steps.append(
        Step(
            f"The term is taken to start on the verdict date, {term_start}; in law it starts when "
            "the verdict enters into force, and custody until then is credited at the regime's "
            "ratio (the registry does not record that date).",
            "UK RF art. 72 pt 3",
            uncertain=True,
        )
    )
    appeal = None
    if first is not None:
        appeal = AppealChange(
            on=latest.verdict_on,  # type: ignore[arg-type]
            term=_term(latest) if _term(latest) != _term(first) else None,
            regime=Regime(latest.regime) if latest.regime != first.regime else None,
        )
    country = base.case.country or "RU"
    try:
        spec = SentenceSpec(
            term=_term(base),
            regime=Regime(base.regime),
            term_start=term_start,
            articles=_articles(person.pk, latest.case_id, country, steps),
            custody=_custody(person.pk, latest.case.record_id, term_start, steps),
            country=country,
            as_of=as_of,
            appeal=appeal,
        )
    except (LawError, ValueError) as exc:
        raise InsufficientData(str(exc)) from exc
    return PersonSentence(
        person_id=person.pk,
        display_name=person.display_name,
        sentence_id=latest.pk,
        record_id=latest.case.record_id,
        source=latest.case.record.source.name,
        spec=spec,
        steps=tuple(steps),
    )


def compute_for_person(
    person_id: int, as_of: date | None = None
) -> tuple[PersonSentence, SentenceResult]:
    """:func:`spec_for_person` and :func:`compute_sentence` of it, the registry's steps
    placed before the arithmetic's. Raises :class:`InsufficientData` when the facts do not
    allow a computation (including contradictions the arithmetic finds)."""
    built = spec_for_person(person_id, as_of)
    try:
        result = compute_sentence(built.spec)
    except LawError as exc:
        raise InsufficientData(str(exc)) from exc
    return built, replace(result, steps=built.steps + result.steps)


def person_sentence_dict(built: PersonSentence, result: SentenceResult) -> dict[str, Any]:
    """JSON form: the person and the sentence row, then :meth:`SentenceResult.to_dict`."""
    return {
        "person_id": built.person_id,
        "display_name": built.display_name,
        "sentence_id": built.sentence_id,
        "record_id": built.record_id,
        "source": built.source,
        "spec": _spec_dict(built.spec),
        **result.to_dict(),
    }


def _spec_dict(spec: SentenceSpec) -> dict[str, Any]:
    data: dict[str, Any] = {
        "country": spec.country,
        "articles": [ref.short() for ref in spec.articles],
        "term": spec.term.to_dict(),
        "regime": spec.regime.value,
        "term_start": spec.term_start.isoformat(),
        "custody": [period.to_dict() for period in spec.custody],
    }
    if spec.as_of:
        data["as_of"] = spec.as_of.isoformat()
    if spec.appeal is not None:
        appeal: dict[str, Any] = {"on": spec.appeal.on.isoformat()}
        if spec.appeal.term is not None:
            appeal["term"] = spec.appeal.term.to_dict()
        if spec.appeal.regime is not None:
            appeal["regime"] = spec.appeal.regime.value
        data["appeal"] = appeal
    return data
