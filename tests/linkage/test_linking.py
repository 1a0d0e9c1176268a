"""The demo's three partner lists link into the right persons (checked against the truth)."""

from __future__ import annotations

import json

from habeas.linkage import Linker, LinkRecord
from tests.linkage.conftest import pairs_of, pairwise


def test_demo_lists_link_into_persons(base_result, demo) -> None:
    records, truth = demo
    p, r, f1 = pairwise(base_result.assignment, truth)
    assert f1 >= 0.98, (p, r, f1)
    assert p >= 0.98
    # every record is assigned; all clusters are new persons on a first run
    assert set(base_result.assignment) == {rec.record_id for rec in records}
    assert set(base_result.persons.values()) == {None}
    assert base_result.counts["candidate_pairs"] > 0
    assert set(base_result.stage_seconds) == {"normalise", "block_score", "cluster"}


def test_review_queue_is_small_and_ordered(base_result, demo) -> None:
    records, _ = demo
    review = base_result.review
    assert len(review) <= 0.05 * len(records)
    weights = [abs(r.match_weight) for r in review]
    assert weights == sorted(weights)
    for item in review:
        assert item.left < item.right
        assert "surname" in item.explanation["fields"]


def test_training_without_labels(demo, tmp_path) -> None:
    records, truth = demo
    linker = Linker()
    model = linker.train(records)
    assert model["splink"]["comparisons"]
    saved = linker.save_model(tmp_path / "m.json")
    again = Linker.load_model(saved)
    result = again.predict(records)
    p, r, f1 = pairwise(result.assignment, truth)
    assert f1 >= 0.95, (p, r, f1)
    assert json.loads(saved.read_text())["format"] == "habeas-linkage/1"


def test_scripts_and_inflection_link() -> None:
    linker_records = [
        LinkRecord(1, "Memorial", "Кагарлицкий Борис Юльевич", birth_date="1958-08-29"),
        LinkRecord(2, "OVD-Info", "Kagarlitsky, Boris", gender="male", birth_date="1958-08-29"),
        LinkRecord(3, "Press", "Kagarlizki Boris Juljewitsch", birth_date="1958"),
        LinkRecord(4, "Memorial", "Кагарлицкий Борис Юльевич", birth_date="1991-02-03"),
        LinkRecord(5, "Memorial", "Кагарлицкая Мария Борисовна", birth_date="1985-05-05"),
    ]
    from habeas.linkage import default_model_path

    result = Linker(default_model_path()).predict(linker_records)
    together = pairs_of(result.assignment)
    assert {(1, 2), (1, 3), (2, 3)} <= together
    assert not any(4 in p or 5 in p for p in together)


def test_explain_cluster(linker, base_result, demo) -> None:
    records, _ = demo
    clusters = base_result.clusters()
    key = next(k for k, members in clusters.items() if len(members) >= 3)
    members = [r for r in records if r.record_id in clusters[key]]
    why = linker.explain_cluster(members, base_result, key)
    assert why["records"] == clusters[key]
    assert len(why["pairs"]) == 3 * (len(members) - 1) * len(members) // 6 or why["pairs"]
    top = why["pairs"][0]
    assert set(top["fields"]) >= {"surname", "given", "birth"}
    assert top["match_weight"] > 0


def test_link_record_from_interchange() -> None:
    data = {
        "source_id": "М-1",
        "name": "Иванов Иван",
        "aliases": ["Ivanov Ivan"],
        "gender": "male",
        "birth_date": "1958",
        "articles": ["RU-UK 205.2(2)", "RU-UK 280.3(1)", "207.3(2)"],
        "facility": "ФКУ ИК-4 УФСИН России по Тверской области",
        "detained_on": "2023-07-25",
    }
    rec = LinkRecord.from_interchange(7, "Memorial", data)
    assert rec.record_id == 7 and rec.aliases == ("Ivanov Ivan",)
    assert rec.article_numbers == ("205.2", "207.3", "280.3")
