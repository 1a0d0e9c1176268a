"""Nominative readings of an inflected Russian name, chosen by generate-and-verify.

For a name written in some case («Лидию Морозкину», «Всеволоду Лыкову») every part gets
candidate nominatives from ``habeas.names`` (``nominative`` for the whole name and the
per-part candidates it is built from) and from the regular surname paradigms. A reading is
a choice of gender and case with one nominative per part such that inflecting each
nominative into that case, in that gender (``habeas.names.inflect.case_forms``), gives back
the words as written. Among the readings that verify, the one preferred is

1. the one whose case agrees with the word before the name (``case_hint``),
2. whose surnames show the reading's gender («Морозкина» is feminine, «Морозкину» shows none),
3. the likelier given-name parse (pymorphy3's score; a given name listed in
   ``habeas.names`` data counts more), and nominative case on a tie.

A surname that verifies in no reading (plural «Тарасовых», foreign) is kept as written.

When nothing verifies, the first reading of ``habeas.names.nominative`` is used.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from habeas.extract.givens import given_forms, given_nominative
from habeas.extract.nominative import analyse, morph_parses
from habeas.names import nominative, parse_name
from habeas.names.given_names import is_known_given
from habeas.names.inflect import case_forms, nominative_candidates, surname_gender
from habeas.names.model import InvalidNameError
from habeas.vocabulary import Gender

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_GENDERS = {"masc": Gender.MALE, "femn": Gender.FEMALE}
_SURNAME_ENDINGS: tuple[tuple[str, str], ...] = (
    # (oblique ending, nominative ending) of the regular surname paradigms, both genders
    ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
    ("ской", "ская"), ("скую", "ская"), ("цкого", "цкий"), ("цкому", "цкий"),
    ("цким", "цкий"), ("цкой", "цкая"), ("цкую", "цкая"),
    ("овой", "ова"), ("ову", "ова"), ("евой", "ева"), ("еву", "ева"), ("иной", "ина"),
    ("ину", "ина"), ("ыной", "ына"), ("ыну", "ына"),
    ("ова", "ов"), ("ову", "ов"), ("овым", "ов"), ("ове", "ов"), ("ева", "ев"), ("еву", "ев"),
    ("евым", "ев"), ("еве", "ев"), ("ина", "ин"), ("ину", "ин"), ("иным", "ин"), ("ине", "ин"),
    ("ына", "ын"), ("ыну", "ын"), ("ыным", "ын"), ("ыне", "ын"),
    ("ого", "ый"), ("ому", "ый"), ("ым", "ый"), ("ой", "ая"), ("ую", "ая"),
    ("а", ""), ("у", ""), ("ом", ""), ("е", ""), ("я", "ь"), ("ю", "ь"), ("ем", "ь"),
    ("е", "ь"), ("я", "й"), ("ю", "й"), ("ем", "й"),
)  # fmt: skip


def _low(word: str) -> str:
    return word.lower().replace("ё", "е")


def _cap(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def _role(token: str) -> str:
    info = analyse(token)
    if info.patronymic:
        return "patronymic"
    if info.given and not info.surname:
        return "given"
    return "surname"


@lru_cache(maxsize=32768)
def _candidates(token: str, role: str) -> tuple[str, ...]:
    """Candidate nominatives of one part: ``habeas.names`` first, then paradigm guesses."""
    out = [c for c, _g in nominative_candidates(token, role)]
    low = token.lower()
    if role == "given":
        listed = given_nominative(token)
        out = ([listed] if listed else []) + out
        out += [_cap(p.normal_form) for p in morph_parses(token) if "Name" in p.tag]
    elif role == "surname":
        out += [
            token[: len(token) - len(end)] + new
            for end, new in _SURNAME_ENDINGS
            if low.endswith(end) and len(low) - len(end) >= 2
        ]
        out.append(token)
    return tuple(dict.fromkeys(_cap(c) for c in out))


@lru_cache(maxsize=65536)
def _form(nom: str, role: str, gender: Gender, case: str) -> str:
    listed = given_forms(nom) if role == "given" else {}
    if listed:
        return _low(listed[case] if gender is Gender.MALE else nom)
    return _low(case_forms(nom, role, gender)[case])


def _given_prior(token: str, case: str, gender: str) -> float:
    """pymorphy3's score of the given-name or patronymic parse in that case and gender."""
    return sum(
        p.score
        for p in morph_parses(token)
        if ("Name" in p.tag or "Patr" in p.tag)
        and p.tag.case == case
        and (gender in p.tag or "ms-f" in p.tag)
    )


def _nominative_name(word: str, gender: str = "") -> bool:
    return any(
        "Name" in p.tag and p.tag.case == "nomn" and (not gender or gender in p.tag)
        for p in morph_parses(word)
    )


