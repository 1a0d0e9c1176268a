"""Explanations: which comparison level each field reached and the weight (bits) it added."""

from __future__ import annotations

import copy
import math
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from .engine import Engine, fetch

if TYPE_CHECKING:
    from .result import LinkResult


def _weight(level: dict[str, Any]) -> float:
    m, u = level.get("m_probability"), level.get("u_probability")
    if level.get("is_null_level") or not m or not u:
        return 0.0
    return math.log2(m / u)


class Explainer:
    """Turns comparison vectors into per-field reasons, from a model's splink settings."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.levels: dict[str, dict[int, tuple[str, float]]] = {}
        for comp in settings["comparisons"]:
            table: dict[int, tuple[str, float]] = {}
            non_null = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
            for lv in comp["comparison_levels"]:
                label = lv.get("label_for_charts") or lv.get("sql_condition", "")
                if lv.get("is_null_level"):
                    table[-1] = (label, 0.0)
            for i, lv in enumerate(non_null):
                label = lv.get("label_for_charts") or lv.get("sql_condition", "")
                table[len(non_null) - 1 - i] = (label, _weight(lv))
            self.levels[comp["output_column_name"]] = table
        lam = settings["probability_two_random_records_match"]
        self.prior_weight = math.log2(lam / (1 - lam))

    def level_of(self, name: str, weight: float) -> str:
        """The label of the level of comparison ``name`` that carries ``weight``."""
        table = self.levels.get(name, {})
        if not table:
            return "?"
        gamma = min(table, key=lambda g: (round(abs(table[g][1] - weight), 6), g != -1, -g))
        return table[gamma][0]

    def explain_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """Per-field level and weight of a scored pair row (with ``mw_*`` columns)."""
        fields: dict[str, dict[str, Any]] = {}
        for name in self.levels:
            weight = row.get(f"mw_{name}")
            if weight is None:
                continue
            fields[name] = {"level": self.level_of(name, weight), "weight": round(weight, 3)}
        return {
            "prior_weight": round(self.prior_weight, 3),
            "match_weight": round(float(row.get("match_weight", 0.0)), 3),
            "fields": fields,
        }

    def explain_cluster(
        self,
        table: pa.Table,
        result: LinkResult,
        cluster_key: int,
        backend: str = "duckdb",
        spark: Any = None,
    ) -> dict[str, Any]:
        """Score every pair inside one cluster and explain it (see Linker.explain_cluster)."""
        ids = sorted(table["unique_id"].to_pylist())
        auto = {(lk.left, lk.right) for lk in result.auto_links}
        pairs: list[dict[str, Any]] = []
        if len(ids) > 1:
            settings = copy.deepcopy(self.settings)
            settings["blocking_rules_to_generate_predictions"] = [
                {"blocking_rule": "l.unique_id < r.unique_id", "sql_dialect": backend}
            ]
            engine = Engine(backend, spark)
            try:
                frame = engine.register(table, "cluster")
                scored = engine.linker(frame, settings).inference.predict(warning_mode="never")
                rows = fetch(scored, "SELECT * FROM {this}").to_pylist()
            finally:
                engine.close()
            for row in rows:
                a, b = sorted((row["unique_id_l"], row["unique_id_r"]))
                item = {"left": a, "right": b, "probability": round(row["match_probability"], 6)}
                item["linked_by_model"] = (a, b) in auto
                item.update(self.explain_row(row))
                pairs.append(item)
        pairs.sort(key=lambda p: (-p["match_weight"], p["left"], p["right"]))
        return {
            "cluster": cluster_key,
            "person": result.persons.get(cluster_key),
            "records": ids,
            "pairs": pairs,
        }
