"""Worked examples of the sentence arithmetic, computed by hand from the rules.

Conventions (docs/law-assumptions.md): custody periods count both their first and last day;
the full term ends on the same date of the last month (UIK RF art. 173); credited days are
subtracted from that date; a release falling on a day off moves to the preceding working day
(UIK RF art. 173) using Russia's production calendar in data/ru/holidays.toml.
Each example's id names the rule it exercises.
"""

from __future__ import annotations

from datetime import date

import pytest

from habeas.law import SentenceError
from habeas.law.sentence import SentenceSpec, compute_sentence


def spec(**fields: object) -> SentenceSpec:
    data: dict[str, object] = {"country": "RU", "regime": "general"}
    data.update(fields)
    return SentenceSpec.from_dict(data)


# (id citing the rule, SPEC, expected credited days, expected release, expected parole)
EXAMPLES = [
    (
        "UIK 173: 1y from 2024-03-04 ends 2025-03-04 (a Tuesday); "
        "UK 79 pt 3(a)+pt 4: 1/3 of 12m = 4m < 6m minimum, parole at 6m",
        {"articles": ["207.3(1)"], "term": {"years": 1}, "term_start": "2024-03-04"},
        0,
        date(2025, 3, 4),
        date(2024, 9, 4),
    ),
    (
        "UK 72 pt 3.1(b): 10 days SIZO x 1.5 = 15 (general); 2025-06-01 - 15 = Sat 17 May -> "
        "Fri 16 May (UIK 173); UK 79 pt 3(b): 212(2) grave, 1/2 of 24m = 12m - 15 days",
        {
            "articles": ["212(2)"],
            "term": {"years": 2},
            "term_start": "2023-06-01",
            "custody": [{"kind": "pretrial", "from": "2023-01-10", "to": "2023-01-19"}],
        },
        15,
        date(2025, 5, 16),
        date(2024, 5, 17),
    ),
    (
        "UK 72 pt 3.1(a): 31 days SIZO x 1 (strict); 2025-06-15 - 31 = Thu 15 May",
        {
            "regime": "strict",
            "term": {"years": 3},
            "term_start": "2022-06-15",
            "custody": [{"kind": "pretrial", "from": "2022-03-01", "to": "2022-03-31"}],
        },
        31,
        date(2025, 5, 15),
        None,
    ),
    (
        "UK 72 pt 3.1(c): 10 days SIZO x 2 (colony-settlement); 2025-08-01 - 20 = Sat 12 Jul "
        "-> Fri 11 Jul (UIK 173)",
        {
            "regime": "settlement",
            "term": {"years": 1, "months": 6},
            "term_start": "2024-02-01",
            "custody": [{"kind": "pretrial", "from": "2024-01-15", "to": "2024-01-24"}],
        },
        20,
        date(2025, 7, 11),
        None,
    ),
    (
        "UK 72 pt 3.1(a), leap year: 1 Jan-9 Apr 2020 = 100 days (29 Feb counted) x 1 (special); "
        "2030-04-10 - 100 = Mon 31 Dec 2029",
        {
            "regime": "special",
            "term": {"years": 10},
            "term_start": "2020-04-10",
            "custody": [{"kind": "pretrial", "from": "2020-01-01", "to": "2020-04-09"}],
        },
        100,
        date(2029, 12, 31),
        None,
    ),
    (
        "UK 72 pt 3.2: 205.2 is an exclusion article, 85 days SIZO x 1 even in general regime; "
        "UK 79 pt 3(d): 3/4 of 60m = 45m, 2027-11-13 - 85 = 2027-08-20",
        {
            "articles": ["205.2(2)"],
            "term": {"years": 5},
            "term_start": "2024-02-13",
            "custody": [{"kind": "pretrial", "from": "2023-07-25", "to": "2023-10-17"}],
        },
        85,
        date(2028, 11, 20),
        date(2027, 8, 20),
    ),
    (
        "UK 72 pt 3.1(b) without exclusion: the same 85 days under 207.3(2) = 127.5, rounded "
        "down to 127 (rounding UNCONFIRMED); 2029-02-13 - 127 = Mon 2028-10-09; UK 79 pt 3(b): "
        "1/2 of 60m = 30m, 2026-08-13 - 127 = 2026-04-08",
        {
            "articles": ["207.3(2)"],
            "term": {"years": 5},
            "term_start": "2024-02-13",
            "custody": [{"kind": "pretrial", "from": "2023-07-25", "to": "2023-10-17"}],
        },
        127,
        date(2028, 10, 9),
        date(2026, 4, 8),
    ),
    (
        "UK 72 pt 3.2 only in parts 2-3 of 228: 228(2) 10 days x 1; 2027-03-01 - 10 = Fri 19 Feb; "
        "UK 79 pt 3(b): grave, 1/2 of 36m = 18m - 10 days",
        {
            "articles": ["228(2)"],
            "term": {"years": 3},
            "term_start": "2024-03-01",
            "custody": [{"kind": "pretrial", "from": "2024-02-01", "to": "2024-02-10"}],
        },
        10,
        date(2027, 2, 19),
        date(2025, 8, 22),
    ),
    (
        "UK 72 pt 3.1(b): 228(1) is not excluded, 10 days x 1.5 = 15; 2027-03-01 - 15 = Sun 14 Feb "
        "-> Fri 12 Feb; UK 79 pt 3(a): minor, 1/3 of 36m = 12m - 15 days",
        {
            "articles": ["228(1)"],
            "term": {"years": 3},
            "term_start": "2024-03-01",
            "custody": [{"kind": "pretrial", "from": "2024-02-01", "to": "2024-02-10"}],
        },
        15,
        date(2027, 2, 12),
        date(2025, 2, 14),
    ),
    (
        "UK 72 pt 3.2 covers 275 (treason) and 276; strict regime is 1:1 anyway: 30 days; "
        "2036-01-31 - 30 = 1 Jan 2036 (holiday) -> 31 Dec 2035; UK 79 pt 3(c): 2/3 of 12y = 8y",
        {
            "regime": "strict",
            "articles": ["275", "276"],
            "term": {"years": 12},
            "term_start": "2024-01-31",
            "custody": [{"kind": "pretrial", "from": "2024-01-01", "to": "2024-01-30"}],
        },
        30,
        date(2035, 12, 31),
        date(2032, 1, 1),
    ),
    (
        "UK 72 pt 3.1(b): 280.3 is not an exclusion article, 30 days x 1.5 = 45; "
        "2027-04-11 - 45 = Thu 25 Feb; UK 79 pt 3(a): 280.3(1) medium, 1/3 of 30m = 10m - 45d",
        {
            "articles": ["280.3(1)"],
            "term": {"years": 2, "months": 6},
            "term_start": "2024-10-11",
            "custody": [{"kind": "pretrial", "from": "2024-09-11", "to": "2024-10-10"}],
        },
        45,
        date(2027, 2, 25),
        date(2025, 6, 27),
    ),
    (
        "UK 72 pt 3.4: 100 days house arrest = 50 days; 2026-06-01 - 50 = Sun 12 Apr -> Fri 10 Apr",
        {
            "term": {"years": 3},
            "term_start": "2023-06-01",
            "custody": [{"kind": "house_arrest", "from": "2023-01-01", "to": "2023-04-10"}],
        },
        50,
        date(2026, 4, 10),
        None,
    ),
    (
        "UK 72 pt 3.4: house arrest is 2:1 whatever the regime (strict): still 50 days",
        {
            "regime": "strict",
            "term": {"years": 3},
            "term_start": "2023-06-01",
            "custody": [{"kind": "house_arrest", "from": "2023-01-01", "to": "2023-04-10"}],
        },
        50,
        date(2026, 4, 10),
        None,
    ),
    (
        "UK 72 pt 3.4 + 3.1(b): 20 days house arrest (10) then 20 days SIZO general (30) = 40",
        {
            "term": {"years": 1},
            "term_start": "2024-03-11",
            "custody": [
                {"kind": "house_arrest", "from": "2024-01-01", "to": "2024-01-20"},
                {"kind": "pretrial", "from": "2024-02-20", "to": "2024-03-10"},
            ],
        },
        40,
        date(2025, 1, 30),
        None,
    ),
    (
        "UK 72 pt 3.3: custody while held in strict conditions counts 1:1 even for general "
        "regime; 2026-05-01 - 30 = Wed 1 Apr",
        {
            "term": {"years": 2},
            "term_start": "2024-05-01",
            "custody": [{"kind": "strict_conditions", "from": "2024-04-01", "to": "2024-04-30"}],
        },
        30,
        date(2026, 4, 1),
        None,
    ),
    (
        "UK 72 pt 3.1(b) after an appeal made the regime milder before the term started: "
        "182 days SIZO credited x 1.5 at the new general regime = 273; 2028-05-20 - 273 = "
        "Sat 2027-08-21 -> Fri 20 Aug",
        {
            "regime": "strict",
            "term": {"years": 4},
            "term_start": "2024-05-20",
            "custody": [{"kind": "pretrial", "from": "2023-11-20", "to": "2024-05-19"}],
            "appeal": {"on": "2024-05-20", "regime": "general"},
        },
        273,
        date(2027, 8, 20),
        None,
    ),
    (
        "UK 72 pt 3.5: cassation moves strict -> settlement after 100 days served: "
        "each counts 2, +100; 2026-03-01 - 100 = Fri 2025-11-21",
        {
            "regime": "strict",
            "term": {"years": 2},
            "term_start": "2024-03-01",
            "appeal": {"on": "2024-06-09", "regime": "settlement"},
        },
        100,
        date(2025, 11, 21),
        None,
    ),
    (
        "UK 72 pt 3.5 + 3.1(b): strict -> general after 182 days served (+91) and 101 days "
        "SIZO x 1.5 at general (151.5): 242.5 -> 242; 2027-01-10 - 242 = Wed 2026-05-13",
        {
            "regime": "strict",
            "term": {"years": 3},
            "term_start": "2024-01-10",
            "custody": [{"kind": "pretrial", "from": "2023-10-01", "to": "2024-01-09"}],
            "appeal": {"on": "2024-07-10", "regime": "general"},
        },
        242,
        date(2026, 5, 13),
        None,
    ),
    (
        "UK 72 pt 3.5: general -> settlement after 60 days served: each counts 1.5, +30",
        {
            "term": {"years": 1},
            "term_start": "2024-01-09",
            "appeal": {"on": "2024-03-09", "regime": "settlement"},
        },
        30,
        date(2024, 12, 10),
        None,
    ),
    (
        "Sentence reduced on appeal: 6y -> 4y from 2024-04-01 ends Sat 2028-04-01 -> Fri 31 Mar",
        {
            "term": {"years": 6},
            "term_start": "2024-04-01",
            "appeal": {"on": "2024-04-01", "term": {"years": 4}},
        },
        0,
        date(2028, 3, 31),
        None,
    ),
    (
        "UIK 173 month end, leap year: 1y1m from 31 Jan 2023 ends 29 Feb 2024",
        {"term": {"years": 1, "months": 1}, "term_start": "2023-01-31"},
        0,
        date(2024, 2, 29),
        None,
    ),
    (
        "UIK 173 month end: 2y1m from 31 Jan 2023 ends 28 Feb 2025 (no 29th)",
        {"term": {"years": 2, "months": 1}, "term_start": "2023-01-31"},
        0,
        date(2025, 2, 28),
        None,
    ),
    (
        "UIK 173 leap day: 1y from 29 Feb 2024 ends 28 Feb 2025",
        {"term": {"years": 1}, "term_start": "2024-02-29"},
        0,
        date(2025, 2, 28),
        None,
    ),
    (
        "UIK 173 + TK 112: 12 June 2025 (Russia Day) -> Wed 11 June",
        {"term": {"years": 1}, "term_start": "2024-06-12"},
        0,
        date(2025, 6, 11),
        None,
    ),
    (
        "UIK 173 + 2025/2026 calendars: 5 Jan 2026 (New Year holidays), 31 Dec 2025 a "
        "transferred day off -> Tue 30 Dec 2025",
        {"term": {"years": 2}, "term_start": "2024-01-05"},
        0,
        date(2025, 12, 30),
        None,
    ),
    (
        "UIK 173 + decree 1314 of 2023: Sat 28 Dec 2024 is a working day, release stays",
        {"term": {"years": 1}, "term_start": "2023-12-28"},
        0,
        date(2024, 12, 28),
        None,
    ),
    (
        "UIK 173 + decree 1314 of 2023: 30 and 29 Apr 2024 are days off, Sun 28 too, "
        "Sat 27 Apr is worked -> 27 Apr",
        {"term": {"months": 6}, "term_start": "2023-10-30"},
        0,
        date(2024, 4, 27),
        None,
    ),
    (
        "UIK 173 with days: 1y10d from 1 Jan 2024 = Sat 11 Jan 2025 -> Fri 10 Jan",
        {"term": {"years": 1, "days": 10}, "term_start": "2024-01-01"},
        0,
        date(2025, 1, 10),
        None,
    ),
    (
        "UK 72 pt 3.1(b): 181 days x 1.5 = 271 >= the 184-day term: release when the term starts",
        {
            "term": {"months": 6},
            "term_start": "2023-07-01",
            "custody": [{"kind": "pretrial", "from": "2023-01-01", "to": "2023-06-30"}],
        },
        271,
        date(2023, 7, 1),
        None,
    ),
    (
        "UK 79 pt 3(c): 276 especially grave, 2/3 of 12y = 8y; UIK 173: 1 Jan 2036 -> 31 Dec 2035",
        {
            "regime": "strict",
            "articles": ["276"],
            "term": {"years": 12},
            "term_start": "2024-01-01",
        },
        0,
        date(2035, 12, 31),
        date(2032, 1, 1),
    ),
    (
        "UK 79 pt 3(a): 1/3 of 25m = 8m + 1/3 month = 8m10d (30-day month, UNCONFIRMED)",
        {"articles": ["207.3(1)"], "term": {"years": 2, "months": 1}, "term_start": "2024-01-15"},
        0,
        date(2026, 2, 13),
        date(2024, 9, 25),
    ),
    (
        "UK 79 pt 3(b): 207.3(2) grave, 1/2 of 61m = 30m15d",
        {"articles": ["207.3(2)"], "term": {"years": 5, "months": 1}, "term_start": "2024-01-15"},
        0,
        date(2029, 2, 15),
        date(2026, 7, 30),
    ),
    (
        "UK 79 pt 3(c): earlier parole revoked -> 2/3 of 36m = 24m",
        {
            "articles": ["207.3(1)"],
            "term": {"years": 3},
            "term_start": "2024-01-01",
            "prior_parole_revoked": True,
        },
        0,
        date(2026, 12, 30),
        date(2026, 1, 1),
    ),
    (
        "UK 79 pt 4: 6 months minimum reaches the release date -> no parole; "
        "UIK 173: Sun 1 Sep 2024 -> Fri 30 Aug",
        {"articles": ["207.3(1)"], "term": {"months": 6}, "term_start": "2024-03-01"},
        0,
        date(2024, 8, 30),
        None,
    ),
    (
        "Custody running past the term start is credited only up to the day before: "
        "10 days x 1.5 = 15",
        {
            "term": {"years": 1},
            "term_start": "2024-01-11",
            "custody": [{"kind": "pretrial", "from": "2024-01-01", "to": "2024-01-20"}],
        },
        15,
        date(2024, 12, 27),
        None,
    ),
    (
        "BY pack, UK RB art. 75 (UNCONFIRMED): 30 days x 1 in a general colony; "
        "UK RB art. 90: 342 medium, 1/3 of 36m = 12m - 30 days",
        {
            "country": "BY",
            "articles": ["342(1)"],
            "term": {"years": 3},
            "term_start": "2021-01-10",
            "custody": [{"kind": "pretrial", "from": "2020-12-11", "to": "2021-01-09"}],
        },
        30,
        date(2023, 12, 11),
        date(2021, 12, 11),
    ),
]


