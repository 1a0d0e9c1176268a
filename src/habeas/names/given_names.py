"""Given-name equivalence: diminutives, Ukrainian/Belarusian and foreign forms (data-driven).

Groups come from ``data/given_names.toml``; a name in any script is looked up through its
canonical Latin spelling (see :mod:`habeas.names.canon`), so "Alexej", "Aleksei" and «Алексей»
land in the same group without each spelling being listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from habeas.vocabulary import Gender

from .canon import canon_variants
from .data import load


@dataclass(frozen=True, slots=True)
class NameGroup:
    """One full given name with its gender and every form that stands for it."""

    id: int
    name: str
    gender: Gender
    forms: tuple[str, ...]


@cache
def groups() -> tuple[NameGroup, ...]:
    """All given-name groups, in file order."""
    out = []
    for i, raw in enumerate(load("given_names")["group"]):
        forms = (raw["name"], *raw.get("forms", ()), *raw.get("foreign", ()))
        out.append(NameGroup(i, raw["name"], Gender(raw["gender"]), tuple(forms)))
    return tuple(out)


@cache
def _index() -> dict[str, frozenset[int]]:
    idx: dict[str, set[int]] = {}
    for g in groups():
        for form in g.forms:
            for c in canon_variants(form):
                idx.setdefault(c, set()).add(g.id)
    return {k: frozenset(v) for k, v in idx.items()}


_EXTRA_ALIASES: dict[str, set[int]] = {}
_EXTRA_CYRILLIC: set[str] = set()


@cache
def _cyrillic_forms() -> frozenset[str]:
    """The Cyrillic forms written in the data (lower case, «ё» as «е»)."""
    return frozenset(
        _fold(f) for g in groups() for f in g.forms if any("а" <= ch <= "я" for ch in _fold(f))
    )


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def is_listed_cyrillic(word: str) -> bool:
    """True when the Cyrillic ``word`` is written as such in the data (or added by
    :func:`add_alias`), not merely matched through its canonical Latin spelling.

    The canonical folding is lossy: «Анне» folds to "ane" like the listed "Anne", «Марии» to
    "mari" like «Мари», so a group match alone does not show that an inflected Cyrillic
    word is a nominative.
    """
    w = _fold(word)
    return w in _cyrillic_forms() or w in _EXTRA_CYRILLIC


def add_alias(form: str, full_name: str) -> None:
    """Declare ``form`` an alias of the group whose full name is ``full_name`` (at run time)."""
    target = [g.id for g in groups() if g.name == full_name]
    if not target:
        raise ValueError(f"no given-name group named {full_name!r}")
    idx = _index()
    _EXTRA_CYRILLIC.add(_fold(form))
    for c in canon_variants(form):
        idx_set = set(idx.get(c, frozenset())) | set(target)
        idx[c] = frozenset(idx_set)  # type: ignore[index]
    from .caches import clear_caches  # late import: caches imports every module

    clear_caches()


@lru_cache(maxsize=100_000)
def group_ids(word: str) -> frozenset[int]:
    """Ids of the groups ``word`` (nominative, any script) belongs to; empty if unknown."""
    idx = _index()
    found: set[int] = set()
    for c in canon_variants(word):
        found |= idx.get(c, frozenset())
    return frozenset(found)


def group_gender(ids: frozenset[int]) -> Gender | None:
    """The gender shared by all of the groups ``ids``, or None when unknown or mixed."""
    genders = {groups()[i].gender for i in ids}
    return genders.pop() if len(genders) == 1 else None


def is_known_given(word: str) -> bool:
    """True when ``word`` is a given name (or a form of one) in the data."""
    return bool(group_ids(word))


def full_forms(word: str) -> list[str]:
    """The full Russian names ``word`` may stand for ("Саша" → ["Александр", "Александра"])."""
    return [groups()[i].name for i in sorted(group_ids(word))]
