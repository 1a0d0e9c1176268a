"""Who may see what: audiences and confidentiality levels.

An audience sees a value when the value's confidentiality is within the audience's reach:
the public sees public values; internal staff see public and internal ones; the
confidential audience (named roles) sees everything.
"""

from __future__ import annotations

from enum import StrEnum

from habeas.vocabulary import Confidentiality


class Audience(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"


_REACH = {
    Audience.PUBLIC: {Confidentiality.PUBLIC},
    Audience.INTERNAL: {Confidentiality.PUBLIC, Confidentiality.INTERNAL},
    Audience.CONFIDENTIAL: set(Confidentiality),
}


def may_see(audience: Audience | str, confidentiality: Confidentiality | str) -> bool:
    """Whether ``audience`` may see a value of this confidentiality."""
    return Confidentiality(confidentiality) in _REACH[Audience(audience)]
