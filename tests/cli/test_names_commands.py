"""``habeas names parse|variants|compare``, run in-process (no database)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from habeas.cli import names_commands
from habeas.names import SCHEMES

runner = CliRunner()
KAG = "Кагарлицкий Борис Юльевич"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    names_commands.register(app)
    return app


def run(app: typer.Typer, *args: str):
    return runner.invoke(app, ["names", *args])


def test_parse_json(app):
    result = run(app, "parse", "Кагарлицкого Бориса Юльевича", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["surname"], data["given"], data["patronymic"]) == (
        "Кагарлицкого",
        "Бориса",
        "Юльевича",
    )
    assert data["gender"] == "male" and data["script"] == "cyrillic"
    assert data["nominative"][0] == KAG
    assert "s:kgrlsk" in data["search_keys"]


def test_parse_text(app):
    result = run(app, "parse", "Kagarlitsky, Boris")
    assert result.exit_code == 0, result.output
    assert "Kagarlitsky" in result.output and "Boris" in result.output


def test_parse_rejects_junk_with_exit_1(app):
    result = run(app, "parse", "12345")
    assert result.exit_code == 1
    assert "not a name" in result.output
    result = run(app, "parse", "x" * 10_000, "--json")
    assert result.exit_code == 1
    assert "at most 200" in json.loads(result.output)["error"]


def test_variants_json_has_every_scheme_and_six_cases(app):
    result = run(app, "variants", KAG, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["schemes"]) == set(SCHEMES)
    assert data["schemes"]["german"] == "Kagarlizki Boris Juljewitsch"
    assert data["cases"]["gent"] == "Кагарлицкого Бориса Юльевича"
    assert data["cases"]["datv"] == "Кагарлицкому Борису Юльевичу"
    assert len(data["cases"]) == 6


def test_variants_of_a_latin_name_reads_it_back(app):
    result = run(app, "variants", "Boris Kagarlitsky", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["cyrillic"][0]["text"] == "Кагарлицкий Борис"
    assert "Борис" in data["cases"]["nomn"]


def test_variants_text(app):
    result = run(app, "variants", KAG)
    assert result.exit_code == 0, result.output
    assert "passport_2010" in result.output and "Kagarlitckii" in result.output


def test_compare_json(app):
    result = run(app, "compare", KAG, "Kagarlizki Boris", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["same"] is True and data["score"] >= 0.8
    parts = {p["part"]: p for p in data["explanation"]["parts"]}
    assert parts["surname"]["how"] == "scheme" and "german" in parts["surname"]["schemes"]
    assert parts["patronymic"]["how"] == "missing"


def test_compare_different_people(app):
    result = run(app, "compare", KAG, "Кагарлицкий Юлий Борисович", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["same"] is False
    assert data["explanation"]["against"]


def test_compare_text_and_threshold(app):
    result = run(app, "compare", KAG, "Kagarlizki Boris")
    assert result.exit_code == 0, result.output
    assert "same person" in result.output
    # initials score 0.97: the same person at 0.8, not at 0.99
    assert "same person" in run(app, "compare", KAG, "Kagarlitsky B. Yu.").output
    strict = run(app, "compare", KAG, "Kagarlitsky B. Yu.", "--threshold", "0.99")
    assert strict.exit_code == 0 and "different persons" in strict.output


def test_compare_needs_two_names(app):
    assert run(app, "compare", KAG).exit_code == 2
    assert run(app, "compare").exit_code == 2


def _pairs(tmp_path: Path, text: str) -> str:
    path = tmp_path / "pairs.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_compare_pairs_file(app, tmp_path):
    path = _pairs(
        tmp_path,
        'a,b\n"Кагарлицкий Борис Юльевич","Kagarlitsky, Boris"\n'
        "Иванов Иван Иванович,Петров Пётр Петрович\n",
    )
    result = run(app, "compare", "--pairs", path)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["a"] for r in rows] == ["Кагарлицкий Борис Юльевич", "Иванов Иван Иванович"]
    assert rows[1]["b"] == "Петров Пётр Петрович"
    assert [r["same"] for r in rows] == ["true", "false"]
    assert float(rows[0]["score"]) >= 0.8 and float(rows[1]["score"]) < 0.8
    as_json = json.loads(run(app, "compare", "--pairs", path, "--json").output)
    assert [r["same"] for r in as_json] == [True, False]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("x,y\nИванов,Петров\n", "needs columns a,b"),
        ("", "needs columns a,b"),
        ("a,b\nИванов,Петров\nИванов,\n", "row 3: empty name"),
        ("a,b\nИванов,Петров\n12345,Петров\n", "row 3: not a name"),
    ],
)
def test_compare_pairs_bad_file(app, tmp_path, content, message):
    path = _pairs(tmp_path, content)
    result = run(app, "compare", "--pairs", path)
    assert result.exit_code == 1
    assert message in result.output
    assert "pairs.csv" in result.output


def test_compare_pairs_missing_or_binary_file(app, tmp_path):
    result = run(app, "compare", "--pairs", str(tmp_path / "nope.csv"))
    assert result.exit_code == 1 and "nope.csv" in result.output
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"a,b\n\xff\xfe\x00,\x81\n")
    result = run(app, "compare", "--pairs", str(binary))
    assert result.exit_code == 1 and "not UTF-8" in result.output


def test_pairs_and_names_together_is_a_usage_error(app, tmp_path):
    path = _pairs(tmp_path, "a,b\nИванов,Петров\n")
    assert run(app, "compare", KAG, "--pairs", path).exit_code == 2
