"""``habeas sentence``, ``habeas stats`` and ``habeas status``, run in-process on the test DB."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import Person
from habeas.cli import law_commands

runner = CliRunner()
TODAY = date(2026, 11, 26)

SPEC = {
    "country": "RU",
    "articles": ["207.3(2)"],
    "term": {"years": 3},
    "regime": "general",
    "term_start": "2024-01-10",
    "custody": [{"kind": "pretrial", "from": "2023-01-10", "to": "2024-01-09"}],
    "as_of": "2024-06-01",
}


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    law_commands.register(app)
    return app


def run(app: typer.Typer, *args: str):
    return runner.invoke(app, list(args))


def write_spec(tmp_path: Path, spec: dict | str) -> str:
    path = tmp_path / "spec.json"
    path.write_text(spec if isinstance(spec, str) else json.dumps(spec), encoding="utf-8")
    return str(path)


def test_sentence_compute_from_a_spec(app, tmp_path):
    result = run(app, "sentence", "compute", write_spec(tmp_path, SPEC), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # 365 days of pre-trial custody (2023 is not a leap year) against a general regime count
    # 1.5 each (UK RF art. 72 pt 3.1(b)): 547.5, rounded down to 547.
    assert data["credited_days"] == 547
    # 2024-01-10 + 3y = 2027-01-10; minus 547 days = 2025-07-12 (10 + 365 + 31 + 30 + 31 + 30
    # + 31 + 19), a Saturday (1 January 2025 is a Wednesday, 192 days earlier): release moves
    # to Friday 2025-07-11 (UIK RF art. 173).
    assert data["term_end"] == "2027-01-10"
    assert data["release_date"] == "2025-07-11"
    # As of 2024-06-01: 547 + 143 days since 2024-01-10 (21 + 29 + 31 + 30 + 31 + 1).
    assert data["served_days"] == 547 + 143
    assert data["remaining_days"] == (date(2025, 7, 11) - date(2024, 6, 1)).days
    assert {"parole_eligible_on", "steps"} <= set(data) and data["steps"]


def test_sentence_compute_as_of_overrides_the_spec_and_prints_text(app, tmp_path):
    result = run(app, "sentence", "compute", write_spec(tmp_path, SPEC), "--as-of", "2026-01-01")
    assert result.exit_code == 0, result.output
    assert "2025-07-11" in result.output and "Steps" in result.output
    assert "as of 2026-01-01" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not JSON"),
        ({**SPEC, "regime": "bogus"}, "regime"),
        ({**SPEC, "term_start": None}, "term_start"),
    ],
)
def test_bad_specs_exit_1_with_a_json_error(app, tmp_path, content, message):
    result = run(app, "sentence", "compute", write_spec(tmp_path, content), "--json")
    assert result.exit_code == 1
    assert message in json.loads(result.output)["error"]


def test_a_missing_spec_file_and_a_bad_date(app, tmp_path):
    assert run(app, "sentence", "compute", str(tmp_path / "none.json")).exit_code == 1
    bad = run(app, "sentence", "compute", write_spec(tmp_path, SPEC), "--as-of", "1.1.2024")
    assert bad.exit_code == 2


@pytest.fixture
def registry(list_file) -> dict[str, int]:
    import_file(list_file(), source="Memorial", today=TODAY)
    return {k: Person.objects.get(records__source_key=k).pk for k in ("m-1", "m-2", "m-3")}


@pytest.mark.django_db
def test_sentence_of_a_person_short_and_long_form(app, registry):
    pk = str(registry["m-1"])
    short = run(app, "sentence", pk, "--json", "--as-of", "2025-01-01")
    long = run(app, "sentence", "show", pk, "--json", "--as-of", "2025-01-01")
    assert short.exit_code == long.exit_code == 0, short.output
    data = json.loads(short.output)
    assert data == json.loads(long.output)
    # The worked example of tests/stats/test_registry_statistics.py.
    assert (data["release_date"], data["parole_eligible_on"], data["credited_days"]) == (
        "2028-07-25",
        "2027-04-24",
        203,
    )
    assert data["person_id"] == registry["m-1"] and data["source"] == "Memorial"
    # The SPEC it used can be computed again on its own.
    assert data["spec"]["term_start"] == "2024-02-13"
    text = run(app, "sentence", pk)
    assert text.exit_code == 0 and "Кагарлицкий" in text.output


@pytest.mark.django_db
def test_sentence_errors(app, registry):
    result = run(app, "sentence", str(registry["m-3"]), "--json")
    assert result.exit_code == 1 and "no sentence" in json.loads(result.output)["error"]
    assert run(app, "sentence", "show", "999999").exit_code == 1
    assert run(app, "sentence", "nonsense").exit_code == 2


@pytest.mark.django_db
def test_stats_json_keeps_the_summary_fields(app, registry, tmp_path):
    result = run(app, "stats", "--json", "--charts", str(tmp_path / "charts"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("persons", "source_records", "sources", "imports", "by_status", "top_articles"):
        assert key in data
    assert data["by_status"] == {"imprisoned": 2, "pretrial_detention": 1}
    assert data["sources"] == [{"name": "Memorial", "records": 3}]
    assert len(data["charts"]) == 11 and Path(data["charts"][0]).exists()
    past = json.loads(run(app, "stats", "--json", "--as-of", "2023-01-01").output)
    assert (past["as_of"], past["persons"], past["by_status"]) == (
        "2023-01-01",
        1,
        {"pretrial_detention": 1},
    )
    text = run(app, "stats")
    assert text.exit_code == 0 and "By status" in text.output


@pytest.mark.django_db
def test_status_on_a_date(app, registry):
    result = run(app, "status", "--on", "2023-08-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["count"], data["truncated"]) == (2, False)
    assert data["person_ids"] == sorted([registry["m-1"], registry["m-2"]])
    assert data["by_status"] == {"imprisoned": 1, "pretrial_detention": 1}
    limited = json.loads(run(app, "status", "--on", "2024-03-01", "--json", "--limit", "1").output)
    assert (limited["count"], len(limited["person_ids"]), limited["truncated"]) == (3, 1, True)
    only = json.loads(
        run(app, "status", "--on", "2024-03-01", "--status", "imprisoned", "--json").output
    )
    assert only["count"] == 2
    assert run(app, "status", "--status", "bogus").exit_code == 2
    text = run(app, "status", "--on", "2023-08-01")
    assert text.exit_code == 0 and "Кагарлицкий" in text.output
