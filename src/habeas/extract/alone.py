"""Round 14: a person named in English by the given name alone after a full mention
("Vladimir was sentenced to six years suspended, Lyudmila to two and a half", "Yegor, who is
serving six and a half years, …"): when exactly one person named in full before bears that
given name, the word is a mention of that person, as ``persons_ru`` reads «Игорю» after «Игорь
Сомов». Not after a place preposition ("in Vladimir": the town), nor a given name that is
also a common word ("German", `names_en.toml` `not_alone`).
"""

from __future__ import annotations

import re

from habeas.extract.lexicon import not_alone_en
from habeas.extract.model import Mention

_WORD = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+(?=['’]s\b|(?![\w'’-]))")
# a capitalised word right after: the word is part of a longer name
_NEXT_CAPITAL = re.compile(r"(?:['’]s)?\s+[A-Z][a-z]")
_PLACE_BEFORE = re.compile(r"(?<!\w)(?:in|from|to|near|of|at|outside|around|via)\s+$", re.I)


def given_alone_mentions(text: str, lang: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with a mention for each given name written alone (English) that only one
    person named in full before it bears."""
    full = [m for m in mentions if not m.lone and m.given and m.surname and len(m.given) > 2]
    if lang != "en" or not full:
        return mentions
    owners: dict[str, set[str]] = {}
    for m in full:
        owners.setdefault(m.given.lower(), set()).add(m.surname.lower())
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for w in _WORD.finditer(text, min(m.start for m in full)):
        key = w.group().lower()
        if (
            len(owners.get(key, ())) != 1
            or key in not_alone_en()
            or any(s < w.end() and w.start() < e for s, e in taken)
            or _NEXT_CAPITAL.match(text, w.end())
            or _PLACE_BEFORE.search(text, max(0, w.start() - 12), w.start())
        ):
            continue
        person = next((m for m in full if m.start < w.start() and m.given.lower() == key), None)
        if person is not None:
            added.append(
                Mention(
                    start=w.start(),
                    end=w.end(),
                    surface=w.group(),
                    tokens=person.tokens,
                    surname=person.surname,
                    given=person.given,
                )
            )
    return sorted([*mentions, *added], key=lambda x: x.start) if added else mentions
