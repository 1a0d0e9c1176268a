"""Registry statistics: counts, monthly series and sentence lengths as of any date, and
accessible SVG charts of them.

Pure Python (no Django): the registry hands over plain :class:`PersonFacts` (see
``habeas.apps.cases.statistics``); statuses on past dates come from :mod:`habeas.law.timeline`.
"""

from habeas.stats.compute import AGE_BANDS, age_band, compute_stats, held_person_ids, status_of
from habeas.stats.facts import CustodyFact, EventFact, PersonFacts, SentenceFact

__all__ = [
    "AGE_BANDS",
    "CustodyFact",
    "EventFact",
    "PersonFacts",
    "SentenceFact",
    "age_band",
    "compute_stats",
    "held_person_ids",
    "status_of",
]
