"""Search keys: short script-independent strings for an indexed equality lookup.

Kinds (the prefix says which):

* ``s:<skeleton>`` — surname skeleton (consonant classes, vowels and gender endings gone);
* ``sg:<skeleton>|<given>`` — surname plus given name, the given name as the canonical
  spelling of its full form when known (so Саша and Alexander share a key);
* ``si:<skeleton>|<letter>`` — surname plus the first letter of the given name or initial;
* ``p:<first three classes>`` — a coarse surname prefix, for typo-tolerant recall.

Registry names and queries go through the same function; a query matches a record when they
share a key of the same kind (queries with initials use ``si:``; plain surnames ``s:``).
"""

from __future__ import annotations

from functools import lru_cache

from .canon import canon
from .given_names import groups
from .model import InvalidNameError, ParsedName
from .normalize import NamePart, NormalizedName, normalize

MAX_KEY_LENGTH = 48


@lru_cache(maxsize=50_000)
def _given_keys(part: NamePart) -> frozenset[str]:
    if part.groups:
        all_groups = groups()
        return frozenset(canon(all_groups[i].name) for i in part.groups)
    return frozenset({"~" + s for s in part.skeletons if s} or {"~" + part.canons[0]})


_KEY_CACHE: dict[tuple[int, int], frozenset[str]] = {}
_KEY_CACHE_MAX = 50_000


def _keys(surname: NamePart | None, given: NamePart | None) -> frozenset[str]:
    out: set[str] = set()
    surnames: list[NamePart] = [surname] if surname else []
    if given is not None and not given.is_initial and not given.groups and surname:
        # order uncertain (neither word a known given name): index the other reading too
        surnames.append(given)
    for s_part in surnames:
        is_main = s_part is surname
        other = given if is_main else surname
        for skel in s_part.skeletons or {s_part.canons[0]}:
            if not skel:
                continue
            out.add(f"s:{skel}")
            out.add(f"p:{skel[:3]}")
            if other is None:
                continue
            for letter in other.letters:
                out.add(f"si:{skel}|{letter}")
            if not other.is_initial:
                for g in _given_keys(other) if is_main else {"~" + x for x in other.skeletons}:
                    out.add(f"sg:{skel}|{g}")
    return frozenset(k[:MAX_KEY_LENGTH] for k in out)


def keys_for(norm: NormalizedName) -> set[str]:
    """The search keys of an already normalised name (cached per surname and given name)."""
    sur, giv = norm.surname, norm.given
    ck = (sur.uid if sur else 0, giv.uid if giv else 0)
    found = _KEY_CACHE.get(ck)
    if found is None:
        if len(_KEY_CACHE) >= _KEY_CACHE_MAX:
            _KEY_CACHE.clear()
        found = _KEY_CACHE[ck] = _keys(sur, giv)
    return set(found)


def clear_key_cache() -> None:
    """Forget cached keys (after the given-name data changed)."""
    _KEY_CACHE.clear()
    _given_keys.cache_clear()


def search_keys(text: str | ParsedName) -> set[str]:
    """Index keys of a name in any script, order or case form (empty set for a non-name).

    «Кагарлицкий Борис Юльевич», «Кагарлицкого», "Kagarlitskiy", "KAGARLITSKII BORIS" and
    the German "Kagarlizki" all share ``s:kgrlsk``; with a given name they share ``sg:`` too.
    """
    try:
        return keys_for(normalize(text))
    except InvalidNameError:
        return set()