@pytest.mark.parametrize(
    ("fields", "credited", "release", "parole"),
    [pytest.param(f, c, r, p, id=name) for name, f, c, r, p in EXAMPLES],
)
def test_worked_example(
    fields: dict[str, object], credited: int, release: date, parole: date | None
) -> None:
    result = compute_sentence(spec(**fields))
    assert result.credited_days == credited
    assert result.release_date == release
    assert result.parole_eligible_on == parole


def test_every_step_of_a_credit_cites_its_rule() -> None:
    # UK RF art. 72 pt 3.2 and pt 3.4 steps each name their rule.
    result = compute_sentence(
        spec(
            articles=["205.2(2)"],
            term={"years": 5},
            term_start="2024-02-13",
            custody=[
                {"kind": "house_arrest", "from": "2023-01-01", "to": "2023-01-10"},
                {"kind": "pretrial", "from": "2023-07-25", "to": "2023-10-17"},
            ],
        )
    )
    rules = {line.rule for line in result.credits}
    assert rules == {"UK RF art. 72 pt 3.2", "UK RF art. 72 pt 3.4"}
    assert any("art. 79" in step.rule for step in result.steps)


def test_half_day_rounding_is_marked_uncertain() -> None:
    # 7 days of house arrest = 3.5 days (UK RF art. 72 pt 3.4); rounding is UNCONFIRMED.
    result = compute_sentence(
        spec(
            term={"years": 1},
            term_start="2024-03-01",
            custody=[{"kind": "house_arrest", "from": "2024-01-01", "to": "2024-01-07"}],
        )
    )
    assert result.credited_days == 3
    assert result.uncertain


