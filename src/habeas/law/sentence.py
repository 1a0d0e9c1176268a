"""Sentence arithmetic: release date, parole eligibility, credited, served and remaining days,
each result with the steps (and rules) that produced it.

The rules come from the country pack (``habeas/law/data/<country>/pack.toml``); for Russia:
UK RF art. 72 (custody credit), art. 79 (parole), UIK RF art. 173 (release date).
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from habeas.law.calendar import add_months, add_term
from habeas.law.credit import CreditComputation, compute_credit, recount_for_milder_regime
from habeas.law.errors import SentenceError
from habeas.law.pack import CountryPack, load_pack
from habeas.law.references import LegalReference
from habeas.law.spec import (
    AppealChange,
    CreditLine,
    CustodyPeriod,
    SentenceResult,
    SentenceSpec,
    Step,
)
from habeas.law.terms import Term
from habeas.vocabulary import Regime

__all__ = [
    "AppealChange",
    "CreditLine",
    "CustodyPeriod",
    "SentenceResult",
    "SentenceSpec",
    "Step",
    "compute_sentence",
    "parole_term",
]

_DAYS_PER_MONTH_FOR_FRACTIONS = 30


def compute_sentence(spec: SentenceSpec) -> SentenceResult:
    """Compute release date, parole eligibility and the day counts for ``spec``.

    Raises :class:`SentenceError` when the facts contradict each other (overlapping custody,
    a regime the country lacks, an appeal before the term starts and so on)."""
    pack = load_pack(spec.country)
    steps: list[Step] = []
    term, regime, articles = _effective(spec, pack, steps)
    for ref in articles:
        if ref.country != pack.country:
            raise SentenceError(f"reference {ref} is not of the {pack.country} pack")
    credit = compute_credit(pack, regime, articles, spec.custody, spec.term_start)
    steps.extend(credit.steps)
    extra = Fraction(0)
    appeal = spec.appeal
    if appeal is not None and appeal.regime is not None and appeal.regime != spec.regime:
        extra, recount_steps = recount_for_milder_regime(
            pack, spec.regime, appeal.regime, spec.term_start, appeal.on, credit.excluded_by
        )
        steps.extend(recount_steps)
    exact = credit.total + extra
    credited = _round(exact, pack, steps)

    term_end = add_term(spec.term_start, term.years, term.months, term.days)
    term_days = (term_end - spec.term_start).days
    steps.append(_term_end_step(spec.term_start, term, term_end, pack))
    release, release_steps = _release(pack, spec.term_start, term_end, term_days, credited)
    steps.extend(release_steps)
    parole, parole_steps = _parole(pack, spec, term, articles, credited, release)
    steps.extend(parole_steps)

    as_of = spec.as_of or datetime.now(ZoneInfo(pack.timezone)).date()
    served, remaining = _progress(spec, credit, extra, release, term_days, as_of)
    steps.append(
        Step(
            f"As of {as_of}: {served} of {term_days} term days served (credit included), "
            f"{remaining} days until release on {release}."
        )
    )
    return SentenceResult(
        spec=spec,
        term=term,
        regime=regime,
        term_end=term_end,
        release_date=release,
        parole_eligible_on=parole,
        credited_days=credited,
        served_days=served,
        remaining_days=remaining,
        term_days=term_days,
        as_of=as_of,
        credits=credit.lines,
        steps=tuple(steps),
    )


def _effective(
    spec: SentenceSpec, pack: CountryPack, steps: list[Step]
) -> tuple[Term, Regime, tuple[LegalReference, ...]]:
    term, regime, articles = spec.term, spec.regime, spec.articles
    if regime not in pack.regimes:
        raise SentenceError(f"{pack.country} has no {regime.value} regime")
    steps.append(
        Step(
            f"Sentence: {term.format_en()} ({term}) in a {pack.regime(regime).name_en}"
            + (f" under {', '.join(ref.short() for ref in articles)}" if articles else "")
            + f", term counted from {spec.term_start}."
        )
    )
    appeal = spec.appeal
    if appeal is None:
        return term, regime, articles
    if appeal.on < spec.term_start and appeal.term is None and appeal.regime is None:
        return term, regime, articles
    if appeal.term is not None and appeal.term != term:
        steps.append(
            Step(
                f"On {appeal.on} a higher court changed the term to {appeal.term.format_en()} "
                f"({appeal.term}); the new term replaces the verdict's, still counted from "
                f"{spec.term_start}."
            )
        )
        term = appeal.term
    if appeal.regime is not None and appeal.regime != regime:
        if appeal.regime not in pack.regimes:
            raise SentenceError(f"{pack.country} has no {appeal.regime.value} regime")
        new_info = pack.regime(appeal.regime)
        steps.append(
            Step(
                f"On {appeal.on} a higher court changed the regime to {new_info.name_en}; "
                "custody before the term is credited at the new regime's ratio."
            )
        )
        regime = appeal.regime
    if appeal.articles is not None and appeal.articles != articles:
        steps.append(
            Step(
                f"On {appeal.on} a higher court changed the articles to "
                f"{', '.join(ref.short() for ref in appeal.articles)}."
            )
        )
        articles = appeal.articles
    return term, regime, articles


def _round(exact: Fraction, pack: CountryPack, steps: list[Step]) -> int:
    if exact.denominator == 1:
        if exact:
            steps.append(Step(f"Total credit: {exact.numerator} days."))
        return exact.numerator
    rounded = math.ceil(exact) if pack.credit.rounding == "ceil" else math.floor(exact)
    steps.append(
        Step(
            f"Total credit {float(exact):g} days, rounded {'up' if rounded > exact else 'down'} "
            f"to {rounded}: how courts round a half day is not settled.",
            uncertain=True,
        )
    )
    return rounded


def _term_end_step(start: date, term: Term, end: date, pack: CountryPack) -> Step:
    months_end = add_months(start, term.total_months)
    clamped = term.total_months and months_end.day != start.day
    text = f"{term} from {start}: the term in months ends on the same date of the last month"
    if clamped:
        text += f", here the month's last day {months_end} (that month has no {start.day}th)"
    else:
        text += f", {months_end}"
    if term.days:
        text += f", plus {term.days} days"
    return Step(f"{text}: the full term ends on {end}.", pack.release_rule)


def _release(
    pack: CountryPack, term_start: date, term_end: date, term_days: int, credited: int
) -> tuple[date, list[Step]]:
    steps: list[Step] = []
    if credited >= term_days:
        steps.append(
            Step(
                f"The credit ({credited} days) covers the whole term ({term_days} days): release "
                f"when the term starts, {term_start}."
            )
        )
        return term_start, steps
    end = term_end - timedelta(days=credited)
    if credited:
        steps.append(Step(f"{term_end} minus {credited} credited days = {end}."))
    release = pack.holidays.preceding_working_day(end)
    if release != end:
        covers = pack.holidays.year_note(end.year)
        kind = _day_kind(pack, end)
        checked = pack.holidays.covers(end.year) and pack.holidays.years[end.year].get(
            "verified", False
        )
        steps.append(
            Step(
                f"{end} is a {kind}; release moves to the preceding working day, "
                f"{release} (calendar: {covers}).",
                pack.release_rule,
                uncertain=kind != "weekend day" and not checked,
            )
        )
    else:
        steps.append(Step(f"Release date: {release}, a working day.", pack.release_rule))
    return release, steps


def _day_kind(pack: CountryPack, day: date) -> str:
    if pack.holidays.is_holiday(day):
        return "public holiday"
    if day.weekday() >= 5:
        return "weekend day"
    return "transferred day off"


def parole_term(term: Term, fraction: Fraction) -> Term:
    """``fraction`` of ``term``: the months part in whole months plus the leftover fraction of
    a month as days (30 a month, rounded up), and the days part rounded up."""
    months = term.total_months * fraction
    whole = math.floor(months)
    days = math.ceil((months - whole) * _DAYS_PER_MONTH_FOR_FRACTIONS + term.days * fraction)
    return Term(whole // 12, whole % 12, days)


def _parole(
    pack: CountryPack,
    spec: SentenceSpec,
    term: Term,
    articles: tuple[LegalReference, ...],
    credited: int,
    release: date,
) -> tuple[date | None, list[Step]]:
    rules = pack.parole
    steps: list[Step] = []
    fractions: list[tuple[Fraction, str, str]] = []
    for ref in articles:
        article = pack.article(ref.article, ref.code)
        if article is None or not pack.code(ref.code).criminal:
            continue
        fraction = article.parole_fraction_for(ref.part)
        if fraction is None:
            continue
        gravity = article.gravity_for(ref.part)
        why = f"{ref.short()}: {gravity.value.replace('_', ' ') if gravity else 'unknown'}"
        if (
            ref.part is None
            and article.gravity_by_part
            and len(set(article.gravity_by_part.values())) > 1
        ):
            why += " (part not given: the most serious part assumed)"
        fractions.append((fraction, article.parole_rule, why))
    if spec.prior_parole_revoked:
        fractions.append((Fraction(2, 3), rules.rule, "earlier parole revoked"))
    if not fractions:
        steps.append(Step("No article with a parole rule: parole date not computed.", rules.rule))
        return None, steps
    fraction, rule, why = max(fractions, key=lambda item: item[0])
    part = parole_term(term, fraction)
    eligible = add_term(spec.term_start, part.years, part.months, part.days)
    text = (
        f"Parole after {fraction} of the term ({why}): {part} after {spec.term_start}, {eligible}"
    )
    if rules.credit_counts_as_served and credited:
        eligible -= timedelta(days=credited)
        text += f", minus {credited} credited days = {eligible}"
    steps.append(Step(text + ".", rule))
    if (term.total_months * fraction).denominator != 1 or (term.days * fraction).denominator != 1:
        steps.append(
            Step(
                "The fraction of a month is counted as days of a 30-day month, rounded up.",
                rule,
                uncertain=True,
            )
        )
    if credited:
        steps.append(
            Step(
                "Custody credit is counted as time actually served for parole.",
                rules.rule,
                uncertain=True,
            )
        )
    if rules.minimum_months:
        minimum = add_months(spec.term_start, rules.minimum_months)
        if rules.credit_counts_as_served:
            minimum -= timedelta(days=credited)
        if minimum > eligible:
            steps.append(
                Step(
                    f"At least {rules.minimum_months} months must actually be served: "
                    f"parole no earlier than {minimum}.",
                    rules.minimum_rule,
                )
            )
            eligible = minimum
    if eligible <= spec.term_start:
        steps.append(Step("The parole threshold is already met when the term starts."))
        eligible = spec.term_start
    if eligible >= release:
        steps.append(Step(f"Release ({release}) comes before parole eligibility: no parole date."))
        return None, steps
    return eligible, steps


def _progress(
    spec: SentenceSpec,
    credit: CreditComputation,
    extra: Fraction,
    release: date,
    term_days: int,
    as_of: date,
) -> tuple[int, int]:
    earned = credit.total_until(as_of)
    if spec.appeal is not None and as_of >= spec.appeal.on:
        earned += extra
    in_term = max(0, (min(as_of, release) - spec.term_start).days)
    served = min(term_days, math.floor(earned) + in_term)
    if as_of >= release:
        served = term_days
    remaining = max(0, (release - as_of).days)
    return served, remaining
