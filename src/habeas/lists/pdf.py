"""The bilingual (Russian and English) PDF of a frozen release-list version.

fpdf2 writes the PDF with DejaVu Sans embedded (subset), so Cyrillic and Latin render the
same everywhere. Every page has a header with the list's title, version, date, audience and
content hash, the column headings in both languages, and a footer with the page number;
each row is one person with the stable registry reference (``HBS-000042``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

from habeas.lists.profiles import LABELS
from habeas.lists.selection import sentence_label

REGIMES = {
    "settlement": ("колония-поселение", "settlement"),
    "general": ("общий", "general"),
    "strict": ("строгий", "strict"),
    "special": ("особый", "special"),
    "prison": ("тюрьма", "prison"),
    "educational": ("воспитательная", "educational"),
}
AUDIENCES = {
    "counterpart": ("для переговоров", "for the negotiating counterpart"),
    "public": ("публичная", "public"),
    "internal": ("внутренняя", "internal"),
}
#: Columns the PDF shows (when the version has the field), with relative widths.
COLUMNS = (
    ("ref", 1.4),
    ("name", 4.6),
    ("birth_date", 1.3),
    ("status", 1.6),
    ("articles", 1.5),
    ("sentence", 1.9),
    ("facility", 4.0),
    ("priority", 0.9),
)
FONT = "DejaVu"
RECONSTRUCTED_MARK = "†"
RECONSTRUCTED_NOTE = (
    f"{RECONSTRUCTED_MARK} ФИО кириллицей восстановлено по латинскому написанию и не проверено. / "
    "Cyrillic spelling reconstructed from the Latin one; not yet verified."
)


def _font_path(name: str) -> Path:
    return Path(__file__).with_name("fonts") / name


class _ListPDF(FPDF):
    def __init__(self, meta: dict[str, Any]) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.meta = meta
        self.add_font(FONT, "", _font_path("DejaVuSans.ttf"))
        self.add_font(FONT, "B", _font_path("DejaVuSans-Bold.ttf"))
        self.set_margins(10, 10, 10)
        self.set_auto_page_break(True, margin=14)
        self.alias_nb_pages()
        self.set_title(f"{meta['title']} — v{meta['version']}")
        self.set_author("Habeas")
        self.set_creation_date(datetime.fromisoformat(meta["frozen_at"]))  # same version, same date

    def header(self) -> None:
        m = self.meta
        self.set_font(FONT, "B", 12)
        self.cell(
            0,
            6,
            f"Список на освобождение / Release list: {m['title']}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.set_font(FONT, "", 8.5)
        ru, en = AUDIENCES.get(m["audience"], (m["audience"], m["audience"]))
        self.cell(
            0,
            4.5,
            f"Версия / Version {m['version']}  ·  Дата / Date {m['date']}  ·  "
            f"{ru} / {en}  ·  Человек / Persons: {m['count']}  ·  Список / List: {m['name']}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.cell(0, 4.5, f"SHA-256: {m['hash']}", new_x="LMARGIN", new_y="NEXT")
        if m.get("signature"):
            self.set_font(FONT, "", 6.5)
            self.cell(
                0,
                3.5,
                f"Ed25519 подпись / signature: {m['signature']}  ·  ключ / public key: {m['public_key']}",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        self.ln(1.5)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, "", 8)
        self.cell(
            0,
            5,
            f"Стр. {self.page_no()} из {{nb}} / Page {self.page_no()} of {{nb}}"
            f"   ·   {self.meta['name']} v{self.meta['version']}",
            align="C",
        )


def _cell(field: str, entry: dict[str, Any]) -> str:
    value = entry.get(field)
    if field == "name":
        latin = entry.get("name_latin") or ""
        name = str(entry.get("name") or "")
        if entry.get("name_reconstructed"):
            name += f" {RECONSTRUCTED_MARK}"
        return f"{name}\n{latin}" if latin and latin != entry.get("name") else name
    if field == "sentence":
        term = sentence_label(value)
        ru, en = REGIMES.get(entry.get("regime") or "", ("", ""))
        return f"{term}\n{ru} / {en}" if ru and term else term
    if field == "priority":
        return "" if value is None else f"{value:g}"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


class _Grid:
    """A fast table: words wrapped with cached widths, text placed directly, headings
    repeated on every page (fpdf2's own ``table()`` is too slow for 1,000 rows)."""

    PAD = 0.9
    LINE = 3.4
    SIZE = 7.5

    def __init__(self, pdf: FPDF, widths: list[float]) -> None:
        self.pdf = pdf
        self.widths = widths
        self.headings: list[str] = []
        self._width: dict[tuple[str, str], float] = {}

    def _w(self, text: str, style: str) -> float:
        key = (text, style)
        found = self._width.get(key)
        if found is None:
            found = self._width[key] = self.pdf.get_string_width(text)
        return found

    def _wrap(self, text: str, width: float, style: str) -> list[str]:
        lines: list[str] = []
        space = self._w(" ", style)
        for para in text.split("\n"):
            line, used = "", 0.0
            for word in para.split(" "):
                w = self._w(word, style)
                if line and used + space + w > width:
                    lines.append(line)
                    line, used = word, w
                else:
                    line, used = (
                        (f"{line} {word}" if line else word),
                        used + (space if line else 0) + w,
                    )
            lines.append(line)
        return lines

    def _draw(self, cells: list[str], style: str, fill: bool) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, style, self.SIZE)
        wrapped = [
            self._wrap(c, w - 2 * self.PAD, style) for c, w in zip(cells, self.widths, strict=True)
        ]
        height = max(len(x) for x in wrapped) * self.LINE + 2 * self.PAD
        if pdf.get_y() + height > pdf.page_break_trigger and style == "":
            pdf.add_page()
            self.draw_headings()
            pdf.set_font(FONT, style, self.SIZE)
        x, y = pdf.l_margin, pdf.get_y()
        for lines, w in zip(wrapped, self.widths, strict=True):
            pdf.rect(x, y, w, height, style="DF" if fill else "D")
            for i, line in enumerate(lines):
                if line:
                    pdf.text(x + self.PAD, y + self.PAD + (i + 0.78) * self.LINE, line)
            x += w
        pdf.set_y(y + height)

    def draw_headings(self) -> None:
        """The bilingual column headings (on every page)."""
        self.pdf.set_fill_color(225, 228, 235)
        self._draw(self.headings, "B", True)

    def row(self, cells: list[str]) -> None:
        """One person's row (a new page, with headings, when it does not fit)."""
        self._draw(cells, "", False)


