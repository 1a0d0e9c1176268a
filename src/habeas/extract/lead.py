"""A lead that tells a verdict of a person not yet named (round 13).

"A court in Izhevsk sentenced an activist to two years … Judge X ruled that Roman Shklyaev,
36, had spread …", «Суд приговорил местного блогера к трём годам … Судья установила, что
Пётр Ильин …»: when the text names no defendant of its own, the first person without a role
named in the two sentences after such a lead is the one it sentenced.
"""

from __future__ import annotations

from habeas.extract.lexicon import LangPatterns
from habeas.extract.model import Mention, Role, Span


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
