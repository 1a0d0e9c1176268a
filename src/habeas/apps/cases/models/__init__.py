"""Models of the cases app. Every fact row points to the source record that asserts it."""

from habeas.apps.cases.models.case import Case, Charge, Sentence
from habeas.apps.cases.models.facility import Facility, FacilityAddress
from habeas.apps.cases.models.timeline import CustodyPeriod, Event, Recognition

__all__ = [
    "Case",
    "Charge",
    "CustodyPeriod",
    "Event",
    "Facility",
    "FacilityAddress",
    "Recognition",
    "Sentence",
]
