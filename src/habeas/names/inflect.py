"""Russian case forms of name parts: back to the nominative within a gender, and forward.

Surnames and patronymics follow regular paradigms handled by rules here (so that «Ивановой»
gives «Иванова» and not the masculine lemma); given names and irregular words go through
pymorphy3.  Every function is cached per token: pymorphy3 is slow per call.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from habeas.vocabulary import Gender

from .canon import is_cyrillic_word
from .data import load
from .given_names import group_gender, group_ids, is_listed_cyrillic

M, F = Gender.MALE, Gender.FEMALE
CASES: tuple[str, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")

# (ending of the form, ending of the nominative, gender) for regular surname paradigms.
_POSSESSIVE = re.compile(r"^(.+(?:ов|ев|ёв|ин|ын))(а|у|ым|е|ой|ою)?$")
_ADJ_SK = re.compile(r"^(.+[сц]к)(ий|ого|ому|им|ом|ая|ой|ую|ою)$")
_ADJ_HARD = re.compile(r"^(.+[^аеёиоуыэюяьй])(ый|ого|ому|ым|ом|ая|ой|ую|ою)$")
_ADJ_SOFT = re.compile(r"^(.+[нш])(ий|его|ему|им|ем|яя|ей|юю|ею)$")
_PATR_M = re.compile(r"^(.+(?:ович|евич|ич))(а|у|ем|е)?$")
_PATR_F = re.compile(r"^(.+(?:овн|евн|ичн))(а|ы|е|у|ой|ою)$")
_VOWELS = frozenset("аеёиоуыэюяіїє")
_HUSH = frozenset("жчшщц")
_VELAR_HUSH = frozenset("гкхжчшщ")

Candidate = tuple[str, Gender | None]


@cache
def morph_analyzer():  # type: ignore[no-untyped-def]
    """The one pymorphy3 analyser of the process (its dictionaries take about a second to load)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def morph_parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's parses of ``word`` (case does not matter), cached: the analyser's lookup is
    the costly step, and the same name words are parsed by several modules.  A word the
    analyser cannot take (a combining mark before a letter it has no name for, «ä҃𗀀») has
    no parse."""
    try:
        return tuple(morph_analyzer().parse(word.lower()))
    except ValueError:
        return ()


@lru_cache(maxsize=100_000)
def surname_lemmas(word: str) -> frozenset[str]:
    """The surnames (masculine lemma, lower case, «ё» as «е») that the Cyrillic ``word`` is a
    form of in pymorphy3's dictionary (OpenCorpora); empty for a word the analyser only guesses
    from its ending.  «Носова» → {носов}, «Носков» → {носков}, «Бирдков» → {}.

    Used by :mod:`habeas.names.compare`: two different attested surnames one letter apart
    are two names, while a slip of the pen seldom makes another real surname.
    """
    if not is_cyrillic_word(word) or "-" in word or " " in word:
        return frozenset()
    return frozenset(
        p.normal_form.replace("ё", "е")
        for p in morph_parses(word)
        if "Surn" in p.tag and p.is_known
    )


def is_attested_surname(word: str) -> bool:
    """True when ``word`` is a form of a surname in pymorphy3's dictionary (see
    :func:`surname_lemmas`)."""
    return bool(surname_lemmas(word))


@cache
def _indeclinable_endings() -> tuple[str, ...]:
    return tuple(load("particles")["indeclinable"]["endings"])


def _indeclinable(w: str) -> bool:
    """True when the lower-case surname form ``w`` never changes with case.

    A listed ending loses to the Russian possessive paradigm when the word is one of its
    oblique forms: «Пушкину» ends in «ну» (Moldovan «Чобану» does not decline) but is the
    dative of «Пушкин» or the accusative of «Пушкина».
    """
    if not w.endswith(_indeclinable_endings()):
        return False
    m = _POSSESSIVE.match(w)
    return not (m and m.group(2))


def _match_case(template: str, word: str) -> str:
    """Give ``word`` the capitalisation of ``template`` (per hyphen part)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    tparts, wparts = template.split("-"), word.split("-")
    if len(tparts) != len(wparts):
        return word[:1].upper() + word[1:] if template[:1].isupper() else word
    return "-".join(
        (w[:1].upper() + w[1:]) if t[:1].isupper() else w
        for t, w in zip(tparts, wparts, strict=True)
    )


