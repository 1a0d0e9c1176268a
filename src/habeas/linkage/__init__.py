"""Record linkage: source records → persons, with decisions, review and explanations.

Pure Python plus embedded engines (splink on DuckDB; Spark optional): no Django, no
database server. Pipeline: :func:`prepare` (names layer, dates by precision) → blocking and
Fellegi-Sunter scoring in splink → constrained clustering → review queue. See
``docs/linkage.md``.
"""

from __future__ import annotations

from .cluster import assign_persons, cluster
from .decisions import MODEL, Decision, DecisionLog, Verdict, decide
from .linker import LINK_THRESHOLD, REVIEW_THRESHOLD, Linker, default_model_path
from .prepare import prepare, prepare_raw, read_parquet, write_parquet
from .records import LinkRecord
from .result import Link, LinkResult, ReviewPair

__all__ = [
    "LINK_THRESHOLD",
    "MODEL",
    "REVIEW_THRESHOLD",
    "Decision",
    "DecisionLog",
    "Link",
    "LinkRecord",
    "LinkResult",
    "Linker",
    "ReviewPair",
    "Verdict",
    "assign_persons",
    "cluster",
    "decide",
    "default_model_path",
    "prepare",
    "prepare_raw",
    "read_parquet",
    "write_parquet",
]
