"""Courts and penitentiary facilities named in a report."""

from __future__ import annotations

import re
from functools import lru_cache

from habeas.extract.facts import Fact
from habeas.extract.lexicon import known_facilities, patterns
from habeas.extract.nominative import morph_parses


def _longest(matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(matches, key=lambda se: (se[0], -(se[1] - se[0]))):
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


@lru_cache(maxsize=2048)
def court_nominative(name: str) -> str:
    """Put a Russian court name into the nominative up to «суд»: «Мещанского районного суда
    Москвы» → «Мещанский районный суд Москвы»."""
    words = name.split()
    idx = next((i for i, w in enumerate(words) if w.lower().startswith("суд")), None)
    if idx is None:
        return name
    out: list[str] = []
    for i, word in enumerate(words):
        if i > idx:
            out.append(word)
            continue
        parse = next(
            (
                p
                for p in morph_parses(word)
                if {"ADJF", "NOUN"} & set(str(p.tag).replace(",", " ").split())
            ),
            None,
        )
        inflected = (
            parse.inflect({"nomn", "sing"} if "NOUN" in parse.tag else {"nomn", "sing", "masc"})
            if parse
            else None
        )
        new = inflected.word if inflected else word
        if word[:1].isupper():
            new = new[:1].upper() + new[1:]
        out.append(new)
    return " ".join(out)


_IN_TOWN_BEFORE = re.compile(r"(?<!\w)[Ii]n\s+([A-Z][\w-]+),\s+(?:the\s+)?$")


def find_courts(text: str, lang: str) -> list[Fact]:
    """Court names such as «Мещанский районный суд» or "Moscow City Court"."""
    spans = [(m.start(), m.end()) for rx in patterns(lang).courts for m in rx.finditer(text)]
    out: list[Fact] = []
    for s, e in _longest(spans):
        surface = re.sub(r"^(?:the|The)\s+", "", text[s:e]).strip()
        value = court_nominative(surface) if lang == "ru" else surface
        town = _IN_TOWN_BEFORE.search(text[max(0, s - 40) : s]) if lang == "en" else None
        if town and " of " not in value and " in " not in value:
            # "In Kaliningrad, the Leningradsky District Court …": the court's town
            value = f"{value} ({town.group(1)})"
        out.append(Fact("court", (s, e), value))
    return out


def canonical_facility(surface: str) -> str:
    """The display name of a known facility, or the text as found."""
    low = surface.lower()
    for name, aliases in known_facilities():
        if any(a in low for a in aliases):
            return f"{surface} [{name}]"
    return surface


def find_facilities(text: str, lang: str) -> list[Fact]:
    """Colonies, SIZOs and prisons: «ИК-4 в Торжке», "penal colony of Torzhok", "IK-2"."""
    spans = [(m.start(), m.end()) for rx in patterns(lang).facilities for m in rx.finditer(text)]
    return [Fact("facility", (s, e), canonical_facility(text[s:e])) for s, e in _longest(spans)]
