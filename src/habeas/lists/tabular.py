"""CSV, XLSX and JSON exports of a frozen release-list version.

Columns are the version's fields, in the profile's order; lists are joined with ``; ``.
Spreadsheet cells that would run as formulas are neutralised
(:func:`habeas.interchange.writers.safe_cell`). The JSON export is the version whole:
the content, its hash, and the signature with the public key when it was signed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from habeas.interchange.writers import safe_cell
from habeas.lists.profiles import LABELS

FORMATS = ("pdf", "csv", "xlsx", "json")


def cell_text(value: Any) -> str:
    """A field's value as one cell: lists joined with ``; ``, reasons as ``detail (+points)``,
    flags as ``yes``/``no``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(
            f"{v['detail']} (+{v['points']:g})" if isinstance(v, dict) else str(v) for v in value
        )
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def table_rows(content: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """The header (field codes) and one row of cell texts per person."""
    fields = list(content["fields"])
    return fields, [[cell_text(p.get(f)) for f in fields] for p in content["persons"]]


def write_csv(content: dict[str, Any], path: Path) -> int:
    """UTF-8 CSV with a header of field codes; returns the rows written."""
    header, rows = table_rows(content)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([safe_cell(c) for c in row])
    return len(rows)


def write_xlsx(
    content: dict[str, Any], path: Path, *, sha256: str, signature: str = "", public_key: str = ""
) -> int:
    """XLSX: sheet ``list`` (bilingual headings, one row per person), sheet ``version``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    header, rows = table_rows(content)
    book = Workbook()
    sheet = book.active
    sheet.title = "list"
    sheet.append([f"{LABELS[f][0]} / {LABELS[f][1]}" for f in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([safe_cell(c) for c in row])
    sheet.freeze_panes = "A2"
    meta = book.create_sheet("version")
    for key in ("list", "title", "version", "audience", "frozen_by", "frozen_at", "count"):
        meta.append([key, safe_cell(str(content.get(key, "")))])
    meta.append(["sha256", sha256])
    meta.append(["fields", ", ".join(header)])
    if signature:
        meta.append(["signature_ed25519", signature])
        meta.append(["public_key", public_key])
    book.save(path)
    return len(rows)


def version_document(
    content: dict[str, Any], *, sha256: str, signature: str = "", public_key: str = ""
) -> dict[str, Any]:
    """The JSON export: ``{content, sha256, signature, public_key}``."""
    return {
        "content": content,
        "sha256": sha256,
        "signature": signature or None,
        "public_key": public_key or None,
    }


def write_json(
    content: dict[str, Any], path: Path, *, sha256: str, signature: str = "", public_key: str = ""
) -> int:
    """The version whole, as JSON (UTF-8, indented); returns the persons written."""
    doc = version_document(content, sha256=sha256, signature=signature, public_key=public_key)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(content["persons"])


def export(
    content: dict[str, Any],
    path: Path,
    file_format: str,
    *,
    sha256: str,
    signature: str = "",
    public_key: str = "",
) -> int:
    """Write a version in ``file_format`` (pdf, csv, xlsx, json); returns the persons written.

    Raises:
        ValueError: an unknown format.
    """
    sig = {"sha256": sha256, "signature": signature, "public_key": public_key}
    if file_format == "pdf":
        from habeas.lists.pdf import write_pdf

        write_pdf(content, path, **sig)
        return len(content["persons"])
    if file_format == "csv":
        return write_csv(content, path)
    if file_format == "xlsx":
        return write_xlsx(content, path, **sig)
    if file_format == "json":
        return write_json(content, path, **sig)
    raise ValueError(f"unknown format {file_format!r}; use one of {', '.join(FORMATS)}")
