"""Round 15: a lead's terms told by the defendants' gender before they are named.

"A court … sentenced a married couple, giving the husband six years in a general-regime colony
and his wife a two-year suspended term", «суд приговорил супругов: мужу — шесть лет колонии,
жене — два года условно»: a term right after a gendered noun is the one defendant's of that
gender, and so are the regime, fine and suspended flag of its clause (to the next such term).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from habeas.extract.facts import Fact

_NOUN_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<f>wife|woman|mother|daughter|жене|женщине|матери|дочери|супруге)|"
    r"(?P<m>husband|man|father|son|мужу|мужчине|отцу|сыну|супругу))"
    r"\s*(?:[—–-]\s*|a\s+|an\s+|к\s+)?$",
    re.I,
)
_CLAUSE_KINDS = ("term", "regime", "fine", "suspended")

P = TypeVar("P")


def gendered_terms(
    text: str,
    pending: Sequence[Fact],
    defendants: Sequence[P],
    female: Callable[[P], bool],
) -> list[tuple[P, Fact]]:
    """Pairs (defendant, fact) for the pending facts of a term told after a gendered noun
    ("the husband six years"), when exactly one defendant has that gender."""
    out: list[tuple[P, Fact]] = []
    facts = sorted((f for f in pending if f.kind in _CLAUSE_KINDS), key=lambda f: f.span)
    owner: P | None = None
    for fact in facts:
        if fact.kind == "term":
            owner = None
            m = _NOUN_BEFORE.search(text, max(0, fact.start - 30), fact.start)
            if m is not None:
                want = m.group("f") is not None
                match = [d for d in defendants if female(d) is want]
                owner = match[0] if len(match) == 1 else None
        if owner is not None:
            out.append((owner, fact))
    return out
