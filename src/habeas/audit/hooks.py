"""Audit entries for bulk work that bypasses model signals: one summary entry per import.

Imports write with raw ``executemany`` (:mod:`habeas.apps.registry.bulk`), so signals never
fire; instead the importer calls :func:`record_import` inside its transaction. The entry
names the run, the file's SHA-256, the counts and the persons touched; the row-level detail
(before and after of each source record) is in the run's ``SourceChange`` rows.
"""

from __future__ import annotations

from typing import Any

from habeas.audit import chain
from habeas.audit.context import current_origin


def record_import(run: Any, report: dict[str, Any], persons: list[int]) -> None:
    """One entry for a committed import run."""
    chain.record(
        actor=run.imported_by or "import",
        action="import",
        object_type="import_run",
        object_id=run.pk,
        origin=f"import:{run.pk} ({current_origin()})",
        after={
            "source": run.source.name,
            "file": run.file_name,
            "sha256": run.file_sha256,
            "format": run.file_format,
            "counts": {
                k: report.get(k)
                for k in ("rows_read", "added", "modified", "removed", "restored", "rejected")
            },
            "persons_created": report.get("persons_created"),
            "persons_touched": sorted(persons)[:10000],
        },
    )
