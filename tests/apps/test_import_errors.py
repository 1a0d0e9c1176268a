"""Bad input: each error names the file, row, column and value, and the registry is unchanged."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import Person, SourceRecord
from habeas.apps.sources.models import ImportRun, Source
from habeas.interchange import InterchangeError
from tests.conftest import HEADER, ROWS

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


def fails(path: Path, **kwargs) -> InterchangeError:
    """Import that must fail and leave the registry exactly as it was."""
    before = (
        Person.objects.count(),
        SourceRecord.objects.count(),
        ImportRun.objects.count(),
        Source.objects.count(),
    )
    with pytest.raises(InterchangeError) as caught:
        import_file(path, source=kwargs.pop("source", "Memorial"), today=TODAY, **kwargs)
    after = (
        Person.objects.count(),
        SourceRecord.objects.count(),
        ImportRun.objects.count(),
        Source.objects.count(),
    )
    assert after == before
    return caught.value


def with_cell(column: str, value: str, row: int = 1) -> list[list[str]]:
    rows = [list(r) for r in ROWS]
    rows[row][HEADER.index(column)] = value
    return rows


def test_impossible_date(list_file):
    path = list_file(rows=with_cell("birth_date", "31.02.2024"))
    [problem] = fails(path).problems
    assert (problem.file, problem.row, problem.column, problem.value) == (
        str(path),
        3,
        "birth_date",
        "31.02.2024",
    )
    assert "no such date" in problem.message
    assert str(path) in str(problem) and "row 3" in str(problem) and "'31.02.2024'" in str(problem)


def test_verdict_before_the_arrest(list_file):
    rows = with_cell("verdict_on", "2021-01-01")
    [problem] = fails(list_file(rows=rows)).problems
    assert problem.column == "verdict_on" and "verdict before the arrest" in problem.message
    assert problem.value == "2021-01-01"


def test_unknown_legal_article_suggests_known_ones(list_file):
    [problem] = fails(list_file(rows=with_cell("articles", "207.4"))).problems
    assert problem.column == "articles" and problem.value == "207.4"
    assert "207.3" in problem.message


def test_unknown_column(list_file):
    path = list_file(header=[*HEADER[:-1], "shoe size"])
    [problem] = fails(path).problems
    assert problem.column == "shoe size" and problem.row == 1
    assert "unknown column" in problem.message


def test_missing_name_column(list_file):
    header = [h for h in HEADER if h != "name"]
    rows = [r[:1] + r[2:] for r in ROWS]
    [problem] = fails(list_file(header=header, rows=rows)).problems
    assert problem.column == "name" and "required column" in problem.message


def test_row_with_a_stray_delimiter(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("source_id,name\na,Иванов Иван\nb,Петров, Пётр,лишнее\n", encoding="utf-8")
    [problem] = fails(path).problems
    assert problem.row == 3 and "4 cells but the header has 2" in problem.message


def test_unclosed_quote(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('source_id,name\na,"Иванов Иван\nb,Петров Пётр\n', encoding="utf-8")
    [problem] = fails(path).problems
    assert problem.file == str(path) and problem.row is not None


def test_wrong_encoding_is_named(tmp_path):
    path = tmp_path / "koi8.csv"
    path.write_bytes("source_id,name\na,Иванов Иван Иванович\nb,Сидорова Мария\n".encode("koi8_r"))
    [problem] = fails(path).problems
    assert "encoding" in problem.message


def test_utf16_is_named(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes("source_id,name\na,Иванов Иван\n".encode("utf-16"))
    assert "UTF-16" in fails(path).problems[0].message


def test_invalid_utf8_after_the_sample_names_the_row(tmp_path):
    path = tmp_path / "late.csv"
    good = "".join(f"id{i},Иванов Иван\n" for i in range(5000)).encode("utf-8")
    path.write_bytes(b"source_id,name\n" + good + b"bad,\xff\xfe\n")
    [problem] = fails(path).problems
    assert problem.row is not None and problem.row > 5000


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(b"source_id,name\n")
        handle.truncate(2 * 1024**3)  # a sparse 2 GiB file
    [problem] = fails(path).problems
    assert "2.0 GiB" in problem.message and "--max-size" in problem.message


def test_a_huge_cell_is_refused(list_file):
    [problem] = fails(list_file(rows=with_cell("notes", "x" * 20_000))).problems
    assert problem.column == "notes" and "longer than" in problem.message


def test_duplicate_source_ids(list_file):
    rows = with_cell("source_id", "m-1")
    [problem] = fails(list_file(rows=rows)).problems
    assert problem.column == "source_id" and "duplicate of row 2" in problem.message


def test_every_bad_row_is_reported_not_only_the_first(list_file):
    rows = [list(r) for r in ROWS]
    rows[0][HEADER.index("birth_date")] = "31.02.2024"
    rows[2][HEADER.index("gender")] = "x"
    error = fails(list_file(rows=rows))
    assert [(p.row, p.column) for p in error.problems] == [(2, "birth_date"), (4, "gender")]


def test_a_partly_good_file_is_rejected_whole_unless_skipping(list_file):
    path = list_file(rows=with_cell("birth_date", "31.02.2024"))
    fails(path)
    report = import_file(path, source="Memorial", today=TODAY, skip_bad_rows=True)
    assert (report.added, report.rejected) == (2, 1)
    rejects = Path(report.rejects_file)
    assert rejects.name == "list.csv.rejects.csv"
    with rejects.open(encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["row"] == "3" and "no such date" in row["problems"] and row["source_id"] == "m-2"


def test_a_failure_after_an_earlier_import_leaves_that_import_intact(list_file):
    import_file(list_file("good.csv"), source="Memorial", today=TODAY)
    fails(list_file("bad.csv", rows=with_cell("birth_date", "2024-13-01")))
    assert SourceRecord.objects.filter(removed_in__isnull=True).count() == 3


def test_dates_in_the_future(list_file):
    [problem] = fails(list_file(rows=with_cell("detained_on", "2030-01-01", row=2))).problems
    assert problem.column == "detained_on" and "future" in problem.message


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "list.pdf"
    path.write_bytes(b"%PDF")
    assert "unsupported file type" in fails(path).problems[0].message


def test_xlsx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("hello", encoding="utf-8")
    assert "not a valid XLSX" in fails(path).problems[0].message


def test_xlsx_zip_bomb_is_refused(tmp_path, monkeypatch):
    import zipfile

    import habeas.interchange.readers as readers

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    monkeypatch.setattr(readers, "MAX_XLSX_UNPACKED", 1_000_000)
    assert "zip bomb" in fails(path).problems[0].message


def test_malformed_json_names_the_line(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[{"name": "Иванов Иван"},\n {"name": }]', encoding="utf-8")
    [problem] = fails(path).problems
    assert problem.row == 2 and "malformed JSON" in problem.message


def test_jsonl_line_that_is_not_an_object(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"name": "Иванов Иван"}\n[1, 2]\n', encoding="utf-8")
    [problem] = fails(path).problems
    assert problem.row == 2 and "not a JSON object" in problem.message


def test_mapping_to_an_unknown_column(tmp_path):
    from habeas.interchange import load_mapping

    path = tmp_path / "m.toml"
    path.write_text('[columns]\n"ФИО" = "full_name"\n', encoding="utf-8")
    with pytest.raises(InterchangeError) as caught:
        load_mapping(path)
    [problem] = caught.value.problems
    assert problem.column == "ФИО" and problem.value == "full_name"


def test_a_source_name_is_required(list_file):
    assert "source name is required" in fails(list_file(), source=" ").problems[0].message


def test_a_source_link_must_be_a_web_link(list_file):
    from tests.conftest import HEADER as columns

    header = [*columns, "source_url"]
    rows = [[*r, "https://example.org/case"] for r in ROWS]
    rows[1][-1] = "javascript:alert(1)"
    [problem] = fails(list_file(header=header, rows=rows)).problems
    assert (problem.row, problem.column) == (3, "source_url")
    assert "http" in problem.message
