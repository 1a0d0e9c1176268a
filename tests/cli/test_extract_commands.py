"""``habeas extract``: JSON and human output, the seed article, and --to-review into the
store with incremental linking and the review queue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from habeas.cli.extract_commands import register

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_c2d59bb06eccc941.txt"
TODAY = date(2026, 11, 26)

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """Test root, so that ``extract`` stays a sub-command."""

    return app


def _run(*args: str) -> dict:
    result = runner.invoke(_app(), ["extract", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_seed_article_finds_kagarlitsky(monkeypatch) -> None:
    assert SEED.exists(), f"seed article missing: {SEED} (run with ../shared beside the repo)"
    monkeypatch.delenv("HABEAS_DB", raising=False)
    data = _run(str(SEED), "--json")
    kag = next(p for p in data["persons"] if p["name"] == "Boris Kagarlitsky")
    assert kag["role"] == "defendant"
    assert "205.2" in kag["articles"]
    assert "Torzhok" in kag["facility"]
    assert set(kag["sentence"]) == {"years", "months", "regime", "in_absentia", "suspended", "fine"}
    assert set(kag["dates"]) == {"detained", "verdict", "appeal"}
    assert kag["name_span"] and kag["spans"]["name"]


def test_russian_file_with_published_date_and_human_output(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(
        "Вчера Ленинский районный суд Самары приговорил Глеба Ракитина к шести годам колонии "
        "общего режима по делу о «фейках» об армии. Адвокат Тимур Хайруллин обжалует приговор.",
        encoding="utf-8",
    )
    data = _run(str(path), "--json", "--lang", "ru", "--published", "2024-03-15")
    gleb = next(p for p in data["persons"] if p["role"] == "defendant")
    assert gleb["name"] == "Глеб Ракитин"
    assert gleb["sentence"]["years"] == 6 and gleb["sentence"]["regime"] == "general"
    assert gleb["dates"]["verdict"] == "2024-03-14"
    text = runner.invoke(_app(), ["extract", str(path)])
    assert text.exit_code == 0 and "Глеб Ракитин" in text.output and "lawyer" in text.output


def test_bad_options_fail_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("text", encoding="utf-8")
    assert runner.invoke(_app(), ["extract", str(path), "--lang", "fr"]).exit_code != 0
    assert runner.invoke(_app(), ["extract", str(path), "--published", "15.03.2024"]).exit_code
    assert runner.invoke(_app(), ["extract", str(tmp_path / "missing.txt")]).exit_code != 0


def test_to_review_links_a_known_person_and_keeps_the_evidence(list_file, tmp_path) -> None:
    from habeas.apps.registry.importer import import_file
    from habeas.apps.registry.models import Person, SourceRecord
    from habeas.apps.sources.models import Source

    import_file(list_file(), source="Memorial", today=TODAY)
    kagarlitsky = Person.objects.get(records__source_key="m-1")
    data = _run(str(SEED), "--json", "--to-review")
    review = data["review"]
    assert review["source"] == SEED.name
    assert Source.objects.get(name=SEED.name).kind == "news"
    [rec] = review["records"]
    record = SourceRecord.objects.get(pk=rec["record_id"])
    assert record.raw["text"].startswith("The Freeing")
    start, end = record.raw["candidate"]["name_span"]
    assert record.raw["text"][start:end] == "Boris Kagarlitsky"
    assert "205.2" in json.dumps(record.data)
    # either linked to the registry's Kagarlitsky, or waiting in review as a pair with him
    if rec["linked"]:
        assert record.person_id == kagarlitsky.pk
    else:
        assert rec["review_items"], rec


def test_to_review_uncertain_candidate_waits_in_review_and_same_links_it(
    list_file, tmp_path
) -> None:
    from habeas.apps.registry import review_queue
    from habeas.apps.registry.identity import run_linking
    from habeas.apps.registry.importer import import_file
    from habeas.apps.registry.models import ReviewItem, SourceRecord

    import_file(list_file(), source="Memorial", today=TODAY)
    run_linking()
    path = tmp_path / "smirnova.txt"
    # Same name as the list's Смирнова Анна Петровна, but another article and term:
    # the linker is unsure, so the pair goes to the review queue.
    path.write_text(
        "Суд в Москве приговорил Анну Смирнову к двум годам колонии общего режима по статье "
        "о хулиганстве (ст. 213 УК).",
        encoding="utf-8",
    )
    data = _run(str(path), "--json", "--to-review")
    [rec] = data["review"]["records"]
    assert not rec["linked"] and rec["review_items"]
    record = SourceRecord.objects.get(pk=rec["record_id"])
    assert record.source.name == "smirnova.txt" and record.source.kind == "news"
    item = ReviewItem.objects.get(pk=rec["review_items"][0])
    other = item.left_id if item.right_id == record.pk else item.right_id
    assert SourceRecord.objects.get(pk=other).source_key == "m-2"
    review_queue.decide(item.pk, "same", by="editor")
    record.refresh_from_db()
    assert record.person_id == SourceRecord.objects.get(pk=other).person_id


def test_gazetteer_from_the_registry_when_a_db_is_given(list_file) -> None:
    from habeas.apps.registry.extracted import gazetteer_names
    from habeas.apps.registry.importer import import_file

    import_file(list_file(), source="Memorial", today=TODAY)
    assert "Boris Kagarlitsky" in gazetteer_names()
