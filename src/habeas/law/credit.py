"""Crediting custody against a term of imprisonment (RU UK art. 72 and its equivalents in
other packs): per-period ratios, the exclusion articles, house arrest, and the recount when a
higher court moves a convict to a milder regime."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from habeas.law.errors import SentenceError
from habeas.law.pack import CountryPack
from habeas.law.references import LegalReference
from habeas.law.spec import CreditLine, CustodyPeriod, Step
from habeas.vocabulary import CustodyKind, Regime

__all__ = ["CreditComputation", "compute_credit", "recount_for_milder_regime"]

_PRETRIAL = {CustodyKind.PRETRIAL_DETENTION, CustodyKind.DETENTION_AFTER_ARREST}


@dataclass(frozen=True)
class CreditComputation:
    """The credit lines of the custody periods and the steps explaining them."""

    lines: tuple[CreditLine, ...]
    steps: tuple[Step, ...]
    excluded_by: tuple[LegalReference, ...]

    @property
    def total(self) -> Fraction:
        """Exact credited days (may be fractional with a 3/2 ratio)."""
        return sum((line.credited for line in self.lines), Fraction(0))

    def total_until(self, day: date) -> Fraction:
        """Credit earned by the custody days up to and including ``day``."""
        total = Fraction(0)
        for line in self.lines:
            if day < line.start:
                continue
            days = (min(day, line.end) - line.start).days + 1
            total += days * line.ratio
        return total


def _exclusions(pack: CountryPack, articles: Sequence[LegalReference]) -> list[LegalReference]:
    excluded = []
    for ref in articles:
        info = pack.article(ref.article, ref.code)
        if info is not None and pack.code(ref.code).criminal and info.excludes_credit(ref.part):
            excluded.append(ref)
    return excluded


def compute_credit(
    pack: CountryPack,
    regime: Regime,
    articles: Sequence[LegalReference],
    custody: Sequence[CustodyPeriod],
    term_start: date,
) -> CreditComputation:
    """Credit each custody period before ``term_start`` at the ratio its kind, the regime
    and the articles call for; periods must not overlap."""
    steps: list[Step] = []
    info = pack.regime(regime)
    excluded = _exclusions(pack, articles)
    for ref in articles:
        article = pack.article(ref.article, ref.code)
        if article is not None and article.credit_exclusion_note:
            steps.append(
                Step(f"Article {ref.short()}: {article.credit_exclusion_note}.", uncertain=True)
            )
        if (
            article is not None
            and article.credit_exclusion
            and article.credit_exclusion_parts is not None
            and ref.part is None
        ):
            steps.append(
                Step(
                    f"Article {ref.short()} is credited 1:1 only in parts "
                    f"{', '.join(map(str, sorted(article.credit_exclusion_parts)))}; the part is "
                    "not given, so the ordinary ratio is used.",
                    pack.credit.exclusion_rule,
                    uncertain=True,
                )
            )
    ordered = sorted(custody, key=lambda p: (p.start, p.end))
    for first, second in zip(ordered, ordered[1:], strict=False):
        if second.start <= first.end:
            raise SentenceError(
                f"custody periods overlap: {first.kind.value} {first.start}..{first.end} and "
                f"{second.kind.value} {second.start}..{second.end}"
            )
    lines: list[CreditLine] = []
    last_day = term_start - timedelta(days=1)
    for period in ordered:
        if period.start > last_day:
            steps.append(
                Step(
                    f"{period.kind.label} {period.start}..{period.end} starts on or after the "
                    f"term start {term_start}; it is part of the term itself, not credited."
                )
            )
            continue
        end = min(period.end, last_day)
        if end < period.end:
            steps.append(
                Step(
                    f"{period.kind.label} {period.start}..{period.end} runs past the term start "
                    f"{term_start}; only the days to {end} are credited, the rest is the term "
                    "itself."
                )
            )
        days = (end - period.start).days + 1
        ratio, rule, why = _ratio(pack, regime, period.kind, excluded)
        credited = days * ratio
        lines.append(CreditLine(period.kind, period.start, end, days, ratio, credited, rule))
        steps.append(
            Step(
                f"{period.kind.label} {period.start}..{end}: {days} days × {_ratio_text(ratio)}"
                f" = {_days_text(credited)} days credited ({why}).",
                rule,
            )
        )
    if excluded and any(line.kind in _PRETRIAL for line in lines):
        names = ", ".join(ref.short() for ref in excluded)
        steps.insert(
            0,
            Step(
                f"Conviction under {names}: custody is credited day for day whatever the "
                f"regime ({info.name_en}).",
                pack.credit.exclusion_rule,
            ),
        )
    return CreditComputation(tuple(lines), tuple(steps), tuple(excluded))


def _ratio(
    pack: CountryPack, regime: Regime, kind: CustodyKind, excluded: Sequence[LegalReference]
) -> tuple[Fraction, str, str]:
    rules = pack.credit
    if kind == CustodyKind.HOUSE_ARREST:
        if rules.house_arrest is None:
            raise SentenceError(f"{pack.country} pack has no house-arrest credit rule")
        return rules.house_arrest, rules.house_arrest_rule, "house arrest"
    if kind == CustodyKind.STRICT_CONDITIONS:
        if rules.strict_conditions is None:
            raise SentenceError(f"{pack.country} pack has no strict-conditions credit rule")
        return rules.strict_conditions, rules.strict_conditions_rule, "held in strict conditions"
    if kind not in _PRETRIAL:
        raise SentenceError(f"custody kind {kind.value} cannot be credited before the term")
    if excluded and rules.exclusion is not None:
        names = ", ".join(ref.short() for ref in excluded)
        return rules.exclusion, rules.exclusion_rule, f"exclusion article {names}"
    info = pack.regime(regime)
    return info.custody_credit, info.credit_rule, f"custody against {info.name_en}"


def recount_for_milder_regime(
    pack: CountryPack,
    old: Regime,
    new: Regime,
    term_start: date,
    changed_on: date,
    excluded: Sequence[LegalReference],
) -> tuple[Fraction, list[Step]]:
    """Extra credit for the days served under ``old`` before a higher court moved the convict
    to the milder ``new`` regime on ``changed_on`` (RU UK art. 72 pt 3.5): each such day counts
    ``ratio`` days, i.e. ``ratio - 1`` extra days on top of the day itself."""
    steps: list[Step] = []
    old_info, new_info = pack.regime(old), pack.regime(new)
    if new_info.strictness >= old_info.strictness:
        return Fraction(0), steps
    served = max(0, (changed_on - term_start).days)
    if served == 0:
        steps.append(
            Step(
                f"The regime became milder ({old_info.name_en} → {new_info.name_en}) before the "
                "term started: the custody credit uses the new regime; nothing to recount."
            )
        )
        return Fraction(0), steps
    rule = next(
        (r for r in pack.credit.recounts if old in r.from_regimes and r.to_regime == new), None
    )
    if rule is None:
        steps.append(
            Step(
                f"No recount rule in the {pack.country} pack for {old_info.name_en} → "
                f"{new_info.name_en}; the {served} days served stay at 1:1.",
                uncertain=True,
            )
        )
        return Fraction(0), steps
    rule_name = "UK RF art. 72 pt 3.5" if pack.country == "RU" else f"{pack.country} recount"
    extra = served * (rule.ratio - 1)
    steps.append(
        Step(
            f"A higher court moved the convict from {old_info.name_en} to {new_info.name_en} on "
            f"{changed_on}: the {served} days served from {term_start} count "
            f"{_ratio_text(rule.ratio)} each, {_days_text(extra)} extra days.",
            rule_name,
        )
    )
    if excluded:
        steps.append(
            Step(
                "Whether the recount also applies to a conviction under the day-for-day "
                "exclusion articles is not settled; it is applied here.",
                rule_name,
                uncertain=True,
            )
        )
    return extra, steps


def _ratio_text(ratio: Fraction) -> str:
    return {Fraction(3, 2): "1.5", Fraction(1, 2): "0.5"}.get(ratio, str(ratio))


def _days_text(days: Fraction) -> str:
    if days.denominator == 1:
        return str(days.numerator)
    return f"{float(days):g}"
