"""The input of record linkage: one source record, reduced to the facts that identify a person."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_ARTICLE = re.compile(r"(\d+(?:\.\d+)?)")


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """One source record as the linker sees it.

    ``record_id`` is the store's id of the source record (stable, grows with age: the
    smallest id of a cluster is its oldest member). Dates are interchange strings with their
    precision (``"1958-08-29"``, ``"1958-08"``, ``"1958"`` or ``""``); ``articles`` holds
    interchange references (``"RU-UK 205.2(2)"``) or bare ones (``"205.2(2)"``).
    """

    record_id: int
    source: str
    name: str
    name_latin: str = ""
    aliases: tuple[str, ...] = ()
    gender: str = ""
    birth_date: str = ""
    region: str = ""
    articles: tuple[str, ...] = ()
    case_number: str = ""
    facility: str = ""
    detained_on: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_interchange(
        cls, record_id: int, source: str, row_data: Mapping[str, Any]
    ) -> LinkRecord:
        """Build a record from ``InterchangeRow.to_data()`` (or any dict with those keys).

        A ``case_number`` key is used when present (the interchange format has none yet).
        """

        def text(key: str) -> str:
            value = row_data.get(key) or ""
            return str(value).strip()

        def items(key: str) -> tuple[str, ...]:
            value = row_data.get(key) or ()
            if isinstance(value, str):
                value = [v for v in re.split(r"[;|]", value)]
            return tuple(str(v).strip() for v in value if str(v).strip())

        return cls(
            record_id=int(record_id),
            source=str(source),
            name=text("name"),
            name_latin=text("name_latin"),
            aliases=items("aliases"),
            gender=text("gender"),
            birth_date=text("birth_date"),
            region=text("region"),
            articles=items("articles"),
            case_number=text("case_number"),
            facility=text("facility"),
            detained_on=text("detained_on"),
        )

    @property
    def article_numbers(self) -> tuple[str, ...]:
        """The article numbers without parts or code, sorted: ``("205.2", "280.3")``."""
        out: set[str] = set()
        for ref in self.articles:
            body = ref.split(" ", 1)[1] if " " in ref and not ref[0].isdigit() else ref
            m = _ARTICLE.search(body)
            if m:
                out.add(m.group(1))
        return tuple(sorted(out))
