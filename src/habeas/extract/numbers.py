"""Number words in Russian and English, as used for sentence terms and fines."""

from __future__ import annotations

import re

_RU_UNITS: dict[int, tuple[str, ...]] = {
    1: ("один", "одного", "одному", "одним", "одном", "одна", "одной", "одну"),
    2: ("два", "две", "двух", "двум", "двумя"),
    3: ("три", "трех", "трёх", "трем", "трём", "тремя"),
    4: ("четыре", "четырех", "четырёх", "четырем", "четырём", "четырьмя"),
    5: ("пять", "пяти", "пятью"),
    6: ("шесть", "шести", "шестью"),
    7: ("семь", "семи", "семью"),
    8: ("восемь", "восьми", "восемью", "восьмью"),
    9: ("девять", "девяти", "девятью"),
    10: ("десять", "десяти", "десятью"),
    11: ("одиннадцать", "одиннадцати"),
    12: ("двенадцать", "двенадцати"),
    13: ("тринадцать", "тринадцати"),
    14: ("четырнадцать", "четырнадцати"),
    15: ("пятнадцать", "пятнадцати"),
    16: ("шестнадцать", "шестнадцати"),
    17: ("семнадцать", "семнадцати"),
    18: ("восемнадцать", "восемнадцати"),
    19: ("девятнадцать", "девятнадцати"),
    20: ("двадцать", "двадцати", "двадцатью"),
    30: ("тридцать", "тридцати"),
}
_EN_UNITS: dict[int, tuple[str, ...]] = {
    1: ("one", "a"),
    2: ("two",),
    3: ("three",),
    4: ("four",),
    5: ("five",),
    6: ("six",),
    7: ("seven",),
    8: ("eight",),
    9: ("nine",),
    10: ("ten",),
    11: ("eleven",),
    12: ("twelve",),
    13: ("thirteen",),
    14: ("fourteen",),
    15: ("fifteen",),
    16: ("sixteen",),
    17: ("seventeen",),
    18: ("eighteen",),
    19: ("nineteen",),
    20: ("twenty",),
    30: ("thirty",),
}

RU_WORDS: dict[str, int] = {w: n for n, ws in _RU_UNITS.items() for w in ws}
EN_WORDS: dict[str, int] = {w: n for n, ws in _EN_UNITS.items() for w in ws}
RU_HALF = {"полтора": 1.5, "полутора": 1.5, "полторы": 1.5}


def _alt(words: dict[str, int] | dict[str, float]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _tens(words: dict[str, int]) -> dict[str, int]:
    return {w: n for w, n in words.items() if n in (20, 30)}


def _ones(words: dict[str, int]) -> dict[str, int]:
    return {w: n for w, n in words.items() if 1 <= n <= 9 and w != "a"}


# A compound is tens + ones only ("twenty-two", «двадцати двух»): "a three-year" is 3, not 4.
RU_NUMBER = (
    rf"(?:\d{{1,2}}(?:[.,]5)?|(?:{_alt(_tens(RU_WORDS))})\s+(?:{_alt(_ones(RU_WORDS))})"
    rf"|(?:{_alt(RU_WORDS)})|{_alt(RU_HALF)})"
)
EN_NUMBER = (
    rf"(?:\d{{1,2}}(?:\.5)?|(?:{_alt(_tens(EN_WORDS))})[- ](?:{_alt(_ones(EN_WORDS))})"
    rf"|(?:{_alt(EN_WORDS)}))"
)


def parse_number(text: str) -> float | None:
    """Value of a number written in digits or words (``"шести"`` → 6, ``"twenty-two"`` → 22)."""
    text = text.strip().lower()
    if not text:
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return float(text.replace(",", "."))
    if text in RU_HALF:
        return RU_HALF[text]
    total = 0
    for part in re.split(r"[\s-]+", text):
        value = RU_WORDS.get(part, EN_WORDS.get(part))
        if value is None:
            return None
        total += value
    return float(total)


_AMOUNT = re.compile(r"(\d[\d\s\u00a0\u202f,.]*)")


def parse_amount(number: str, scale: str | None, lang: str) -> int | None:
    """Money amount from ``"800"`` + ``"тысяч"``, ``"1,5"`` + ``"млн"``, ``"300,000"``."""
    raw = number.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if lang == "en":
        raw = raw.replace(",", "").replace(" ", "")
    else:
        raw = raw.replace(" ", "").replace(",", ".")
        if raw.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", raw):
            raw = raw.replace(".", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    scale = (scale or "").lower()
    if scale.startswith(("тыс", "thousand", "k")):
        value *= 1_000
    elif scale.startswith(("млн", "миллион", "million", "m", "mln")):
        value *= 1_000_000
    return int(round(value))