def _surname_rules(w: str) -> list[Candidate] | None:
    """Candidate nominatives of a lower-case surname by the regular paradigms, or None."""
    if _indeclinable(w):
        return [(w, None)]
    m = _POSSESSIVE.match(w)
    if m:
        base, end = m.group(1), m.group(2) or ""
        return {
            "": [(base, M)],
            "а": [(base + "а", F), (base, M)],
            "у": [(base, M), (base + "а", F)],
            "ым": [(base, M)],
            "е": [(base, M)],
            "ой": [(base + "а", F)],
            "ою": [(base + "а", F)],
        }[end]
    for rx, masc, fem in ((_ADJ_SK, "ий", "ая"), (_ADJ_SOFT, "ий", "яя"), (_ADJ_HARD, "ый", "ая")):
        m = rx.match(w)
        if not m:
            continue
        base, end = m.group(1), m.group(2)
        if end in ("ая", "ую", "ою", "яя", "юю", "ею"):
            return [(base + fem, F)]
        if end in ("ой", "ей"):
            out: list[Candidate] = [(base + fem, F)]
            if end == "ой" and rx is not _ADJ_SOFT:
                out.append((base + "ой", M))  # Трубецкой, Донской
            return out
        if rx is _ADJ_SOFT:
            return [(base + masc, M)]
        return [(base + masc, M), (base + "ой", M)]  # Кагарлицкого; Толстого → Толстой
    return None


def _pymorphy_nominatives(w: str, want_tags: tuple[str, ...]) -> list[Candidate]:
    out: list[Candidate] = []
    for p in morph_parses(w):
        if (want_tags and not any(t in p.tag for t in want_tags)) or "plur" in p.tag:
            continue
        g = M if "masc" in p.tag else F if "femn" in p.tag else None
        form = p.inflect({"nomn", "sing"}) if p.tag.case != "nomn" else p
        if form is None:
            continue
        word = form.word
        if (word, g) not in out:
            out.append((word, g))
    return out


@lru_cache(maxsize=100_000)
def nominative_candidates(word: str, role: str) -> tuple[Candidate, ...]:
    """Ranked (nominative, gender) readings of one name word in the role given.

    ``role`` is "surname", "given" or "patronymic".  Latin words are returned unchanged.
    The word itself is kept as a reading when it may already be a nominative.
    """
    if not is_cyrillic_word(word):
        return ((word, None),)
    w = word.lower()
    cands: list[Candidate] = []
    if role == "patronymic":
        m = _PATR_M.match(w)
        if m:
            cands = [(m.group(1), M)]
        else:
            m = _PATR_F.match(w)
            cands = [(m.group(1) + "а", F)] if m else [(w, None)]
    elif role == "given":
        ids = group_ids(w)
        if ids and is_listed_cyrillic(w):
            cands.append((w, group_gender(ids)))
        morph_cands = _pymorphy_nominatives(w, ("Name",))
        # «Наталье», «Марии»: an oblique form of a name written in the data is read as that
        # name only; another word matched through its folded spelling (the misspelt «Маария»
        # folds to "maria") is kept as written too, whatever pymorphy3 guesses for it
        if (
            ids
            and all(c[0] != w for c in morph_cands)
            and not any(_given_rank(c[0], w) == 0 for c in morph_cands)
        ):
            morph_cands.append((w, group_gender(ids)))
        # «Лидию»: accusative of the listed Лидия before the dative of the rare Лидий;
        # «Анне»: the dative of the listed Анна before the word kept as an indeclinable
        # nominative (pymorphy3's Fixd «Анне»; "ane" is also the folding of the listed "Anne")
        for cand in sorted(morph_cands, key=lambda c: _given_rank(c[0], w)):
            if cand[0] not in (c[0] for c in cands):
                ids2 = group_ids(cand[0])
                cands.append((cand[0], group_gender(ids2) or cand[1]))
        if not cands:
            cands.append((w, None))
    else:
        if "-" in w and not _indeclinable(w):
            head, _, tail = w.rpartition("-")
            tails = nominative_candidates(tail, "surname")
            cands = [(head + "-" + t.lower(), g) for t, g in tails]
        else:
            ruled = _surname_rules(w)
            if ruled is not None:
                cands = ruled
            else:
                cands = _pymorphy_nominatives(w, ("Surn",)) or []
                if w[-1] not in _VOWELS:
                    cands.insert(0, (w, None))
                elif not cands:
                    cands = _first_decl_nominatives(w)
                if (w, None) not in cands and all(c[0] != w for c in cands):
                    cands.append((w, None))
    seen: dict[str, Gender | None] = {}
    for form, g in cands:
        form = _match_case(word, form)
        if form not in seen:
            seen[form] = g
    return tuple(seen.items())


