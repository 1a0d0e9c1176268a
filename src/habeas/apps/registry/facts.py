"""The models whose rows a source record asserts about its person (names, keys, cases with
their charges and sentences, custody, events, recognition, notes).

The rows themselves are built in the import's worker processes
(:mod:`habeas.interchange.facts`) and written by :mod:`habeas.apps.registry.importer`.
"""

from __future__ import annotations

from habeas.apps.cases.models import Case, CustodyPeriod, Event, Recognition
from habeas.apps.registry.models import NameKey, PersonName, PersonNote

#: Models whose rows a record asserts; deleting a record's facts deletes from these.
FACT_MODELS = (PersonName, NameKey, Case, CustodyPeriod, Event, Recognition, PersonNote)
