"""Latin spellings of Cyrillic names in the schemes real lists use.

ICAO Doc 9303 (passports since 2014), BGN/PCGN, MVD 310 (older passports), Wikipedia-style
English, and a German press style («Kagarlizki»), which iuliia does not provide.
"""

from __future__ import annotations

from functools import cache

import iuliia

SCHEMES = ("icao", "bgn", "mvd", "wikipedia", "german")

_IULIIA = {
    "icao": iuliia.ICAO_DOC_9303,
    "bgn": iuliia.BGN_PCGN,
    "mvd": iuliia.MVD_310,
    "wikipedia": iuliia.WIKIPEDIA,
}

_GERMAN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
    "з": "s", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z",
    "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "ju", "я": "ja",
}  # fmt: skip
_VOWELS = set("аеёиоуыэюяь")


def _german_word(word: str) -> str:
    low = word.lower()
    for end, repl in (("ский", "ski"), ("цкий", "zki"), ("ий", "i"), ("ый", "y")):
        if low.endswith(end):
            low, tail = low[: -len(end)], repl
            break
    else:
        tail = ""
    out = []
    for i, ch in enumerate(low):
        if ch == "е" and (i == 0 or low[i - 1] in _VOWELS):
            out.append("je")
        elif ch == "с" and 0 < i < len(low) - 1 and low[i - 1] in _VOWELS and low[i + 1] in _VOWELS:
            out.append("ss")
        else:
            out.append(_GERMAN.get(ch, ch))
    text = "".join(out) + tail
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


@cache
def latin_word(word: str, scheme: str) -> str:
    """One word in a scheme; the result is plain ASCII letters, hyphens and spaces."""
    if scheme == "german":
        return _german_word(word)
    text = _IULIIA[scheme].translate(word.replace("ё", "е").replace("Ё", "Е"))
    return "".join(ch for ch in text if ch.isascii())


def latin(text: str, scheme: str) -> str:
    """A Cyrillic name (several words) in a scheme."""
    return " ".join(latin_word(w, scheme) for w in text.split())
