"""Tests of habeas.names: parsing, schemes, case forms, comparison, keys, index, bad input.

Expected values are written from the transliteration tables and Russian grammar, not copied
from the code's output.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habeas.names import (
    SCHEMES,
    InvalidNameError,
    NameIndex,
    compare,
    detect_script,
    nominative,
    parse_name,
    search_keys,
    to_cyrillic_candidates,
    transliterate,
    variants,
)
from habeas.vocabulary import Gender, Script

KAG = "Кагарлицкий Борис Юльевич"


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        ("icao_9303", "Kagarlitskii Boris Iulevich"),
        ("passport_1997", "Kagarlitskiy Boris Yulyevich"),
        ("passport_2010", "Kagarlitckii Boris Iulevich"),
        ("bgn_pcgn", "Kagarlitskiy Boris Yul’yevich"),
        ("iso_9", "Kagarlickij Boris Ûlʹevič"),
        ("gost_7_79_b", "Kagarliczkij Boris Yul`evich"),
        ("ala_lc", "Kagarlit͡skiĭ Boris I͡ulʹevich"),
        ("scholarly", "Kagarlickij Boris Julʹevič"),
        ("german", "Kagarlizki Boris Juljewitsch"),
        ("french", "Kagarlitski Boris Ioulievitch"),
    ],
)
def test_schemes(scheme: str, expected: str) -> None:
    assert transliterate(KAG, scheme) == expected


def test_press_examples_from_the_table() -> None:
    assert transliterate("Горбачёв", "german") == "Gorbatschow"
    assert transliterate("Горбачёв", "french") == "Gorbatchev"
    assert transliterate("Ельцин", "german") == "Jelzin"
    assert transliterate("Ельцин", "french") == "Eltsine"
    assert transliterate("Алексей", "german") == "Alexei"
    assert transliterate("Щукин", "german") == "Schtschukin"


def test_every_scheme_handles_ukrainian_and_belarusian_letters() -> None:
    for scheme in SCHEMES:
        out = transliterate("Їжак Ґалина Єва Ірина Ўладзь", scheme)
        assert not any("\u0400" <= c <= "\u04ff" for c in out), (scheme, out)


def test_unknown_scheme() -> None:
    with pytest.raises(ValueError):
        transliterate("Иван", "klingon")


@pytest.mark.parametrize(
    ("text", "surname", "given_", "patronymic"),
    [
        (KAG, "Кагарлицкий", "Борис", "Юльевич"),
        ("Boris Kagarlitsky", "Kagarlitsky", "Boris", None),
        ("KAGARLITSKII BORIS", "Kagarlitskii", "Boris", None),
        ("Kagarlitskiy B. Yu.", "Kagarlitskiy", "B.", "Yu."),
        ("Кагарлицкий Б.Ю.", "Кагарлицкий", "Б.", "Ю."),
        ("Kagarlitsky, Boris", "Kagarlitsky", "Boris", None),
        ("Кара-Мурза Владимир Владимирович", "Кара-Мурза", "Владимир", "Владимирович"),
        ("Мамедов Эльдар Гасан оглы", "Мамедов", "Эльдар", "Гасан оглы"),
        ("Алиева Лейла Рашид кызы", "Алиева", "Лейла", "Рашид кызы"),
        ("Б. Ю. Кагарлицкий", "Кагарлицкий", "Б.", "Ю."),
    ],
)
def test_parse(text: str, surname: str, given_: str, patronymic: str | None) -> None:
    p = parse_name(text)
    assert (p.surname, p.given, p.patronymic) == (surname, given_, patronymic)


def test_parse_flags_and_gender() -> None:
    assert parse_name("Кагарлицкий Б.Ю.").initials_only
    assert parse_name(KAG).gender is Gender.MALE
    assert parse_name("Алиева Лейла Рашид кызы").gender is Gender.FEMALE
    assert parse_name("Иванова Анна Петровна").gender is Gender.FEMALE
    assert parse_name(KAG).full == KAG
    assert parse_name("Kaгарлицкий Борис").surname == "Кагарлицкий"


def test_detect_script() -> None:
    assert detect_script("Кагарлицкий") is Script.CYRILLIC
    assert detect_script("Kagarlitsky") is Script.LATIN
    assert detect_script("Kaгарлицкий") is Script.MIXED
    assert detect_script("ნინო") is Script.OTHER


@pytest.mark.parametrize(
    "bad", ["", "   ", "123 456", "😀😀", "\x00\x01", "я" * 10_000, "a " * 5000]
)
def test_bad_input_raises_clear_error(bad: str) -> None:
    with pytest.raises(InvalidNameError):
        parse_name(bad)
    assert search_keys(bad) == set()


def test_other_scripts_give_a_result() -> None:
    p = parse_name("ნინო გოგოლაძე")
    assert p.script is Script.OTHER and p.surname == "გოგოლაძე"
    assert parse_name("محمد علي").script is Script.OTHER


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parser_never_crashes(text: str) -> None:
    try:
        p = parse_name(text)
    except InvalidNameError:
        return
    assert p.surname or p.given
    search_keys(text)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["Иванов", "Кагарлицкий", "Кара-Мурза", "Шевчук"]),
    st.sampled_from(["Иван", "Борис", "Олег"]),
    st.sampled_from(["Петрович", "Юльевич", "Ильич"]),
)
def test_parser_property_any_order(s: str, g: str, p: str) -> None:
    for text in (f"{s} {g} {p}", f"{g} {p} {s}", f"{s}, {g} {p}"):
        parsed = parse_name(text)
        assert (parsed.surname, parsed.given, parsed.patronymic) == (s, g, p)


def test_nominative_within_gender() -> None:
    assert nominative("Кагарлицкого Бориса Юльевича")[0] == KAG
    assert nominative("Ивановой") == ["Иванова"]
    assert nominative("Ивановой Анны Петровны")[0] == "Иванова Анна Петровна"
    assert nominative("Гоголадзе") == ["Гоголадзе"]
    assert set(nominative("Иванова")) >= {"Иванова", "Иванов"}


def test_six_case_forms() -> None:
    cases = variants(KAG)["cases"]
    assert cases == {
        "nomn": "Кагарлицкий Борис Юльевич",
        "gent": "Кагарлицкого Бориса Юльевича",
        "datv": "Кагарлицкому Борису Юльевичу",
        "accs": "Кагарлицкого Бориса Юльевича",
        "ablt": "Кагарлицким Борисом Юльевичем",
        "loct": "Кагарлицком Борисе Юльевиче",
    }
    fem = variants("Иванова Анна Петровна")["cases"]
    assert fem["gent"] == "Ивановой Анны Петровны"
    assert fem["accs"] == "Ивановой Анну Петровну".replace("Ивановой Анну", "Иванову Анну")
    assert fem["ablt"] == "Ивановой Анной Петровной"


def test_reverse_transliteration() -> None:
    assert to_cyrillic_candidates("Kagarlitsky")[0][0] == "Кагарлицкий"
    assert to_cyrillic_candidates("Navalny")[0][0] == "Навальный"
    assert to_cyrillic_candidates("Shchukin")[0][0] == "Щукин"
    assert to_cyrillic_candidates("Alexei")[0][0] == "Алексей"


@pytest.mark.parametrize(
    "other",
    ["Boris Kagarlitsky", "KAGARLITSKII BORIS", "Kagarlitskiy B. Yu.", "Boris Kagarlizki",
     "Кагарлицкого Бориса Юльевича", "Kagarlitsky, Boris", "Кагарлицкий Б.Ю."],
)  # fmt: skip
def test_same_person(other: str) -> None:
    c = compare(KAG, other)
    assert c.same, c.to_dict()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Алексей Орлов", "Олег Орлов"),
        (KAG, "Кагарлицкий Юлий Борисович"),
        (KAG, "Кагарлицкий Борис Петрович"),
        ("Иванов Александр Петрович", "Иванова Александра Петровна"),
    ],
)
def test_different_person(a: str, b: str) -> None:
    c = compare(a, b)
    assert not c.same and c.explanation["against"]


def test_explanation_structure() -> None:
    d = compare(KAG, "Boris Kagarlizki").to_dict()
    parts = {p["part"]: p for p in d["explanation"]["parts"]}
    assert parts["surname"]["how"] == "scheme" and "german" in parts["surname"]["schemes"]
    assert parts["patronymic"]["how"] == "missing"
    inflected = compare(KAG, "Кагарлицкого Бориса Юльевича")
    assert {p.how for p in inflected.parts} == {"inflection"}


def test_given_name_equivalence() -> None:
    assert compare("Саша Попов", "Попов Александр").same
    assert compare("Alexej Orlow", "Aleksey Orlov").same
    assert compare("Iouri Orlov", "Jurij Orlov").same


def test_search_keys_overlap() -> None:
    base = search_keys(KAG)
    for q in ["Кагарлицкого", "Kagarlitskiy", "Kagarlizki", "KAGARLITSKII"]:
        assert base & search_keys(q), q
    assert all(len(k) <= 48 for k in base)


def test_name_index() -> None:
    ix = NameIndex()
    ix.add(1, [KAG, "Boris Kagarlitsky"])
    ix.add(2, "Кагарлицкий Юлий Михайлович")
    ix.add(3, "Орлов Олег Петрович")
    hits = ix.search("KAGARLITSKII BORIS")
    assert hits[0].person_id == 1 and hits[0].comparison.same
    assert all(h.person_id != 3 for h in hits)
