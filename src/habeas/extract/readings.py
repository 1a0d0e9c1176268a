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

Round 16: a word kept as written verifies in an oblique case only when it declines in no
reading of that gender: «Оксана» is no man's indeclinable genitive (a name in «-а»/«-я»
declines for either gender), «Анне», «Марку» are the datives of «Анна», «Марк», «Джемилеву»
no indeclinable nominative; a man's given name no dictionary has declines as one («Фаиля» →
«Фаиль», scored as a guess); a man's surname in «-ь» declines («Бондарю» → «Бондарь», in
``habeas.names.inflect``) and one in «-ец» may drop its vowel («Кравца» → «Кравец»).
``verified_readings`` lists every (gender, case) a name verifies in, and ``read_name`` may be
limited to the gender the whole text gives the person and prefer a surname's nominative the
text writes (``habeas.extract.agreement``).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from habeas.extract.givens import (
    given_forms,
    given_nominative,
    man_forms,
    man_nominatives,
    woman_listed,
)
from habeas.extract.nominative import analyse, morph_parses
from habeas.names import nominative, parse_name
from habeas.names.given_names import group_gender, group_ids, is_known_given
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


# round 16: a nominative cannot end in an obstruent and «ц» («Кравца» is «Кравец», with the
# fleeting vowel); «Шварца», «Кунца» (a sonorant before «ц») keep theirs
_NO_FLEETING = re.compile(r"[бвгджзкпстфхчшщ]ц$")
_FLEETING = re.compile(r"[бвгджзкпстфхчшщ]ец$")


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
        if not _known_name(token, "masc", known=True) and not is_known_given(token):
            out += man_nominatives(token)
    elif role == "surname":
        out += [
            token[: len(token) - len(end)] + new
            for end, new in _SURNAME_ENDINGS
            if low.endswith(end) and len(low) - len(end) >= 2
        ]
        out.append(token)
        out = [c[:-1] + "ец" if _NO_FLEETING.search(_low(c)) else c for c in out]
    return tuple(dict.fromkeys(_cap(c) for c in out))


@lru_cache(maxsize=65536)
def _form(nom: str, role: str, gender: Gender, case: str) -> str:
    if role == "given" and woman_listed(nom):
        return _low(nom) if gender is Gender.FEMALE else ""
    listed = given_forms(nom) if role == "given" else {}
    if listed:
        return _low(listed[case] if gender is Gender.MALE else nom)
    if role == "given" and gender is Gender.MALE and not _known_name(nom, ""):
        # round 16: a man's name no dictionary has declines as one («Фаиль», «Фаиля»)
        guessed = man_forms(nom)
        if guessed:
            return guessed[case]
    return _low(case_forms(nom, role, gender)[case])


def _guessed(token: str, nom: str) -> bool:
    """True when ``nom`` is only a guessed man's nominative of ``token`` («Фаиля» → «Фаиль»)."""
    return nom in man_nominatives(token) and not _known_name(nom, "") and not given_forms(nom)


@lru_cache(maxsize=32768)
def _known_name(word: str, gender: str, known: bool = False) -> bool:
    """True when the dictionary reads ``word`` as a form of a man's given name (``masc``), or
    (no gender) as a given name's singular nominative; with ``known``, not by a guess."""
    return any(
        "Name" in p.tag
        and (gender in p.tag if gender else "sing" in p.tag and p.tag.case == "nomn")
        and (p.is_known or not known)
        for p in morph_parses(word)
    )


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


def _declines_anyway(nom: str) -> bool:
    """True for a given name of the «-а»/«-я» declension («Оксана», «Евгения», «Никита»),
    which declines for a man and a woman alike: kept as written, it is no oblique form."""
    return _low(nom).endswith(("а", "я"))


def _surname_forms(nom: str, gender: Gender, case: str) -> frozenset[str]:
    """The forms of surname ``nom`` in that gender and case: the regular paradigm, and for a
    man's «-ец» surname also the one with the fleeting vowel («Кравец» → «Кравца»)."""
    forms = {_form(nom, "surname", gender, case)}
    if gender is Gender.MALE and _FLEETING.search(_low(nom)):
        stem = _low(nom)[:-2] + "ц"
        ends = {"nomn": ("ец",), "gent": ("а",), "datv": ("у",), "accs": ("а",),
                "ablt": ("ом", "ем"), "loct": ("е",)}[case]  # fmt: skip
        forms |= {_low(nom) if case == "nomn" else stem + e for e in ends}
    return frozenset(forms)