def write_pdf(
    content: dict[str, Any], path: Path, *, sha256: str, signature: str = "", public_key: str = ""
) -> int:
    """Write the PDF of a frozen version's ``content``; returns the number of pages."""
    meta = {
        "name": content["list"],
        "title": content.get("title") or content["list"],
        "version": content["version"],
        "date": content["frozen_at"][:10],
        "frozen_at": content["frozen_at"],
        "audience": content["audience"],
        "count": content["count"],
        "hash": sha256,
        "signature": signature,
        "public_key": public_key,
    }
    pdf = _ListPDF(meta)
    pdf.add_page()
    present = set(content["fields"])
    columns = [(f, w) for f, w in COLUMNS if f in present]
    total = sum(w for _, w in columns) + 0.6
    widths = [0.6 / total * pdf.epw] + [w / total * pdf.epw for _, w in columns]
    labels = LABELS | {"name": ("ФИО (кириллица, латиница)", "Name (Cyrillic, Latin)")}
    headings = ["№"] + [f"{labels[f][0]}\n{labels[f][1]}" for f, _ in columns]
    grid = _Grid(pdf, widths)
    grid.headings = headings
    grid.draw_headings()
    for n, entry in enumerate(content["persons"], 1):
        grid.row([str(n)] + [_cell(f, entry) for f, _ in columns])
    if any(entry.get("name_reconstructed") for entry in content["persons"]):
        pdf.ln(2)
        pdf.set_font(FONT, "", 7)
        pdf.multi_cell(0, 3.5, RECONSTRUCTED_NOTE)
    pdf.output(str(path))
    return pdf.pages_count
