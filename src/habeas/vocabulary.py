"""The registry's controlled vocabularies, shared by the domain core, the store and the web.

Each vocabulary is a ``StrEnum`` whose values are the stable codes written to the database
and to exports; ``label`` gives an English label for interfaces (the web layer translates it).
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    """A StrEnum whose members carry a human label next to their code."""

    @property
    def label(self) -> str:
        """English label for the code: underscores become spaces, first letter capitalised."""
        return self.value.replace("_", " ").capitalize()

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """``(code, label)`` pairs, in declaration order, for forms and model fields."""
        return [(member.value, member.label) for member in cls]


class Gender(_Labelled):
    MALE = "male"
    FEMALE = "female"
    OTHER = "other"


class DatePrecision(_Labelled):
    """How much of a date is known: ``1987`` is YEAR, ``1987-03`` MONTH, a full date DAY."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class Script(_Labelled):
    CYRILLIC = "cyrillic"
    LATIN = "latin"
    MIXED = "mixed"
    OTHER = "other"


class NameKind(_Labelled):
    OFFICIAL = "official"
    ALIAS = "alias"
    TRANSLITERATION = "transliteration"
    MISSPELLING = "misspelling"
    FORMER = "former"


class Status(_Labelled):
    """A person's custody status, derived from the timeline and the sources' statements."""

    PRETRIAL_DETENTION = "pretrial_detention"
    HOUSE_ARREST = "house_arrest"
    RESTRICTED = "restricted"
    IMPRISONED = "imprisoned"
    COMPULSORY_TREATMENT = "compulsory_treatment"
    RELEASED = "released"
    EXCHANGED = "exchanged"
    ABROAD = "abroad"
    DIED = "died"
    UNKNOWN = "unknown"


class CustodyKind(_Labelled):
    DETENTION_AFTER_ARREST = "detention_after_arrest"
    PRETRIAL_DETENTION = "pretrial_detention"
    HOUSE_ARREST = "house_arrest"
    BAN_ON_ACTIONS = "ban_on_actions"
    COLONY = "colony"
    PRISON = "prison"
    COMPULSORY_TREATMENT = "compulsory_treatment"
    STRICT_CONDITIONS = "strict_conditions"


class EventKind(_Labelled):
    DETAINED = "detained"
    CHARGED = "charged"
    VERDICT = "verdict"
    APPEAL = "appeal"
    CASSATION = "cassation"
    TRANSFER = "transfer"
    PUNISHMENT_CELL = "punishment_cell"
    HUNGER_STRIKE = "hunger_strike"
    HEALTH_EMERGENCY = "health_emergency"
    RELEASED = "released"
    DIED_IN_CUSTODY = "died_in_custody"
    LEFT_COUNTRY = "left_country"


class ReleaseKind(_Labelled):
    TERM_SERVED = "term_served"
    PARDON = "pardon"
    EXCHANGE = "exchange"
    ACQUITTAL = "acquittal"
    PAROLE = "parole"
    DEPORTATION = "deportation"
    AMNESTY = "amnesty"
    OTHER = "other"


class Regime(_Labelled):
    """Custodial regimes (RU UK art. 58); other countries map their own onto these codes."""

    SETTLEMENT = "settlement"
    GENERAL = "general"
    STRICT = "strict"
    SPECIAL = "special"
    PRISON = "prison"
    EDUCATIONAL = "educational"


class FacilityType(_Labelled):
    PRETRIAL_CENTRE = "pretrial_centre"
    TEMPORARY_DETENTION = "temporary_detention"
    COLONY = "colony"
    COLONY_SETTLEMENT = "colony_settlement"
    JUVENILE_COLONY = "juvenile_colony"
    MEDICAL_COLONY = "medical_colony"
    PRISON = "prison"
    PSYCHIATRIC_HOSPITAL = "psychiatric_hospital"
    OTHER = "other"


class Confidentiality(_Labelled):
    """Who may see a field: everyone, the organisations' staff, or named roles only."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"


class Reliability(_Labelled):
    """How far a source is trusted; used by the canonical profile's precedence."""

    VERIFIED = "verified"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    UNKNOWN = "unknown"


RELEASED_STATUSES = frozenset({Status.RELEASED, Status.EXCHANGED, Status.ABROAD, Status.DIED})
