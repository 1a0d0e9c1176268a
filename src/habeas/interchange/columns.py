"""The columns of the interchange format (documented in docs/import.md)."""

from __future__ import annotations

INTERCHANGE_COLUMNS: tuple[str, ...] = (
    "source_id",
    "name",
    "name_latin",
    "aliases",
    "gender",
    "birth_date",
    "region",
    "articles",
    "sentence",
    "regime",
    "facility",
    "facility_address",
    "status",
    "detained_on",
    "verdict_on",
    "released_on",
    "recognized_by",
    "source_url",
    "notes",
    "country",
)

#: Separates several values in one cell (aliases, recognising organisations).
LIST_SEPARATOR = "|"

#: Separates several legal references in the ``articles`` cell.
ARTICLE_SEPARATOR = ";"

REQUIRED_COLUMNS: tuple[str, ...] = ("name",)
