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
from .inflect import morph_parses, nominative_candidates, patronymic_gender, surname_gender
from .model import InvalidNameError, ParsedName
from .scripts import MAX_WORDS, Piece, detect_script, display_case, prepare_pieces


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


#: A word after particles are attached: (text, initial, upper, before_comma, forced role).
Word = tuple[str, bool, bool, bool, str]


@lru_cache(maxsize=50_000)
def _particle_kind(text: str) -> tuple[str, str]:
    """(lower-case form, kind) of a token: kind "B" (ibn/bin …), "O" (оглы …), "X" (surname
    prefix such as van/de) or "" (an ordinary word)."""
    patr, prefixes = _particles()
    low = text.lower().replace("`", "").replace("'", "")
    if low in _PREFIX_PATRONYMIC:
        return low, "B"
    if low in patr:
        return low, "O"
    if low in prefixes:
        return low, "X"
    return low, ""


def _merge_particles(pieces: list[Piece]) -> list[Word]:
    kinds = [_particle_kind(p[0]) for p in pieces]
    if not any(k for _, k in kinds):
        return [(*p, "") for p in pieces]
    words: list[_Word] = []
    i = 0
    n = len(pieces)
    while i < n:
        text, initial, upper, before_comma = pieces[i]
        low, kind = kinds[i]
        if kind:
            nxt = pieces[i + 1] if i + 1 < n else None
            if kind == "B" and nxt is not None:
                words.append(_Word(f"{text} {nxt[0]}", False, False, nxt[3], "P"))
                i += 2
                continue
            if kind == "O" and words and not words[-1].initial:
                prev = words[-1]
                prev.text = f"{prev.text} {low if not upper else text}"
                prev.forced = "P"
                i += 1
                continue
            if kind == "X" and nxt is not None and n > 2 and not nxt[1]:
                words.append(_Word(f"{text} {nxt[0]}", False, nxt[2], nxt[3], "S"))
                i += 2
                continue
        words.append(_Word(text, initial, upper, before_comma))
        i += 1
    return [(w.text, w.initial, w.upper, w.before_comma, w.forced) for w in words]


@lru_cache(maxsize=100_000)
def _given_fit(word: str) -> float:
    if group_ids(word):
        return 1.0
    if not is_cyrillic_word(word):
        return 0.0
    for cand, _g in nominative_candidates(word, "given"):
        if group_ids(cand):
            return 0.9
    for p in morph_parses(word):
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
        for p in morph_parses(word)[:3]:
            if "Surn" in p.tag:
                return 0.6
    return 0.1


def _patronymic_fit(text: str, initial: bool, forced: str) -> float:
    if forced == "P":
        return 3.0
    if initial:
        return 0.3
    if len(text) > 4 and patronymic_gender(text) is not None:
        return 1.6
    return -0.6


@lru_cache(maxsize=100_000)
def _word_fits(text: str, initial: bool, forced: str) -> tuple[float, float, float]:
    """How well one word fits the roles (surname, given, patronymic), before the bonus for
    capitals; cached per word."""
    if forced:
        return tuple(0.0 if forced == r else -4.0 for r in "SGP")  # type: ignore[return-value]
    p_fit = _patronymic_fit(text, initial, forced)
    pat = p_fit > 1.0
    s_fit = -3.0 if initial else _surname_fit(text) - 0.6 * _given_fit(text) - (1.5 if pat else 0.0)
    g_fit = (0.3 if initial else _given_fit(text)) - (1.2 if pat else 0.0)
    return s_fit, g_fit, p_fit


@cache
def _patterns(n: int) -> tuple[tuple[str, ...], ...]:
    if n == 1:
        return (("S",), ("G",))
    if n == 2:
        return (("S", "G"), ("G", "S"), ("G", "P"), ("S", "P"))
    if n == 3:
        return (("S", "G", "P"), ("G", "P", "S"), ("G", "S", "P"), ("S", "P", "G"))
    k = n - 2
    return (("S",) * k + ("G", "P"), ("G", "P") + ("S",) * k, ("G",) + ("S",) * (n - 1))


_ROLE_INDEX = {"S": 0, "G": 1, "P": 2}
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


@cache
def _scored_patterns(
    n: int, script: Script
) -> tuple[tuple[tuple[str, ...], tuple[int, ...], float], ...]:
    """The order patterns for ``n`` words with their role indices and prior scores."""
    out = []
    for pattern in _patterns(n):
        prior = _PRIORS.get(pattern, 0.0)
        if script is Script.LATIN and pattern == ("G", "S"):
            prior += 0.1
        if script is Script.CYRILLIC and pattern == ("S", "G"):
            prior += 0.1
        out.append((pattern, tuple(_ROLE_INDEX[r] for r in pattern), prior))
    return tuple(out)


def _assign(words: list[Word], script: Script) -> tuple[str, ...]:
    """The most likely role pattern ("S", "G", "P" per word) of the words."""
    any_upper_mixed = any(w[2] for w in words) and not all(w[2] or w[1] for w in words)
    fits = []
    for text, initial, upper, _comma, forced in words:
        f = _word_fits(text, initial, forced)
        if any_upper_mixed and upper and not forced and not initial:
            f = (f[0] + 0.7, f[1], f[2])
        fits.append(f)
    comma = tuple(w[3] for w in words) if any(w[3] for w in words) else None
    return _best_pattern(tuple(fits), script, comma)


