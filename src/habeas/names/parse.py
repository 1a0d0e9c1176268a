"""Splitting a full name, written in any order, into surname, given name and patronymic.

Each word gets a fit for each role (patronymic endings and particles, the given-name data,
surname endings, capitals, initials, a comma after the surname); the order patterns that a
name of that many words can have are scored and the best one wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from habeas.vocabulary import Gender, Script

from .canon import is_cyrillic_word
from .data import load
from .given_names import group_gender, group_ids
from .inflect import _morph, nominative_candidates, patronymic_gender, surname_gender
from .model import InvalidNameError, ParsedName
from .scripts import MAX_WORDS, Token, detect_script, display_case, prepare


@cache
def _particles() -> tuple[dict[str, Gender], frozenset[str]]:
    data = load("particles")
    patr = {w.lower(): Gender.MALE for w in data["patronymic"]["male"]}
    patr |= {w.lower(): Gender.FEMALE for w in data["patronymic"]["female"]}
    return patr, frozenset(w.lower() for w in data["surname_prefix"]["words"])


_PREFIX_PATRONYMIC = frozenset({"ibn", "ибн", "bin", "бин", "bint", "бинт"})


@dataclass(slots=True)
class _Word:
    text: str
    initial: bool
    upper: bool
    before_comma: bool
    forced: str = ""  # "P" or "S" when a particle decides the role


def _merge_particles(tokens: list[Token]) -> list[_Word]:
    patr, prefixes = _particles()
    words: list[_Word] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        low = t.text.lower().replace("`", "").replace("'", "")
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if low in _PREFIX_PATRONYMIC and nxt is not None:
            words.append(_Word(f"{t.text} {nxt.text}", False, False, nxt.before_comma, "P"))
            i += 2
            continue
        if low in patr and words and not words[-1].initial and low not in _PREFIX_PATRONYMIC:
            prev = words[-1]
            prev.text = f"{prev.text} {low if not t.upper else t.text}"
            prev.forced = "P"
            i += 1
            continue
        if low in prefixes and nxt is not None and len(tokens) > 2 and not nxt.initial:
            words.append(_Word(f"{t.text} {nxt.text}", False, nxt.upper, nxt.before_comma, "S"))
            i += 2
            continue
        words.append(_Word(t.text, t.initial, t.upper, t.before_comma))
        i += 1
    return words


@lru_cache(maxsize=100_000)
def _given_fit(word: str) -> float:
    if group_ids(word):
        return 1.0
    if not is_cyrillic_word(word):
        return 0.0
    for cand, _g in nominative_candidates(word, "given"):
        if group_ids(cand):
            return 0.9
    for p in _morph().parse(word.lower()):
        if "Name" in p.tag:
            return 0.7
    return 0.0


@lru_cache(maxsize=100_000)
def _surname_fit(word: str) -> float:
    if surname_gender(word) is not None:
        return 0.8
    if is_cyrillic_word(word):
        for cand, _g in nominative_candidates(word, "surname")[:2]:
            if cand.lower() != word.lower() and surname_gender(cand) is not None:
                return 0.8
        for p in _morph().parse(word.lower())[:3]:
            if "Surn" in p.tag:
                return 0.6
    return 0.1


def _patronymic_fit(word: _Word) -> float:
    if word.forced == "P":
        return 3.0
    if word.initial:
        return 0.3
    if len(word.text) > 4 and patronymic_gender(word.text) is not None:
        return 1.6
    return -0.6


def _role_fit(word: _Word, role: str, any_upper_mixed: bool) -> float:
    if word.forced:
        return 0.0 if word.forced == role else -4.0
    if role == "P":
        return _patronymic_fit(word)
    pat = _patronymic_fit(word) > 1.0
    if role == "S":
        if word.initial:
            return -3.0
        fit = _surname_fit(word.text) - 0.6 * _given_fit(word.text) - (1.5 if pat else 0.0)
        if word.upper and any_upper_mixed:
            fit += 0.7
        return fit
    # given name
    fit = 0.3 if word.initial else _given_fit(word.text)
    return fit - (1.2 if pat else 0.0)


def _patterns(n: int) -> list[tuple[str, ...]]:
    if n == 1:
        return [("S",), ("G",)]
    if n == 2:
        return [("S", "G"), ("G", "S"), ("G", "P"), ("S", "P")]
    if n == 3:
        return [("S", "G", "P"), ("G", "P", "S"), ("G", "S", "P"), ("S", "P", "G")]
    k = n - 2
    return [("S",) * k + ("G", "P"), ("G", "P") + ("S",) * k, ("G",) + ("S",) * (n - 1)]


_PRIORS = {
    ("S",): 0.2,
    ("S", "G"): 0.05,
    ("G", "S"): 0.05,
    ("G", "P"): -0.3,
    ("S", "P"): -0.6,
    ("S", "G", "P"): 0.2,
    ("G", "P", "S"): 0.1,
    ("G", "S", "P"): -0.4,
    ("S", "P", "G"): -0.8,
}


def _assign(words: list[_Word], script: Script) -> tuple[str, ...]:
    n = len(words)
    any_upper_mixed = any(w.upper for w in words) and not all(w.upper or w.initial for w in words)
    fits = [{r: _role_fit(w, r, any_upper_mixed) for r in "SGP"} for w in words]
    best: tuple[float, tuple[str, ...]] | None = None
    comma = any(w.before_comma for w in words)
    for pattern in _patterns(n):
        score = _PRIORS.get(pattern, 0.0)
        if script is Script.LATIN and pattern == ("G", "S"):
            score += 0.1
        if script is Script.CYRILLIC and pattern == ("S", "G"):
            score += 0.1
        for w, fit, role in zip(words, fits, pattern, strict=True):
            score += fit[role]
            if comma and w.before_comma and role != "S":
                score -= 3.0
            if comma and not w.before_comma and role == "S":
                score -= 1.0
        if best is None or score > best[0]:
            best = (score, pattern)
    assert best is not None
    return best[1]


def _gender(
    surname: str | None, given: str | None, patronymic: str | None, patr_initial: bool
) -> Gender | None:
    patr, _ = _particles()
    if patronymic and not patr_initial:
        last = patronymic.split()[-1].lower()
        if last in patr:
            return patr[last]
        g = patronymic_gender(patronymic)
        if g is not None:
            return g
    if given and len(given) > 1:
        cands = (
            nominative_candidates(given, "given") if is_cyrillic_word(given) else ((given, None),)
        )
        g = group_gender(group_ids(cands[0][0]))
        if g is not None:
            return g
    if surname:
        cands = (
            nominative_candidates(surname, "surname")
            if is_cyrillic_word(surname)
            else ((surname, None),)
        )
        return surname_gender(cands[0][0])
    return None


@lru_cache(maxsize=65_536)
def parse_name(text: str) -> ParsedName:
    """Split ``text`` into surname, given name and patronymic (or middle name).

    Accepts any order («Кагарлицкий Борис Юльевич», "Boris Kagarlitsky", "Kagarlitsky, Boris"),
    initials ("Б.Ю.", "B. Yu."), capitals, hyphenated surnames and patronymic particles
    (оглы, кызы, ogly, qızı, uly).  Raises :class:`InvalidNameError` for empty or junk input.
    """
    tokens = prepare(text)
    words = _merge_particles(tokens)
    if len(words) > MAX_WORDS:
        raise InvalidNameError(f"{len(words)} words is too many for one person's name")
    cleaned = " ".join(w.text for w in words)
    script = detect_script(cleaned)
    if script is Script.OTHER:
        pattern: tuple[str, ...] = (
            ("S",) if len(words) == 1 else ("G",) + ("P",) * (len(words) - 2) + ("S",)
        )
        if len(words) > 2:
            pattern = ("G",) + ("S",) * (len(words) - 1)
    else:
        pattern = _assign(words, script)
    parts: dict[str, list[_Word]] = {"S": [], "G": [], "P": []}
    for w, role in zip(words, pattern, strict=True):
        parts[role].append(w)

    def joined(role: str) -> str | None:
        ws = parts[role]
        if not ws:
            return None
        return " ".join(w.text if w.initial else display_case(w.text) for w in ws)

    def initial(role: str) -> bool:
        return bool(parts[role]) and all(w.initial for w in parts[role])

    surname, given, patronymic = joined("S"), joined("G"), joined("P")
    given_i, patr_i = initial("G"), initial("P")
    if given_i and given:
        given = given.rstrip(".") + "."
    if patr_i and patronymic:
        patronymic = patronymic.rstrip(".") + "."
    gender = _gender(surname, None if given_i else given, patronymic, patr_i)
    return ParsedName(
        original=text,
        surname=surname,
        given=given,
        patronymic=patronymic,
        script=script,
        gender=gender,
        given_initial=given_i,
        patronymic_initial=patr_i,
        order="".join(pattern),
    )
