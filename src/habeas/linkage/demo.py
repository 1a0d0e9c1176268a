"""Demo partner lists as linkage records with their truth (for tests and the benchmark)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from habeas.demo import generate_people, write_partner_lists
from habeas.interchange import load_mapping, normalize_row, open_table
from habeas.interchange.errors import InterchangeError
from habeas.interchange.rows import plan_columns

from .records import LinkRecord

TODAY = date(2026, 6, 1)


def read_lists(
    out_dir: Path, n_people: int, seed: int, rounds: int = 1, first_id: int = 1
) -> tuple[list[LinkRecord], dict[int, str]]:
    """Generate people, write the three partner lists ``rounds`` times (other seeds: other
    membership, spellings and noise), read them through the interchange importer and return
    the records with record id -> person key. Rounds after the first are named
    ``"Memorial #2"`` and so on."""
    people = generate_people(n_people, seed=seed)
    records: list[LinkRecord] = []
    truth: dict[int, str] = {}
    rid = first_id
    for r in range(rounds):
        folder = Path(out_dir) / f"round{r + 1}"
        lists = write_partner_lists(people, folder, seed=seed + 1000 * r)
        keys: dict[tuple[str, str], str] = {}
        with (folder / "truth.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                keys[(row["source_name"], row["source_id"])] = row["person_key"]
        for pl in lists:
            mapping = load_mapping(pl.mapping_path) if pl.mapping_path else None
            reader = open_table(pl.path, mapping) if mapping else open_table(pl.path)
            plan = plan_columns(reader)
            source = pl.source_name if r == 0 else f"{pl.source_name} #{r + 1}"
            for raw in reader:
                try:
                    row = normalize_row(raw, plan, reader.mapping, str(pl.path), TODAY)
                except InterchangeError:
                    continue
                data = row.to_data()
                records.append(LinkRecord.from_interchange(rid, source, data))
                truth[rid] = keys[(pl.source_name, data["source_id"])]
                rid += 1
    return records, truth
