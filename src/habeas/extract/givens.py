"""Round 14: Russian given names the morphology dictionaries lack or read as common nouns
(«Эдем», «Сервер»; ``data/names_ru.toml``), with their case forms: a name ending in a
consonant declines as a man's name does («Эдема», «Эдему», «Эдемом», «Эдеме»), one ending in
a vowel («Ремзи») does not."""

from __future__ import annotations

from functools import lru_cache

from habeas.extract.lexicon import given_names_ru

_ENDINGS = {"nomn": "", "gent": "а", "datv": "у", "accs": "а", "ablt": "ом", "loct": "е"}
_VOWELS = frozenset("аеёиоуыэюяй")


def given_forms(nom: str) -> dict[str, str]:
    """The man's case forms of a listed given name (lower case), or ``{}`` if not listed."""
    low = nom.lower()
    if low not in _listed():
        return {}
    if low[-1] in _VOWELS:
        return dict.fromkeys(_ENDINGS, low)
    return {case: low + end for case, end in _ENDINGS.items()}


def given_nominative(word: str) -> str | None:
    """The listed given name ``word`` is a case form of («Эдема» → «Эдем»), else None."""
    return _by_form().get(word.lower().replace("ё", "е"))


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return frozenset(n.lower() for n in given_names_ru())


@lru_cache(maxsize=1)
def _by_form() -> dict[str, str]:
    out: dict[str, str] = {}
    for nom in given_names_ru():
        for form in given_forms(nom).values():
            out.setdefault(form.replace("ё", "е"), nom)
    return out
