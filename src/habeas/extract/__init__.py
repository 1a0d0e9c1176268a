"""Candidate facts from reports about political prisoners (issue 9).

``extract_text`` reads a Russian or English report (plain text, HTML or Markdown) and
returns the persons it names, each with a role and the facts found about them: Criminal
Code articles (by number or offence name), sentence, court, judge, facility, dates and
later changes, every value with the character spans it was read from. Pure Python: no
Django, no database, no model downloaded at run time.
"""

from __future__ import annotations

from habeas.extract.document import Document, read_document, to_plain
from habeas.extract.model import (
    Change,
    ChangeKind,
    ExtractionResult,
    PersonCandidate,
    Role,
    SentenceFacts,
)
from habeas.extract.pipeline import detect_language, extract_text

__all__ = [
    "Change",
    "ChangeKind",
    "Document",
    "ExtractionResult",
    "PersonCandidate",
    "Role",
    "SentenceFacts",
    "detect_language",
    "extract_text",
    "read_document",
    "to_plain",
]
