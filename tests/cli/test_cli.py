"""The habeas command, driven in-process against the test database, as a user would."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from habeas.cli import app

pytestmark = pytest.mark.django_db

runner = CliRunner()


def habeas(*args: str):
    """Run ``habeas ARGS`` and return the result (exit code, stdout, stderr)."""
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def imported(list_file):
    result = habeas("import", list_file(), "--source", "Memorial", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_import_reports_counts_as_json(imported):
    assert imported["added"] == 3 and imported["source"] == "Memorial"
    assert imported["problems"] == []


def test_import_text_report(list_file):
    result = habeas("import", list_file(), "--source", "Memorial")
    assert result.exit_code == 0
    assert "3 added" in result.stdout


def test_dry_run_writes_nothing(list_file):
    result = habeas("import", list_file(), "--source", "Memorial", "--dry-run", "--json")
    assert json.loads(result.stdout)["added"] == 3
    stats = json.loads(habeas("stats", "--json").stdout)
    assert stats["persons"] == 0


def test_bad_input_exits_1_and_names_the_cell(list_file):
    from tests.conftest import HEADER, ROWS

    rows = [list(r) for r in ROWS]
    rows[0][HEADER.index("birth_date")] = "31.02.2024"
    result = habeas("import", list_file(rows=rows), "--source", "Memorial")
    assert result.exit_code == 1
    assert (
        "row 2" in result.stderr and "birth_date" in result.stderr and "31.02.2024" in result.stderr
    )
    assert "nothing was written" in result.stderr


def test_bad_input_as_json(list_file):
    from tests.conftest import HEADER, ROWS

    rows = [list(r) for r in ROWS]
    rows[1][HEADER.index("articles")] = "999.9"
    result = habeas("import", list_file(rows=rows), "--source", "M", "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["problems"][0]["column"] == "articles"
    assert payload["problems"][0]["value"] == "999.9"


def test_usage_error_exits_2(list_file):
    assert habeas("import", list_file()).exit_code == 2  # no --source
    assert habeas("import", list_file(), "--source", "M", "--max-size", "lots").exit_code == 2
    assert habeas("show", "not-a-number").exit_code == 2


def test_search_finds_exact_and_prefix(imported):
    hits = json.loads(habeas("search", "Кагарлицкий Борис Юльевич", "--json").stdout)
    assert hits[0]["name"] == "Кагарлицкий Борис Юльевич"
    assert {"person_id", "names", "score"} <= set(hits[0])
    prefix = json.loads(habeas("search", "Смирн", "--json").stdout)
    assert [h["name"] for h in prefix] == ["Смирнова Анна Петровна"]
    assert json.loads(habeas("search", "Nobody Here", "--json").stdout) == []


def test_show_json_has_every_fact_with_its_source(imported):
    [hit] = json.loads(habeas("search", "Кагарлицкий", "--json").stdout)
    person = json.loads(habeas("show", hit["person_id"], "--json").stdout)
    assert person["display_name"] == "Кагарлицкий Борис Юльевич"
    assert person["charges"][0]["reference"] == "RU-UK 205.2(2)"
    for fact in person["names"] + person["charges"] + person["sentences"] + person["events"]:
        assert fact["source"]["source"] == "Memorial"
        assert fact["source"]["source_id"] == "m-1"
        assert fact["source"]["import_id"] == imported["import_id"]
    assert person["records"][0]["data"]["sentence"] == "5y"


def test_show_public_audience_hides_internal_notes(imported):
    [hit] = json.loads(habeas("search", "Кагарлицкий", "--json").stdout)
    internal = json.loads(habeas("show", hit["person_id"], "--json").stdout)
    public = json.loads(habeas("show", hit["person_id"], "--json", "--audience", "public").stdout)
    assert internal["notes"][0]["text"] == "public case"
    assert public["notes"] == []
    assert "notes" not in public["records"][0]["data"]


def test_show_unknown_person_exits_1():
    result = habeas("show", "424242")
    assert result.exit_code == 1 and "no person with id 424242" in result.stderr


def test_stats_summary(imported):
    stats = json.loads(habeas("stats", "--json").stdout)
    assert stats["persons"] == 3 and stats["source_records"] == 3
    assert stats["by_status"] == {"imprisoned": 2, "pretrial_detention": 1}


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "xlsx"])
def test_export_formats_read_back(imported, tmp_path, suffix):
    out = tmp_path / f"registry.{suffix}"
    result = habeas("export", out, "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["persons"] == 3
    if suffix == "csv":
        text = out.read_text(encoding="utf-8")
        assert text.startswith("source_id,name,") and "Кагарлицкий Борис Юльевич" in text
    elif suffix == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert {r["name"] for r in rows} >= {"Смирнова Анна Петровна"}
        assert any(r["articles"] == ["207.3(2)", "280.3"] for r in rows)
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(out, read_only=True).active
        values = [row for row in sheet.iter_rows(values_only=True)]
        assert values[0][:2] == ("source_id", "name") and len(values) == 4


def test_ftm_export_has_persons_and_statements(imported, tmp_path):
    out = tmp_path / "registry.ftm.json"
    assert habeas("export", out).exit_code == 0
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kagarlitsky = next(e for e in entities if "Boris Kagarlitsky" in e["properties"]["name"])
    assert kagarlitsky["schema"] == "Person"
    assert kagarlitsky["properties"]["birthDate"] == ["1958-08-29"]
    assert {s["dataset"] for s in kagarlitsky["statements"] if s["prop"] == "name"} == {"Memorial"}


def test_open_data_sqlite_holds_public_fields_only(imported, tmp_path):
    from habeas.security.gate import publish_demo

    publish_demo()  # public exports hold published persons only
    out = tmp_path / "open.sqlite"
    assert habeas("export", out).exit_code == 0
    db = sqlite3.connect(out)
    names = {r[0] for r in db.execute("SELECT name FROM persons")}
    assert "Кагарлицкий Борис Юльевич" in names
    birth_years = {r[0] for r in db.execute("SELECT birth_year FROM persons")}
    assert 1958 in birth_years
    every_value = " ".join(
        str(v)
        for table in ("persons", "names", "charges")
        for row in db.execute(f"SELECT * FROM {table}")
        for v in row
    )
    assert "public case" not in every_value  # an internal note
    columns = {r[1] for r in db.execute("PRAGMA table_info(persons)")}
    assert "notes" not in columns and "birth_date" not in columns


def test_public_csv_export_leaves_out_internal_notes_and_birth_days(imported, tmp_path):
    from habeas.security.gate import publish_demo

    publish_demo()  # public exports hold published persons only
    out = tmp_path / "public.csv"
    assert habeas("export", out, "--audience", "public").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "public case" not in text and "1958-08-29" not in text and ",1958," in text


def test_export_refuses_confidential_audience(imported, tmp_path):
    assert habeas("export", tmp_path / "x.csv", "--audience", "confidential").exit_code == 2


def test_export_unknown_format_is_a_usage_error(tmp_path):
    assert habeas("export", tmp_path / "x.pdf").exit_code == 2


def test_formula_cells_are_neutralised_in_exports(tmp_path):
    from tests.conftest import write_csv

    path = write_csv(
        tmp_path / "f.csv",
        ["source_id", "name", "region"],
        [["x", "Иванов Иван Иванович", '=HYPERLINK("http://evil","click")']],
    )
    assert habeas("import", path, "--source", "S").exit_code == 0
    out = tmp_path / "out.csv"
    habeas("export", out)
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8")
