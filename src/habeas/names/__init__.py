"""Personal names across scripts, schemes, orders and case forms (pure domain code).

Public API: :func:`parse_name`, :func:`detect_script`, :func:`search_keys`, :func:`compare`,
:func:`transliterate`, :data:`SCHEMES`, :func:`to_cyrillic_candidates`, :func:`nominative`,
:func:`variants`, :class:`NameIndex`.  See ``docs/names.md``.
"""

from __future__ import annotations

from .compare import DEFAULT_THRESHOLD, Comparison, PartMatch, compare, compare_normalized
from .index import Hit, NameIndex
from .keys import search_keys
from .model import InvalidNameError, NameError_, ParsedName
from .normalize import NormalizedName, normalize
from .parse import parse_name
from .reverse import to_cyrillic_candidates
from .scripts import detect_script
from .transliterate import SCHEMES, transliterate
from .variants import nominative, variants

__all__ = [
    "DEFAULT_THRESHOLD",
    "SCHEMES",
    "Comparison",
    "Hit",
    "NameIndex",
    "InvalidNameError",
    "NameError_",
    "NormalizedName",
    "ParsedName",
    "PartMatch",
    "compare",
    "compare_normalized",
    "detect_script",
    "nominative",
    "normalize",
    "parse_name",
    "search_keys",
    "to_cyrillic_candidates",
    "transliterate",
    "variants",
]
