"""The generic fact record produced by the recognisers and attached to persons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from habeas.extract.model import Span


@dataclass(slots=True)
class Fact:
    """One candidate fact found at ``span`` in the plain text.

    ``kind`` is one of ``article``, ``term``, ``regime``, ``fine``, ``suspended``,
    ``in_absentia``, ``change``, ``date``, ``court``, ``facility``; ``value`` depends
    on the kind (an article string, a ``Term``, a ``Change``, a ``(date_kind, date)``…).
    """

    kind: str
    span: Span
    value: Any

    @property
    def start(self) -> int:
        """Start offset of the evidence."""
        return self.span[0]
