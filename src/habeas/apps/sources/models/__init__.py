"""Models of the sources app."""

from habeas.apps.sources.models.imports import ImportRun, SourceChange
from habeas.apps.sources.models.source import Source, SourceKind

__all__ = ["ImportRun", "Source", "SourceChange", "SourceKind"]
