"""Latin → Cyrillic: the plausible Cyrillic readings of a romanised name, ranked.

The spelling's scheme is unknown, so every way of reading each letter group is tried (a beam
search with a cost per reading), and readings that Russian morphology knows as a word, a
given name or a surname, and that romanise back to the input, rise to the top.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .canon import canon_variants
from .given_names import is_known_given
from .inflect import morph_analyzer
from .model import InvalidNameError
from .scripts import MAX_NAME_LENGTH

#: Longest single word read back into Cyrillic (the beam search grows with the length).
MAX_WORD_LENGTH = 60

# Latin group → [(Cyrillic, cost)]
_TABLE: dict[str, tuple[tuple[str, float], ...]] = {
    "schtsch": (("щ", 0.0),), "shch": (("щ", 0.0),), "chtch": (("щ", 0.0),),
    "tsch": (("ч", 0.0),), "sch": (("ш", 0.3), ("щ", 0.9)), "shh": (("щ", 0.3),),
    "tch": (("ч", 0.2),), "zh": (("ж", 0.0),), "kh": (("х", 0.0),), "sh": (("ш", 0.0),),
    "ch": (("ч", 0.0), ("х", 0.8), ("ш", 1.0)), "ts": (("ц", 0.2), ("тс", 0.8)),
    "tz": (("ц", 0.3),), "tc": (("ц", 0.5),), "cz": (("ц", 0.5),), "dzh": (("дж", 0.0),),
    "iou": (("ю", 0.3),), "yu": (("ю", 0.0), ("ью", 0.6)), "iu": (("ю", 0.3), ("иу", 1.2)),
    "ju": (("ю", 0.2),), "ya": (("я", 0.0), ("ья", 0.6)), "ia": (("я", 0.4), ("ия", 0.4), ("ья", 0.8)),
    "ja": (("я", 0.2), ("ья", 0.9)), "ye": (("е", 0.4), ("ье", 0.4)), "je": (("е", 0.4), ("ье", 0.6)),
    "ie": (("ие", 0.5), ("ье", 0.6), ("е", 0.9)), "yo": (("ё", 0.3), ("йо", 0.6), ("ьо", 0.9)),
    "jo": (("ё", 0.3), ("йо", 0.6)), "io": (("ио", 0.4), ("ё", 0.9)), "ou": (("у", 0.3),),
    "iy": (("ий", 0.1),), "ij": (("ий", 0.2),), "ii": (("ий", 0.2), ("ии", 0.8)),
    "yi": (("ый", 0.3), ("ий", 0.6)), "yy": (("ый", 0.2),), "ph": (("ф", 0.5),),
    "ss": (("сс", 0.6), ("с", 0.3)), "gu": (("гу", 0.2), ("г", 0.8)),
    "a": (("а", 0.0),), "b": (("б", 0.0),), "c": (("ц", 0.5), ("к", 0.9)), "d": (("д", 0.0),),
    "e": (("е", 0.0), ("э", 0.9), ("ё", 1.3)), "f": (("ф", 0.0),), "g": (("г", 0.0),),
    "h": (("х", 0.3), ("г", 1.2)), "i": (("и", 0.0), ("й", 0.9)), "j": (("й", 0.3), ("ж", 1.2), ("дж", 1.2)),
    "k": (("к", 0.0),), "l": (("л", 0.0), ("ль", 0.7)), "m": (("м", 0.0),), "n": (("н", 0.0), ("нь", 0.9)), "o": (("о", 0.0), ("ё", 1.0)),
    "p": (("п", 0.0),), "q": (("к", 1.0),), "r": (("р", 0.0), ("рь", 1.0)), "s": (("с", 0.0), ("з", 1.0)),
    "t": (("т", 0.0), ("ть", 0.9)), "u": (("у", 0.0),), "v": (("в", 0.0),), "w": (("в", 0.3),),
    "x": (("кс", 0.2), ("х", 1.0)), "y": (("ы", 0.5), ("й", 0.5), ("и", 0.8)),
    "z": (("з", 0.0), ("ц", 0.9)), "č": (("ч", 0.0),), "š": (("ш", 0.0),), "ž": (("ж", 0.0),),
    "yë": (("ё", 0.0), ("ьё", 0.6)), "ŝ": (("щ", 0.0),), "û": (("ю", 0.0),), "â": (("я", 0.0),), "ë": (("ё", 0.0), ("е", 0.2)),
    "è": (("э", 0.0),), "ė": (("э", 0.0),), "ĭ": (("й", 0.0),), "ï": (("й", 0.3), ("и", 0.3)),
    "'": (("ь", 0.2), ("", 0.3)), "ʹ": (("ь", 0.0),), "ʺ": (("ъ", 0.0),), "’": (("ь", 0.2),),
    "`": (("ь", 0.3),), "-": (("-", 0.0),),
}  # fmt: skip
_ENDINGS: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = (
    ("tskiy", (("цкий", 0.0),)), ("tskii", (("цкий", 0.0),)), ("tskij", (("цкий", 0.0),)),
    ("tsky", (("цкий", 0.0),)), ("tski", (("цкий", 0.1),)), ("zki", (("цкий", 0.2),)),
    ("ckij", (("цкий", 0.1),)), ("skiy", (("ский", 0.0),)), ("skii", (("ский", 0.0),)), ("skij", (("ский", 0.0),)),
    ("sky", (("ский", 0.0),)), ("ski", (("ский", 0.1),)), ("y", (("ый", 0.3), ("ий", 0.4), ("ы", 0.9), ("й", 0.6))),
    ("ei", (("ей", 0.0), ("еи", 0.8))), ("ai", (("ай", 0.0), ("аи", 0.8))), ("oi", (("ой", 0.0), ("ои", 0.8))),
    ("ki", (("кий", 0.2), ("ки", 0.4))), ("i", (("и", 0.0), ("ий", 0.5))),
    ("ine", (("ин", 0.3), ("ине", 0.5))), ("off", (("ов", 0.3),)), ("ow", (("ов", 0.2),)), ("ew", (("ев", 0.2),)),
)  # fmt: skip
_LAT_VOWELS = frozenset("aeiouyj")
_CYR_VOWELS = frozenset("аеёиоуыэюя")
_MAXLEN = max(len(k) for k in _TABLE)
_BEAM = 40
_WORD_RE = re.compile(r"\S+")


def _readings(word: str) -> list[tuple[float, str]]:
    w = word.lower()
    ending: tuple[tuple[str, float], ...] = (("", 0.0),)
    body = w
    for suffix, reps in _ENDINGS:
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            body, ending = w[: -len(suffix)], reps
            break
    beams: list[list[tuple[float, str]]] = [[] for _ in range(len(body) + 1)]
    beams[0] = [(0.0, "")]
    for pos in range(len(body)):
        here = sorted(beams[pos])[:_BEAM]
        if not here:
            continue
        # reading a letter alone where it starts a known group costs extra
        grouped = any(body[pos : pos + k] in _TABLE for k in range(2, _MAXLEN + 1))
        for size in range(1, _MAXLEN + 1):
            piece = body[pos : pos + size]
            if len(piece) < size:
                break
            reps = _TABLE.get(piece)
            if reps is None:
                if size == 1 and not piece.isalpha():
                    reps = (("", 0.5),)
                elif size == 1:
                    reps = ((piece, 2.0),)
                else:
                    continue
            extra = 0.7 if size == 1 and grouped else 0.0
            nxt = body[pos + size : pos + size + 1]
            for cyr, c in reps:
                if cyr.endswith("ь") and len(cyr) == 2 and (not nxt or nxt in _LAT_VOWELS):
                    continue
                for cost, text in here:
                    if cyr == "й" and (not text or text[-1] not in _CYR_VOWELS):
                        continue
                    beams[pos + size].append((cost + c + extra, text + cyr))
    finals = sorted(beams[len(body)])[:_BEAM]
    return [(cost + ec, text + e) for cost, text in finals for e, ec in ending]


@lru_cache(maxsize=20_000)
def _word_candidates(word: str, limit: int) -> tuple[tuple[str, float], ...]:
    morph = morph_analyzer()
    targets = set(canon_variants(word))
    scored: dict[str, float] = {}
    for cost, cyr in _readings(word):
        cyr = re.sub(r"(.)\1\1+", r"\1\1", cyr)
        if not cyr or cyr in scored or cyr[0] in "ьъы":
            continue
        bonus = 0.0
        if is_known_given(cyr) and any(c in targets for c in canon_variants(cyr)):
            bonus += 2.0
        if morph.word_is_known(cyr):
            bonus += 1.0
            if any(t in p.tag for p in morph.parse(cyr)[:3] for t in ("Name", "Surn", "Patr")):
                bonus += 0.8
        if set(canon_variants(cyr)) & targets:
            bonus += 0.8
        scored[cyr] = cost - bonus
    ranked = sorted(scored.items(), key=lambda kv: kv[1])[:limit]
    if not ranked:
        return ()
    weights = [math.exp(-c) for _, c in ranked]
    total = sum(weights)
    out = []
    for (cyr, _), wgt in zip(ranked, weights, strict=True):
        cased = (
            "-".join(p[:1].upper() + p[1:] for p in cyr.split("-")) if word[:1].isupper() else cyr
        )
        out.append((cased, round(wgt / total, 4)))
    return tuple(out)


def to_cyrillic_candidates(latin: str, limit: int = 5) -> list[tuple[str, float]]:
    """Ranked Cyrillic readings of a Latin spelling in an unknown scheme, with shares in (0, 1].

    Raises :class:`InvalidNameError` for text longer than a name can be.

    >>> to_cyrillic_candidates("Kagarlitsky")[0][0]
    'Кагарлицкий'
    """
    if len(latin) > MAX_NAME_LENGTH:
        raise InvalidNameError(
            f"the text is {len(latin)} characters long; a name has at most {MAX_NAME_LENGTH}"
        )
    words = _WORD_RE.findall(latin.strip())[:6]
    if not words or limit <= 0:
        return []
    too_long = next((w for w in words if len(w) > MAX_WORD_LENGTH), None)
    if too_long is not None:
        raise InvalidNameError(
            f"a word of {len(too_long)} characters is too long for a name "
            f"(at most {MAX_WORD_LENGTH})"
        )
    per_word = [_word_candidates(w.strip(",."), max(limit, 3)) or ((w, 1.0),) for w in words]
    combos: list[tuple[str, float]] = [("", 1.0)]
    for cands in per_word:
        combos = sorted(
            ((f"{t} {c}".strip(), p * q) for t, p in combos for c, q in cands),
            key=lambda x: -x[1],
        )[:limit]
    total = sum(p for _, p in combos) or 1.0
    return [(t, round(p / total, 4)) for t, p in combos]
