"""A name prepared once for fast comparison and indexing: :class:`NormalizedName`.

Each part keeps its nominative readings (several when the written form is ambiguous), their
canonical Latin spellings and skeletons, whether it is only an initial, and for the given
name the equivalence groups.  :func:`normalize` is cached on the input string.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from habeas.vocabulary import Gender

from .canon import canon_variants, is_cyrillic_word, skeleton
from .given_names import group_ids, groups
from .inflect import nominative_candidates
from .model import ParsedName
from .parse import parse_name

_UIDS = itertools.count(1)
_PATR_SUFFIX = re.compile(r"(ovich|evich|ovna|evna|inichna|ichna|ich|ogli|kizi)$")


@dataclass(frozen=True, slots=True)
class NamePart:
    """One part of a name, ready for matching."""

    text: str
    forms: tuple[str, ...]
    genders: tuple[Gender | None, ...]
    canons: tuple[str, ...]
    skeletons: frozenset[str]
    is_initial: bool
    cyrillic: bool
    groups: frozenset[int] = frozenset()
    canon_set: frozenset[str] = frozenset()
    stems: tuple[str, ...] = ()
    #: Canonical spellings of the part and of the full names of its given-name groups.
    full_canons: tuple[str, ...] = ()
    #: First letters under which the part is indexed (``si:`` keys).
    letters: frozenset[str] = frozenset()
    #: A number unique to this object, for cheap cache keys (not part of equality; 0 is
    #: never used: it stands for a missing part).
    uid: int = field(default_factory=lambda: next(_UIDS), compare=False)
    #: Canonical spelling → the first form that has it.
    form_of: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def first_letters(self) -> tuple[str, ...]:
        """Canonical spellings of the initial (or of the word's first sound)."""
        return self.canons


@dataclass(frozen=True, slots=True)
class NormalizedName:
    """A parsed name with every part prepared for :func:`habeas.names.compare`."""

    parsed: ParsedName
    surname: NamePart | None
    given: NamePart | None
    patronymic: NamePart | None
    gender: Gender | None


def _part(text: str | None, role: str, initial: bool) -> NamePart | None:
    if not text:
        return None
    return _part_cached(text, role, initial)


@lru_cache(maxsize=100_000)
def _part_cached(text: str, role: str, initial: bool) -> NamePart:
    cyr = is_cyrillic_word(text)
    if initial:
        letters = text.replace(".", "").replace(" ", "")
        canons = canon_variants(letters)
        return NamePart(
            text,
            (text,),
            (None,),
            canons,
            frozenset(),
            True,
            cyr,
            frozenset(),
            frozenset(canons),
            (),
            canons,
            frozenset(c[:1] for c in canons if c),
            form_of={c: text for c in canons},
        )
    words = text.split(" ")
    if cyr and len(words) == 1:
        cands = nominative_candidates(text, role)
    elif cyr:
        # particle patronymics and multi-word surnames: inflect the first word only
        head = (
            nominative_candidates(words[0], role) if role != "patronymic" else ((words[0], None),)
        )
        cands = tuple((f"{h} {' '.join(words[1:])}", g) for h, g in head)
    else:
        cands = ((text, None),)
    forms = tuple(c[0] for c in cands)
    genders = tuple(c[1] for c in cands)
    canons: list[str] = []
    form_of: dict[str, str] = {}
    for f in forms:
        for c in canon_variants(f):
            if c not in canons:
                canons.append(c)
            form_of.setdefault(c, f)
    skels = frozenset(skeleton(c) for c in canons)
    groups_: frozenset[int] = frozenset()
    if role == "given":
        for f in forms:
            groups_ |= group_ids(f)
    stems: tuple[str, ...] = ()
    if role == "patronymic":
        stems = tuple(_PATR_SUFFIX.sub("", c) if _PATR_SUFFIX.search(c) else "" for c in canons)
    group_canons = tuple(canon_variants(groups()[i].name)[0] for i in sorted(groups_))
    letters = {c[:1] for c in canons if c} | {c[:1] for c in group_canons if c}
    return NamePart(
        text,
        forms,
        genders,
        tuple(canons),
        skels,
        False,
        cyr,
        groups_,
        frozenset(canons),
        stems,
        tuple(canons) + group_canons,
        frozenset(letters),
        form_of=form_of,
    )


@lru_cache(maxsize=100_000)
def normalize(name: str | ParsedName) -> NormalizedName:
    """Parse (if needed) and prepare a name for comparison; cached per input."""
    parsed = name if isinstance(name, ParsedName) else parse_name(name)
    return NormalizedName(
        parsed,
        _part(parsed.surname, "surname", False),
        _part(parsed.given, "given", parsed.given_initial),
        _part(parsed.patronymic, "patronymic", parsed.patronymic_initial),
        parsed.gender,
    )
