"""Canonical Latin forms and phonetic skeletons: the script-independent core of matching.

A Cyrillic word and any of its romanisations are brought to one *canonical* spelling by
folding away the differences between schemes (щ = shch = šč = schtsch → "sh", ю = yu = ju =
iu = iou → "iu", final ий = iy = ij = y → "i", doubled letters single …).  German and French
press spellings need their own readings of some letters (z, ch, j, ou), so a Latin word has
up to three canonical variants.  The *skeleton* is coarser still: consonant classes only,
sibilants merged, vowels dropped; it is the basis of the search keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u", "ә": "a", "ө": "o",
    "ү": "u", "ұ": "u", "қ": "k", "ғ": "g", "ң": "n", "һ": "h", "ҳ": "h", "ј": "i",
}  # fmt: skip

# Letters with diacritics that stand for a digraph in scholarly / ISO spellings.
_DIACRITIC_DIGRAPHS = {
    "č": "ch", "š": "sh", "ž": "zh", "ŝ": "sh", "û": "iu", "â": "ia", "ĉ": "ch",
    "ǆ": "dzh", "ß": "s", "æ": "ae", "œ": "oe", "ø": "o", "ı": "i", "ə": "a", "ğ": "g",
    "ş": "sh", "ç": "ch", "ñ": "n", "đ": "d", "ł": "l",
}  # fmt: skip

_STRIP_CHARS = str.maketrans("", "", "'’ʼ`´ʹʺ\"”“‘·-. ")


def _fold_diacritics(word: str) -> str:
    out = []
    for ch in word:
        rep = _DIACRITIC_DIGRAPHS.get(ch)
        if rep is not None:
            out.append(rep)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def _squash(s: str) -> str:
    """Fold the differences every scheme shares: y/j → i, ie → e, doubles, final -ii."""
    s = s.replace("y", "i").replace("j", "i")
    s = re.sub(r"(.)\1+", r"\1", s)
    s = s.replace("io", "e")
    s = s.replace("ie", "e")
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


# Rules are applied in order; č š ž stand in for ch sh zh until the end so that a later rule
# cannot re-read them (German "tsch" → č must not then become "h" via "ch").
_EN_RULES = (
    ("dj", "dž"), ("shch", "š"), ("shh", "š"), ("sch", "š"), ("tch", "č"), ("kh", "h"), ("x", "ks"),
    ("tz", "ts"), ("cz", "ts"), ("tc", "ts"), ("ph", "f"), ("w", "v"), ("q", "k"), ("ou", "u"),
)  # fmt: skip
_DE_RULES = (
    ("schtsch", "š"), ("tsch", "č"), ("sch", "š"), ("ch", "h"), ("tz", "ts"), ("z", "ts"),
    ("x", "ks"), ("w", "v"), ("ph", "f"), ("q", "k"),
)  # fmt: skip
_FR_RULES = (
    ("chtch", "š"), ("tch", "č"), ("ch", "š"), ("kh", "h"), ("ou", "u"), ("gue", "ge"),
    ("gui", "gi"), ("x", "ks"), ("ph", "f"), ("q", "k"), ("w", "v"),
)  # fmt: skip
_PLACEHOLDERS = (("č", "ch"), ("š", "sh"), ("ž", "zh"))
_C_RE = re.compile(r"c(?!h)")
_FR_J_RE = re.compile(r"(?:^|(?<=[aeiouy]))j(?!$)")
_DE_HINT = re.compile(r"w|z|sch|j|ch|tz")
_FR_HINT = re.compile(r"ou|ch|j|ine$|gu[ei]|ïe|ï")


def _apply(s: str, rules: tuple[tuple[str, str], ...]) -> str:
    for a, b in rules:
        if a in s:
            s = s.replace(a, b)
    return s


def _finish(s: str) -> str:
    s = _C_RE.sub("ts", s)
    s = _apply(s, _PLACEHOLDERS)
    s = _squash(s)
    if s.endswith("of"):
        s = s[:-1] + "v"
    return s


def is_cyrillic_word(word: str) -> bool:
    """True when ``word`` has at least one Cyrillic letter."""
    return any("\u0400" <= c <= "\u052f" for c in word)


@lru_cache(maxsize=200_000)
def canon_variants(word: str) -> tuple[str, ...]:
    """The canonical Latin spelling(s) of one word in either script (1 for Cyrillic, ≤3 Latin).

    >>> canon_variants("Кагарлицкий") == canon_variants("Kagarlitskiy")
    True
    """
    w = word.lower().translate(_STRIP_CHARS)
    if is_cyrillic_word(w):
        s = "".join(_CYR.get(c, c) for c in w)
        return (_finish(_fold_diacritics(s)),)
    raw = w
    folded = _fold_diacritics(w)
    out = [_finish(_apply(folded, _EN_RULES))]
    if _DE_HINT.search(raw):
        v = _apply(folded, _DE_RULES)
        v = re.sub(r"(?<=[aeiouy])ss(?=[aeiouy])", "s", v)
        out.append(_finish(v))
    if _FR_HINT.search(raw):
        v = _FR_J_RE.sub("ž", _apply(folded, _FR_RULES))
        if v.endswith("ine"):
            v = v[:-1]
        out.append(_finish(v.replace("ss", "s")))
    if "x" in raw:  # GOST 7.79 B and scholarly write х as x
        out.append(_finish(_apply(folded.replace("x", "h"), _EN_RULES)))
    return tuple(dict.fromkeys(out))


def canon(word: str) -> str:
    """The first (English-style) canonical spelling of ``word``."""
    return canon_variants(word)[0]


_SKEL_RULES = (
    ("ks", "x"), ("zh", "S"), ("sh", "S"), ("ch", "S"), ("ts", "S"), ("dz", "S"),
    ("z", "S"), ("s", "S"), ("f", "v"),
)  # fmt: skip
_VOWELS_RE = re.compile(r"[aeiouy]")


@lru_cache(maxsize=200_000)
def skeleton(canonical: str) -> str:
    """Consonant-class skeleton of a canonical spelling ("kagarlitski" → "kgrlsk")."""
    s = _apply(canonical, _SKEL_RULES)
    s = _VOWELS_RE.sub("", s)
    s = re.sub(r"[td]S", "S", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s.lower()


def skeletons(word: str) -> tuple[str, ...]:
    """The skeletons of every canonical variant of ``word`` (deduplicated)."""
    return tuple(dict.fromkeys(skeleton(c) for c in canon_variants(word)))