@lru_cache(maxsize=16384)
def read_name(
    tokens: tuple[str, ...],
    roles: tuple[str, ...] | None = None,
    case_hint: frozenset[str] = frozenset(),
    gender_hint: str = "",
) -> tuple[tuple[str, ...], bool]:
    """Nominative forms of the name ``tokens`` (initials kept), best verified reading, and
    whether every part verified (False for a plural «Сафиных» or the fallback).

    ``roles`` gives each token's part (``given``, ``patronymic``, ``surname``); guessed from
    morphology when omitted. ``case_hint`` holds the cases the context allows (see
    ``context_cases``); ``gender_hint`` (``masc``, ``femn``) the gender a word after the
    name agrees in (``gender_after``).
    """
    roles = roles or tuple(_role(t) for t in tokens)
    parts = [
        (n, t, r)
        for n, (t, r) in enumerate(zip(tokens, roles, strict=True))
        if not t.endswith(".") and len(t) > 2
    ]
    if not parts:
        return tokens, True
    best: tuple[float, tuple[str, ...], bool] | None = None
    fixed = len(case_hint) == 1
    for gname, case in itertools.product(_GENDERS, _CASES):
        gender = _GENDERS[gname]
        noms = list(tokens)
        score = 0.0
        verified = True
        for n, tok, role in parts:
            fits = [c for c in _candidates(tok, role) if _form(c, role, gender, case) == _low(tok)]
            if role == "surname":
                # «Егору Вайсману»: in an oblique case a declined reading (Вайсман) comes
                # before the word kept as an indeclinable one, unless the stem is short
                # («Сергею Шойгу», «Куку»)
                declined = any(len(c) >= 5 and _low(c) != _low(tok) for c in fits)
                fits.sort(
                    key=lambda c: (
                        surname_gender(c) is not gender,
                        declined and case != "nomn" and _low(c) == _low(tok),
                    )
                )
            elif role == "given":
                # round 14: with the case fixed by the word before («приговорил Рамиля»), a
                # man's accusative «Рамиля» is «Рамиль», not the woman's nominative «Рамиля»
                fits.sort(
                    key=lambda c: (
                        fixed and not _nominative_name(c, gname),
                        not _nominative_name(c),
                    )
                )
            if not fits and role == "surname":
                score -= 2.0  # kept as written: plural «Тарасовых», foreign, misspelt
                verified = False
                continue
            if not fits:
                break
            noms[n] = fits[0]
            if role == "surname":
                shown = surname_gender(fits[0])
                score += 1.0 if shown is gender else (-1.0 if shown else 0.0)
            else:
                score += _given_prior(tok, case, gname)
                score += 0.5 if role == "given" and is_known_given(fits[0]) else 0.0
        else:
            score += 1.5 if case in case_hint else 0.0
            score += 0.1 if case == "nomn" else 0.0
            score += 1.0 if gname == gender_hint else 0.0
            if best is None or score > best[0]:
                best = (score, tuple(noms), verified)
    if best is not None:
        return best[1], best[2]
    return _fallback(tokens), False


def _fallback(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """``habeas.names.nominative``'s first reading, when it keeps the number of words."""
    try:
        parse_name(" ".join(tokens))
        first = nominative(" ".join(tokens))[0].split()
    except (InvalidNameError, IndexError):
        return tokens
    return tuple(first) if len(first) == len(tokens) else tokens


_GOVERN = {"к": "datv", "по": "datv", "для": "gent", "у": "gent", "от": "gent", "с": "ablt",
           "против": "gent", "о": "loct", "об": "loct", "при": "loct", "за": "accs"}  # fmt: skip


GOVERNING = frozenset(_GOVERN)


@lru_cache(maxsize=8192)
def context_cases(word: str) -> frozenset[str]:
    """Cases a name may take after ``word``: a preposition's case; after a noun the noun's
    case (apposition, «фотографа Лидию») or the genitive («делу Ростислава»)."""
    low = word.lower()
    if low in _GOVERN:
        return frozenset({_GOVERN[low], "gent"} if low == "с" else {_GOVERN[low]})
    parse = morph_parses(low)[0]
    if "NOUN" in parse.tag and parse.tag.case:
        case = str(parse.tag.case)
        return frozenset({case, "gent", "accs"} if case in ("gent", "accs") else {case, "gent"})
    return frozenset()


@lru_cache(maxsize=8192)
def gender_after(word: str, nominative: bool) -> str:
    """The gender a name agrees in, read off the word right after it (``masc``, ``femn`` or
    ""): a past-tense verb in the singular when the name may be its subject («Валерия Носкова
    назначила»), or a form of «который» («Рамиля Галеева, которого …»)."""
    low = word.lower()
    if low.startswith("котор"):
        return {"ый": "masc", "ого": "masc", "ому": "masc", "ая": "femn", "ую": "femn"}.get(
            low[5:], ""
        )
    if not nominative:
        return ""
    parse = morph_parses(low)[0]
    if "VERB" in parse.tag and "past" in parse.tag and "sing" in parse.tag:
        return str(parse.tag.gender or "")
    return ""
