"""Country packs' data and the working-day calendar."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from habeas.law import PackError, available_packs, load_pack
from habeas.law.calendar import add_months, orthodox_easter
from habeas.law.pack import Gravity
from habeas.vocabulary import Regime

# The articles shared/domain/russia.md lists (section 1).
RUSSIA_MD_ARTICLES = [
    "148",
    "167",
    "205",
    "205.1",
    "205.2",
    "205.5",
    "207.3",
    "208",
    "212",
    "212.1",
    "213",
    "275",
    "275.1",
    "276",
    "280",
    "280.3",
    "280.4",
    "281",
    "281.1",
    "281.2",
    "281.3",
    "282",
    "282.1",
    "282.2",
    "282.3",
    "284.1",
    "318",
    "319",
    "330.1",
    "354.1",
    "361",
]


def test_packs_available() -> None:
    assert available_packs() == ["BY", "RU"]
    assert load_pack("ru") is load_pack("RU")
    with pytest.raises(PackError):
        load_pack("ZZ")


def test_russia_has_every_article_of_the_domain_notes() -> None:
    pack = load_pack("RU")
    for number in RUSSIA_MD_ARTICLES:
        article = pack.articles[number]
        assert article.title and article.title_en and article.sources
        assert article.gravity is not None


def test_art_72_pt_3_2_list() -> None:
    # UK RF art. 72 pt 3.2: 205-205.5, 208, 275, 276, 361 excluded; 280.x, 281, 282.x not.
    pack = load_pack("RU")
    excluded = {n for n, a in pack.articles.items() if a.credit_exclusion}
    assert {"205", "205.1", "205.2", "205.5", "208", "275", "276", "361"} <= excluded
    assert not excluded & {"275.1", "280", "280.3", "281", "282", "282.2", "210"}


def test_art_79_fractions() -> None:
    # UK RF art. 79 pt 3: 207.3(1) medium 1/3, (2) grave 1/2, (3) especially grave 2/3;
    # pt 3(d): 205.2 and 281 3/4 whatever the part.
    pack = load_pack("RU")
    article = pack.articles["207.3"]
    assert [article.parole_fraction_for(p) for p in (1, 2, 3)] == [
        Fraction(1, 3),
        Fraction(1, 2),
        Fraction(2, 3),
    ]
    assert article.gravity_for(2) == Gravity.GRAVE
    assert pack.articles["205.2"].parole_fraction_for(1) == Fraction(3, 4)
    assert pack.articles["281"].parole_fraction == Fraction(3, 4)


def test_regimes_and_ratios() -> None:
    # UK RF art. 72 pt 3.1.
    pack = load_pack("RU")
    ratios = {r: pack.regime(r).custody_credit for r in Regime}
    assert ratios[Regime.GENERAL] == Fraction(3, 2)
    assert ratios[Regime.SETTLEMENT] == 2
    assert ratios[Regime.STRICT] == ratios[Regime.SPECIAL] == ratios[Regime.PRISON] == 1


def test_admin_articles_escalate() -> None:
    pack = load_pack("RU")
    assert pack.admin_articles["20.3.3"].escalates_to == "280.3"
    assert pack.admin_articles["20.2"].escalates_to == "212.1"


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2024, 12, 15), 14) == date(2026, 2, 15)


@pytest.mark.parametrize(
    ("day", "off"),
    [
        (date(2024, 1, 8), True),  # TK 112: New Year holidays
        (date(2024, 12, 28), False),  # decree 1314: a worked Saturday
        (date(2024, 12, 31), True),  # decree 1314: transferred day off
        (date(2025, 11, 3), True),  # decree 1335: 1 Nov moved to 3 Nov
        (date(2025, 11, 1), False),
        (date(2025, 3, 7), False),
        (date(2027, 6, 14), True),  # TK 112 pt 2: 12 June 2027 is a Saturday
        (date(2030, 6, 12), True),  # TK 112 pt 1 holiday in a year without data
    ],
)
def test_russian_calendar(day: date, off: bool) -> None:
    assert load_pack("RU").holidays.is_non_working(day) is off


def test_weekend_rule_for_years_without_data() -> None:
    # TK RF art. 112 pt 2: 4 Nov 2029 is a Sunday, so Monday 5 Nov 2029 is a day off.
    calendar = load_pack("RU").holidays
    assert not calendar.covers(2029)
    assert calendar.is_non_working(date(2029, 11, 5))
    assert not calendar.is_non_working(date(2029, 11, 6))
    # January holidays are not moved: Monday 9 Jan 2034 (Jan 7 2034 is a Saturday) is worked.
    assert not calendar.is_non_working(date(2034, 1, 9))


def test_orthodox_easter_and_radunitsa() -> None:
    assert orthodox_easter(2024) == date(2024, 5, 5)
    assert orthodox_easter(2025) == date(2025, 4, 20)
    belarus = load_pack("BY").holidays
    assert belarus.is_holiday(date(2025, 4, 29))  # Radunitsa: Easter + 9 days
    assert belarus.is_non_working(date(2025, 7, 3))  # Independence Day, a Thursday


def test_belarus_pack() -> None:
    pack = load_pack("BY")
    assert {"342", "361-1", "130", "369"} <= set(pack.articles)
    assert pack.regime(Regime.GENERAL).custody_credit == 1
    assert pack.articles["342"].gravity == Gravity.MEDIUM
