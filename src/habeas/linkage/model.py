"""The probabilistic model: splink settings (comparisons, blocking rules) and its training.

Every comparison works on the columns :mod:`habeas.linkage.prepare` wrote, with SQL that
DuckDB and Spark both understand (``=``, ``levenshtein``, ``abs``, ``substr``,
``cardinality(array_intersect(…))``), so a model saved here runs unchanged on either engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule


@dataclass(frozen=True)
class BlockingRule:
    """Pairs are candidates when ``columns`` are equal; with ``missing`` set, only while
    that column is empty on the ``side`` (``"l"`` or ``"r"``) record.

    The one-sided form keeps broad keys (surname and given name) for the records that lack
    the narrowing fact (birth year) without comparing every pair that shares them: the
    engine filters one side before the join, so such a rule costs (records lacking the
    fact) x (block), not block squared.
    """

    columns: tuple[str, ...]
    missing: str | None = None
    side: str = "l"

    def sql(self) -> str:
        """The join condition, with ``l`` and ``r`` for the two records."""
        terms = [f"l.{c} = r.{c}" for c in self.columns]
        if self.missing:
            terms.append(f"{self.side}.{self.missing} IS NULL")
        return " AND ".join(terms)

    def splink(self) -> Any:
        """The rule for splink's settings."""
        if self.missing is None:
            return block_on(*self.columns)
        return CustomRule(self.sql(), sql_dialect="duckdb")


def _either_side_missing(columns: tuple[str, ...], missing: str) -> tuple[BlockingRule, ...]:
    return (BlockingRule(columns, missing, "l"), BlockingRule(columns, missing, "r"))


#: Rules that make candidate pairs; a pair is compared when any rule holds. Every rule
#: narrows by a third fact or by "missing on one side", so blocks stop growing with the
#: square of the registry (at 100k records: 0.49M candidate pairs against 2.0M for the
#: two-column rules this replaced, at the same blocking recall).
BLOCKING_RULES: tuple[BlockingRule, ...] = (
    BlockingRule(("sur_skel", "giv_key", "birth_year")),
    BlockingRule(("sur_alt", "giv_key", "birth_year")),
    *_either_side_missing(("sur_skel", "giv_key"), "birth_year"),
    BlockingRule(("sur_skel", "birth_year", "giv_init")),
    *_either_side_missing(("sur_skel", "birth_year"), "giv_key"),
    BlockingRule(("sur_skel", "birth")),
    BlockingRule(("giv_key", "birth")),
    BlockingRule(("giv_key", "pat_stem", "birth_year")),
    BlockingRule(("sur_skel", "pat_stem", "giv_init")),
    BlockingRule(("giv_key", "detained")),
    BlockingRule(("sur_skel", "detained")),
)

#: The baseline uses the same rules: its table fills the key columns with the raw parts.
BASELINE_BLOCKING_RULES = BLOCKING_RULES


def _null(col: str) -> cll.CustomLevel:
    return cll.CustomLevel(f"{col}_l IS NULL OR {col}_r IS NULL", f"{col} missing").configure(
        is_null_level=True
    )


def _level(sql: str, label: str) -> cll.CustomLevel:
    return cll.CustomLevel(sql, label)


def _surname() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            _null("sur"),
            _level("sur_l = sur_r", "same surname"),
            _level("sur_skel_l = sur_skel_r", "same surname skeleton (gender form, spelling)"),
            _level(
                "sur_alt_l = sur_skel_r OR sur_skel_l = sur_alt_r",
                "same under another reading",
            ),
            _level("levenshtein(sur_l, sur_r) <= 1", "surname one edit apart"),
            _level("levenshtein(sur_l, sur_r) <= 2", "surname two edits apart"),
            cll.ElseLevel(),
        ],
        output_column_name="surname",
        comparison_description="surname (canonical Latin spelling of the nominative)",
    )


