"""Country packs: legal references, terms, regimes, sentence arithmetic and timelines.

Pure Python (no Django, no database). Each country's knowledge lives in readable TOML files
under ``habeas/law/data/<country>/``, with their sources; the modules here interpret them.
"""

from habeas.law.calendar import WorkCalendar, add_months, add_term
from habeas.law.errors import (
    LawError,
    LegalReferenceError,
    PackError,
    RegimeError,
    SentenceError,
    TermError,
    UnknownArticleError,
)
from habeas.law.pack import (
    Article,
    CodeInfo,
    CountryPack,
    Gravity,
    RegimeInfo,
    available_packs,
    load_pack,
)
from habeas.law.references import LegalReference, parse_references
from habeas.law.regimes import parse_regime
from habeas.law.terms import Term, parse_term

__all__ = [
    "Article",
    "CodeInfo",
    "CountryPack",
    "Gravity",
    "LawError",
    "LegalReference",
    "LegalReferenceError",
    "PackError",
    "RegimeError",
    "RegimeInfo",
    "SentenceError",
    "Term",
    "TermError",
    "UnknownArticleError",
    "WorkCalendar",
    "add_months",
    "add_term",
    "available_packs",
    "load_pack",
    "parse_references",
    "parse_regime",
    "parse_term",
]
