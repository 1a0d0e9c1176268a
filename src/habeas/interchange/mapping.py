"""Declarative column mappings (TOML) that let any spreadsheet import without code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from habeas.interchange.columns import INTERCHANGE_COLUMNS
from habeas.interchange.errors import ImportProblem, InterchangeError
from habeas.interchange.values import fold


@dataclass(frozen=True)
class Mapping:
    """How a source file's columns and values translate to the interchange format.

    ``columns`` maps a source header to an interchange column ('' drops the column);
    ``values`` maps, per interchange column, a source value (compared case-insensitively)
    to the interchange value.
    """

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int = 1
    delimiter: str | None = None
    encoding: str | None = None
    date_formats: tuple[str, ...] = ()
    text: str = ""

    def target(self, header: str) -> str | None:
        """The interchange column for a source header; None for an unknown header.

        A header that already is an interchange column maps to itself; '' means dropped.
        """
        if header in self.columns:
            return self.columns[header]
        stripped = header.strip()
        if stripped in self.columns:
            return self.columns[stripped]
        lowered = stripped.lower()
        return lowered if lowered in INTERCHANGE_COLUMNS else None

    def translate(self, column: str, value: str) -> str:
        """Apply the value map of an interchange column to one cell."""
        table = self._folded_values.get(column)
        if not table:
            return value
        return table.get(fold(value), value)

    @property
    def _folded_values(self) -> dict[str, dict[str, str]]:
        cached = self.__dict__.get("_folded")
        if cached is None:
            cached = {
                column: {fold(k): v for k, v in table.items()}
                for column, table in self.values.items()
            }
            object.__setattr__(self, "_folded", cached)
        return cached


IDENTITY = Mapping()


def load_mapping(path: Path) -> Mapping:
    """Read and check a TOML mapping file.

    Raises:
        InterchangeError: the file is not TOML, or maps to a column the format lacks.
    """
    label = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise InterchangeError(
            ImportProblem(label, f"cannot read mapping: {exc.strerror}")
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InterchangeError(ImportProblem(label, f"not a valid TOML mapping: {exc}")) from exc
    problems: list[ImportProblem] = []
    columns = {str(k): str(v) for k, v in data.get("columns", {}).items()}
    for header, target in columns.items():
        if target and target not in INTERCHANGE_COLUMNS:
            problems.append(
                ImportProblem(
                    label, "maps to an unknown interchange column", column=header, value=target
                )
            )
    values = {
        str(k): {str(a): str(b) for a, b in v.items()} for k, v in data.get("values", {}).items()
    }
    for column in values:
        if column not in INTERCHANGE_COLUMNS:
            problems.append(
                ImportProblem(label, "[values] names an unknown interchange column", value=column)
            )
    options = data.get("options", {})
    known_options = {"sheet", "header_row", "delimiter", "encoding", "date_formats"}
    for key in options:
        if key not in known_options:
            problems.append(ImportProblem(label, "unknown option in [options]", value=key))
    if problems:
        raise InterchangeError(problems)
    return Mapping(
        columns=columns,
        values=values,
        sheet=options.get("sheet"),
        header_row=int(options.get("header_row", 1)),
        delimiter=options.get("delimiter"),
        encoding=options.get("encoding"),
        date_formats=tuple(options.get("date_formats", ())),
        text=text,
    )
