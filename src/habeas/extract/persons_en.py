"""Finding person-name mentions in English text: capitalised runs, given-name and
surname-shape rules, and the registry's names as a gazetteer."""

from __future__ import annotations

import re
from collections.abc import Iterable

from habeas.extract.lexicon import given_names_en, stopwords_en
from habeas.extract.model import Mention

_TOKEN = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)*(?:['’]s)?|[A-Z]\.")
_SURNAME_SHAPE = re.compile(
    r"(?:ov|ev|yov|yev|in|yn|ova|eva|yova|ina|yna|sky|skiy|skii|skaya|tskaya|enko|uk|yuk|"
    r"chuk|yan|ian|shvili|dze|vich|ko|ets|aev|iev|ykh|ikh|kin|shin|ova|ayeva|yeva|ov)$"
)


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
    given_names = set(given_names_en())
    surnames: set[str] = set()
    for full in gazetteer:
        parts = full.split()
        if len(parts) >= 2:
            given_names.add(parts[0].lower())
            surnames.add(parts[-1].lower())
    stop = stopwords_en()
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
            first_given = next((k for k in range(i, j - 1) if low[k] in given_names), None)
            if first_given is not None and first_given > i and not words[i].endswith("."):
                i = first_given
            run = words[i:j]
            rl = low[i:j]
            start, end = group[i].start(), group[j - 1].start() + len(words[j - 1])
            last = rl[-1]
            surname_like = bool(_SURNAME_SHAPE.search(last)) or last in surnames
            if len(run) > 2 and rl[0] in given_names and rl[1] in given_names and not surname_like:
                j = i + 2
                run, rl = words[i:j], low[i:j]
                end = group[j - 1].start() + len(words[j - 1])
            full = len(run) >= 2 and not run[-1].endswith(".")
            if full and (rl[0] in given_names or run[0].endswith(".")):
                out.append(Mention(start, end, text[start:end], tuple(run), run[-1], run[0]))
            elif (
                len(run) == 1
                and not run[0].endswith(".")
                and len(run[0]) > 2
                and (rl[0] not in given_names or rl[0] in surnames)
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
