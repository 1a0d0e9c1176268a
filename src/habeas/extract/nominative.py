"""Russian morphology for names: which words are name parts, and their nominative forms.

This small pymorphy3-based helper is isolated here so that it can later be replaced by
``habeas.names.nominative``; nothing else in the extractor calls pymorphy3 for names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """The shared analyser (loading the dictionaries takes about a second)."""
    return pymorphy3.MorphAnalyzer()


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
    parses = morph().parse(word)
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
    for p in morph().parse(word):
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


def nominative_parts(
    tokens: list[str], case_hint: str | None = None
) -> tuple[list[str], str | None]:
    """Nominative forms of a Russian name's tokens (initials kept) and the gender found.

    The case and gender are taken from the given name or patronymic, which pymorphy3
    knows well; the surname is then put into the nominative in agreement with them.
    """
    case = gender = None
    options: list[tuple[str, str]] = []
    for tok in tokens:
        info = analyse(tok) if not tok.endswith(".") else None
        if info and (info.given or info.patronymic):
            options = [(c, g) for _, c, g in _forms(tok, "Patr" if info.patronymic else "Name")]
            break
    if options:
        case, gender = options[0]
        others = [t for t in tokens if not t.endswith(".") and not analyse(t).given]
        for c, g in options:
            if any(fc == c and fg == g for t in others for _, fc, fg in _forms(t, "Surn")):
                case, gender = c, g
                break
    if case is None and case_hint:
        case = case_hint
        lone = [t for t in tokens if not t.endswith(".")]
        genders = {c[2] for t in lone for c in _forms(t, "Surn") if c[1] == case}
        gender = genders.pop() if len(genders) == 1 else None
    out: list[str] = []
    for tok in tokens:
        if tok.endswith(".") or len(tok) <= 2:
            out.append(tok)
            continue
        info = analyse(tok)
        role = (
            "Patr"
            if info.patronymic
            else (
                "Name"
                if info.given and tok is not tokens[-1] or info.given and len(tokens) == 1
                else None
            )
        )
        if role is None and info.given and not info.surname:
            role = "Name"
        choices = _forms(tok, role) if role else []
        choices = [
            c
            for c in choices
            if case is None or c[1] == case or (c[1], case) in {("accs", "gent"), ("gent", "accs")}
        ]
        if role and choices:
            pick = next((c for c in choices if gender is None or c[2] == gender), choices[0])
            out.append(_cap(pick[0]))
            continue
        surn = [
            c
            for c in _forms(tok, "Surn")
            if (case is None or c[1] == case) and (gender is None or c[2] == gender)
        ]
        if surn:
            out.append(_cap(surn[0][0]))
        else:
            out.append(_cap(_guess_surname(tok, case or "nomn", gender or "masc")))
    return out, gender


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
