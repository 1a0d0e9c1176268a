"""What the rule tests share: extracting a text published on a fixed day, and picking
persons out of the result."""

from __future__ import annotations

from datetime import date
from typing import Any

from habeas.extract import Role, extract_text
from habeas.extract.terms import find_terms

PUBLISHED = date(2026, 5, 15)  # a Friday


def run(text: str) -> Any:
    """The extraction of ``text`` as published on :data:`PUBLISHED`."""
    return extract_text(text, published=PUBLISHED)


def person(result: Any, name: str) -> Any:
    """The person called ``name`` in an extraction result."""
    return next(p for p in result.persons if p.name == name)


def defendants(result: Any) -> list[str]:
    """The defendants' names, sorted."""
    return sorted(p.name for p in result.persons if p.role is Role.DEFENDANT)


def term_of(result: Any, name: str) -> tuple[int | None, int | None]:
    """The (years, months) of the sentence of the person called ``name``."""
    sentence = person(result, name).sentence
    return sentence.years, sentence.months


def terms_in(text: str, lang: str) -> list[tuple[int | None, int | None]]:
    """The (years, months) of every term the term reader finds in ``text``."""
    facts = find_terms(text, 0, len(text), lang)
    return [(f.value.years, f.value.months) for f in facts if f.kind == "term"]
