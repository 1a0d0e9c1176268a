"""Script detection, cleaning of raw strings, homoglyph repair and tokenisation.

Everything here is pure string work, cheap enough to run on every name of a list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from habeas.vocabulary import Script

from .model import InvalidNameError

#: Longest cleaned string accepted as one person's name.
MAX_NAME_LENGTH = 200
#: Most words accepted in one name (after particles are attached).
MAX_WORDS = 8

_APOSTROPHES = "'’ʼ`´ʹʺ\"”“‘"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"

# Latin letters that look like Cyrillic ones, and the reverse.
_LAT_TO_CYR_LOOKALIKE = dict(zip("AaBCcEeHKkMOoPpTXxYy", "АаВСсЕеНКкМОоРрТХхУу", strict=True))
_CYR_TO_LAT_LOOKALIKE = {v: k for k, v in _LAT_TO_CYR_LOOKALIKE.items()} | {
    "у": "y",
    "і": "i",
    "І": "I",
    "ј": "j",
}
# Latin letters with no Cyrillic look-alike, read as their usual sound.
_LAT_TO_CYR_SOUND = dict(
    zip("bdfghijlmnqrstuvwzBDFGHIJLMNQRSTUVWZ", "бдфгхийлмнкрстуввзБДФГХИЙЛМНКРСТУВВЗ", strict=True)
)
_CYR_TO_LAT_SOUND = dict(
    zip("бвгдзийлнптфцБВГДЗИЙЛНПТФЦ", "bvgdziilnptfcBVGDZIILNPTFC", strict=True)
)


def char_script(ch: str) -> Script | None:
    """The script of one character: CYRILLIC, LATIN, OTHER (another alphabet) or None."""
    o = ord(ch)
    if (
        0x0400 <= o <= 0x052F
        or 0x1C80 <= o <= 0x1C8F
        or 0x2DE0 <= o <= 0x2DFF
        or 0xA640 <= o <= 0xA69F
    ):
        return Script.CYRILLIC
    if ch.isascii():
        return Script.LATIN if ch.isalpha() else None
    if 0x00C0 <= o <= 0x024F or 0x1E00 <= o <= 0x1EFF:
        return Script.LATIN if ch.isalpha() else None
    if ch.isalpha():
        return Script.OTHER
    return None


_CYR_RE = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_LAT_RE = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_SIMPLE_RE = re.compile("[A-Za-z\u0400-\u04ff .,'-]+")


def detect_script(text: str) -> Script:
    """The writing system of ``text``: CYRILLIC, LATIN, MIXED (both, or one with another) or OTHER.

    A string without any letter (or only letters of other alphabets) is OTHER.
    """
    if _SIMPLE_RE.fullmatch(text):
        cyr, lat = _CYR_RE.search(text), _LAT_RE.search(text)
        if cyr and lat:
            return Script.MIXED
        return Script.CYRILLIC if cyr else Script.LATIN if lat else Script.OTHER
    seen: set[Script] = set()
    for ch in text:
        s = char_script(ch)
        if s is not None:
            seen.add(s)
            if len(seen) > 1:
                return Script.MIXED
    if not seen:
        return Script.OTHER
    return next(iter(seen))


def clean_text(text: str) -> str:
    """NFC-normalise, drop control/format characters and emoji, unify dashes and spaces."""
    if not isinstance(text, str):
        raise InvalidNameError(f"a name must be a string, not {type(text).__name__}")
    if _SIMPLE_RE.fullmatch(text):
        return " ".join(text.split())
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for ch in text:
        if ch in _DASHES:
            out.append("-")
            continue
        cat = unicodedata.category(ch)
        if cat[0] == "L" or cat in ("Mn", "Mc") or ch in "-.,;" or ch in _APOSTROPHES:
            out.append(ch)
        elif cat[0] == "Z" or ch in "\t\n\r/|()[]{}":
            out.append(" ")
        # everything else (digits, symbols, emoji, controls) is dropped
    return " ".join("".join(out).split())


def fix_mixed_word(word: str) -> str:
    """Repair a word that mixes Cyrillic and Latin letters ("Kaгарлицкий" → "Кагарлицкий").

    The word is moved entirely into the script most of its letters are in: look-alike
    letters are swapped for their twins, other letters for their usual sound.
    """
    if not (_CYR_RE.search(word) and _LAT_RE.search(word)):
        return word
    cyr = lat = 0
    for ch in word:
        s = char_script(ch)
        if s is Script.CYRILLIC:
            cyr += 1
        elif s is Script.LATIN:
            lat += 1
    if not cyr or not lat:
        return word
    if cyr >= lat:
        return "".join(_LAT_TO_CYR_LOOKALIKE.get(c) or _LAT_TO_CYR_SOUND.get(c, c) for c in word)
    return "".join(_CYR_TO_LAT_LOOKALIKE.get(c) or _CYR_TO_LAT_SOUND.get(c, c) for c in word)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a name: its text (no trailing dot), whether it is an initial, its flags."""

    text: str
    initial: bool
    upper: bool
    before_comma: bool


