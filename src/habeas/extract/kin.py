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
# round 15: "Tkachenko's wife Oksana", "Lysenko's son, Maksym,": the owner a surname named
# in full before
_OWNER = {
    "en": re.compile(
        rf"(?<![\w'’-])(?P<owner>[A-Z][a-z]+)['’]s\s+(?:\w+\s+)?{_KIN_EN}\s*,?\s+"
        r"(?P<given>[A-Z][a-z]+)(?![\w-]|\s+[A-Z][a-z])"
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
    after a full name ("A and his wife Lyudmila") or after the possessive of a surname named
    in full ("Tkachenko's wife Oksana"), bearing that surname."""
    rx = _AFTER[lang]
    taken = {(m.start, m.end) for m in mentions}
    full = [m for m in mentions if not m.lone and m.surname and m.given]
    hits = [(m.surname, rx.match(text, m.end)) for m in full]
    if lang in _OWNER and full:
        surnames = {m.surname for m in full}
        hits += [
            (h.group("owner"), h)
            for h in _OWNER[lang].finditer(text, min(m.start for m in full))
            if h.group("owner") in surnames
        ]
    added = []
    for surname, hit in hits:
        if not hit or any(s < hit.end("given") and hit.start("given") < e for s, e in taken):
            continue
        mention = _relative_mention(hit, surname, lang)
        if mention is not None:
            taken.add((mention.start, mention.end))
            added.append(mention)
    return sorted([*mentions, *added], key=lambda x: x.start) if added else mentions


def _relative_mention(hit: re.Match[str], surname: str, lang: str) -> Mention | None:
    """The mention of the relative named by ``hit``'s given name with ``surname`` in the
    relative's gender, or None when the word is no given name."""
    word = hit.group("given")
    given = _nominative_given(word) if lang == "ru" else (word if given_word(word) else None)
    if not given:
        return None
    gendered = _gendered(surname, bool(_FEMALE_KIN.match(hit.group("kin"))))
    return Mention(
        start=hit.start("given"),
        end=hit.end("given"),
        surface=word,
        tokens=(given, gendered),
        surname=gendered,
        given=given,
    )
