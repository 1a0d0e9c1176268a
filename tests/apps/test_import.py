"""Importing lists: every row kept as a source record, facts with provenance, all or nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from habeas.apps.cases.models import Charge, CustodyPeriod, Event, Facility, Recognition, Sentence
from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import Person, PersonName, SourceRecord
from habeas.apps.sources.models import ImportRun, SourceChange
from habeas.interchange import load_mapping
from tests.conftest import HEADER, ROWS, write_csv

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


def registry_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Person,
            SourceRecord,
            PersonName,
            Charge,
            Sentence,
            Event,
            ImportRun,
            SourceChange,
        )
    }


def test_a_list_becomes_records_persons_and_sourced_facts(list_file):
    report = import_file(list_file(), source="Memorial", today=TODAY)
    assert (report.rows_read, report.added, report.persons_created) == (3, 3, 3)
    record = SourceRecord.objects.get(source__name="Memorial", source_key="m-1")
    person = record.person
    assert person.display_name == "Кагарлицкий Борис Юльевич"
    assert person.display_name_latin == "Boris Kagarlitsky"
    assert person.status == "imprisoned"
    assert person.birth_date == date(1958, 8, 29) and person.birth_precision == "day"
    charge = Charge.objects.get(case__person=person)
    assert (charge.article, charge.part, charge.reference) == ("205.2", "2", "RU-UK 205.2(2)")
    sentence = Sentence.objects.get(case__person=person)
    assert (sentence.term_years, sentence.regime, sentence.verdict_on) == (
        5,
        "general",
        date(2024, 2, 13),
    )
    colony = CustodyPeriod.objects.get(person=person, kind="colony")
    assert colony.facility.name.startswith("ИК-4") and colony.facility.facility_type == "colony"
    assert colony.facility.number == "4"
    assert set(Event.objects.filter(person=person).values_list("kind", flat=True)) == {
        "detained",
        "verdict",
    }
    assert Recognition.objects.get(person=person).organisation == "Memorial"
    # Every fact points back to the record, hence to the source and the import.
    assert {n.record_id for n in person.names.all()} == {record.pk}
    assert record.first_import_id == report.import_id


def test_partial_birth_dates_keep_their_precision(list_file):
    import_file(list_file(), source="Memorial", today=TODAY)
    assert Person.objects.get(records__source_key="m-2").birth_precision == "year"
    assert Person.objects.get(records__source_key="m-3").birth_precision == "month"


def test_a_person_in_pretrial_detention_is_derived_from_the_dates(list_file):
    rows = [ROWS[2][:10] + [""] + ROWS[2][11:]]  # no stated status
    import_file(list_file(rows=rows), source="S", today=TODAY)
    assert Person.objects.get().status == "pretrial_detention"
    period = CustodyPeriod.objects.get()
    assert (
        period.kind == "pretrial_detention" and period.facility.facility_type == "pretrial_centre"
    )


def test_reimporting_the_same_file_changes_nothing(list_file):
    path = list_file()
    import_file(path, source="Memorial", today=TODAY)
    before = registry_counts()
    report = import_file(path, source="Memorial", today=TODAY)
    assert report.unchanged == 3 and not report.changed
    assert report.import_id is None
    assert registry_counts() == before


def test_a_newer_version_records_added_modified_and_removed_rows(list_file):
    import_file(list_file("v1.csv"), source="Memorial", today=TODAY)
    modified = list(ROWS[1])
    modified[7] = "4y"  # sentence reduced on appeal
    added = [
        "m-4",
        "Петров Иван Сергеевич",
        "",
        "male",
        "1980",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    report = import_file(
        list_file("v2.csv", rows=[ROWS[0], modified, added]), source="Memorial", today=TODAY
    )
    assert (report.added, report.modified, report.removed, report.unchanged) == (1, 1, 1, 1)
    changes = {
        c.record.source_key: c for c in SourceChange.objects.filter(import_run_id=report.import_id)
    }
    assert changes["m-2"].kind == "modified"
    assert changes["m-2"].fields["sentence"] == ["6y6m", "4y"]
    assert changes["m-3"].kind == "removed" and changes["m-4"].kind == "added"
    assert SourceRecord.objects.get(source_key="m-3").removed_in_id == report.import_id
    assert Sentence.objects.get(case__record__source_key="m-2").term_years == 4


def test_a_removed_row_that_returns_is_restored(list_file):
    import_file(list_file("v1.csv"), source="M", today=TODAY)
    import_file(list_file("v2.csv", rows=ROWS[:2]), source="M", today=TODAY)
    report = import_file(list_file("v3.csv"), source="M", today=TODAY)
    assert report.restored == 1
    assert SourceRecord.objects.get(source_key="m-3").removed_in is None


def test_dry_run_reports_and_writes_nothing(list_file):
    report = import_file(list_file(), source="Memorial", dry_run=True, today=TODAY)
    assert report.added == 3 and report.dry_run
    assert registry_counts()["SourceRecord"] == 0 and registry_counts()["ImportRun"] == 0


def test_rows_without_ids_are_keyed_by_name_and_birth(list_file):
    header = [h for h in HEADER if h != "source_id"]
    rows = [r[1:] for r in ROWS]
    path = list_file(header=header, rows=rows)
    import_file(path, source="Group", today=TODAY)
    assert import_file(path, source="Group", today=TODAY).unchanged == 3
    assert all(
        k.startswith("auto:") for k in SourceRecord.objects.values_list("source_key", flat=True)
    )


def test_windows_1251_semicolon_csv_with_russian_headers_and_a_mapping(tmp_path):
    mapping_path = tmp_path / "m.toml"
    mapping_path.write_text(
        '[columns]\n"ФИО" = "name"\n"Дата рождения" = "birth_date"\n"Статус" = "status"\n'
        '"Статьи" = "articles"\n"Комментарий" = ""\n'
        '[values.status]\n"Сидит" = "imprisoned"\n',
        encoding="utf-8",
    )
    path = write_csv(
        tmp_path / "ru.csv",
        ["ФИО", "Дата рождения", "Статус", "Статьи", "Комментарий"],
        [["Иванова Мария Сергеевна", "3 марта 1985", "Сидит", "ч. 2 ст. 207.3 УК РФ", "x"]],
        delimiter=";",
        encoding="cp1251",
    )
    report = import_file(path, source="Regional", mapping=load_mapping(mapping_path), today=TODAY)
    assert report.encoding == "cp1251"
    person = Person.objects.get()
    assert person.display_name == "Иванова Мария Сергеевна" and person.status == "imprisoned"
    assert person.birth_date == date(1985, 3, 3)
    assert Charge.objects.get().reference == "RU-UK 207.3(2)"
    assert SourceRecord.objects.get().raw["Комментарий"] == "x"


def test_json_and_jsonl_imports(tmp_path):
    records = [
        {
            "source_id": "a",
            "name": "Ким Сергей Олегович",
            "articles": ["280.3", "207.3(2)"],
            "status": "imprisoned",
        },
        {"source_id": "b", "name": "Ли Анна", "gender": "f"},
    ]
    json_path = tmp_path / "x.json"
    json_path.write_text(json.dumps({"records": records}, ensure_ascii=False), encoding="utf-8")
    jsonl_path = tmp_path / "x.jsonl"
    jsonl_path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
    )
    assert import_file(json_path, source="J", today=TODAY).added == 2
    assert import_file(jsonl_path, source="L", today=TODAY).added == 2
    assert Charge.objects.filter(case__record__source__name="L").count() == 2


def test_xlsx_import(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Full name", "DOB", "Charges"])
    sheet.append(["KAGARLITSKY Boris", date(1958, 8, 29), "Article 205.2(2)"])
    path = tmp_path / "en.xlsx"
    book.save(path)
    mapping = tmp_path / "en.toml"
    mapping.write_text(
        '[columns]\n"Full name" = "name"\n"DOB" = "birth_date"\n"Charges" = "articles"\n',
        encoding="utf-8",
    )
    import_file(path, source="EN", mapping=load_mapping(mapping), today=TODAY)
    record = SourceRecord.objects.get()
    assert record.birth_date == date(1958, 8, 29)
    assert Charge.objects.get().reference == "RU-UK 205.2(2)"


def test_facilities_are_shared_between_records(list_file):
    rows = [ROWS[0], [*ROWS[0][:1], "Другой Человек Иванович", *ROWS[0][2:]]]
    rows[1][0] = "m-9"
    import_file(list_file(rows=rows), source="M", today=TODAY)
    assert Facility.objects.count() == 1


def test_export_rows_reimport_into_another_source(list_file, tmp_path: Path):
    from habeas.apps.registry.exports import export_registry

    import_file(list_file(), source="Memorial", today=TODAY)
    out = tmp_path / "export.csv"
    assert export_registry(out, "csv") == 3
    report = import_file(out, source="Round trip", today=TODAY)
    assert report.added == 3
    original = Person.objects.get(records__source__name="Memorial", records__source_key="m-1")
    copy = Person.objects.get(
        records__source__name="Round trip", records__source_key=f"habeas-{original.pk}"
    )
    assert (copy.display_name, copy.birth_date, copy.status) == (
        original.display_name,
        original.birth_date,
        original.status,
    )
    assert set(Charge.objects.filter(case__person=copy).values_list("reference", flat=True)) == {
        "RU-UK 205.2(2)"
    }
