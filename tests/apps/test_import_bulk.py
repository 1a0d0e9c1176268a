"""The bulk import path: fact tuples built in worker processes, ids put in front, rows
written with executemany (SQLite) or COPY (PostgreSQL)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from habeas.apps.cases.models import (
    Case,
    Charge,
    CustodyPeriod,
    Event,
    Facility,
    FacilityAddress,
    Recognition,
    Sentence,
)
from habeas.apps.registry.bulk import RowTable
from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import NameKey, Person, PersonName, PersonNote, SourceRecord
from habeas.apps.registry.profile import profile_columns
from habeas.demo import generate_people, write_interchange_csv
from habeas.interchange.facts import person_values
from habeas.profiles import Profile
from habeas.vocabulary import Status
from tests.conftest import HEADER, ROWS

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "profile",
    [
        Profile("Иванов Иван Иванович", "Ivan Ivanov", "male", "1958-08-29", "Москва"),
        Profile("Петрова Анна", birth_date="1990-03", status=Status.IMPRISONED),
        Profile("Сидоров", birth_date="1971", conflicts={"gender": [{"value": "male"}]}),
        Profile("Я" * 400, region="р" * 300),
    ],
)
def test_worker_person_values_are_the_stores_profile_columns(profile: Profile) -> None:
    columns = profile_columns(profile)
    expected = [
        columns["display_name"],
        columns["display_name_latin"],
        columns["gender"],
        columns["birth_date"].isoformat() if columns["birth_date"] else None,
        str(columns["birth_precision"]),
        columns["region"],
        columns["status"],
        columns["conflicts"],
    ]
    values = list(person_values(profile))
    values[-1] = json.loads(values[-1])
    assert values == expected


def test_a_row_table_refuses_a_column_its_model_lacks() -> None:
    with pytest.raises(ValueError, match="no column"):
        RowTable(Event, ("person_id", "no_such_column"), None)


def _facts_by_key() -> dict[str, Any]:
    """Every fact row, keyed by its record's source key instead of database ids."""
    key_of = dict(SourceRecord.objects.values_list("pk", "source_key"))
    person_of = dict(SourceRecord.objects.values_list("pk", "person_id"))
    case_record = dict(Case.objects.values_list("pk", "record_id"))
    facility_name = dict(Facility.objects.values_list("pk", "name"))
    facts: dict[str, Any] = {}
    for model, fields in (
        (PersonName, ["full", "surname", "given", "patronymic", "script", "kind", "folded"]),
        (NameKey, ["key"]),
        (Event, ["kind", "occurred_on", "precision", "release_kind"]),
        (CustodyPeriod, ["kind", "regime", "started_on", "ended_on", "facility_id"]),
        (Recognition, ["organisation"]),
        (PersonNote, ["text", "confidentiality"]),
        (Case, ["country"]),
    ):
        rows = []
        for obj in model.objects.all():
            # Every fact points to its record's own person.
            assert obj.person_id == person_of[obj.record_id]
            values = [getattr(obj, f) for f in fields]
            if model is CustodyPeriod:
                values[-1] = facility_name.get(obj.facility_id)
            rows.append((key_of[obj.record_id], *values))
        facts[model.__name__] = Counter(rows)
    for model, fields in (
        (Charge, ["reference", "article", "part", "paragraph"]),
        (Sentence, ["verdict_on", "term_years", "term_months", "term_days", "regime"]),
    ):
        facts[model.__name__] = Counter(
            (key_of[case_record[obj.case_id]], *(getattr(obj, f) for f in fields))
            for obj in model.objects.all()
        )
    persons = {p.pk: p for p in Person.objects.all()}
    facts["Person"] = {
        key_of[r.pk]: (
            persons[r.person_id].display_name,
            persons[r.person_id].birth_date,
            persons[r.person_id].status,
            r.raw,
            r.data,
            r.content_hash,
        )
        for r in SourceRecord.objects.all()
    }
    return facts


def _wipe() -> None:
    for model in (Charge, Sentence, PersonName, NameKey, Event, CustodyPeriod, Recognition):
        model.objects.all().delete()
    PersonNote.objects.all().delete()
    Case.objects.all().delete()
    SourceRecord.objects.all().delete()
    Person.objects.all().delete()


def test_worker_processes_write_what_one_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    write_interchange_csv(generate_people(300, seed=11), path)
    in_process = import_file(path, source="A", today=TODAY, workers=0)
    expected = _facts_by_key()
    assert sum(expected["Charge"].values()) and sum(expected["PersonNote"].values())
    assert any(row[-1] for row in expected["CustodyPeriod"])  # some held in a facility
    facilities = Facility.objects.count()
    _wipe()
    in_workers = import_file(path, source="B", today=TODAY, workers=2)
    assert (in_process.added, in_process.rejected) == (in_workers.added, in_workers.rejected)
    assert in_workers.added == 300
    assert _facts_by_key() == expected
    assert Facility.objects.count() == facilities  # the second import found them all


def test_known_facilities_and_addresses_are_reused(list_file) -> None:
    name = ROWS[0][HEADER.index("facility")]
    known = Facility.objects.create(name=name, country="RU")
    FacilityAddress.objects.create(facility=known, address="Тверская обл., г. Торжок")
    rows = [
        [*ROWS[0], "Тверская обл.,  г. Торжок"],  # the same address, spaced differently
        [*ROWS[0][:1], "Другой Человек Иванович", *ROWS[0][2:], "ул. Новая, 1"],
    ]
    rows[1][0] = "m-9"
    import_file(list_file(rows=rows, header=[*HEADER, "facility_address"]), source="M")
    assert Facility.objects.count() == 1
    assert sorted(FacilityAddress.objects.values_list("address", flat=True)) == [
        "Тверская обл., г. Торжок",
        "ул. Новая, 1",
    ]
    assert CustodyPeriod.objects.filter(facility=known).count() >= 2


@pytest.mark.sqlite_only
def test_the_import_cache_size_is_restored(list_file) -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
    import_file(list_file(), source="M", today=TODAY)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before


def test_a_skipped_duplicate_keeps_its_cells_in_the_rejects_file(list_file) -> None:
    # A duplicate is found after the row was prepared, when only its facts came back from
    # the worker: the rejects file still gets the row's cells as the file had them.
    duplicate = [*ROWS[0]]
    duplicate[HEADER.index("name")] = "Дубликат Иван Иванович"
    report = import_file(
        list_file(rows=[*ROWS, duplicate]), source="M", today=TODAY, skip_bad_rows=True
    )
    assert (report.added, report.rejected) == (len(ROWS), 1)
    with Path(report.rejects_file).open(encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert "duplicate of row 2" in row["problems"]
    assert [row[column] for column in HEADER] == duplicate
