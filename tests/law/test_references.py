"""Legal references: parsing the forms sources use, printing them back, unknown articles."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habeas.law import (
    LegalReference,
    LegalReferenceError,
    UnknownArticleError,
    parse_references,
)


def ref(article: str, part: int | None = None, paragraph: str | None = None, code: str = "UK"):
    return LegalReference("RU", code, article, part, paragraph)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ч. 2 ст. 205.2 УК РФ", [ref("205.2", 2)]),
        ("«ч. 2 ст. 205.2 УК РФ»", [ref("205.2", 2)]),
        ("п. «д» ч. 2 ст. 207.3", [ref("207.3", 2, "д")]),
        ("ст.ст. 280.3, 207.3", [ref("280.3"), ref("207.3")]),
        ("Article 207.3(2)(e)", [ref("207.3", 2, "е")]),
        ("207.3 ч.2 п.д", [ref("207.3", 2, "д")]),
        ("207.3(2); 280.3", [ref("207.3", 2), ref("280.3")]),
        ("205.2(2)", [ref("205.2", 2)]),
        ("RU-UK 207.3(2)(д)", [ref("207.3", 2, "д")]),
        ("частью 2 статьи 205.2 Уголовного кодекса РФ", [ref("205.2", 2)]),
        ("ч. 1 ст. 20.3.3 КоАП РФ", [ref("20.3.3", 1, code="KoAP")]),
        (
            "ч. 2 ст. 207.3 УК РФ, ч. 1 ст. 20.3.3 КоАП",
            [ref("207.3", 2), ref("20.3.3", 1, code="KoAP")],
        ),
        ("пп. «а», «д» ч. 2 ст. 207.3 УК РФ", [ref("207.3", 2, "а"), ref("207.3", 2, "д")]),
        ("ч.ч. 1, 2 ст. 280", [ref("280", 1), ref("280", 2)]),
        ("ст. 205.2 ч. 2 и ст. 280.3 ч. 1", [ref("205.2", 2), ref("280.3", 1)]),
        ("Art. 275", [ref("275")]),
        ("207.3(2)(d)", [ref("207.3", 2, "д")]),
        ("", []),
        ("   ", []),
    ],
)
def test_parse(text: str, expected: list[LegalReference]) -> None:
    assert parse_references(text) == expected


def test_canonical_and_russian_and_english_forms() -> None:
    reference = ref("207.3", 2, "д")
    assert str(reference) == "RU-UK 207.3(2)(д)"
    assert reference.format_ru() == "п. «д» ч. 2 ст. 207.3 УК РФ"
    assert reference.format_en() == "Article 207.3(2)(d) of the Criminal Code of Russia"


def test_latin_paragraph_is_transliterated() -> None:
    assert LegalReference("RU", "UK", "207.3", 2, "d").paragraph == "д"


def test_unknown_article_suggests_the_closest() -> None:
    with pytest.raises(UnknownArticleError) as info:
        parse_references("ч. 1 ст. 207.4 УК РФ")
    error = info.value
    assert error.article == "207.4"
    assert error.suggestions[:2] == ["207.3", "205.4"]
    assert str(error).startswith("unknown article 207.4 of RU-UK; did you mean 207.3, 205.4")
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    "text",
    ["ч. 2", "п. «д»", "ст. 207.3 (фейки)", "foo", "ч. 99 ст. 207.3", "BY-UK 342", "ст. 207.3 !"],
)
def test_unparseable(text: str) -> None:
    with pytest.raises(LegalReferenceError):
        parse_references(text)


def test_belarus_articles_use_hyphens() -> None:
    refs = parse_references("ч. 1 ст. 342 УК РБ, ст. 361.1", "BY")
    assert [str(r) for r in refs] == ["BY-UK 342(1)", "BY-UK 361-1"]
    assert refs[0].format_en() == "Article 342(1) of the Criminal Code of Belarus"


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_never_crashes_on_any_text(text: str) -> None:
    try:
        refs = parse_references(text)
    except LegalReferenceError:
        return
    assert all(isinstance(r, LegalReference) for r in refs)


_ALPHABET = "ч.ст п«»д 0123456789,;()УКРФ art Article ч2 п.д ст.ст."


@given(st.text(alphabet=_ALPHABET, max_size=40))
@settings(max_examples=300, deadline=None)
def test_never_crashes_on_reference_like_text(text: str) -> None:
    with contextlib.suppress(LegalReferenceError):
        parse_references(text)


@given(
    st.sampled_from(["205.2", "207.3", "280.3", "212", "275"]),
    st.one_of(st.none(), st.integers(1, 4)),
    st.one_of(st.none(), st.sampled_from(list("абвгд"))),
)
def test_canonical_form_round_trips(article: str, part: int | None, paragraph: str | None) -> None:
    reference = ref(article, part, paragraph)
    assert parse_references(str(reference)) == [reference]
    assert parse_references(reference.format_ru()) == [reference]
    assert parse_references(reference.short()) == [reference]
