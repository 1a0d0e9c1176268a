"""Errors that name the file, row, column and value at fault."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with one cell (or with the file, when ``row`` is None)."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        text = f"{where}: {self.message}"
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            text += f" (value: {shown!r})"
        return text

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


class InterchangeError(ValueError):
    """Bad input: one or more problems, each naming where it is."""

    def __init__(self, problems: list[ImportProblem] | ImportProblem) -> None:
        self.problems = [problems] if isinstance(problems, ImportProblem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CellError(ValueError):
    """A value that cannot be read; the caller adds file, row and column."""
