"""Cell values: dates with precision, genders, statuses, sizes."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from habeas.interchange import PartialDate, parse_date, parse_gender, parse_size, parse_status
from habeas.interchange.errors import CellError
from habeas.vocabulary import DatePrecision, Gender, Status


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("1958", date(1958, 1, 1), DatePrecision.YEAR),
        ("1958-08", date(1958, 8, 1), DatePrecision.MONTH),
        ("1958-08-29", date(1958, 8, 29), DatePrecision.DAY),
        ("29.08.1958", date(1958, 8, 29), DatePrecision.DAY),
        ("9/8/1958", date(1958, 8, 9), DatePrecision.DAY),
        ("08.1958", date(1958, 8, 1), DatePrecision.MONTH),
        ("29 августа 1958", date(1958, 8, 29), DatePrecision.DAY),
        ("29 августа 1958 г.", date(1958, 8, 29), DatePrecision.DAY),
        ("август 1958", date(1958, 8, 1), DatePrecision.MONTH),
        ("1 мая 2024", date(2024, 5, 1), DatePrecision.DAY),
        ("29 Февраля 2024", date(2024, 2, 29), DatePrecision.DAY),
    ],
)
def test_dates_in_the_forms_lists_use(text, expected, precision):
    parsed = parse_date(text)
    assert parsed == PartialDate(expected, precision)


@pytest.mark.parametrize("text", ["31.02.2024", "2023-02-29", "30 февраля 2020", "1958-13"])
def test_impossible_dates_are_errors(text):
    with pytest.raises(CellError, match="no such date"):
        parse_date(text)


@pytest.mark.parametrize("text", ["yesterday", "12/2024/01", "29 фыва 1958", "19588"])
def test_non_dates_are_errors(text):
    with pytest.raises(CellError, match="not a date"):
        parse_date(text)


def test_custom_formats_are_tried_first():
    assert parse_date("08/29/1958", ("%m/%d/%Y",)).value == date(1958, 8, 29)


def test_empty_date_is_none():
    assert parse_date("  ") is None


def test_partial_date_latest_day():
    assert parse_date("2024-02").latest == date(2024, 2, 29)
    assert parse_date("2023").latest == date(2023, 12, 31)
    assert str(parse_date("2023-02")) == "2023-02"


@given(st.text(max_size=40))
def test_parse_date_raises_only_cell_errors(text):
    try:
        result = parse_date(text)
    except CellError:
        return
    assert result is None or isinstance(result, PartialDate)


@given(st.dates(min_value=date(1900, 1, 1)))
def test_every_real_date_round_trips_in_both_forms(day):
    assert parse_date(day.isoformat()).value == day
    assert parse_date(day.strftime("%d.%m.%Y")).value == day


@pytest.mark.parametrize(
    ("text", "gender"),
    [("м", Gender.MALE), ("Ж", Gender.FEMALE), ("female", Gender.FEMALE), ("M", Gender.MALE)],
)
def test_genders(text, gender):
    assert parse_gender(text) is gender


def test_unknown_gender_is_an_error():
    with pytest.raises(CellError, match="unknown gender"):
        parse_gender("x")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("imprisoned", Status.IMPRISONED),
        ("В СИЗО", Status.PRETRIAL_DETENTION),
        ("освобождён", Status.RELEASED),
        ("Освобожден", Status.RELEASED),
        ("under house arrest", Status.HOUSE_ARREST),
        ("обменян", Status.EXCHANGED),
    ],
)
def test_statuses_in_both_languages(text, status):
    assert parse_status(text) is status


def test_unknown_status_lists_the_known_ones():
    with pytest.raises(CellError, match="pretrial_detention"):
        parse_status("on holiday")


@pytest.mark.parametrize(
    ("text", "size"),
    [("1024", 1024), ("1K", 1024), ("1.5M", 1572864), ("2G", 2 << 30), ("500MB", 500 << 20)],
)
def test_sizes(text, size):
    assert parse_size(text) == size


def test_bad_size():
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")
