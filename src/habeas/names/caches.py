"""Clearing the package's caches: for benchmarks, tests and after the name data changed.

Every step of name handling is cached — per word (canonical spellings, nominative readings,
role fits, transliterations), per name part (:class:`~habeas.names.normalize.NamePart`),
per pair of parts (comparisons) and per whole name (parse, normalisation, keys).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

# Cached loaders of data files and of the morphological analyser: built once, never stale.
_KEEP = frozenset(
    {
        "load",
        "morph_analyzer",
        "groups",
        "_index",
        "_particles",
        "_indeclinable_endings",
        "_patterns",
        "_scored_patterns",
        "_role_order",
    }
)
_MODULES = (
    "canon",
    "compare",
    "given_names",
    "inflect",
    "keys",
    "normalize",
    "parse",
    "reverse",
    "scripts",
    "transliterate",
    "variants",
)
#: Caches that hold results for whole names (the rest hold per-word or per-part results).
_NAME_LEVEL = frozenset({"normalize", "parse_name"})


def _cached_functions() -> dict[str, Callable[[], None]]:
    found: dict[str, Callable[[], None]] = {}
    for short in _MODULES:
        module = importlib.import_module(f"habeas.names.{short}")
        for name, obj in vars(module).items():
            clear = getattr(obj, "cache_clear", None)
            if callable(clear) and name not in _KEEP:
                found[f"{getattr(obj, '__module__', short)}.{name}"] = clear
    return found


def clear_caches(*, words: bool = True) -> None:
    """Forget cached results.

    With ``words=False`` only whole-name results are dropped (parses, normalised names, keys,
    part comparisons), so that new names are measured with the per-word caches warm.
    """
    from .compare import clear_match_cache
    from .keys import clear_key_cache
    from .variants import clear_readings_cache

    clear_match_cache()
    clear_key_cache()
    clear_readings_cache()
    for qualified, clear in _cached_functions().items():
        if words or qualified.rsplit(".", 1)[-1] in _NAME_LEVEL:
            clear()
