"""Models of the registry app."""

from habeas.apps.registry.models.identity import LinkDecision, LinkRun, ReviewItem
from habeas.apps.registry.models.keys import NameKey
from habeas.apps.registry.models.names import PersonName
from habeas.apps.registry.models.notes import PersonNote
from habeas.apps.registry.models.person import Person
from habeas.apps.registry.models.record import SourceRecord
from habeas.apps.registry.models.words import NameWord

__all__ = [
    "LinkDecision",
    "LinkRun",
    "NameKey",
    "NameWord",
    "ReviewItem",
    "Person",
    "PersonName",
    "PersonNote",
    "SourceRecord",
]
