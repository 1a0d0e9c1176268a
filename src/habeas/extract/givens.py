"""Round 14: Russian given names the morphology dictionaries lack or read as common nouns
(«Эдем», «Сервер»; ``data/names_ru.toml``), with their case forms: a name ending in a
consonant declines as a man's name does («Эдема», «Эдему», «Эдемом», «Эдеме»), one ending in
a vowel («Ремзи») does not."""

from __future__ import annotations

from functools import lru_cache

from habeas.extract.lexicon import given_names_ru, women_names_ru

_ENDINGS = {"nomn": "", "gent": "а", "datv": "у", "accs": "а", "ablt": "ом", "loct": "е"}
_VOWELS = frozenset("аеёиоуыэюяй")


def given_forms(nom: str) -> dict[str, str]:
    """The man's case forms of a listed given name (lower case), or ``{}`` if not listed;
    one ending in a vowel is indeclinable."""
    low = nom.lower()
    if low not in _listed():
        return {}
    return man_forms(low) or dict.fromkeys(_ENDINGS, low)


def given_nominative(word: str) -> str | None:
    """The listed given name ``word`` is a case form of («Эдема» → «Эдем»), else None."""
    return _by_form().get(word.lower().replace("ё", "е"))


def woman_listed(nom: str) -> bool:
    """True for a listed women's name («Эмине»): indeclinable, and no man's name."""
    return nom.lower().replace("ё", "е") in _women()


@lru_cache(maxsize=1)
def _women() -> frozenset[str]:
    return frozenset(n.lower().replace("ё", "е") for n in women_names_ru())


# round 16: (ending of a case form, ending of the nominative) of a man's given name the
# dictionaries lack: «Фаиля» → «Фаиль», «Айаала» → «Айаал», «Ильмию» → «Ильмий»
_MAN_GUESSES = (("ия", "ий"), ("ию", "ий"), ("ием", "ий"), ("ии", "ий"), ("я", "ь"), ("ю", "ь"),
                ("ем", "ь"), ("а", ""), ("у", ""), ("ом", ""), ("е", ""))  # fmt: skip
_SOFT_ENDINGS = {"ий": ("ий", "ия", "ию", "ия", "ием", "ии"), "ь": ("ь", "я", "ю", "я", "ем", "е")}


def man_nominatives(word: str) -> tuple[str, ...]:
    """Guessed nominatives of ``word`` as an oblique form of a man's given name that ends in
    a consonant, «-ь» or «-ий» («Фаиля» → «Фаиль»); for names no dictionary has."""
    low = word.lower()
    out = []
    for end, new in _MAN_GUESSES:
        stem = low[: len(low) - len(end)]
        if low.endswith(end) and len(stem) >= 3 and (new == "ий" or stem[-1] not in _VOWELS):
            out.append(word[: len(stem)] + new)
    return tuple(out)


def man_forms(nom: str) -> dict[str, str]:
    """The six case forms (lower case) of a man's given name ending in a consonant, «-ь» or
    «-ий» («Фаиль», «Фаиля», «Фаилю» …), or ``{}`` for another ending."""
    low = nom.lower()
    for end, forms in _SOFT_ENDINGS.items():
        if low.endswith(end):
            stem = low[: -len(end)]
            return {case: stem + f for case, f in zip(_ENDINGS, forms, strict=True)}
    if low[-1] in _VOWELS or low[-1] == "ь":
        return {}
    ends = dict(_ENDINGS, ablt="ем" if low[-1] in "жчшщц" else "ом")
    return {case: low + e for case, e in ends.items()}


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return frozenset(n.lower() for n in given_names_ru())


@lru_cache(maxsize=1)
def _by_form() -> dict[str, str]:
    out: dict[str, str] = {}
    for nom in given_names_ru():
        for form in given_forms(nom).values():
            out.setdefault(form.replace("ё", "е"), nom)
    for nom in women_names_ru():
        out.setdefault(nom.lower().replace("ё", "е"), nom)
    return out