@lru_cache(maxsize=20_000)
def _best_pattern(
    fits: tuple[tuple[float, float, float], ...], script: Script, comma: tuple[bool, ...] | None
) -> tuple[str, ...]:
    """The best-scoring pattern for words with these role fits (few distinct fits: cached)."""
    best_score, best = -1e9, ()
    for pattern, idx, prior in _scored_patterns(len(fits), script):
        score = prior
        for fit, i in zip(fits, idx, strict=True):
            score += fit[i]
        if comma is not None:
            for before, i in zip(comma, idx, strict=True):
                if before and i != 0:
                    score -= 3.0
                elif not before and i == 0:
                    score -= 1.0
        if score > best_score:
            best_score, best = score, pattern
    return best


@lru_cache(maxsize=50_000)
def _patronymic_gender_of(patronymic: str) -> Gender | None:
    patr, _ = _particles()
    last = patronymic.split()[-1].lower()
    if last in patr:
        return patr[last]
    return patronymic_gender(patronymic)


@lru_cache(maxsize=50_000)
def _given_gender_of(given: str) -> Gender | None:
    cands = nominative_candidates(given, "given") if is_cyrillic_word(given) else ((given, None),)
    return group_gender(group_ids(cands[0][0]))


@lru_cache(maxsize=100_000)
def _surname_gender_of(surname: str) -> Gender | None:
    cands = (
        nominative_candidates(surname, "surname")
        if is_cyrillic_word(surname)
        else ((surname, None),)
    )
    return surname_gender(cands[0][0])


def _gender(
    surname: str | None, given: str | None, patronymic: str | None, patr_initial: bool
) -> Gender | None:
    if patronymic and not patr_initial:
        g = _patronymic_gender_of(patronymic)
        if g is not None:
            return g
    if given and len(given) > 1:
        g = _given_gender_of(given)
        if g is not None:
            return g
    if surname:
        return _surname_gender_of(surname)
    return None


@lru_cache(maxsize=65_536)
def parse_name(text: str) -> ParsedName:
    """Split ``text`` into surname, given name and patronymic (or middle name).

    Accepts any order («Кагарлицкий Борис Юльевич», "Boris Kagarlitsky", "Kagarlitsky, Boris"),
    initials ("Б.Ю.", "B. Yu."), capitals, hyphenated surnames and patronymic particles
    (оглы, кызы, ogly, qızı, uly).  Raises :class:`InvalidNameError` for empty or junk input.
    """
    words = _merge_particles(prepare_pieces(text))
    if len(words) > MAX_WORDS:
        raise InvalidNameError(f"{len(words)} words is too many for one person's name")
    cleaned = " ".join([w[0] for w in words])
    script = detect_script(cleaned)
    if script is Script.OTHER:
        pattern: tuple[str, ...] = (
            ("S",) if len(words) == 1 else ("G",) + ("P",) * (len(words) - 2) + ("S",)
        )
        if len(words) > 2:
            pattern = ("G",) + ("S",) * (len(words) - 1)
    else:
        pattern = _assign(words, script)
    by_role: tuple[list[Word], list[Word], list[Word]] = ([], [], [])
    for w, role in zip(words, pattern, strict=True):
        by_role[_ROLE_INDEX[role]].append(w)
    texts: list[str | None] = []
    initials: list[bool] = []
    for r, ws in enumerate(by_role):
        if not ws:
            texts.append(None)
            initials.append(False)
            continue
        all_initial = r > 0 and all(w[1] for w in ws)
        t = " ".join([w[0] if w[1] else display_case(w[0]) for w in ws])
        if all_initial:
            t = t.rstrip(".") + "."
        texts.append(t)
        initials.append(all_initial)
    surname, given, patronymic = texts
    given_i, patr_i = initials[1], initials[2]
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


def parsed_from_parts(
    surname: str | None,
    given: str | None,
    patronymic: str | None,
    script: Script,
    original: str = "",
) -> ParsedName:
    """A :class:`ParsedName` rebuilt from parts that :func:`parse_name` produced earlier.

    For names stored already split (the registry keeps surname, given name and patronymic):
    no tokenising or role assignment, only the gender is worked out again.  An initial is a
    part ending with a dot, as :func:`parse_name` writes it.
    """
    surname, given, patronymic = surname or None, given or None, patronymic or None
    given_i = bool(given) and given.endswith(".")  # type: ignore[union-attr]
    patr_i = bool(patronymic) and patronymic.endswith(".")  # type: ignore[union-attr]
    order = "".join(r for r, part in zip("SGP", (surname, given, patronymic), strict=True) if part)
    return ParsedName(
        original=original or " ".join(p for p in (surname, given, patronymic) if p),
        surname=surname,
        given=given,
        patronymic=patronymic,
        script=script,
        gender=_gender(surname, None if given_i else given, patronymic, patr_i),
        given_initial=given_i,
        patronymic_initial=patr_i,
        order=order,
    )
