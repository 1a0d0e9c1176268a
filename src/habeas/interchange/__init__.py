"""The Habeas interchange format: reading lists in any shape, normalising rows, writing exports.

Pure domain code: no Django, no database. The store's importer feeds files through
:func:`read_rows` and :func:`normalize_row`; exporters feed plain dicts to the writers.
"""

from habeas.interchange.columns import INTERCHANGE_COLUMNS, LIST_SEPARATOR
from habeas.interchange.errors import ImportProblem, InterchangeError
from habeas.interchange.mapping import Mapping, load_mapping
from habeas.interchange.readers import RawRow, TableReader, detect_format, open_table
from habeas.interchange.rows import InterchangeRow, normalize_row
from habeas.interchange.values import (
    IMPORT_SIZE_UNITS,
    PartialDate,
    fold,
    parse_date,
    parse_gender,
    parse_size,
    parse_status,
)

__all__ = [
    "IMPORT_SIZE_UNITS",
    "INTERCHANGE_COLUMNS",
    "LIST_SEPARATOR",
    "ImportProblem",
    "InterchangeError",
    "InterchangeRow",
    "Mapping",
    "PartialDate",
    "RawRow",
    "TableReader",
    "detect_format",
    "fold",
    "load_mapping",
    "normalize_row",
    "open_table",
    "parse_date",
    "parse_gender",
    "parse_size",
    "parse_status",
]
