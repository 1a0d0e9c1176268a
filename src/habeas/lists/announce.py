"""Reading an announcement: a list of names (one a line, or a CSV with a ``name`` column),
or free text; and the totals it states ("16 prisoners", «шестнадцать заключённых»,
"16 Gefangene").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from habeas.extract.numbers import EN_WORDS, RU_WORDS, parse_number


@dataclass(frozen=True)
class NameLine:
    """One name read from a list: the name as a query, and its span in the text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Total:
    """A number of persons the text states, with its span."""

    text: str
    start: int
    end: int
    value: int


_ENUM = re.compile(r"^\s*(?:\d{1,4}\s*[.)]\s*|[-–—•*]\s+)")
_CUT = re.compile(r"\s*(?:[;(\t]|\s[-–—]\s|,\s*(?=.*\d)|,\s*[a-zа-яё])")
_NAMEWORD = re.compile(r"^(?:[A-ZÄÖÜА-ЯЁ][\w'’.-]*|[A-ZА-ЯЁ]\.)$")


def _clean(line: str) -> tuple[int, str]:
    """Offset of the name within ``line`` and the name (enumeration and remarks cut)."""
    m = _ENUM.match(line)
    offset = m.end() if m else 0
    rest = line[offset:]
    cut = _CUT.search(rest)
    name = rest[: cut.start()] if cut else rest
    name = name.strip().rstrip(".,;:")
    return offset + (len(rest) - len(rest.lstrip())), name


def _name_like(name: str) -> bool:
    words = name.replace(",", " ").split()
    return 1 <= len(words) <= 5 and all(_NAMEWORD.match(w) for w in words)


def read_names(text: str) -> list[NameLine] | None:
    """The names of a name-per-line list or a CSV with a ``name`` column; None for prose.

    A text is a list when at least 70 % of its non-empty lines (and at least two) are
    name-like after enumeration ("1.", "-") and remarks (", 1985 г.р.", "(Moscow)") are cut.
    """
    csv_names = _csv_names(text)
    if csv_names is not None:
        return csv_names
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\r\n]+", text) if m.group().strip()]
    if len(lines) < 2:
        return None
    out = []
    for start, line in lines:
        offset, name = _clean(line)
        if name and _name_like(name):
            out.append(NameLine(name, start + offset, start + offset + len(name)))
    if len(out) < 0.7 * len(lines):
        return None
    return out


def _csv_names(text: str) -> list[NameLine] | None:
    first = text.split("\n", 1)[0]
    if "," not in first and ";" not in first:
        return None
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([first], delimiter=delimiter))]
    if "name" not in header:
        return None
    column = header.index("name")
    out = []
    pos = len(first) + 1
    for line in text[pos:].splitlines(keepends=True):
        cells = next(csv.reader([line], delimiter=delimiter), [])
        if len(cells) > column and cells[column].strip():
            value = cells[column].strip()
            at = line.find(value)
            start = pos + max(at, 0)
            out.append(NameLine(value, start, start + len(value)))
        pos += len(line)
    return out


_DE_UNITS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
}  # fmt: skip
_DE_TEENS = {
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}  # fmt: skip
_DE_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50}
DE_WORDS: dict[str, int] = {**_DE_UNITS, **_DE_TEENS, **_DE_TENS}
for _t, _tv in _DE_TENS.items():
    for _u, _uv in {**_DE_UNITS, "ein": 1}.items():
        DE_WORDS[f"{_u}und{_t}"] = _tv + _uv


def _alt(words: object) -> str:
    return "|".join(sorted((w for w in words if len(w) > 2), key=len, reverse=True))  # type: ignore[attr-defined]


_RU_NUM = rf"\d{{1,4}}|(?:{_alt(RU_WORDS)})(?:\s+(?:{_alt(RU_WORDS)}))?"
_EN_NUM = rf"\d{{1,4}}|(?:{_alt(EN_WORDS)})(?:[- ](?:{_alt(EN_WORDS)}))?"
_DE_NUM = rf"\d{{1,4}}|{_alt(DE_WORDS)}"
_ADJ = r"(?:[\w-]+\s+){0,2}?"
_TOTALS = {
    "ru": re.compile(
        rf"(?<!\w)({_RU_NUM})\s+{_ADJ}(?:политзаключ\w*|заключ[её]нн\w*|узник\w*|человек|граждан\w*|"
        r"осужд[её]нн\w*|пленн\w*|задержанн\w*)",
        re.I,
    ),
    "en": re.compile(
        rf"(?<!\w)({_EN_NUM})\s+{_ADJ}(?:prisoners?|people|persons|detainees|individuals|"
        r"citizens|hostages|inmates)\b",
        re.I,
    ),
    "de": re.compile(
        rf"(?<!\w)({_DE_NUM})\s+{_ADJ}(?:Gefangenen?|Häftlinge?n?|Personen|Menschen|"
        r"Inhaftierten?|Bürger(?:innen)?|Staatsbürger)\b",
        re.I,
    ),
}


def _value(number: str) -> int | None:
    low = number.lower()
    if low in DE_WORDS:
        return DE_WORDS[low]
    value = parse_number(low.replace("-", " "))
    return int(value) if value is not None and value == int(value) else None


def find_totals(text: str, lang: str) -> list[Total]:
    """Numbers of persons the text states, in the text's language (years are ignored)."""
    out = []
    for m in _TOTALS[lang].finditer(text):
        value = _value(m.group(1))
        if value is None or value < 2 or 1900 <= value <= 2100:
            continue
        out.append(Total(m.group(), m.start(), m.end(), value))
    return out


_DE_HINTS = re.compile(
    r"\b(?:der|die|das|und|nicht|mit|von|wurde|wurden|für|ist|sind|den|dem|des|ein|eine|auf)\b",
    re.I,
)
_EN_HINTS = re.compile(r"\b(?:the|and|of|was|were|with|for|is|are|has|have|to|on)\b", re.I)


def detect_lang(text: str) -> str:
    """``ru`` (Cyrillic), ``de`` or ``en`` (by common function words and umlauts)."""
    from habeas.extract import detect_language

    if detect_language(text) == "ru":
        return "ru"
    sample = text[:20000]
    de = len(_DE_HINTS.findall(sample)) + 2 * len(re.findall(r"[äöüß]", sample))
    en = len(_EN_HINTS.findall(sample))
    return "de" if de > en else "en"
