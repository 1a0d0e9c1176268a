"""Terms and regimes: the forms the sources write, and property tests for the parsers."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habeas.law import RegimeError, Term, TermError, parse_regime, parse_term
from habeas.vocabulary import Regime


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8y6m", Term(8, 6, 0)),
        ("8y 6m 10d", Term(8, 6, 10)),
        ("5 лет", Term(5, 0, 0)),
        ("8 лет 6 месяцев", Term(8, 6, 0)),
        ("2 years 6 months", Term(2, 6, 0)),
        ("1 год", Term(1, 0, 0)),
        ("6 мес.", Term(0, 6, 0)),
        ("3,5 года", Term(3, 6, 0)),
        ("1 г. 6 мес.", Term(1, 6, 0)),
        ("два года", Term(2, 0, 0)),
        ("10 дней", Term(0, 0, 10)),
        ("4 года лишения свободы", Term(4, 0, 0)),
    ],
)
def test_parse_term(text: str, expected: Term) -> None:
    assert parse_term(text) == expected


@pytest.mark.parametrize(
    "text", ["", "abc", "5", "5 лет 5 лет", "1,3 года", "0y", "пожизненно", "5 parsecs", "y5"]
)
def test_bad_terms(text: str) -> None:
    with pytest.raises(TermError):
        parse_term(text)


def test_term_forms() -> None:
    term = Term(8, 6, 0)
    assert str(term) == "8y6m"
    assert term.total_months == 102
    assert term.format_ru() == "8 лет 6 месяцев"
    assert term.format_en() == "8 years 6 months"
    assert str(Term(0, 0, 10)) == "10d"


@given(st.integers(0, 30), st.integers(0, 11), st.integers(0, 30))
def test_term_string_round_trips(years: int, months: int, days: int) -> None:
    term = Term(years, months, days)
    if term.is_zero:
        return
    assert parse_term(str(term)) == term
    assert parse_term(term.format_ru()) == term
    assert parse_term(term.format_en()) == term


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_term_parser_only_raises_term_error(text: str) -> None:
    try:
        term = parse_term(text)
    except TermError:
        return
    assert isinstance(term, Term) and not term.is_zero


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("general", Regime.GENERAL),
        ("общий", Regime.GENERAL),
        ("общего режима", Regime.GENERAL),
        ("ИК строгого режима", Regime.STRICT),
        ("колония-поселение", Regime.SETTLEMENT),
        ("тюрьма", Regime.PRISON),
        ("особый", Regime.SPECIAL),
        ("воспитательная колония", Regime.EDUCATIONAL),
        ("ИК-4 общего режима", Regime.GENERAL),
        ("в исправительной колонии строгого режима", Regime.STRICT),
        ("Strict regime colony", Regime.STRICT),
    ],
)
def test_parse_regime(text: str, expected: Regime) -> None:
    assert parse_regime(text) == expected


@pytest.mark.parametrize(
    "text", ["", "общество", "строгого и общего режима", "усиленный режим", "x"]
)
def test_bad_regimes(text: str) -> None:
    with pytest.raises(RegimeError):
        parse_regime(text)


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_regime_parser_only_raises_regime_error(text: str) -> None:
    with contextlib.suppress(RegimeError):
        assert isinstance(parse_regime(text), Regime)
