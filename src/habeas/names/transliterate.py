"""Cyrillic → Latin transliteration in the schemes seen in lists, passports and the press.

Library schemes come from ``iuliia``; the German (Duden) and French press styles are driven
by ``data/press.toml``.  Ukrainian and Belarusian letters (і ї є ґ ў), which the Russian
schemes lack, are mapped per scheme before the library runs.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia

from .data import load

#: Scheme name → iuliia schema (None for the press styles implemented here).
_IULIIA: dict[str, object | None] = {
    "icao_9303": iuliia.ICAO_DOC_9303,
    "passport_1997": iuliia.MVD_310,
    "passport_1997_fr": iuliia.MVD_310_FR,
    "passport_2010": iuliia.GOST_52535,
    "bgn_pcgn": iuliia.BGN_PCGN,
    "iso_9": iuliia.GOST_779,
    "gost_7_79_b": iuliia.GOST_779_ALT,
    "ala_lc": iuliia.ALA_LC,
    "scholarly": iuliia.SCIENTIFIC,
    "wikipedia": iuliia.WIKIPEDIA,
    "german": None,
    "french": None,
}

#: The names accepted by :func:`transliterate`, in a stable order.
SCHEMES: tuple[str, ...] = tuple(_IULIIA)

#: Other spellings of scheme names accepted by :func:`transliterate`.
SCHEME_ALIASES: dict[str, str] = {
    "icao": "icao_9303",
    "icao_doc_9303": "icao_9303",
    "mvd_310": "passport_1997",
    "mvd_310_fr": "passport_1997_fr",
    "gost_52535": "passport_2010",
    "bgn": "bgn_pcgn",
    "iso9": "iso_9",
    "gost_779": "iso_9",
    "gost_7_79_a": "iso_9",
    "gost_779_alt": "gost_7_79_b",
    "gost_779_b": "gost_7_79_b",
    "scientific": "scholarly",
    "duden": "german",
    "de": "german",
    "fr": "french",
}

# Ukrainian / Belarusian letters, per scheme: і ї є ґ ў.
_EXTRA_LETTERS: dict[str, tuple[str, str, str, str, str]] = {
    "icao_9303": ("i", "i", "ie", "g", "u"),
    "passport_1997": ("i", "yi", "ye", "g", "u"),
    "passport_1997_fr": ("i", "ï", "ie", "g", "ou"),
    "passport_2010": ("i", "i", "ie", "g", "u"),
    "bgn_pcgn": ("i", "yi", "ye", "g", "w"),
    "iso_9": ("ì", "ï", "ê", "g̀", "ŭ"),
    "gost_7_79_b": ("i", "yi", "ye", "g", "u"),
    "ala_lc": ("i", "ï", "i͡e", "g", "ŭ"),
    "scholarly": ("i", "ji", "je", "g", "ŭ"),
    "wikipedia": ("i", "yi", "ye", "g", "w"),
}

_CYRILLIC_YO = str.maketrans({"ё": "ë", "Ё": "Ë"})
_VOWELS = frozenset("аеёиоуыэюяіїє")
_FRONT = frozenset("еёиыэюяіїє")
_HUSH = frozenset("жчшщ")
_SIGNS = frozenset("ьъ")
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def resolve_scheme(scheme: str) -> str:
    """The canonical name of ``scheme`` (aliases accepted); ValueError for an unknown one."""
    key = scheme.strip().lower().replace("-", "_").replace(" ", "_").replace(".", "_")
    key = SCHEME_ALIASES.get(key, key)
    if key not in _IULIIA:
        raise ValueError(f"unknown transliteration scheme {scheme!r}; known: {', '.join(SCHEMES)}")
    return key


def _restore_case(src: str, out: str) -> str:
    if not out:
        return out
    letters = [c for c in src if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return out.upper()
    if src[:1].isupper():
        return out[:1].upper() + out[1:]
    return out


def _press_word(word: str, table: dict[str, dict[str, str]]) -> str:
    """Transliterate one lower-case Cyrillic word with a press table."""
    letters = table["letters"]
    out: list[str] = []
    n = len(word)
    final = cut = ""
    for ending, repl in table["word_final"].items():
        if n > len(ending) + 1 and word.endswith(ending):
            word, final, cut, n = word[: -len(ending)], repl, ending, n - len(ending)
            break
    i = 0
    while i < n:
        ch = word[i]
        pair = word[i : i + 2]
        if len(pair) == 2 and pair in table["clusters"]:
            out.append(table["clusters"][pair])
            i += 2
            continue
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else cut[:1]
        rep = None
        if i == 0 and ch in table["initial"]:
            rep = table["initial"][ch]
        elif prev in _SIGNS and ch in table["after_soft"]:
            rep = table["after_soft"][ch]
        elif prev in _VOWELS and ch in table["after_vowel"]:
            rep = table["after_vowel"][ch]
        elif prev in _HUSH and ch in table["after_hush"]:
            rep = table["after_hush"][ch]
        elif nxt in _FRONT and ch in table["before_front"]:
            rep = table["before_front"][ch]
        elif prev in _VOWELS and nxt in _VOWELS and ch in table["between_vowels"]:
            rep = table["between_vowels"][ch]
        elif nxt in _VOWELS and ch in table["before_vowel"]:
            rep = table["before_vowel"][ch]
        out.append(rep if rep is not None else letters.get(ch, ch))
        i += 1
    return "".join(out) + final


@lru_cache(maxsize=65536)
def _word(word: str, scheme: str) -> str:
    if scheme in ("german", "french"):
        table = load("press")[scheme]
        parts = word.split("-")
        return "-".join(_restore_case(p, _press_word(p.lower(), table)) for p in parts)
    extra = _EXTRA_LETTERS[scheme]
    src = word
    for cyr, lat in zip("іїєґў", extra, strict=True):
        if cyr in src.lower():
            src = src.replace(cyr, lat).replace(cyr.upper(), lat[:1].upper() + lat[1:])
    schema = _IULIIA[scheme]
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        out = schema.translate(src.lower()).upper()  # type: ignore[attr-defined]
    else:
        out = schema.translate(src)  # type: ignore[attr-defined]
    # iuliia's bgn_pcgn, iso_9, ala_lc and scientific tables write the Cyrillic «ё» where
    # the standards have the Latin «ë» (U+00EB)
    return out.translate(_CYRILLIC_YO) if "ё" in out or "Ё" in out else out


def transliterate(text: str, scheme: str) -> str:
    """Transliterate the Cyrillic words of ``text`` under ``scheme`` (see :data:`SCHEMES`).

    Latin text, digits and punctuation pass through unchanged; capitalisation is kept.
    """
    key = resolve_scheme(scheme)
    return _WORD_RE.sub(lambda m: _word(m.group(0), key), text)
