"""Blocking that scales: narrow rules, one-sided "missing" rules, and every pair inside a
group the model's links build compared."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from habeas.linkage import prepare
from habeas.linkage.engine import Engine
from habeas.linkage.model import BLOCKING_RULES, BlockingRule
from tests.linkage.conftest import pairs_of


def _pair_set(table: pa.Table) -> set[tuple[int, int]]:
    lo = pc.min_element_wise(table["unique_id_l"], table["unique_id_r"]).to_pylist()
    hi = pc.max_element_wise(table["unique_id_l"], table["unique_id_r"]).to_pylist()
    return set(zip(lo, hi, strict=True))


def _candidates(table: pa.Table) -> set[tuple[int, int]]:
    con = duckdb.connect()
    con.register("t", table)
    union = " UNION ".join(
        f"SELECT l.unique_id AS a, r.unique_id AS b FROM t l JOIN t r ON {rule.sql()} "
        "WHERE l.unique_id < r.unique_id"
        for rule in BLOCKING_RULES
    )
    return set(con.execute(union).fetchall())


def test_one_sided_rule_sql() -> None:
    rule = BlockingRule(("sur_skel", "giv_key"), "birth_year", "r")
    assert rule.sql() == (
        "l.sur_skel = r.sur_skel AND l.giv_key = r.giv_key AND r.birth_year IS NULL"
    )
    assert BlockingRule(("giv_key", "birth")).sql() == (
        "l.giv_key = r.giv_key AND l.birth = r.birth"
    )
    # each one-sided rule comes with its mirror, so the order of a pair does not matter
    sided = {(r.columns, r.missing, r.side) for r in BLOCKING_RULES if r.missing}
    assert sided
    assert all((c, m, "r" if s == "l" else "l") in sided for c, m, s in sided)


def test_blocking_recall_on_the_demo_lists(demo) -> None:
    records, truth = demo
    candidates = _candidates(prepare(records, workers=1))
    real = pairs_of(truth)
    assert len(real & candidates) / len(real) >= 0.98
    assert len(candidates) < 0.01 * len(records) * (len(records) - 1) / 2


def test_every_pair_inside_a_linked_group_is_scored(linker, demo) -> None:
    records, _ = demo
    table = prepare(records, workers=1)
    settings = linker.splink_settings(len(table))
    pairs, _ = linker._score(table, None)
    assert len(_pair_set(pairs)) == len(pairs)  # the within-group pass adds no pair twice
    # a group chained by links a-b and b-c, where blocking never compared a and c
    ids = table["unique_id"].to_pylist()
    a, b, c = ids[0], ids[1], ids[2]
    chain = pa.Table.from_pylist(
        [
            {"unique_id_l": a, "unique_id_r": b, "match_probability": 0.99, "veto": 0},
            {"unique_id_l": b, "unique_id_r": c, "match_probability": 0.99, "veto": 0},
        ],
        schema=pairs.schema,
    )
    engine = Engine()
    try:
        groups = linker._link_groups(chain, [])
        assert groups == {a: a, b: a, c: a}
        extra = linker._score_within_groups(
            engine, table, chain, groups, linker._pairs_sql(settings)
        )
    finally:
        engine.close()
    assert _pair_set(extra) == {(min(a, c), max(a, c))}
    assert extra.schema == pairs.schema