def _given_rank(cand: str, w: str) -> int:
    """Order of a given-name reading ``cand`` of the word ``w``: another word written in the
    data (the word is its oblique form), then the word itself, then other known names, then
    unknown ones («Натали» stays before the rare «Наталя», which is only matched by folding)."""
    if cand != w and is_listed_cyrillic(cand):
        return 0
    if cand == w:
        return 1
    return 2 if group_ids(cand) else 3


def _first_decl_nominatives(w: str) -> list[Candidate]:
    """Readings of a surname of the -а declension (Кара-Мурза) or a declined consonant one."""
    out: list[Candidate] = []
    if w.endswith(("ы", "и")) and len(w) > 3:
        out.append((w[:-1] + "а", None))
    if w.endswith(("ой", "ей")) and len(w) > 4:
        out.append((w[:-2] + "а", None))
    if w.endswith("ом") and len(w) > 4:
        out.append((w[:-2], M))
    if w.endswith("а") and w[-2] not in _VOWELS:
        out.append((w, None))
        out.append((w[:-1], M))
    if w.endswith(("у", "е")) and w[-2] not in _VOWELS:
        out.append((w[:-1] + "а", None))
        out.append((w[:-1], M))
    return out


@lru_cache(maxsize=100_000)
def surname_gender(nominative: str) -> Gender | None:
    """The gender a nominative Russian surname shows by its ending (None when it does not)."""
    w = nominative.lower()
    if not is_cyrillic_word(w):
        if re.search(r"(ova|eva|ina|yna|aya|aia|aja|skaja|skaya)$", w):
            return F
        if re.search(r"(ov|ev|in|yn|iy|ii|ij|yi|sky|ski|skiy|skii|skij|off|ow|ew)$", w):
            return M
        return None
    if w.endswith(_indeclinable_endings()):
        return None
    if re.search(r"(ова|ева|ёва|ина|ына|ая|яя)$", w):
        return F
    if re.search(r"(ов|ев|ёв|ин|ын|ий|ый|ской|цкой)$", w):
        return M
    return None


@lru_cache(maxsize=100_000)
def patronymic_gender(word: str) -> Gender | None:
    """The gender a patronymic shows (Cyrillic or Latin, any case form), or None."""
    w = word.lower()
    if re.search(r"(вич|ич|ича|ичу|ичем|иче|vich|vitch|witsch|vič|vic|ych|ich)$", w):
        return M
    if re.search(r"(вна|вны|вне|вну|вной|ична|ичны|ичне|ичну|ичной|vna|wna|chna|čna|tchna)$", w):
        return F
    return None