def _given() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            _null("giv_init"),
            _level("giv_l = giv_r", "same given name"),
            _level("giv_key_l = giv_key_r", "equivalent given name (diminutive, foreign form)"),
            _level(
                "(giv_l IS NULL OR giv_r IS NULL) AND giv_init_l = giv_init_r",
                "initial agrees",
            ),
            _level("levenshtein(giv_l, giv_r) <= 1", "given name one edit apart"),
            _level("levenshtein(giv_l, giv_r) <= 2", "given name two edits apart"),
            cll.ElseLevel(),
        ],
        output_column_name="given",
        comparison_description="given name, with equivalence groups",
    )


def _patronymic() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            _null("pat_init"),
            _level("pat_l = pat_r", "same patronymic"),
            _level("pat_stem_l = pat_stem_r", "same father's name"),
            _level(
                "(pat_l IS NULL OR pat_r IS NULL) AND pat_init_l = pat_init_r",
                "initial agrees",
            ),
            _level("levenshtein(pat_l, pat_r) <= 2", "patronymic two edits apart"),
            cll.ElseLevel(),
        ],
        output_column_name="patronymic",
        comparison_description="patronymic (or middle name), compared by the father's name",
    )


def _birth() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            _null("birth_year"),
            _level("birth_l = birth_r", "same birth date (to the day)"),
            _level(
                "birth_ym_l = birth_ym_r AND (birth_l IS NULL OR birth_r IS NULL)",
                "same birth month (one side month only)",
            ),
            _level(
                "birth_year_l = birth_year_r AND (birth_ym_l IS NULL OR birth_ym_r IS NULL)",
                "same birth year (one side year only)",
            ),
            _level(
                "birth_year_l = birth_year_r AND ((substr(birth_l, 6, 2) = substr(birth_r, 9, 2)"
                " AND substr(birth_l, 9, 2) = substr(birth_r, 6, 2)) OR (birth_ym_l = birth_ym_r"
                " AND abs(CAST(substr(birth_l, 9, 2) AS INT) - CAST(substr(birth_r, 9, 2) AS INT))"
                " = 1))",
                "day and month swapped, or one day off",
            ),
            _level("birth_year_l = birth_year_r", "same year, other day"),
            _level("abs(birth_year_l - birth_year_r) <= 1", "birth years one apart"),
            cll.ElseLevel(),
        ],
        output_column_name="birth",
        comparison_description="birth date by precision",
    )


def _exact(col: str, label: str) -> cl.CustomComparison:
    return cl.CustomComparison(
        [_null(col), _level(f"{col}_l = {col}_r", f"same {label}"), cll.ElseLevel()],
        output_column_name=col,
        comparison_description=label,
    )


def _articles() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            _null("articles"),
            _level(
                "cardinality(array_intersect(articles_l, articles_r)) >= 2",
                "two or more articles in common",
            ),
            _level(
                "cardinality(array_intersect(articles_l, articles_r)) >= 1",
                "an article in common",
            ),
            cll.ElseLevel(),
        ],
        output_column_name="articles",
        comparison_description="criminal-code articles (parts ignored)",
    )


def _detained() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            _null("detained"),
            _level("detained_l = detained_r", "same detention date"),
            _level("detained_ym_l = detained_ym_r", "same detention month"),
            cll.ElseLevel(),
        ],
        output_column_name="detained",
        comparison_description="date of detention",
    )


def comparisons() -> list[cl.CustomComparison]:
    """The per-field comparisons of the Habeas model."""
    return [
        _surname(),
        _given(),
        _patronymic(),
        _birth(),
        _exact("gender", "gender"),
        _exact("region", "region"),
        _articles(),
        _exact("case_no", "case number"),
        _exact("facility", "facility (kind and number)"),
        _detained(),
    ]


def baseline_comparisons() -> list[Any]:
    """Splink's stock comparisons on the names as written (the benchmark's baseline)."""
    return [
        cl.NameComparison("sur").configure(term_frequency_adjustments=False),
        cl.NameComparison("giv").configure(term_frequency_adjustments=False),
        cl.NameComparison("pat").configure(term_frequency_adjustments=False),
        _birth(),
        _exact("gender", "gender"),
        _exact("region", "region"),
        _articles(),
        _exact("case_no", "case number"),
        _exact("facility", "facility (kind and number)"),
        _detained(),
    ]


