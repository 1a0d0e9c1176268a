"""Small text helpers shared by the core and the store."""

from __future__ import annotations


def fold(text: str) -> str:
    """Lower-case, ``ё``→``е``, single spaces: the form used to compare words from lists."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").casefold().split())
