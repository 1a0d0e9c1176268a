"""Comparing two names: a score in [0, 1], a verdict and a structured explanation.

Each part (surname, given name, patronymic) is aligned and classified — identical, same
after inflection, same under a transliteration scheme, another spelling, an equivalent given
name (diminutive or foreign form), phonetic, edit distance, initial only, missing — and
what speaks against the match (another given name or patronymic, another gender, another
initial) caps the score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel, Levenshtein

from habeas.vocabulary import Gender

from .canon import is_cyrillic_word
from .inflect import surname_lemmas
from .model import InvalidNameError, ParsedName
from .normalize import NamePart, NormalizedName, normalize
from .reverse import to_cyrillic_candidates
from .transliterate import SCHEMES, transliterate

#: Score at or above which two names are taken for the same person.
DEFAULT_THRESHOLD = 0.8

_WEIGHTS = {"surname": 0.5, "given": 0.3, "patronymic": 0.2}


@dataclass(frozen=True, slots=True)
class PartMatch:
    """How one part of the two names matched.

    ``how`` is one of: identical, inflection, scheme, spelling, equivalent, phonetic, edit,
    initial, missing, different.  ``a_form``/``b_form`` are the aligned (nominative) forms.
    """

    part: str
    a: str | None
    b: str | None
    how: str
    score: float
    a_form: str | None = None
    b_form: str | None = None
    distance: int | None = None
    schemes: tuple[str, ...] = ()
    conflict: bool = False
    #: The part's weight in the total (0 when missing, halved for an initial); set on init.
    weight: float = field(default=0.0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.how != "missing":
            w = _WEIGHTS[self.part]
            object.__setattr__(self, "weight", w * 0.5 if self.how == "initial" else w)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "part": self.part,
            "a": self.a,
            "b": self.b,
            "how": self.how,
            "score": round(self.score, 4),
            "a_form": self.a_form,
            "b_form": self.b_form,
            "distance": self.distance,
            "schemes": list(self.schemes),
            "conflict": self.conflict,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of :func:`compare`: score, verdict and explanation."""

    score: float
    same: bool
    threshold: float
    parts: tuple[PartMatch, ...]
    swapped: bool
    against: tuple[str, ...]
    a: ParsedName
    b: ParsedName

    @property
    def explanation(self) -> dict[str, object]:
        """Per-part alignment, whether the order was swapped, and what speaks against."""
        return {
            "parts": [p.to_dict() for p in self.parts],
            "swapped_order": self.swapped,
            "against": list(self.against),
        }

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: ``score``, ``same``, ``threshold``, ``a``, ``b``, ``explanation``."""
        return {
            "score": round(self.score, 4),
            "same": self.same,
            "threshold": self.threshold,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "explanation": self.explanation,
        }


def _form_for(part: NamePart, canonical: str) -> str:
    return part.form_of.get(canonical, part.forms[0])


@lru_cache(maxsize=50_000)
def _schemes_matching(cyr: str, latin: str) -> tuple[str, ...]:
    target = latin.casefold()
    return tuple(s for s in SCHEMES if transliterate(cyr, s).casefold() == target)


def _exact_kind(pa: NamePart, pb: NamePart, c: str, role: str) -> PartMatch:
    fa, fb = _form_for(pa, c), _form_for(pb, c)
    schemes: tuple[str, ...] = ()
    if pa.text.casefold() == pb.text.casefold():
        how = "identical"
    elif pa.cyrillic and pb.cyrillic:
        how = "inflection" if fa.casefold() == fb.casefold() else "spelling"
    elif pa.cyrillic != pb.cyrillic:
        cyr, lat = (fa, pb.text) if pa.cyrillic else (fb, pa.text)
        schemes = _schemes_matching(cyr, lat)
        how = "scheme" if schemes else "spelling"
    else:
        how = "spelling"
    return PartMatch(role, pa.text, pb.text, how, 1.0, fa, fb, 0, schemes)


def _initial_ok(pi: NamePart, pf: NamePart) -> bool:
    for ini in pi.canons:
        for full in pf.full_canons:
            if full.startswith(ini) or (pf.is_initial and ini.startswith(full)):
                return True
            # a Latin Y./J./I. stands for Е, Ё, Ю, Я as well as И
            if ini == "i" and not pi.cyrillic and full[:1] == "e":
                return True
    return False


_MATCH_CACHE: dict[tuple[int, int, str], PartMatch] = {}
_MATCH_CACHE_MAX = 200_000


def _match_cached(pa: NamePart | None, pb: NamePart | None, role: str) -> PartMatch:
    """:func:`_match`, remembered per pair of parts (parts are shared between names)."""
    key = (pa.uid if pa else 0, pb.uid if pb else 0, role)
    found = _MATCH_CACHE.get(key)
    if found is None:
        if len(_MATCH_CACHE) >= _MATCH_CACHE_MAX:
            _MATCH_CACHE.clear()
        found = _MATCH_CACHE[key] = _match(pa, pb, role)
    return found


def clear_match_cache() -> None:
    """Forget remembered part comparisons (after the given-name data changed)."""
    _MATCH_CACHE.clear()


def _match(pa: NamePart | None, pb: NamePart | None, role: str) -> PartMatch:
    if pa is None or pb is None:
        return PartMatch(role, pa.text if pa else None, pb.text if pb else None, "missing", 0.0)
    if pa.is_initial or pb.is_initial:
        pi, pf = (pa, pb) if pa.is_initial else (pb, pa)
        if _initial_ok(pi, pf):
            return PartMatch(role, pa.text, pb.text, "initial", 0.9)
        return PartMatch(role, pa.text, pb.text, "different", 0.0, conflict=True)
    common = pa.canon_set & pb.canon_set
    if common:
        c = next(x for x in pa.canons if x in common)
        return _exact_kind(pa, pb, c, role)
    if pa.groups and pb.groups:
        if pa.groups & pb.groups:
            return PartMatch(role, pa.text, pb.text, "equivalent", 0.97, pa.forms[0], pb.forms[0])
        return PartMatch(
            role, pa.text, pb.text, "different", 0.0, pa.forms[0], pb.forms[0], conflict=True
        )
    best, ba, bb = -1.0, "", ""
    sa = [x for x in pa.stems if x]
    sb = [y for y in pb.stems if y]
    if sa and sb and (pa.cyrillic or pb.cyrillic):
        # a patronymic's -ovich/-evna ending was recognised under some reading of each
        stem_sim = max(Indel.normalized_similarity(x, y) for x in sa for y in sb)
        if stem_sim < 0.8:
            return PartMatch(
                role, pa.text, pb.text, "different", 0.0, pa.forms[0], pb.forms[0], conflict=True
            )
    for x in pa.canons:
        for y in pb.canons:
            r = Indel.normalized_similarity(x, y)
            if r > best:
                best, ba, bb = r, x, y
    fa, fb = _form_for(pa, ba), _form_for(pb, bb)
    dist = Levenshtein.distance(ba, bb)
    if role == "surname" and (
        _suffixed(ba, bb) or (not _transposed(ba, bb) and _two_surnames(fa, fb))
    ):
        # Носов / Носков, Малышев / Мальцев, Головин / "Golovkin": each spelling is a surname
        # of its own, so the difference tells two names apart; a slip of the pen (Бирдков)
        # seldom makes a real surname, and is still scored as an edit below; two letters
        # swapped (Жданов / Жаднов) are the commonest slip, so they stay an edit.  A
        # surname suffix added to the other (Мельник / Мельников) makes another surname too
        return PartMatch(role, pa.text, pb.text, "different", 0.0, fa, fb, dist)
    if pa.skeletons & pb.skeletons and best >= 0.75 and ba[:1] == bb[:1]:
        score = max(0.93, best)
        return PartMatch(role, pa.text, pb.text, "phonetic", score, fa, fb, dist)
    # map the similarity so that one edit in a short word is weak evidence
    score = max(0.0, min(1.0, (best - 0.6) / 0.4))
    how = "edit" if score >= 0.3 else "different"
    conflict = how == "different" and role != "surname"
    return PartMatch(role, pa.text, pb.text, how, score, fa, fb, dist, (), conflict)


_SURNAME_SUFFIXES = ("ov", "ev", "in", "yn", "ova", "eva", "ina", "yna")


def _suffixed(x: str, y: str) -> bool:
    """True when one canonical spelling is the other with a Russian surname suffix added
    ("melnik" / "melnikov"): a patronymic surname formed from the other word, not a slip."""
    short, long_ = sorted((x, y), key=len)
    return len(short) >= 3 and long_.startswith(short) and long_[len(short) :] in _SURNAME_SUFFIXES


def _transposed(x: str, y: str) -> bool:
    """True when ``x`` and ``y`` differ only by two neighbouring letters swapped."""
    return OSA.distance(x, y) == 1 and Levenshtein.distance(x, y) == 2


@lru_cache(maxsize=50_000)
def _attested_readings(form: str) -> frozenset[str]:
    """The attested surnames (masculine lemmas) ``form`` spells: its own when Cyrillic, else
    those of its likeliest Cyrillic readings — any of the first three at least half as likely
    as the first ("Golovkina" → {головкин}; "Mikhalov" → {}: «Михалов» is not in the
    dictionary, and the less likely «Михалёв» does not count)."""
    if is_cyrillic_word(form):
        return surname_lemmas(form)
    if " " in form:
        return frozenset()
    try:
        readings = to_cyrillic_candidates(form, limit=3)
    except InvalidNameError:
        return frozenset()
    if not readings:
        return frozenset()
    top = readings[0][1]
    return frozenset().union(*(surname_lemmas(r) for r, share in readings if share >= top / 2))


def _two_surnames(fa: str, fb: str) -> bool:
    """True when the nominatives ``fa`` and ``fb`` are both attested surnames in pymorphy3's
    dictionary and share no lemma (Смирнов and Smirnova share one): two names rather than
    one name and a typo.  A Latin spelling counts through its likeliest Cyrillic readings."""
    ra = _attested_readings(fa)
    if not ra:
        return False
    rb = _attested_readings(fb)
    return bool(rb) and not (ra & rb)


def _combine(
    sur: PartMatch, giv: PartMatch, pat: PartMatch, ga: Gender | None, gb: Gender | None
) -> tuple[float, list[str]]:
    weight = sur.weight + giv.weight + pat.weight
    score = (
        (sur.weight * sur.score + giv.weight * giv.score + pat.weight * pat.score) / weight
        if weight
        else 0.0
    )
    against: list[str] = []
    if sur.how == "missing":
        score *= 0.6 if (sur.a or sur.b) else 0.75
    elif sur.how == "different":
        against.append(f"different surname: {sur.a} ≠ {sur.b}")
    if giv.how == "missing":
        score *= 0.9 if (giv.a or giv.b) else 0.85
    elif giv.conflict:
        against.insert(0, f"different given: {giv.a} ≠ {giv.b}")
        score = min(score, 0.45)
    if pat.conflict:
        against.insert(1 if giv.conflict else 0, f"different patronymic: {pat.a} ≠ {pat.b}")
        score = min(score, 0.55)
    if ga is not gb and ga is not None and gb is not None and Gender.OTHER not in (ga, gb):
        against.append(f"gender: {ga.value} ≠ {gb.value}")
        score = min(score, 0.5)
    return score, against


def compare_normalized(
    a: NormalizedName, b: NormalizedName, threshold: float = DEFAULT_THRESHOLD
) -> Comparison:
    """Compare two prepared names (the fast path used by indexes and batch jobs)."""
    cache = _MATCH_CACHE
    sa, sb, ga, gb, pa, pb = a.surname, b.surname, a.given, b.given, a.patronymic, b.patronymic
    sur = cache.get((sa.uid if sa else 0, sb.uid if sb else 0, "surname"))
    if sur is None:
        sur = _match_cached(sa, sb, "surname")
    giv = cache.get((ga.uid if ga else 0, gb.uid if gb else 0, "given"))
    if giv is None:
        giv = _match_cached(ga, gb, "given")
    pat = cache.get((pa.uid if pa else 0, pb.uid if pb else 0, "patronymic"))
    if pat is None:
        pat = _match_cached(pa, pb, "patronymic")
    score, against = _combine(sur, giv, pat, a.gender, b.gender)
    swapped = False
    if (
        score < threshold
        and a.surname
        and a.given
        and b.surname
        and b.given
        and not (a.given.is_initial or b.given.is_initial)
    ):
        s2 = _match_cached(a.surname, b.given, "surname")
        g2 = _match_cached(a.given, b.surname, "given")
        score2, against2 = _combine(s2, g2, pat, a.gender, b.gender)
        score2 *= 0.97
        if score2 > score:
            sur, giv, score, against, swapped = s2, g2, score2, against2, True
    score = round(min(1.0, max(0.0, score)), 6)
    return Comparison(
        score,
        score >= threshold,
        threshold,
        (sur, giv, pat),
        swapped,
        tuple(against),
        a.parsed,
        b.parsed,
    )


def compare(
    a: str | ParsedName, b: str | ParsedName, threshold: float = DEFAULT_THRESHOLD
) -> Comparison:
    """Compare two names in any script, order or case form.

    Raises :class:`habeas.names.InvalidNameError` when either is not a name.
    """
    return compare_normalized(normalize(a), normalize(b), threshold)
