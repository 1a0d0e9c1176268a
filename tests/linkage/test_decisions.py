"""Decisions: cannot-links survive re-runs, must-links join, withdrawal re-forms persons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from habeas.linkage import Decision, DecisionLog, Verdict, cluster, decide
from habeas.linkage.decisions import MODEL

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _big_cluster(result) -> list[int]:
    return next(m for m in result.clusters().values() if len(m) >= 3)


def test_cannot_link_survives_rerun_and_transitivity(linker, base_result, demo) -> None:
    records, _ = demo
    a, b, c = _big_cluster(base_result)[:3]
    no = decide(a, b, Verdict.NOT_SAME, "editor@example.org", "different fathers", at=T0)
    for _ in range(2):  # the same answer on every re-run
        result = linker.predict(records, decisions=[no])
        assert result.assignment[a] != result.assignment[b]
    assert result.counts["refused_links"] >= 1


def test_must_link_joins_and_withdrawal_reforms(linker, base_result, demo) -> None:
    records, _ = demo
    clusters = list(base_result.clusters().values())
    x, y = clusters[0][0], clusters[1][0]
    yes = decide(x, y, "same", "editor", "same case file", at=T0)
    joined = linker.predict(records, decisions=[yes])
    assert joined.assignment[x] == joined.assignment[y]
    log = DecisionLog([yes])
    log.withdraw(x, y, "editor", "mistake")
    back = linker.predict(records, decisions=log)
    assert back.assignment[x] != back.assignment[y]
    assert back.clusters() == base_result.clusters()


def test_model_decisions_do_not_bind(linker, base_result, demo) -> None:
    records, _ = demo
    a, b = _big_cluster(base_result)[:2]
    by_model = Decision(a, b, Verdict.NOT_SAME, MODEL, T0, "", 0.1)
    result = linker.predict(records, decisions=[by_model])
    assert result.assignment[a] == result.assignment[b]
    assert base_result.model_decisions(T0)[0].by == MODEL


def test_unsure_leaves_review_and_is_not_auto_linked(linker, base_result, demo) -> None:
    records, _ = demo
    if not base_result.review:
        return
    item = base_result.review[0]
    unsure = decide(item.left, item.right, Verdict.UNSURE, "editor", at=T0)
    result = linker.predict(records, decisions=[unsure])
    assert (item.left, item.right) not in {(r.left, r.right) for r in result.review}


def test_transitive_inference_and_conflicts() -> None:
    t = [T0 + timedelta(minutes=i) for i in range(5)]
    log = DecisionLog(
        [
            decide(1, 2, "same", "a", at=t[0]),
            decide(2, 3, "same", "a", at=t[1]),
            decide(3, 4, "not_same", "a", at=t[2]),
            decide(1, 4, "same", "b", at=t[3]),  # contradicts: 1~3 and 3 ≠ 4
        ]
    )
    must, cannot, conflicts = log.constraints()
    assert must == [(1, 2), (2, 3)] and cannot == [(3, 4)]
    assert [c.decision.key for c in conflicts] == [(1, 4)]
    implied = log.implied()
    assert (1, 3, Verdict.SAME) in implied
    assert (1, 4, Verdict.NOT_SAME) in implied and (2, 4, Verdict.NOT_SAME) in implied
    # withdrawing 3 ≠ 4 lets the later "same" apply; the log only grows
    log.withdraw(3, 4, "a", "wrong")
    assert len(log) == 5
    must, cannot, conflicts = log.constraints()
    assert (1, 4) in must and not cannot and not conflicts


def test_cluster_cannot_link_is_transitive() -> None:
    links = [(1, 2, 0.99), (2, 3, 0.98), (3, 4, 0.97)]
    out = cluster([1, 2, 3, 4], links, cannot=[(1, 4)])
    assert out.assignment[1] != out.assignment[4]
    assert out.assignment[1] == out.assignment[2] == out.assignment[3]
    assert out.refused == [(3, 4, 0.97)]
    joined = cluster([1, 2, 5], [(1, 2, 0.99)], must=[(2, 5)])
    assert joined.assignment[5] == joined.assignment[1] == 1
