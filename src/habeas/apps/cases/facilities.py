"""What a facility's name, as lists give it, says about its type, number and region."""

from __future__ import annotations

import re

from habeas.vocabulary import FacilityType

# Abbreviations of Russian facility types (UIK art. 74; see shared domain notes) → type.
_TYPE_PATTERNS: tuple[tuple[re.Pattern[str], FacilityType], ...] = (
    (re.compile(r"\bСИЗО\b|\bSIZO\b|pre-?trial", re.IGNORECASE), FacilityType.PRETRIAL_CENTRE),
    (re.compile(r"\bЛИУ\b|\bLIU\b", re.IGNORECASE), FacilityType.MEDICAL_COLONY),
    (re.compile(r"\bКП\b|колония-поселение|\bKP\b", re.IGNORECASE), FacilityType.COLONY_SETTLEMENT),
    (re.compile(r"\bВК\b|воспитательн|\bVK\b", re.IGNORECASE), FacilityType.JUVENILE_COLONY),
    (re.compile(r"\bИК\b|колони|\bIK\b|colony", re.IGNORECASE), FacilityType.COLONY),
    (re.compile(r"\bТ-\d|тюрьм|централ|prison", re.IGNORECASE), FacilityType.PRISON),
    (re.compile(r"\bИВС\b|\bIVS\b", re.IGNORECASE), FacilityType.TEMPORARY_DETENTION),
    (re.compile(r"психиатр|psychiatr", re.IGNORECASE), FacilityType.PSYCHIATRIC_HOSPITAL),
)
_NUMBER = re.compile(r"(?:ИК|СИЗО|ЛИУ|КП|ВК|Т|IK|SIZO|LIU|KP|VK|T)-(\d+)", re.IGNORECASE)
_REGION = re.compile(r"по\s+(.+?)\s*»?\s*$")


def classify_facility(name: str) -> tuple[FacilityType, str, str]:
    """The type, number and region a facility's name reveals (empty strings if not)."""
    kind = next((t for pattern, t in _TYPE_PATTERNS if pattern.search(name)), FacilityType.OTHER)
    number = m.group(1) if (m := _NUMBER.search(name)) else ""
    region = m.group(1).strip(' »"') if (m := _REGION.search(name)) else ""
    return kind, number, region
