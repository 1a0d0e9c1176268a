"""Reconciling announcements (Russian, English, German, name lists) against the registry,
comparing with a list, and applying the outcome; and the CLI end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from habeas.apps.cases.models import Event
from habeas.apps.registry.models import Person, SourceRecord
from habeas.cli import lists_commands
from habeas.lists.criteria import Criteria
from habeas.releases.outcome import apply_outcome, reconcile_announcement
from habeas.releases.services import ListError, create_list, freeze
from tests.releases.registry import TODAY

pytestmark = pytest.mark.django_db
HERE = Path(__file__).parent / "announcements"
runner = CliRunner()


def _by_text(result: dict) -> dict[str, dict]:
    return {m["text"]: m for m in result["mentions"]}


def test_russian_decree_case_forms_namesakes_and_unknown(registry: dict[str, int]) -> None:
    r = reconcile_announcement((HERE / "decree_ru.txt").read_text("utf-8"))
    m = _by_text(r)
    assert r["lang"] == "ru"
    assert m["Рико Кригер"]["person_id"] == registry["t-1"]
    assert m["Кригера"]["status"] == "matched" and m["Кригера"]["person_id"] == registry["t-1"]
    assert m["Смирновой"]["person_id"] == registry["t-3"]
    assert m["Фёдорова Елена Викторовна"]["person_id"] == registry["t-9"]
    namesakes = m["Иван Иванов"]
    assert namesakes["status"] == "ambiguous"
    assert {c["person_id"] for c in namesakes["candidates"]} == {registry["t-4"], registry["t-5"]}
    assert m["Сергей Незнакомцев"]["status"] == "unknown"
    assert m["Сергей Незнакомцев"]["person_id"] is None
    text = (HERE / "decree_ru.txt").read_text("utf-8")
    for mention in r["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    # «шесть заключённых»: Кригер, Кагарлицкий, Смирнова, Фёдорова, Иванов, Незнакомцев
    assert r["totals_stated"][0]["value"] == 6 and r["totals_stated"][0]["agrees"]


def test_english_press_release_spelling_variants_and_total(registry: dict[str, int]) -> None:
    r = reconcile_announcement((HERE / "press_en.txt").read_text("utf-8"))
    m = _by_text(r)
    assert m["Boris Kagarlitskiy"]["person_id"] == registry["t-2"]
    assert m["Elena Fyodorova"]["person_id"] == registry["t-9"]
    assert m["Krieger"]["person_id"] == registry["t-1"]
    assert m["Jonathan Bellweather"]["status"] == "unknown"
    total = r["totals_stated"][0]
    assert (total["text"], total["value"], total["agrees"]) == ("Sixteen prisoners", 16, False)
    assert r["totals_disagree"] == [total]


def test_german_announcement(registry: dict[str, int]) -> None:
    r = reconcile_announcement((HERE / "meldung_de.txt").read_text("utf-8"))
    m = _by_text(r)
    assert r["lang"] == "de"
    assert m["Boris Kagarlizki"]["person_id"] == registry["t-2"]
    assert m["Jelena Fjodorowa"]["person_id"] == registry["t-9"]
    assert m["Kriegers"]["person_id"] == registry["t-1"]
    assert m["Wolfgang Schreibermann"]["status"] == "unknown"
    assert r["totals_stated"][0]["value"] == 4 and r["totals_stated"][0]["agrees"]


def test_name_lists_surname_first_and_csv(registry: dict[str, int]) -> None:
    r = reconcile_announcement((HERE / "names.txt").read_text("utf-8"))
    m = _by_text(r)
    assert r["mode"] == "names"
    assert m["КРИГЕР Рико"]["person_id"] == registry["t-1"]
    assert m["Kagarlitsky Boris"]["person_id"] == registry["t-2"]
    assert m["Незнакомов Олег Игоревич"]["status"] == "unknown"
    r = reconcile_announcement((HERE / "names.csv").read_text("utf-8"))
    m = _by_text(r)
    assert m["Орлов Алексей Иванович"]["person_id"] == registry["t-6"]
    assert m["Иванов Иван"]["status"] == "ambiguous"


def test_with_a_list_who_is_named_and_who_is_not(registry: dict[str, int]) -> None:
    rl = create_list("swap", Criteria(articles=("361", "205.2(2)", "205.2", "275")))
    freeze(rl, "counterpart", "anna", today=TODAY)
    r = reconcile_announcement((HERE / "press_en.txt").read_text("utf-8"), release_list=rl)
    named = {p["person_id"] for p in r["listed_named"]}
    not_named = {p["person_id"] for p in r["listed_not_named"]}
    assert named == {registry["t-1"], registry["t-2"]}
    assert not_named == {registry["t-7"], registry["t-8"]}


def test_apply_outcome_writes_sourced_events_all_or_nothing(registry: dict[str, int]) -> None:
    text = (HERE / "decree_ru.txt").read_text("utf-8")
    r = reconcile_announcement(text)
    with pytest.raises(ListError):
        apply_outcome(r, text=text, outcome="exchanged", on=TODAY, person_ids=[registry["t-8"]])
    assert not Event.objects.filter(kind="released", occurred_on=TODAY).exists()
    done = apply_outcome(
        r, text=text, outcome="exchanged", on=TODAY, url="https://example.org/ukaz"
    )
    ids = {a["person_id"] for a in done["applied"]}
    assert ids == {registry[k] for k in ("t-1", "t-2", "t-3", "t-9")}
    for pid in ids:
        event = Event.objects.get(person_id=pid, kind="released", occurred_on=TODAY)
        assert event.release_kind == "exchange"
        record = SourceRecord.objects.get(pk=event.record_id)
        assert record.source.kind == "announcement" and record.raw["announcement"] == text
        assert record.url == "https://example.org/ukaz"
        assert Person.objects.get(pk=pid).status == "exchanged"
    assert Person.objects.get(pk=registry["t-4"]).status == "imprisoned"


def _app() -> typer.Typer:
    app = typer.Typer()
    lists_commands.register(app)
    return app


def test_cli_build_freeze_export_diff_reconcile_apply(
    registry: dict[str, int], tmp_path: Path
) -> None:
    app = _app()
    ok = runner.invoke(
        app,
        [
            "lists",
            "create",
            "cli",
            "--status",
            "imprisoned",
            "--article",
            "207.3",
            "--title",
            "Обмен",
        ],
    )
    assert ok.exit_code == 0, ok.output
    assert (
        runner.invoke(
            app, ["lists", "freeze", "cli", "--audience", "counterpart", "--by", "anna"]
        ).exit_code
        == 0
    )
    out = runner.invoke(
        app, ["lists", "include", "cli", str(registry["t-1"]), "--reason", "foreign citizen"]
    )
    assert out.exit_code == 0, out.output
    v2 = runner.invoke(app, ["lists", "freeze", "cli", "--by", "anna", "--json"])
    assert json.loads(v2.stdout)["version"] == 2
    diff = json.loads(runner.invoke(app, ["lists", "diff", "cli", "1", "2", "--json"]).stdout)
    assert [a["person_id"] for a in diff["added"]] == [registry["t-1"]]
    pdf = tmp_path / "cli.pdf"
    assert runner.invoke(app, ["lists", "export", "cli", str(pdf)]).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    res = runner.invoke(app, ["reconcile", str(HERE / "press_en.txt"), "--list", "cli", "--json"])
    data = json.loads(res.stdout)
    assert set(data) >= {"mentions", "totals_stated", "listed_named", "listed_not_named"}
    assert set(data["mentions"][0]) >= {
        "text",
        "start",
        "end",
        "status",
        "person_id",
        "score",
        "candidates",
    }
    bad = runner.invoke(app, ["reconcile", str(HERE / "press_en.txt"), "--apply"])
    assert bad.exit_code == 2
    applied = runner.invoke(
        app,
        [
            "reconcile",
            str(HERE / "press_en.txt"),
            "--apply",
            "--date",
            "2026-05-30",
            "--outcome",
            "pardoned",
            "--json",
        ],
    )
    assert applied.exit_code == 0, applied.output
    assert Event.objects.filter(person_id=registry["t-1"], release_kind="pardon").exists()
    missing = runner.invoke(app, ["lists", "show", "nope"])
    assert missing.exit_code == 1