@lru_cache(maxsize=50_000)
def case_forms(word: str, role: str, gender: Gender | None) -> dict[str, str]:
    """The six case forms of a nominative name word in ``role`` for ``gender``.

    Indeclinable and non-Cyrillic words give the same form in every case.
    """
    if not is_cyrillic_word(word):
        return dict.fromkeys(CASES, word)
    w = word.lower()
    endings: tuple[str, ...] | None = None
    stem = w
    if role == "patronymic":
        if w.endswith("ич"):
            endings = ("", "а", "у", "а", "ем", "е")
        elif w.endswith("на"):
            stem, endings = w[:-1], ("а", "ы", "е", "у", "ой", "е")
    elif role == "surname":
        endings, stem = _surname_paradigm(w, gender)
    else:
        forms = _given_forms(w, gender)
        if forms:
            return {c: _match_case(word, f) for c, f in zip(CASES, forms, strict=True)}
    if endings is None:
        return dict.fromkeys(CASES, word)
    return {c: _match_case(word, stem + e) for c, e in zip(CASES, endings, strict=True)}


def _surname_paradigm(w: str, gender: Gender | None) -> tuple[tuple[str, ...] | None, str]:
    if w.endswith(_indeclinable_endings()):
        return None, w
    fem = gender is F
    if re.search(r"(ов|ев|ёв|ин|ын)$", w) and not fem:
        return ("", "а", "у", "а", "ым", "е"), w
    if re.search(r"(ова|ева|ёва|ина|ына)$", w):
        return ("а", "ой", "ой", "у", "ой", "ой"), w[:-1]
    if re.search(r"[сц]кий$|ый$", w):
        return (
            "ий" if w.endswith("ий") else "ый",
            "ого",
            "ому",
            "ого",
            "ым" if w.endswith("ый") else "им",
            "ом",
        ), w[:-2]
    if re.search(r"ий$", w):
        return ("ий", "его", "ему", "его", "им", "ем"), w[:-2]
    if re.fullmatch(r"[^аеёиоуыэюя]+[оеэ]й", w):
        # one syllable (Цой, Гой, Бей): a noun, «Виктора Цоя»; a woman's does not decline
        if fem:
            return None, w
        return ("й", "я", "ю", "я", "ем", "е"), w[:-1]
    if re.search(r"ой$", w):
        return ("ой", "ого", "ому", "ого", "им" if w[-3] in "кгх" else "ым", "ом"), w[:-2]
    if re.search(r"ая$", w):
        return ("ая", "ой", "ой", "ую", "ой", "ой"), w[:-2]
    if re.search(r"яя$", w):
        return ("яя", "ей", "ей", "юю", "ей", "ей"), w[:-2]
    if w.endswith("а") and len(w) > 2 and w[-2] not in _VOWELS:
        gen = "и" if w[-2] in _VELAR_HUSH else "ы"
        ins = "ей" if w[-2] in _HUSH else "ой"
        return ("а", gen, "е", "у", ins, "е"), w[:-1]
    if w[-1] not in _VOWELS and w[-1] not in "ьй" and not fem:
        ins = "ем" if w[-1] in _HUSH else "ом"
        return ("", "а", "у", "а", ins, "е"), w
    if re.search(r"[^аеёиоуыэюя]ь$|[аеуюя]й$", w) and not fem:
        # a man's soft stem declines (Горбань → Горбаня, Бондарь → Бондарю, Гайдай → Гайдая);
        # a woman's does not (Любовь Соболь)
        return (w[-1], "я", "ю", "я", "ем", "е"), w[:-1]
    return None, w


def _given_forms(w: str, gender: Gender | None) -> list[str] | None:
    for p in morph_parses(w):
        if "Name" not in p.tag or p.tag.case != "nomn":
            continue
        pg = M if "masc" in p.tag else F if "femn" in p.tag else None
        if gender is not None and pg is not None and pg is not gender:
            continue
        out = []
        for case in CASES:
            f = p.inflect({case, "sing"})
            out.append(f.word if f else w)
        return out
    return None
