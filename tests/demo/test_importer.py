"""Every written list passes the interchange importer's validation (habeas.interchange)."""

from __future__ import annotations

from pathlib import Path

import habeas.interchange as interchange
import habeas.interchange.rows as rows_module
from habeas.demo import DemoPerson, PartnerList, write_interchange_csv
from habeas.demo.data import as_of


def _problems(path: Path, mapping_path: Path | None) -> tuple[int, list[str]]:
    mapping = interchange.load_mapping(mapping_path) if mapping_path else None
    reader = interchange.open_table(path, mapping) if mapping else interchange.open_table(path)
    plan = rows_module.plan_columns(reader)
    count, problems = 0, []
    for raw in reader:
        count += 1
        try:
            interchange.normalize_row(raw, plan, reader.mapping, path.name, as_of())
        except interchange.InterchangeError as exc:
            problems.extend(str(p) for p in exc.problems)
    return count, problems


def test_partner_lists_import_cleanly(lists: list[PartnerList]) -> None:
    for pl in lists:
        count, problems = _problems(pl.path, pl.mapping_path)
        assert count == pl.rows
        assert problems == [], (pl.source_name, problems[:5])


def test_interchange_csv_imports_cleanly(people: list[DemoPerson], tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    write_interchange_csv(people, path)
    count, problems = _problems(path, None)
    assert count == len(people) and problems == []