_INITIAL_DIGRAPHS = frozenset(
    [
        "yu",
        "ya",
        "yo",
        "ye",
        "ju",
        "ja",
        "jo",
        "je",
        "iu",
        "ia",
        "zh",
        "kh",
        "ch",
        "sh",
        "ts",
        "sch",
        "tsch",
        "shch",
        "dzh",
        "dj",
    ]
)
_WORD_RE = re.compile(r"[^\s,;]+|[,;]")


def _is_initial_like(piece: str) -> bool:
    letters = "".join(c for c in piece if c.isalpha())
    if len(letters) == 1:
        return True
    return letters.lower() in _INITIAL_DIGRAPHS and letters[0].isupper()


@lru_cache(maxsize=100_000)
def _item_pieces(item: str) -> tuple[tuple[str, bool, bool], ...]:
    """The (text, is_initial, is_upper) pieces of one whitespace-delimited item (cached)."""
    item = fix_mixed_word(item.strip("-" + _APOSTROPHES))
    if not item:
        return ()
    parts = item.split(".")
    last = len(parts) - 1
    out: list[tuple[str, bool, bool]] = []
    for i, part in enumerate(parts):
        part = part.strip("-" + _APOSTROPHES)
        letters = [c for c in part if c.isalpha()]
        if not letters:
            continue
        initial = _is_initial_like(part) and (i < last or len(letters) == 1)
        upper = len(letters) > 1 and all(c.isupper() for c in letters)
        out.append((part, initial, upper))
    return tuple(out)


#: One word of a cleaned name: (text, is_initial, is_upper, before_comma).
Piece = tuple[str, bool, bool, bool]


def _pieces(text: str) -> list[Piece]:
    comma_at = -1
    pieces: list[tuple[str, bool, bool]] = []
    for item in _WORD_RE.findall(text):
        if item == "," or item == ";":
            if comma_at < 0 and pieces:
                comma_at = len(pieces)
            continue
        pieces.extend(_item_pieces(item))
    if comma_at < 0:
        return [(t, i, u, False) for t, i, u in pieces]
    return [(t, i, u, idx < comma_at) for idx, (t, i, u) in enumerate(pieces)]


def tokenize(text: str) -> list[Token]:
    """Split a cleaned name into tokens, separating run-together initials ("Б.Ю." → Б., Ю.)."""
    return [Token(*p) for p in _pieces(text)]


def prepare_pieces(text: str) -> list[Piece]:
    """Clean and split ``text`` into word tuples; raise :class:`InvalidNameError` for junk.

    The tuple form of :func:`prepare`, used on the parser's hot path.
    """
    cleaned = clean_text(text)
    if not cleaned:
        raise InvalidNameError("the name is empty (no letters)")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidNameError(
            f"the text is {len(cleaned)} characters long; a name has at most {MAX_NAME_LENGTH}"
        )
    pieces = _pieces(cleaned)
    if not pieces:
        raise InvalidNameError(f"no word of {text[:40]!r} contains a letter")
    return pieces


def prepare(text: str) -> list[Token]:
    """Clean and tokenise ``text``; raise :class:`InvalidNameError` when it is not a name."""
    return [Token(*p) for p in prepare_pieces(text)]


@lru_cache(maxsize=100_000)
def display_case(word: str) -> str:
    """Title-case a word written all in capitals or all in small letters (per hyphen part)."""
    letters = [c for c in word if c.isalpha()]
    if not letters or char_script(letters[0]) not in (Script.CYRILLIC, Script.LATIN):
        return word
    if all(c.isupper() for c in letters) or all(c.islower() for c in letters):
        return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
    return word
