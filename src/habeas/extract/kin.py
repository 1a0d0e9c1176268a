"""A relative named by the given name alone right after a named person (round 13).

"Gennady Sheremet and his wife Lyudmila", "Tetiana Lysenko, 55, and her son Maksym",
«Андрея Зотова и его жену Ольгу», «Инна Рябова и её сын Глеб»: the relative shares the
surname written before, in the form of the relative's gender. The given name becomes a
mention of that full name, coordinated with the first one as any "A and his wife B" is.
"""

from __future__ import annotations

import re

from habeas.extract.capitals import given_word
from habeas.extract.model import Mention
from habeas.extract.nominative import morph_parses

_AGE = r"(?:\s*,\s*\d{1,2}\s*(?:(?:год|года|лет)\s*)?,?|\s*\(\d{1,2}(?:\s+(?:год|года|лет))?\))?"
_KIN_EN = r"(?P<kin>wife|husband|son|daughter|brother|sister|mother|father)"
_KIN_RU = (
    r"(?P<kin>жен(?:а|у|е|ой|ы)|муж(?:а|у|ем|е)?|сын(?:а|у|ом|е)?|доч(?:ь|ери|ерью)|"
    r"брат(?:а|у|ом|е)?|сестр(?:а|у|ы|е|ой)|мат(?:ь|ери|ерью)|от(?:ец|ца|цу|цом|це))"
)
_AFTER = {
    "en": re.compile(
        rf"{_AGE}\s*,?\s+and\s+(?:his|her|their)\s+(?:\w+\s+)?{_KIN_EN}\s*,?\s+"
        r"(?P<given>[A-Z][a-z]+)(?![\w-]|\s+[A-Z][a-z])"
    ),
    "ru": re.compile(
        rf"{_AGE}\s*,?\s+и\s+(?:его|её|ее|их)\s+{_KIN_RU}\s*,?\s+"
        r"(?P<given>[А-ЯЁ][а-яё]+)(?![\w-]|\s+[А-ЯЁ][а-яё])"
    ),
}
_FEMALE_KIN = re.compile(r"^(?:wife|daughter|sister|mother|жен|доч|сестр|мат)", re.I)
_MASC_END = re.compile(r"(?:ov|ev|yov|in|yn|ов|ев|ёв|ин|ын)$")
_FEM_END = re.compile(r"(?:ova|eva|yova|ina|yna|ова|ева|ёва|ина|ына)$")


def _gendered(surname: str, female: bool) -> str:
    """``surname`` in the form of the relative's gender («Зотов» → «Зотова», "Petrova" →
    "Petrov", «Лысенко» unchanged)."""
    if female and _MASC_END.search(surname):
        return surname + ("а" if re.search(r"[а-яё]$", surname) else "a")
    if female and surname.endswith(("ский", "цкий")):
        return surname[:-2] + "ая"
    if female and surname.endswith(("sky", "skiy")):
        return re.sub(r"(?:y|iy)$", "aya", surname)
    if not female and _FEM_END.search(surname):
        return surname[:-1]
    if not female and surname.endswith(("ская", "цкая")):
        return surname[:-2] + "ий"
    if not female and surname.endswith("skaya"):
        return surname[:-3] + "y"
    return surname


def _nominative_given(word: str) -> str | None:
    """The nominative of a Russian given name in any case («Ольгу» → «Ольга»), or None."""
    for p in morph_parses(word):
        if "Name" in p.tag:
            return p.normal_form.capitalize()
    return None


def kin_given_mentions(text: str, lang: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with a mention for each relative named by the given name alone right
    after a full name ("A and his wife Lyudmila"), bearing A's surname."""
    rx = _AFTER[lang]
    taken = {(m.start, m.end) for m in mentions}
    added = []
    for m in mentions:
        if m.lone or not m.surname or not m.given:
            continue
        hit = rx.match(text, m.end)
        if not hit or any(s < hit.end("given") and hit.start("given") < e for s, e in taken):
            continue
        word = hit.group("given")
        given = _nominative_given(word) if lang == "ru" else (word if given_word(word) else None)
        if not given:
            continue
        surname = _gendered(m.surname, bool(_FEMALE_KIN.match(hit.group("kin"))))
        added.append(
            Mention(
                start=hit.start("given"),
                end=hit.end("given"),
                surface=word,
                tokens=(given, surname),
                surname=surname,
                given=given,
            )
        )
    return sorted([*mentions, *added], key=lambda x: x.start) if added else mentions