@lru_cache(maxsize=65536)
def _fits(
    tok: str, role: str, gname: str, case: str, fixed: bool, attested: frozenset[str]
) -> tuple[str, ...]:
    """The candidate nominatives of one part that give ``tok`` in that gender and case, the
    likeliest first (``attested``: lower-case words the text writes for the same person)."""
    gender = _GENDERS[gname]
    low = _low(tok)
    if role == "surname":
        fits = [c for c in _candidates(tok, role) if low in _surname_forms(c, gender, case)]
        if _surname_declines(tok):
            # round 16: a word some reading declines («Джемилеву», «Казанского») is no
            # indeclinable surname kept as written in another
            fits = [c for c in fits if _low(c) != low or not _indeclinable(c, gender)]
        # «Егору Вайсману»: in an oblique case a declined reading (Вайсман) comes before the
        # word kept as an indeclinable one, unless the stem is short («Сергею Шойгу»)
        declined = any(len(c) >= 5 and _low(c) != low for c in fits)
        fits.sort(
            key=lambda c: (
                surname_gender(c) not in (None, gender),
                declined and case != "nomn" and _low(c) == low,
                # round 16: «Станислава Бережного» is «Бережной» when the text writes it so
                _low(c) == low or _low(c) not in attested,
                surname_gender(c) is not gender,
            )
        )
        return tuple(fits)
    fits = [c for c in _candidates(tok, role) if _form(c, role, gender, case) == low]
    if role != "given":
        return tuple(fits)
    if case != "nomn" and (_declines(tok, gname) or _declines_anyway(tok)):
        # round 16: a given name kept as written is an oblique form only when the word is
        # no case form of another name of that gender («Анне», «Марку» are the datives of
        # «Анна», «Марк») and not of the «-а»/«-я» declension («Оксана» is no man's
        # genitive): «Ремзи», «Лейсан» stay as they are
        fits = [c for c in fits if _low(c) != low]
    fits.sort(
        key=lambda c: (
            # round 14: with the case fixed by the word before («приговорил Рамиля»), a man's
            # accusative «Рамиля» is «Рамиль», not the woman's nominative «Рамиля»
            fixed and not _nominative_name(c, gname),
            not _nominative_name(c),
        )
    )
    return tuple(fits)


@lru_cache(maxsize=16384)
def _declines(tok: str, gname: str) -> bool:
    """True when the given name ``tok`` is a case form of another candidate nominative in
    that gender («Анне» of «Анна»)."""
    low = _low(tok)
    gender = _GENDERS[gname]
    return any(
        _form(c, "given", gender, case) == low
        for c in _candidates(tok, "given")
        if _low(c) != low
        for case in _CASES[1:]
    )


def _reading(
    parts: list[tuple[int, str, str]],
    tokens: tuple[str, ...],
    gname: str,
    case: str,
    fixed: bool,
    attested: frozenset[str],
) -> tuple[float, tuple[str, ...], bool] | None:
    """The score, nominatives and verification of one gender-and-case reading, or None when
    a given name or patronymic has no nominative in it."""
    noms = list(tokens)
    score = 0.0
    verified = True
    for n, tok, role in parts:
        fits = _fits(tok, role, gname, case, fixed, attested)
        if not fits and role == "surname":
            score -= 2.0  # kept as written: plural «Тарасовых», foreign, misspelt
            verified = False
            continue
        if not fits:
            return None
        noms[n] = fits[0]
        if role == "surname":
            shown = surname_gender(fits[0])
            score += 1.0 if shown is _GENDERS[gname] else (-1.0 if shown else 0.0)
        else:
            score += _given_prior(tok, case, gname)
            score += 0.5 if role == "given" and is_known_given(fits[0]) else 0.0
            # round 16: a man's name no dictionary has («Фаиль») is a guess, so «Оксана
            # Дружинина» after a noun stays a woman without evidence for a man
            score -= 1.0 if role == "given" and _guessed(tok, fits[0]) else 0.0
    return score, tuple(noms), verified


def _parts(tokens: tuple[str, ...], roles: tuple[str, ...] | None) -> list[tuple[int, str, str]]:
    roles = roles or tuple(_role(t) for t in tokens)
    return [
        (n, t, r)
        for n, (t, r) in enumerate(zip(tokens, roles, strict=True))
        if not t.endswith(".") and len(t) > 2
    ]