def settings(baseline: bool = False) -> SettingsCreator:
    """The (untrained) splink settings; ``baseline`` for the stock name comparisons."""
    rules = BASELINE_BLOCKING_RULES if baseline else BLOCKING_RULES
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=baseline_comparisons() if baseline else comparisons(),
        blocking_rules_to_generate_predictions=[r.splink() for r in rules],
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
        additional_columns_to_retain=["source"],
    )


#: Identity fields: a pair with two of them at their "different" level is vetoed.
IDENTITY_FIELDS = ("surname", "given", "patronymic", "birth")
#: Lowest m probability kept per level: identity fields / the other facts. Without a floor
#: EM on clean data learns "never differs" and one differing region would veto a match.
M_FLOOR = {"identity": 0.002, "other": 0.03}
U_FLOOR = 1e-5


def regularise(model: dict[str, Any]) -> dict[str, Any]:
    """Floor m and u probabilities (and renormalise m) so no single field is absolute."""
    for comp in model["comparisons"]:
        kind = "identity" if comp["output_column_name"] in IDENTITY_FIELDS else "other"
        levels = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
        if all(lv.get("m_probability") is None for lv in levels):
            for lv in levels:  # untrained (field absent): neutral
                lv["m_probability"], lv["u_probability"] = 1.0 / len(levels), 1.0 / len(levels)
            continue
        for lv in levels:
            u = max(float(lv.get("u_probability") or 0.0), U_FLOOR)
            m = lv.get("m_probability")
            # a level EM never saw among matches: neutral (weight ~0), not impossible
            m = max(float(m) if m is not None else u, M_FLOOR[kind])
            lv["m_probability"], lv["u_probability"] = m, u
        total_m = sum(lv["m_probability"] for lv in levels)
        total_u = sum(lv["u_probability"] for lv in levels)
        for lv in levels:
            lv["m_probability"] /= total_m
            lv["u_probability"] /= total_u
    return model


def train_linker(linker: Linker, baseline: bool = False, seed: int = 2026) -> None:
    """Fit the model without labels: the prior from deterministic rules, u by random
    sampling, m by expectation maximisation on two blockings (names; birth date)."""
    with _clamped_probabilities():
        _train(linker, baseline, seed)


@contextmanager
def _clamped_probabilities() -> Iterator[None]:
    """While training, clamp m/u values EM drives below float range instead of failing
    (splink rejects values < 1e-300 that its own EM can produce on clean data; they are
    floored by :func:`regularise` afterwards anyway)."""
    from splink.internals import comparison_level as scl

    cls = scl.ComparisonLevel
    saved = {name: getattr(cls, name) for name in ("m_probability", "u_probability")}

    def clamp(prop: property) -> property:
        def setter(self: Any, value: Any) -> None:
            if isinstance(value, int | float) and value < scl.M_U_CLAMP_MIN:
                value = scl.M_U_CLAMP_MIN
            prop.fset(self, value)  # type: ignore[misc]

        return property(prop.fget, setter)

    try:
        for name, prop in saved.items():
            setattr(cls, name, clamp(prop))
        yield
    finally:
        for name, prop in saved.items():
            setattr(cls, name, prop)


def _train(linker: Linker, baseline: bool, seed: int) -> None:
    training = linker.training
    sur, giv = ("sur", "giv") if baseline else ("sur_skel", "giv_key")
    training.estimate_probability_two_random_records_match(
        [block_on(sur, giv, "birth"), block_on(sur, giv, "pat", "birth_year")], recall=0.8
    )
    training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=seed)
    training.estimate_parameters_using_expectation_maximisation(
        block_on(sur, giv), estimate_without_term_frequencies=True
    )
    training.estimate_parameters_using_expectation_maximisation(
        block_on("birth"), estimate_without_term_frequencies=True
    )
