"""The interchange format (docs/import.md): value formatting and the clean benchmark CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from .model import DemoPerson
from .translit import latin

INTERCHANGE_COLUMNS = (
    "source_id", "name", "name_latin", "aliases", "gender", "birth_date", "region", "articles",
    "sentence", "regime", "facility", "facility_address", "status", "detained_on",
    "verdict_on", "released_on", "recognized_by", "source_url", "notes", "country",
)  # fmt: skip


def iso(d: date | None) -> str:
    """``YYYY-MM-DD`` or empty."""
    return d.isoformat() if d else ""


def birth_iso(d: date, precision: str) -> str:
    """A birth date at its precision: ``1985``, ``1985-03`` or ``1985-03-12``."""
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return f"{d.year}-{d.month:02d}"
    return d.isoformat()


def sentence_code(months: int | None) -> str:
    """Interchange term: ``8y6m``, ``5y``, ``6m``."""
    if not months:
        return ""
    y, m = divmod(months, 12)
    return (f"{y}y" if y else "") + (f"{m}m" if m else "")


def _ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def sentence_ru(months: int | None) -> str:
    """Russian term: «8 лет 6 месяцев», «1 год», «3 года 2 месяца»."""
    if not months:
        return ""
    y, m = divmod(months, 12)
    parts = []
    if y:
        parts.append(f"{y} {_ru_plural(y, 'год', 'года', 'лет')}")
    if m:
        parts.append(f"{m} {_ru_plural(m, 'месяц', 'месяца', 'месяцев')}")
    return " ".join(parts)


def sentence_en(months: int | None) -> str:
    """English term: ``8 years 6 months``, ``1 year``."""
    if not months:
        return ""
    y, m = divmod(months, 12)
    parts = []
    if y:
        parts.append(f"{y} year{'s' if y != 1 else ''}")
    if m:
        parts.append(f"{m} month{'s' if m != 1 else ''}")
    return " ".join(parts)


def article_ru(cite: str) -> str:
    """``207.3(2)`` -> «ч. 2 ст. 207.3 УК РФ»; ``275`` -> «ст. 275 УК РФ»."""
    number, _, part = cite.partition("(")
    part = part.rstrip(")")
    return f"ч. {part} ст. {number} УК РФ" if part else f"ст. {number} УК РФ"


def interchange_row(p: DemoPerson) -> dict[str, str]:
    """The person's true facts as one clean interchange row."""
    custody = p.punishment == "custody"
    notes = p.notes
    if p.punishment == "suspended":
        notes = f"{sentence_ru(p.sentence_months)} условно"
    return {
        "source_id": p.key,
        "name": p.full_name,
        "name_latin": latin(f"{p.given} {p.surname}", "wikipedia"),
        "aliases": "",
        "gender": p.gender,
        "birth_date": birth_iso(p.birth_date, p.birth_precision),
        "region": p.region or "",
        "articles": "; ".join(p.articles),
        "sentence": sentence_code(p.sentence_months) if custody else "",
        "regime": p.regime or "",
        "facility": p.facility.name if p.facility else "",
        "facility_address": p.facility.address if p.facility else "",
        "status": p.status,
        "detained_on": iso(p.detained_on),
        "verdict_on": iso(p.verdict_on),
        "released_on": iso(p.released_on),
        "recognized_by": "|".join(p.recognized_by),
        "source_url": p.source_url or "",
        "notes": notes,
        "country": "RU",
    }


def write_interchange_csv(people: Iterable[DemoPerson], path: Path) -> int:
    """Write every person as one clean UTF-8 interchange CSV (for benchmarks); returns rows."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=INTERCHANGE_COLUMNS)
        writer.writeheader()
        for p in people:
            writer.writerow(interchange_row(p))
            n += 1
    return n