def test_served_and_remaining_days() -> None:
    # 15 credited days + 366 days from 2023-06-01 to 2024-06-01 (29 Feb 2024 included);
    # release 2025-05-16 is 349 days after 2024-06-01.
    result = compute_sentence(
        spec(
            term={"years": 2},
            term_start="2023-06-01",
            custody=[{"kind": "pretrial", "from": "2023-01-10", "to": "2023-01-19"}],
            as_of="2024-06-01",
        )
    )
    assert (result.served_days, result.remaining_days) == (381, 349)


def test_served_days_during_pretrial_custody() -> None:
    # As of 10 Jan, 10 custody days x 1.5 have been earned (UK RF art. 72 pt 3.1(b)).
    result = compute_sentence(
        spec(
            term={"years": 1},
            term_start="2023-02-01",
            custody=[{"kind": "pretrial", "from": "2023-01-01", "to": "2023-01-31"}],
            as_of="2023-01-10",
        )
    )
    assert result.served_days == 15


def test_after_release_everything_is_served() -> None:
    result = compute_sentence(spec(term={"years": 1}, term_start="2020-01-10", as_of="2024-01-01"))
    assert result.remaining_days == 0
    assert result.served_days == result.term_days == 366


def test_overlapping_custody_is_an_error() -> None:
    with pytest.raises(SentenceError, match="overlap"):
        compute_sentence(
            spec(
                term={"years": 1},
                term_start="2024-03-01",
                custody=[
                    {"kind": "pretrial", "from": "2024-01-01", "to": "2024-01-20"},
                    {"kind": "house_arrest", "from": "2024-01-15", "to": "2024-02-20"},
                ],
            )
        )


