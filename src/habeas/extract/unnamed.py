"""Round 14: a person the text does not name, told after its defendant ("His friend, whose
name was not disclosed because of his age, received a four-year suspended sentence", «её
имя мы пока не называем»): the facts of that clause are the unnamed person's, nobody's here.
"""

from __future__ import annotations

import re

from habeas.extract.lexicon import LangPatterns
from habeas.extract.model import Mention, Span

# a clause break before the unnamed person's cue ("…five years, and his accomplice, whose …")
_BREAK = re.compile(r"[,;:—–(]|\s(?:and|but|while|и|а|но)\s")


def unnamed_clause(
    text: str, sentence: Span, group: list[Mention], pats: LangPatterns
) -> Span | None:
    """The part of the sentence about a person the text says it does not name: the whole
    sentence when it names nobody, else from the clause break before the cue (after the
    name before it) to the next name; None when the sentence has no such cue."""
    s, e = sentence
    cue = pats.cues["unnamed_person"].search(text, s, e)
    if cue is None:
        return None
    if not group:
        return (s, e)
    floor = max((m.end for m in group if m.end <= cue.start()), default=s)
    breaks = [b.start() for b in _BREAK.finditer(text, floor, cue.start())]
    # the subject phrase "his accomplice, a schoolboy whose …" starts before its own comma
    start = breaks[-2] if len(breaks) >= 2 else (breaks[-1] if breaks else floor)
    stop = min((m.start for m in group if m.start >= cue.end()), default=e)
    return (start, stop)


def unnamed_subject(
    text: str, sentence: Span, mentions: list[Mention], pats: LangPatterns
) -> Span | None:
    """Round 18: a sentence naming nobody that opens with an indefinite person charged or
    sentenced ("A 16-year-old schoolboy has been charged with sabotage"), in a paragraph
    that names nobody after it: the whole sentence, another person's case; else None."""
    s, e = sentence
    if not pats.cues["unnamed_subject"].match(text[s:e]):
        return None
    stop = text.find("\n", e)
    stop = len(text) if stop < 0 else stop
    if any(s <= m.start < stop for m in mentions):
        return None
    return (s, e)
