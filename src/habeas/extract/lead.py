"""A lead that tells a verdict of a person not yet named (round 13).

"A court in Izhevsk sentenced an activist to two years … Judge X ruled that Roman Shklyaev,
36, had spread …", «Суд приговорил местного блогера к трём годам … Судья установила, что
Пётр Ильин …»: when the text names no defendant of its own, the first person without a role
named in the two sentences after such a lead is the one it sentenced.
"""

from __future__ import annotations

import re
from typing import TypeVar

from habeas.extract.facts import Fact
from habeas.extract.lexicon import LangPatterns
from habeas.extract.model import Mention, Role, Span

P = TypeVar("P")


def _unlabelled(m: Mention) -> bool:
    """True when nothing marks ``m`` as someone other than a defendant."""
    return m.role_cue is None and not (
        m.lone or m.relative or m.kin_of or m.speaker or m.passing or m.possessive
    )


def lead_object_defendant(
    text: str, sentences: list[Span], by_sentence: list[list[Mention]], pats: LangPatterns
) -> None:
    """Mark the person a lead's unnamed verdict was about as a defendant, when the text has
    no defendant otherwise."""
    if any(
        (m.defendant_cue or m.role_cue is Role.DEFENDANT) and not m.passing
        for g in by_sentence
        for m in g
    ):
        # round 14: a name told in passing ("in support of activist X, who was later
        # sentenced …") is not the text's defendant
        return
    for i, (s, e) in enumerate(sentences):
        if by_sentence[i] or not pats.cues["unnamed_object"].search(text, s, e):
            continue
        for group in by_sentence[i + 1 : i + 3]:
            for m in group:
                if _unlabelled(m):
                    m.defendant_cue = True
                    return
        return


#: a counted object of a lead's verdict («приговорил трёх журналистов», "sentenced four men")
COUNTED = re.compile(
    r"(?<![\w-])(?:двух|трёх|трех|четырёх|четырех|пяти|шести|двоих|троих|четверых|пятерых|"
    r"шестерых|двое|трое|четверо|пятеро|two|three|four|five|six|seven|eight|\d{1,2})(?![\w-])"
    r"(?![.,:]\d)",
    re.I,
)


def carried(facts: list[Fact], named: list[P], counted: bool) -> list[tuple[P, Fact]]:
    """Pairs (defendant, fact) for a lead's held facts: all of them to the first defendant
    named after it; when the lead counted its objects ("sentenced three journalists"), every
    fact but the terms to each defendant of that sentence, and the terms in order when there
    are as many as defendants (one term: everyone's)."""
    if not counted or len(named) < 2:
        return [(named[0], f) for f in facts]
    terms = [f for f in facts if f.kind == "term"]
    out = [(p, f) for f in facts if f.kind != "term" for p in named]
    if len(terms) == len(named):
        out += list(zip(named, terms, strict=True))
    elif len(terms) == 1:
        out += [(p, terms[0]) for p in named]
    return out