@lru_cache(maxsize=16384)
def read_name(
    tokens: tuple[str, ...],
    roles: tuple[str, ...] | None = None,
    case_hint: frozenset[str] = frozenset(),
    gender_hint: str = "",
    genders: frozenset[str] = frozenset(),
    attested: frozenset[str] = frozenset(),
) -> tuple[tuple[str, ...], bool]:
    """Nominative forms of the name ``tokens`` (initials kept), best verified reading, and
    whether every part verified (False for a plural «Сафиных» or the fallback).

    ``roles`` gives each token's part (``given``, ``patronymic``, ``surname``); guessed from
    morphology when omitted. ``case_hint`` holds the cases the context allows (see
    ``context_cases``); ``gender_hint`` (``masc``, ``femn``) the gender a word after the
    name agrees in (``gender_after``). ``genders``, when given, are the only genders read
    (the person's, from the whole text); ``attested`` are lower-case words the text writes
    for the same person, preferred among a surname's nominatives.
    """
    parts = _parts(tokens, roles)
    if not parts:
        return tokens, True
    best: tuple[float, tuple[str, ...], bool] | None = None
    fixed = len(case_hint) == 1
    for gname, case in itertools.product(_GENDERS, _CASES):
        if genders and gname not in genders:
            continue
        found = _reading(parts, tokens, gname, case, fixed, attested)
        if found is None:
            continue
        score, noms, verified = found
        score += 1.5 if case in case_hint else 0.0
        score += 0.1 if case == "nomn" else 0.0
        score += 1.0 if gname == gender_hint else 0.0
        if best is None or score > best[0]:
            best = (score, noms, verified)
    if best is not None:
        return best[1], best[2]
    return _fallback(tokens), False


@lru_cache(maxsize=16384)
def _other_gender(word: str, gender: str) -> bool:
    """True when the given name ``word`` is listed in ``habeas.names`` as a name of the other
    gender only («Данила» for ``femn``); unlisted («Алиме», «Лейсан», which the morphology
    dictionary reads as men's) and common-gender names («Саша») are not."""
    ids = group_ids(word)
    shown = group_gender(ids) if ids else None
    return shown is not None and shown is not _GENDERS[gender]


@lru_cache(maxsize=16384)
def part_nominatives(token: str, role: str) -> frozenset[str]:
    """Every nominative (lower case) the name part ``token`` may be a form of, in a gender
    its ending allows («Бережного» → бережный, бережной; «Евгения» → евгений, евгения)."""
    return frozenset(
        _low(c)
        for gname, case in itertools.product(_GENDERS, _CASES)
        for c in _fits(token, role, gname, case, False, frozenset())
        if role != "surname" or surname_gender(c) in (None, _GENDERS[gname])
    )


@lru_cache(maxsize=16384)
def _surname_declines(tok: str) -> bool:
    """True when the surname ``tok`` is a case form of another nominative of five letters or
    more in some reading (not «Шойгу», read as «Шойг»)."""
    low = _low(tok)
    return any(
        low in _surname_forms(c, _GENDERS[gname], case)
        for c in _candidates(tok, "surname")
        if _low(c) != low and len(c) >= 5
        for gname, case in itertools.product(_GENDERS, _CASES)
    )


def _indeclinable(surname: str, gender: Gender) -> bool:
    return len(set(case_forms(surname, "surname", gender).values())) == 1


@lru_cache(maxsize=16384)
def verified_readings(
    tokens: tuple[str, ...], roles: tuple[str, ...] | None = None
) -> frozenset[tuple[str, str]]:
    """Every ``(gender, case)`` in which the name ``tokens`` reads back as written, every part
    verified: «Евгения Тарасова» gives the woman's nominative and the man's genitive and
    accusative; a lone «Тарасову» the man's dative and the woman's accusative."""
    parts = _parts(tokens, roles)

    def good(tok: str, role: str, gname: str, case: str) -> bool:
        found = _fits(tok, role, gname, case, False, frozenset())
        if role == "surname":
            return any(surname_gender(c) in (None, _GENDERS[gname]) for c in found)
        if role == "given":
            return any(not _other_gender(c, gname) for c in found)
        return bool(found)

    return frozenset(
        (gname, case)
        for gname, case in itertools.product(_GENDERS, _CASES)
        if all(good(tok, role, gname, case) for _n, tok, role in parts)
    )


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
