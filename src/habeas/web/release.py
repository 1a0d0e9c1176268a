"""The expected release date of a person, computed by the country pack from the registry's
facts: the latest custodial sentence, its regime and articles, the verdict date as the
start of the term, and the custody before it (credited under RU UK art. 72)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from habeas.apps.cases.models import Charge, CustodyPeriod, Sentence
from habeas.apps.registry.models import Person
from habeas.law import LawError, LegalReference, Term
from habeas.law.sentence import CustodyPeriod as SpecCustody
from habeas.law.sentence import SentenceSpec, compute_sentence
from habeas.vocabulary import RELEASED_STATUSES, CustodyKind, Regime

#: Custody before the verdict that the term credits.
_CREDITED_KINDS = {
    CustodyKind.DETENTION_AFTER_ARREST,
    CustodyKind.PRETRIAL_DETENTION,
    CustodyKind.HOUSE_ARREST,
}


@dataclass(frozen=True)
class ExpectedRelease:
    """A computed release date with the steps that produced it."""

    release_date: date
    parole_eligible_on: date | None
    term: str
    regime: str
    term_start: date
    credited_days: int
    steps: tuple[str, ...]
    uncertain: bool


def _references(sentence: Sentence) -> tuple[LegalReference, ...]:
    refs = []
    for charge in Charge.objects.filter(case_id=sentence.case_id).order_by("pk"):
        try:
            refs.append(
                LegalReference(
                    charge.country,
                    charge.code,
                    charge.article,
                    charge.part or None,
                    charge.paragraph or None,
                )
            )
        except LawError:
            continue
    return tuple(refs)


def _credited_custody(
    person: Person, term_start: date, custody: Sequence[CustodyPeriod] | None = None
) -> tuple[SpecCustody, ...]:
    if custody is None:
        custody = list(CustodyPeriod.objects.filter(person=person).order_by("started_on", "pk"))
    periods = []
    last_end: date | None = None
    for period in custody:
        if period.kind not in _CREDITED_KINDS:
            continue
        if period.started_on is None or period.started_on >= term_start:
            continue
        end = min(period.ended_on or term_start, term_start)
        start = period.started_on
        if last_end is not None and start <= last_end:
            continue  # two sources stating the same period: count it once
        if end > start:
            periods.append(SpecCustody(CustodyKind(period.kind), start, end))
            last_end = end
    return tuple(periods)


def expected_release(
    person: Person, custody: Sequence[CustodyPeriod] | None = None
) -> ExpectedRelease | None:
    """The expected release date, or None when the facts are insufficient (no custodial
    sentence with a term, regime and verdict date), the person is already out, or the pack
    cannot compute it. ``custody``: the person's custody periods ordered by
    ``("started_on", "pk")``, when the caller has already read them."""
    if person.status in RELEASED_STATUSES:
        return None
    sentence = (
        Sentence.objects.filter(case__person=person, suspended=False, in_absentia=False)
        .exclude(verdict_on=None)
        .exclude(regime="")
        .order_by("-verdict_on", "-pk")
        .first()
    )
    if sentence is None or not (sentence.term_years or sentence.term_months or sentence.term_days):
        return None
    term_start = sentence.verdict_on
    assert term_start is not None
    try:
        spec = SentenceSpec(
            term=Term(sentence.term_years, sentence.term_months, sentence.term_days),
            regime=Regime(sentence.regime),
            term_start=term_start,
            articles=_references(sentence),
            custody=_credited_custody(person, term_start, custody),
        )
        result = compute_sentence(spec)
    except (LawError, ValueError):
        return None
    return ExpectedRelease(
        release_date=result.release_date,
        parole_eligible_on=result.parole_eligible_on,
        term=sentence.term_text,
        regime=sentence.regime,
        term_start=term_start,
        credited_days=result.credited_days,
        steps=tuple(str(step) for step in result.steps),
        uncertain=result.uncertain,
    )