def test_to_dict_has_the_cli_fields() -> None:
    result = compute_sentence(spec(term={"years": 1}, term_start="2024-03-04", as_of="2024-03-04"))
    data = result.to_dict()
    for key in (
        "release_date",
        "parole_eligible_on",
        "credited_days",
        "served_days",
        "remaining_days",
        "steps",
    ):
        assert key in data
    assert data["release_date"] == "2025-03-04"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"term": {"years": 1}, "term_start": "2024-13-01"}, "term_start"),
        ({"term": {"years": 1}}, "term_start"),
        ({"term": {"years": 1}, "term_start": "2024-01-01", "regime": "moon"}, "regime"),
        ({"term": "forever", "term_start": "2024-01-01"}, "term"),
        (
            {
                "term": {"years": 1},
                "term_start": "2024-01-01",
                "custody": [{"kind": "jail", "from": "2023-01-01", "to": "2023-01-02"}],
            },
            "custody",
        ),
        ({"term": {"years": 1}, "term_start": "2024-01-01", "articles": ["207.4"]}, "207.4"),
        ({"term": {"years": 1}, "term_start": "2024-01-01", "colour": "red"}, "colour"),
    ],
)
def test_bad_specs_name_the_field(bad: dict[str, object], message: str) -> None:
    with pytest.raises(SentenceError, match=message):
        spec(**bad)
