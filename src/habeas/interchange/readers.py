"""Reading tables from CSV, XLSX, JSON and JSONL files, streaming where the format allows."""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from habeas.interchange.errors import ImportProblem, InterchangeError
from habeas.interchange.mapping import IDENTITY, Mapping

FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

#: A single cell longer than this is rejected: no legitimate list needs it.
MAX_CELL_CHARS = 10_000
#: An XLSX whose parts would unpack to more than this is refused (zip bombs).
MAX_XLSX_UNPACKED = 1_000_000_000
_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class RawRow:
    """A data row as the file has it: its row number (as a spreadsheet shows it) and cells."""

    number: int
    values: dict[str, str]


def detect_format(path: Path) -> str:
    """``csv``, ``xlsx``, ``json`` or ``jsonl``, from the file name.

    Raises:
        InterchangeError: the extension is not one Habeas reads.
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InterchangeError(
            ImportProblem(str(path), f"unsupported file type; use one of {known}")
        )
    return fmt


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "|".join(_cell(v) for v in value)
    return str(value).strip()


class TableReader:
    """Iterates the rows of one file; ``columns`` holds its headers after opening."""

    def __init__(self, path: Path, mapping: Mapping = IDENTITY) -> None:
        self.path = path
        self.label = str(path)
        self.mapping = mapping
        self.format = detect_format(path)
        self.columns: list[str] = []
        self.encoding: str | None = None
        self._rows: Iterator[RawRow] = iter(())

    def problem(
        self,
        message: str,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> InterchangeError:
        """An error about this file."""
        return InterchangeError(ImportProblem(self.label, message, row, column, value))

    def __iter__(self) -> Iterator[RawRow]:
        return self._rows

    def _check_cells(self, number: int, values: dict[str, str]) -> dict[str, str]:
        for column, value in values.items():
            if len(value) > MAX_CELL_CHARS:
                raise self.problem(
                    f"cell longer than {MAX_CELL_CHARS} characters", number, column, value
                )
            if "\x00" in value:
                raise self.problem("cell holds a NUL character", number, column, value)
        return values


def open_table(path: Path, mapping: Mapping = IDENTITY) -> TableReader:
    """Open a table file, read its header, and return a reader over its data rows.

    Raises:
        InterchangeError: the file cannot be read, or its header or encoding is wrong.
    """
    reader = TableReader(path, mapping)
    if not path.is_file():
        raise reader.problem("no such file")
    opener = {"csv": _open_csv, "xlsx": _open_xlsx, "json": _open_json, "jsonl": _open_jsonl}
    opener[reader.format](reader)
    return reader


# --- CSV ---------------------------------------------------------------------------------


def _detect_encoding(reader: TableReader, sample: bytes) -> str:
    if reader.mapping.encoding:
        return reader.mapping.encoding
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise reader.problem("file is UTF-16; save it as UTF-8 or Windows-1251")
    try:
        # A sample cut inside a multi-byte character is still UTF-8.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    text = sample.decode("cp1251", errors="replace")
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "А" <= c <= "я" or c in "Ёё")
    ascii_letters = sum(1 for c in letters if c.isascii())
    # Text in another 8-bit encoding decoded as cp1251 shows few Cyrillic letters, or their
    # capitals where lower case belongs (KOI8-R read as cp1251).
    lower_cyrillic = sum(1 for c in letters if "а" <= c <= "я" or c == "ё")
    if (
        letters
        and (cyrillic + ascii_letters) / len(letters) > 0.97
        and (cyrillic == 0 or lower_cyrillic / cyrillic > 0.5)
    ):
        return "cp1251"
    raise reader.problem(
        "text encoding not recognised (neither UTF-8 nor Windows-1251); "
        "set `encoding` under [options] in a mapping file"
    )


def _detect_delimiter(reader: TableReader, header_line: str) -> str:
    if reader.mapping.delimiter:
        return reader.mapping.delimiter
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _Lines:
    """Decodes a binary file line by line, counting physical lines, so that a decoding
    error names the exact line (a buffered text reader would name a later one)."""

    def __init__(self, reader: TableReader, handle: IO[bytes], encoding: str) -> None:
        self.reader = reader
        self.handle = handle
        self.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        self.number = 0
        self._first = encoding == "utf-8-sig"

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        data = self.handle.readline()
        if not data:
            raise StopIteration
        self.number += 1
        if self._first:
            data = data.removeprefix(codecs.BOM_UTF8)
            self._first = False
        try:
            return data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            raise self.reader.problem(
                f"not valid {self.encoding} text ({exc.reason})", self.number
            ) from exc
        except LookupError as exc:
            raise self.reader.problem(f"unknown encoding {self.encoding!r}") from exc


def _open_csv(reader: TableReader) -> None:
    with reader.path.open("rb") as raw:
        sample = raw.read(1 << 16)
    reader.encoding = _detect_encoding(reader, sample)
    handle = reader.path.open("rb")
    lines = _Lines(reader, handle, reader.encoding)
    try:
        for _ in range(reader.mapping.header_row - 1):
            next(lines, "")
        header_line = next(lines, "")
    except InterchangeError:
        handle.close()
        raise
    if not header_line.strip():
        handle.close()
        raise reader.problem("file is empty: no header row")
    delimiter = _detect_delimiter(reader, header_line)
    reader.columns = [c.strip() for c in next(csv.reader([header_line], delimiter=delimiter))]
    _check_headers(reader)
    reader._rows = _csv_rows(reader, handle, lines, delimiter)


def _check_headers(reader: TableReader) -> None:
    seen: set[str] = set()
    for column in reader.columns:
        if not column:
            raise reader.problem("a header cell is empty", reader.mapping.header_row)
        if column in seen:
            raise reader.problem(
                "column appears twice in the header", reader.mapping.header_row, column
            )
        seen.add(column)


def _csv_rows(
    reader: TableReader, handle: IO[bytes], lines: _Lines, delimiter: str
) -> Iterator[RawRow]:
    width = len(reader.columns)
    with handle:
        rows = csv.reader(lines, delimiter=delimiter, strict=True)
        while True:
            try:
                cells = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                raise reader.problem(f"malformed CSV: {exc}", lines.number) from exc
            number = lines.number
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != width:
                raise reader.problem(
                    f"row has {len(cells)} cells but the header has {width} "
                    "(a stray delimiter or an unclosed quote?)",
                    number,
                )
            values = {col: cell.strip() for col, cell in zip(reader.columns, cells, strict=True)}
            yield RawRow(number, reader._check_cells(number, values))


# --- XLSX --------------------------------------------------------------------------------


def _open_xlsx(reader: TableReader) -> None:
    try:
        with zipfile.ZipFile(reader.path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise reader.problem("not a valid XLSX file (not a zip archive)") from exc
    if unpacked > MAX_XLSX_UNPACKED:
        raise reader.problem(f"XLSX would unpack to {unpacked:,} bytes; refusing (zip bomb?)")
    import openpyxl  # imported here: only XLSX imports pay for it

    try:
        book = openpyxl.load_workbook(reader.path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise reader.problem(f"cannot open XLSX: {exc}") from exc
    sheet_name = reader.mapping.sheet or book.sheetnames[0]
    if sheet_name not in book.sheetnames:
        raise reader.problem(f"no sheet named {sheet_name!r}; sheets: {', '.join(book.sheetnames)}")
    sheet = book[sheet_name]
    rows = sheet.iter_rows(values_only=True)
    header: tuple[Any, ...] = ()
    for _ in range(reader.mapping.header_row):
        header = next(rows, ())
    while header and header[-1] is None:
        header = header[:-1]
    reader.columns = [_cell(h) for h in header]
    if not reader.columns:
        raise reader.problem("sheet is empty: no header row")
    _check_headers(reader)
    reader._rows = _xlsx_rows(reader, rows, book)


def _xlsx_rows(reader: TableReader, rows: Iterator[tuple[Any, ...]], book: Any) -> Iterator[RawRow]:
    width = len(reader.columns)
    try:
        for number, cells in enumerate(rows, start=reader.mapping.header_row + 1):
            if not any(c is not None and str(c).strip() for c in cells):
                continue
            extra = [c for c in cells[width:] if c is not None and str(c).strip()]
            if extra:
                raise reader.problem("row has values beyond the last header column", number)
            padded = list(cells[:width]) + [None] * (width - len(cells))
            values = {col: _cell(v) for col, v in zip(reader.columns, padded, strict=True)}
            yield RawRow(number, reader._check_cells(number, values))
    finally:
        book.close()


# --- JSON and JSONL ----------------------------------------------------------------------


def _object_row(reader: TableReader, number: int, item: Any) -> RawRow:
    if not isinstance(item, dict):
        raise reader.problem("record is not a JSON object", number, value=str(item)[:80])
    values = {str(k): _cell(v) for k, v in item.items()}
    return RawRow(number, reader._check_cells(number, values))


def _open_json(reader: TableReader) -> None:
    try:
        with reader.path.open("r", encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except UnicodeDecodeError as exc:
        raise reader.problem(f"not valid UTF-8 JSON: {exc.reason}") from exc
    except json.JSONDecodeError as exc:
        raise reader.problem(
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", exc.lineno
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list):
        raise reader.problem("JSON must be an array of objects or an object with a 'records' array")
    rows = [_object_row(reader, i, item) for i, item in enumerate(data, start=1)]
    reader.columns = list(dict.fromkeys(col for row in rows for col in row.values))
    reader._rows = iter(rows)


def _open_jsonl(reader: TableReader) -> None:
    handle = reader.path.open("r", encoding="utf-8-sig")
    first = _jsonl_rows(reader, handle)
    # Peek at the first record for the columns; later records may add keys, checked per row.
    head = next(first, None)
    reader.columns = list(head.values) if head else []
    reader._rows = iter(()) if head is None else _chain(head, first)


def _chain(head: RawRow, rest: Iterator[RawRow]) -> Iterator[RawRow]:
    yield head
    yield from rest


def _jsonl_rows(reader: TableReader, handle: io.TextIOBase) -> Iterator[RawRow]:
    with handle:
        number = 0
        try:
            for number, line in enumerate(handle, start=1):  # noqa: B007
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise reader.problem(
                        f"malformed JSON: {exc.msg}", number, value=line.strip()[:80]
                    ) from exc
                yield _object_row(reader, number, item)
        except UnicodeDecodeError as exc:
            raise reader.problem(f"not valid UTF-8: {exc.reason}", number + 1) from exc
