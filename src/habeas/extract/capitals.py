"""Surnames written in capitals beside a given name or initials (round 13).

Court press releases and some wires write only the surname in capitals: «Павла
КОРОБЕЙНИКОВА», «ДЕРБЕНЁВА Н.А.», "chemist Vladimir GUSLYAKOV", and then the surname alone
(«КОРОБЕЙНИКОВ в 2024 году», "GUSLYAKOV, a 52-year-old …"). Such words are put in title case
(same length, so offsets are unchanged) before names are read.
"""

from __future__ import annotations

import re

from habeas.extract.lexicon import given_names_en, stopwords_en
from habeas.extract.nominative import analyse
from habeas.extract.persons_en import SURNAME_SHAPE, latin_given

#: a patronymic in any case, Cyrillic or Latin («Ильмиевич», «СЕРГЕЕВНУ», "Failevich")
PATRONYMIC = (
    r"(?:[А-ЯЁа-яё]+(?:ович|евич|ьич|ичн|овн|евн)[а-яё]{0,3}"
    r"|[A-Za-z]+(?:ovich|evich|ovna|evna|ichna))"
)
_CAPS = r"(?:[А-ЯЁ]{3,}(?:-[А-ЯЁ]{2,})?|[A-Z]{3,}(?:-[A-Z]{2,})?)"
_TITLE = r"[А-ЯЁA-Z][а-яёa-z]+"
# (round 15: also past a patronymic, "Yegor Andreyevich LUKASHIN", «Павла Андреевича КОРОБЕЙНИКОВА»)
_TITLE_PATRONYMIC = (
    r"(?:[А-ЯЁ][а-яё]+(?:ович|евич|ьич|ичн|овн|евн)[а-яё]{0,3}"
    r"|[A-Z][a-z]+(?:ovich|evich|ovna|evna|ichna))"
)
_GIVEN_CAPS = re.compile(
    rf"(?<![\w-])(?P<given>{_TITLE})(?:[ \t]+{_TITLE_PATRONYMIC})?[ \t]+(?P<sur>{_CAPS})(?![\w-])"
)
_CAPS_GIVEN = re.compile(rf"(?<![\w.-])(?P<sur>{_CAPS})[ \t]+(?P<given>{_TITLE})(?![\w-])")
_CAPS_INITIALS = re.compile(
    rf"(?<![\w-])(?P<sur>{_CAPS})[ \t]+[А-ЯЁA-Z]\.[ \t]?(?:[А-ЯЁA-Z]\.)?(?!\w)"
)
_CAPS_ANY = re.compile(rf"(?<![\w-]){_CAPS}(?![\w-])")
_CYR = re.compile(r"[А-ЯЁ]")


def given_word(word: str) -> bool:
    """True when ``word`` (title case) reads as a given name."""
    if _CYR.match(word):
        return analyse(word).given
    low = word.lower()
    return low in given_names_en() or (low not in stopwords_en() and latin_given(word))


def _surname_ok(word: str) -> bool:
    """True when the capitals may be a surname: not an agency or code ("FSB", «УФСБ»)."""
    return len(word) >= 4 and bool(re.search(r"[АЕЁИОУЫЭЮЯAEIOUY]", word[1:]))


def _surname_shaped(word: str) -> bool:
    """True when capitals written before a given name read as a surname ("NATO Ivan" is
    not one)."""
    title = word.title()
    if _CYR.match(word):
        return analyse(title).surname
    return bool(SURNAME_SHAPE.search(title.lower()))


def _stem(word: str) -> str:
    """The surname without a case ending («КОРОБЕЙНИКОВА» → «коробейников»)."""
    low = word.lower().replace("ё", "е")
    return re.sub(r"(?:ому|ого|ой|ым|ом|ей|ую|а|у|е|ы)$", "", low) if _CYR.match(word) else low


def surnames_in_capitals(text: str) -> str:
    """``text`` with surnames in capitals put in title case when a given name or initials
    stand next to them, and their other mentions in capitals too (same length)."""
    if not _CAPS_ANY.search(text):
        return text
    spans: list[tuple[int, int]] = []
    for rx in (_GIVEN_CAPS, _CAPS_GIVEN):
        for m in rx.finditer(text):
            sur = m.group("sur")
            if rx is _CAPS_GIVEN and not _surname_shaped(sur):
                continue
            if _surname_ok(sur) and given_word(m.group("given")):
                spans.append(m.span("sur"))
    for m in _CAPS_INITIALS.finditer(text):
        if _surname_ok(m.group("sur")) and _CYR.match(m.group("sur")):
            spans.append(m.span("sur"))
    if not spans:
        return text
    stems = {_stem(text[s:e]) for s, e in spans}
    for m in _CAPS_ANY.finditer(text):
        if _stem(m.group()) in stems:
            spans.append(m.span())
    out = list(text)
    for s, e in spans:
        out[s:e] = text[s:e].title()
    return "".join(out)
