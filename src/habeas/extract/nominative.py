"""Russian morphology for names: which capitalised words are name parts, and the
nominative readings of a lone surname. Full names are put into the nominative by
``habeas.extract.readings`` (generate-and-verify over ``habeas.names``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

from habeas.extract.givens import given_nominative
from habeas.names.inflect import morph_analyzer, morph_parses

__all__ = ["WordInfo", "analyse", "morph", "morph_parses", "surname_variants"]

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """The shared analyser, the one ``habeas.names`` uses (one set of dictionaries; loading
    them takes about a second). Parse words with ``morph_parses``, which is cached."""
    return morph_analyzer()


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What morphology says about one capitalised word."""

    word: str
    given: bool  # has a Name parse
    patronymic: bool
    surname: bool  # has a Surn parse
    place: bool  # the best parse is a place or organisation
    common: float  # score of non-name parses (nouns, verbs, adjectives…)
    known: bool  # the word is in the dictionary (not guessed)


@lru_cache(maxsize=65536)
def analyse(word: str) -> WordInfo:
    """Classify a capitalised Cyrillic word (cached)."""
    parses = morph_parses(word)
    if given_nominative(word):
        # round 14: «Эдем», «Сервер»: a listed given name, not the common noun
        surn = any("Surn" in p.tag for p in parses)
        return WordInfo(word, True, False, surn, False, 0.0, True)
    given = any("Name" in p.tag for p in parses)
    patr = any("Patr" in p.tag for p in parses)
    surn = any("Surn" in p.tag for p in parses)
    best = parses[0].tag if parses else None
    place = bool(best and ("Geox" in best or "Orgn" in best or "Abbr" in best))
    common = sum(
        p.score
        for p in parses
        if not ({"Name", "Surn", "Patr"} & set(p.tag.grammemes)) and "UNKN" not in p.tag
    )
    return WordInfo(word, given, patr, surn, place, common, morph().word_is_known(word.lower()))


def _cap(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _forms(word: str, grammeme: str) -> list[tuple[str, str, str]]:
    """``(nominative, case, gender)`` readings of ``word`` as a name part of type ``grammeme``."""
    out = []
    for p in morph_parses(word):
        if grammeme not in p.tag:
            continue
        nom = p.inflect({"nomn"})
        out.append(
            ((nom.word if nom else p.word), str(p.tag.case or "nomn"), str(p.tag.gender or ""))
        )
    return out


def _guess_surname(word: str, case: str, gender: str) -> str:
    if case == "nomn":
        return word
    low = word.lower()
    if gender == "femn":
        for end, new in (("ой", "а"), ("ую", "ая"), ("ей", "я")):
            if low.endswith(end):
                return word[: -len(end)] + new
        return word
    for end, new in (("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("цкого", "цкий"),
                     ("цкому", "цкий"), ("цким", "цкий"), ("ого", "ой"), ("ова", "ов"),
                     ("ову", "ов"), ("овым", "ов"), ("ове", "ов"), ("ева", "ев"), ("еву", "ев"),
                     ("евым", "ев"), ("ина", "ин"), ("ину", "ин"), ("иным", "ин"), ("ине", "ин"),
                     ("ына", "ын"), ("ыну", "ын"), ("ыным", "ын")):  # fmt: skip
        if low.endswith(end):
            return word[: -len(end)] + new
    return word


@lru_cache(maxsize=16384)
def surname_variants(word: str) -> frozenset[str]:
    """All nominative readings of a lone surname («Петровой» → {Петрова}, «Петрова» →
    {Петрова, Петров}), lower-cased, with «ё» as «е»."""
    variants = {word.lower()}
    for nom, _case, _gender in _forms(word, "Surn"):
        variants.add(nom.lower())
    for gender in ("masc", "femn"):
        for case in _CASES[1:]:
            variants.add(_guess_surname(word, case, gender).lower())
    return frozenset(v.replace("ё", "е") for v in variants)
