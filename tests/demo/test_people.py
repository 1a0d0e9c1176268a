"""The synthetic registry: determinism, names, dates, custody and relatives."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date

from habeas.demo import DemoPerson, generate_people
from habeas.demo.data import as_of, name_pools, valid_citations
from habeas.demo.names import agrees, expected_female_surname, patronymic
from habeas.vocabulary import DatePrecision, Gender, Regime, Status

# Articles of shared/domain/russia.md §1 (281 includes 281.1-281.3).
RUSSIA_MD_ARTICLES = {
    "148", "167", "205", "205.1", "205.2", "205.5", "207.3", "208", "212", "212.1", "213",
    "275", "275.1", "276", "280", "280.3", "280.4", "281", "281.1", "281.2", "281.3", "282",
    "282.1", "282.2", "282.3", "284.1", "318", "319", "330.1", "354.1", "361",
}  # fmt: skip


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def test_deterministic_for_a_seed() -> None:
    a = [asdict(p) for p in generate_people(400, seed=5)]
    b = [asdict(p) for p in generate_people(400, seed=5)]
    c = [asdict(p) for p in generate_people(400, seed=6)]
    assert a == b
    assert a != c
    assert len(generate_people(0)) == 0


def test_keys_unique_and_count(people: list[DemoPerson]) -> None:
    assert len(people) == 3000
    assert len({p.key for p in people}) == len(people)


def test_vocabulary_values(people: list[DemoPerson]) -> None:
    for p in people:
        assert p.gender in {g.value for g in Gender}
        assert p.status in {s.value for s in Status}
        assert p.birth_precision in {d.value for d in DatePrecision}
        assert p.regime is None or p.regime in {r.value for r in Regime}


def test_articles_exist_with_valid_parts(people: list[DemoPerson]) -> None:
    valid = valid_citations()
    assert {c.split("(")[0] for c in valid} <= RUSSIA_MD_ARTICLES
    for p in people:
        assert p.articles, p.key
        assert len(set(p.articles)) == len(p.articles)
        for cite in p.articles:
            assert cite in valid, cite


def test_gender_agreement(people: list[DemoPerson]) -> None:
    for p in people:
        assert agrees(p.surname, p.patronymic, p.gender), p.full_name
        if p.gender == "female":
            assert p.patronymic.endswith(("вна", "чна", " кызы")), p.full_name
        else:
            assert p.patronymic.endswith(("вич", "ич", " оглы")), p.full_name


def test_surname_pools_follow_the_grammar_rule() -> None:
    for pool in name_pools().values():
        for male, female in pool.surnames.items:
            assert female == expected_female_surname(male), (male, female)
    assert expected_female_surname("Иванов") == "Иванова"
    assert expected_female_surname("Вишневский") == "Вишневская"
    assert expected_female_surname("Шевченко") == "Шевченко"


def test_patronymic_derives_from_father(people: list[DemoPerson]) -> None:
    assert patronymic("Илья", "female", "russian") == "Ильинична"
    assert patronymic("Сергей", "male", "russian") == "Сергеевич"
    assert patronymic("Исмаил", "female", "azerbaijani") == "Исмаиловна"
    for p in people:
        if p.public_case:
            continue
        turkic = f"{p.father_given} {'кызы' if p.gender == 'female' else 'оглы'}"
        assert p.patronymic in (patronymic(p.father_given, p.gender, p.group), turkic)


def test_dates_ordered_and_plausible(people: list[DemoPerson]) -> None:
    today = as_of()
    for p in people:
        assert 16 <= _age(p.birth_date, p.detained_on) <= 85, p.key
        assert p.detained_on <= today
        if p.first_instance_on:
            assert p.detained_on <= p.first_instance_on <= p.verdict_on
        if p.verdict_on:
            assert p.detained_on <= p.verdict_on <= today
        if p.released_on:
            assert p.verdict_on and p.verdict_on <= p.released_on <= today


def test_status_consistent_with_timeline(people: list[DemoPerson]) -> None:
    for p in people:
        if p.status in ("pretrial_detention", "house_arrest"):
            assert p.verdict_on is None and p.sentence_months is None
        if p.status == "pretrial_detention":
            assert p.facility is not None and p.facility.kind == "СИЗО"
        if p.status == "imprisoned":
            assert p.punishment == "custody" and p.sentence_months and p.released_on is None
            assert p.facility is not None and p.facility.regime == p.regime
        if p.status in ("released", "exchanged", "abroad"):
            assert p.released_on is not None
        if p.punishment in ("fine", "suspended"):
            assert p.regime is None and p.released_on == p.verdict_on


def test_regimes_follow_the_code(people: list[DemoPerson]) -> None:
    for p in people:
        if p.gender == "female":
            assert p.regime in (None, "general", "settlement", "educational"), p.key
        if p.regime == "educational":
            assert _age(p.birth_date, p.verdict_on) < 18
        if p.facility and p.facility.women:
            assert p.gender == "female"
    strict_205 = [p.regime for p in people if p.articles[0].startswith("205.5") and p.regime]
    assert Counter(strict_205)["strict"] + Counter(strict_205)["prison"] > 0.8 * len(strict_205)


def test_realistic_distributions(people: list[DemoPerson]) -> None:
    status = Counter(p.status for p in people)
    assert status.most_common(1)[0][0] == "imprisoned"
    assert status["pretrial_detention"] and status["house_arrest"] and status["released"]
    main = Counter(p.articles[0].split("(")[0] for p in people)
    top = {a for a, _ in main.most_common(8)}
    assert {"207.3", "205.2", "205.5", "282.2", "275"} <= top
    groups = Counter(p.group for p in people)
    assert 0.7 < groups["russian"] / len(people) < 0.85
    assert groups["crimean_tatar"] and groups["central_asian"] and groups["north_caucasus"]
    women = sum(p.gender == "female" for p in people) / len(people)
    assert 0.08 < women < 0.3


def test_hard_negatives(people: list[DemoPerson]) -> None:
    by_key = {p.key: p for p in people}
    kinds = Counter(p.relation for p in people if p.relation)
    assert set(kinds) == {"namesake", "child", "sibling", "spouse"}
    assert 0.02 < sum(kinds.values()) / len(people) < 0.1
    for p in people:
        if not p.relation:
            continue
        other = by_key[p.related_to]
        assert other.gender == "male"
        shared = expected_female_surname(other.surname) if p.gender == "female" else other.surname
        assert p.surname == shared, (p.full_name, other.full_name)
        if p.relation == "namesake":
            assert (p.surname, p.given) == (other.surname, other.given)
            assert p.patronymic != other.patronymic
        elif p.relation == "child":
            assert p.father_given == other.given
            assert p.birth_date.year - other.birth_date.year >= 20
        elif p.relation == "sibling":
            assert p.father_given == other.father_given
        else:
            assert p.gender == "female" and p.surname == expected_female_surname(other.surname)


def test_kagarlitsky_public_facts(people: list[DemoPerson]) -> None:
    k = next(p for p in people if p.surname == "Кагарлицкий")
    assert k.public_case and (k.given, k.patronymic, k.gender) == ("Борис", "Юльевич", "male")
    assert k.birth_date == date(1958, 8, 29)
    assert k.articles == ["205.2(2)"]
    assert k.detained_on == date(2023, 7, 25)
    assert k.first_instance_on == date(2023, 12, 12) and k.first_instance_punishment == "fine"
    assert k.verdict_on == date(2024, 2, 13)
    assert (k.sentence_months, k.regime) == (60, "general")
    assert k.facility is not None and k.facility.short == "ИК-4"
    assert k.facility.region == "Тверская область" and "Торжок" in k.facility.address
    assert k.recognized_by == ["Memorial"]
    assert k.source_url == "https://t-invariant.org/?p=451579"
    assert k.region is None  # not among the public facts used
    assert sum(p.public_case for p in people) == 1
