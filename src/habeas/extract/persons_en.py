"""Finding person-name mentions in English text: capitalised runs, given-name and
surname-shape rules, and the registry's names as a gazetteer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from habeas.extract.lexicon import given_names_en, patterns, stopwords_en
from habeas.extract.model import Mention
from habeas.extract.nominative import morph, morph_parses
from habeas.names.given_names import is_known_given
from habeas.names.reverse import to_cyrillic_candidates

_TOKEN = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)*(?:['’]s)?|(?<![A-Za-z])[A-Z]\.")
SURNAME_SHAPE = re.compile(
    r"(?:ov|ev|yov|yev|in|yn|ova|eva|yova|ina|yna|sky|skiy|skii|skaya|tskaya|enko|uk|yuk|"
    r"chuk|yan|ian|shvili|dze|vich|ko|ets|aev|iev|ykh|ikh|kin|shin|ova|ayeva|yeva|ov)$"
)


@lru_cache(maxsize=32768)
def latin_given(word: str) -> bool:
    """True when a capitalised Latin word reads as a Russian given name: listed in
    ``habeas.names`` data, or its likeliest Cyrillic reading (or a second one of at least 0.3)
    is a dictionary given name in the nominative ("Yelisei" → «Елисей», "Albina" → «Альбина»). Callers exclude stop words first."""
    if is_known_given(word):
        return True
    if len(word) < 4:  # "Any" → «Аний»: short English words read as rare names
        return False
    # the likeliest reading, or a close second one: "Albina" → «Албина» (0.67), «Альбина» (0.33)
    for cyr, score in to_cyrillic_candidates(word, 2):
        low = cyr.lower()
        if score < 0.3 or not morph().word_is_known(low):
            continue
        tag = morph_parses(low)[0].tag
        if "Name" in tag and "nomn" in tag:
            return True
    return False


class _Givens:
    """Given-name test: the list in ``data/names_en.toml``, the gazetteer, ``latin_given``."""

    def __init__(self, listed: set[str], stop: frozenset[str]) -> None:
        self.listed = listed
        self.stop = stop

    def __contains__(self, low: str) -> bool:
        if low in self.listed:
            return True
        return low not in self.stop and len(low) > 2 and latin_given(low.capitalize())


# round 17: the object of a verdict verb ("handed Tsyren Dashiyev, a port worker, 5.5 years",
# "sentenced Bato Tsydenov to six years"): a name with a surname-shaped last word
_VERDICT_OBJECT_BEFORE = re.compile(
    r"(?<![\w-])(?:sentenced|handed|fined|convicted|jailed|gave|acquitted|arrested|detained)\s+$"
)
_OBJECT_AFTER = re.compile(r"\s*(?:,|\bto\b|\d)")


def _verdict_object(run: list[str], before: str, after: str) -> bool:
    """Two capitalised words right after an active verdict verb, then a comma, "to" or a
    number, the second shaped as a surname."""
    return (
        len(run) == 2
        and all(len(w) > 2 and "-" not in w for w in run)
        and bool(SURNAME_SHAPE.search(run[1].lower()))
        and _VERDICT_OBJECT_BEFORE.search(before) is not None
        and _OBJECT_AFTER.match(after) is not None
    )


def _unknown_given(run: list[str], after: str, predicate: re.Pattern[str]) -> bool:
    """Two capitalised words followed by a predicate only a person takes ("was sentenced",
    "received 17 years"), also through a list of names the predicate governs ("Lenur Asanov,
    Aider Dzhemilev and Izzet Yakubov were found guilty"): a name whose given name is not in
    any list ("Server Kurtamet")."""
    if len(run) != 2 or not all(len(w) > 2 and "-" not in w for w in run):
        return False
    if predicate.match(after) is not None:
        return True
    if _AGE_AFTER.match(after):
        # "Izzet Kurtveliev, 44, whom investigators described as …": an age in apposition
        return True
    # "Lenur Asanov, Aider Dzhemilev and Izzet Yakubov were found guilty": the first of a
    # list of names that the predicate governs, with a surname-shaped last word
    tail = _LIST_TAIL.match(after)
    return (
        tail is not None
        and bool(SURNAME_SHAPE.search(run[1].lower()))
        and predicate.match(after[tail.end() :]) is not None
    )


# an age right after a name: ", 44,", ", aged 27,", " (31)"
_AGE_AFTER = re.compile(r"\s*(?:,\s*(?:aged\s+)?|\()[1-9]\d\s*[,)]")
_LIST_TAIL = re.compile(
    r"(?:\s*,\s*[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)*\s*,?\s+and\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+"
)


_PATRONYMIC = re.compile(r"[a-z]+(?:ovich|evich|ovna|evna|ichna)")
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:district|region|city|oblast|krai|territory|republic)\b")


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _groups(text: str) -> list[list[re.Match[str]]]:
    groups: list[list[re.Match[str]]] = []
    for m in _TOKEN.finditer(text):
        if groups:
            prev = groups[-1][-1]
            gap = text[prev.end() : m.start()]
            if gap in (" ", "") and not prev.group().endswith(("'s", "’s")):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def find_mentions_en(text: str, gazetteer: Iterable[str] = ()) -> list[Mention]:
    """Person mentions in English text; ``gazetteer`` holds known full names."""
    listed = set(given_names_en())
    surnames: set[str] = set()
    for full in gazetteer:
        parts = full.split()
        if len(parts) >= 2:
            listed.add(parts[0].lower())
            surnames.add(parts[-1].lower())
    stop = stopwords_en()
    given_names = _Givens(listed, stop)
    predicate = patterns("en").cues["name_predicate"]
    out: list[Mention] = []
    for group in _groups(text):
        words = [_strip_possessive(m.group()) for m in group]
        low = [w.lower() for w in words]
        i = 0
        while i < len(words):
            if low[i] in stop and not (low[i] in given_names or low[i] in surnames):
                i += 1
                continue
            j = i
            while j < len(words) and j - i < 4 and (low[j] not in stop or low[j] in surnames):
                j += 1
            if (
                j - i >= 3
                and _PATRONYMIC.fullmatch(low[i + 2])
                and low[i + 1] in given_names
                and low[i] not in given_names
            ):
                # "ISHMURATOV Ruslan Failevich" (a prosecutor's release, surname first): the
                # surname, the given name and the patronymic
                run = words[i : i + 3]
                start, end = group[i].start(), group[i + 2].start() + len(words[i + 2])
                out.append(Mention(start, end, text[start:end], tuple(run), run[0], run[1]))
                i += 3
                continue
            first_given = next((k for k in range(i, j - 1) if low[k] in given_names), None)
            if first_given is not None and first_given > i and not words[i].endswith("."):
                i = first_given
            run = words[i:j]
            rl = low[i:j]
            start, end = group[i].start(), group[j - 1].start() + len(words[j - 1])
            last = rl[-1]
            surname_like = bool(SURNAME_SHAPE.search(last)) or last in surnames
            if len(run) > 2 and rl[0] in given_names and rl[1] in given_names and not surname_like:
                j = i + 2
                run, rl = words[i:j], low[i:j]
                end = group[j - 1].start() + len(words[j - 1])
            full = len(run) >= 2 and not run[-1].endswith(".")
            if full and (
                rl[0] in given_names
                or run[0].endswith(".")
                or _unknown_given(run, text[end : end + 100], predicate)
                or _verdict_object(run, text[max(0, start - 20) : start], text[end : end + 10])
            ):
                out.append(Mention(start, end, text[start:end], tuple(run), run[-1], run[0]))
            elif (
                len(run) == 1
                and not run[0].endswith(".")
                and len(run[0]) > 2
                and (rl[0] not in given_names or rl[0] in surnames)
                # "the Leninsky district", "the Sovetsky region": a place, not a surname
                and not _PLACE_NOUN_AFTER.match(text, end)
            ):
                out.append(
                    Mention(
                        start,
                        end,
                        run[0],
                        (run[0],),
                        run[0],
                        "",
                        lone=True,
                        variants=frozenset({rl[0]}),
                    )
                )
            i = j
    return out
