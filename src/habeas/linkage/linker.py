"""The linker: normalise → block → score → cluster → review queue, with decisions honoured."""

from __future__ import annotations

import copy
import json
import math
import time
import zlib
from collections.abc import Hashable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .cluster import UnionFind, assign_persons, cluster
from .decisions import Decision, DecisionLog
from .engine import Engine, fetch, score_all, score_new
from .explain import Explainer
from .model import IDENTITY_FIELDS, regularise, train_linker
from .model import settings as model_settings
from .prepare import prepare, prepare_raw
from .records import LinkRecord
from .result import Link, LinkResult, ReviewPair

FORMAT = "habeas-linkage/1"
#: Pairs at or above this match probability are linked by the model.
LINK_THRESHOLD = 0.95
#: Pairs at or above this (and below LINK_THRESHOLD) go to review.
REVIEW_THRESHOLD = 0.30
#: Pairs at or below this match weight are "clearly different" (soft cannot-links).
CANNOT_WEIGHT = -8.0
#: The prior is never taken for fewer records than this (a handful of records would make
#: any two look likely to match).
MIN_PRIOR_RECORDS = 1_000

Records = Iterable[LinkRecord] | pa.Table


def default_model_path() -> Path:
    """The shipped model trained on synthetic demo lists (``models/default.json``)."""
    return Path(str(resources.files("habeas.linkage").joinpath("models/default.json")))


class Linker:
    """Links source records into persons with a Fellegi-Sunter model run by splink.

    ``model``: a path to a saved model, a loaded model dict, or None (untrained; call
    :meth:`train`). ``backend``: ``"duckdb"`` (default) or ``"spark"`` with ``spark`` a
    SparkSession. ``baseline`` switches to splink's stock name comparisons on raw names
    (for the benchmark only).
    """

    def __init__(
        self,
        model: str | Path | Mapping[str, Any] | None = None,
        *,
        backend: str = "duckdb",
        spark: Any = None,
        baseline: bool = False,
        link_threshold: float = LINK_THRESHOLD,
        review_threshold: float = REVIEW_THRESHOLD,
        cannot_weight: float = CANNOT_WEIGHT,
    ) -> None:
        self.backend, self.spark, self.baseline = backend, spark, baseline
        self.link_threshold = link_threshold
        self.review_threshold = review_threshold
        self.cannot_weight = cannot_weight
        self.model: dict[str, Any] | None = None
        if model is not None:
            self.model = self._read(Path(model)) if isinstance(model, str | Path) else dict(model)
            self.baseline = bool(self.model.get("baseline", baseline))

    # -- model -----------------------------------------------------------------------

    @staticmethod
    def _read(path: Path) -> dict[str, Any]:
        data = json.loads(Path(path).read_text("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a Habeas linkage model ({FORMAT})")
        return data

    def save_model(self, path: str | Path) -> Path:
        """Write the trained model (splink settings with m/u, plus the prior per record)."""
        if self.model is None:
            raise ValueError("the model is not trained")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.model, indent=1, ensure_ascii=False), "utf-8")
        return path

    @classmethod
    def load_model(cls, path: str | Path, **kwargs: Any) -> Linker:
        """A linker with the model saved at ``path`` (keyword arguments as for the class)."""
        return cls(path, **kwargs)

    def prepare(self, records: Records) -> pa.Table:
        """Normalise records (a prepared table passes through)."""
        if isinstance(records, pa.Table):
            return records
        return prepare_raw(records) if self.baseline else prepare(records)

    def train(
        self, records: Records, seed: int = 2026, max_records: int = 200_000
    ) -> dict[str, Any]:
        """Fit the model on unlabelled records (EM); returns and keeps the model dict.

        Above ``max_records`` the model learns from a sample that keeps whole surname
        groups (so the records of one person stay together and the prior stays right).
        """
        table = _sample(self.prepare(records), max_records)
        engine = Engine(self.backend, self.spark)
        try:
            frame = engine.register(table, "training")
            linker = engine.linker(frame, model_settings(self.baseline))
            train_linker(linker, self.baseline, seed)
            splink_model = regularise(linker.misc.save_model_to_json())
        finally:
            engine.close()
        n = len(table)
        lam = float(splink_model["probability_two_random_records_match"])
        self.model = {
            "format": FORMAT,
            "baseline": self.baseline,
            "trained_on_records": n,
            # expected matching partners per record: the prior that carries to other sizes
            "matches_per_record": lam * (n - 1) / 2 if n > 1 else lam,
            "splink": splink_model,
        }
        return self.model

    def splink_settings(self, n_records: int) -> dict[str, Any]:
        """The splink settings with the prior rescaled to ``n_records`` records."""
        if self.model is None:
            raise ValueError("the model is not trained; call train() or load a model")
        out = copy.deepcopy(self.model["splink"])
        n_records = max(n_records, MIN_PRIOR_RECORDS)
        if n_records > 1:
            lam = 2 * self.model["matches_per_record"] / (n_records - 1)
            out["probability_two_random_records_match"] = min(0.5, max(1e-12, lam))
        return out

    # -- linking ---------------------------------------------------------------------

    def predict(
        self,
        records: Records,
        decisions: Iterable[Decision] = (),
        previous_assignment: Mapping[int, Hashable] | None = None,
        new_only: set[int] | None = None,
    ) -> LinkResult:
        """Link records into persons.

        ``decisions``: the decision log (human "same" = must-link, "not the same" =
        cannot-link, "unsure" = never auto-linked nor queued again; the model's own
        entries are ignored). ``previous_assignment``: record -> person id of the last run,
        for stable ids. ``new_only``: score only pairs that involve these records and keep
        existing persons whole (incremental linking; ``records`` still holds everyone,
        ideally as a prepared table so that old records are not normalised again).
        """
        previous = previous_assignment or {}
        times: dict[str, float] = {}
        t = time.perf_counter()
        table = self.prepare(records)
        times["normalise"] = time.perf_counter() - t
        decisions = list(decisions)
        must, _, _ = DecisionLog(decisions).constraints()
        t = time.perf_counter()
        pairs, totals = self._score(table, new_only, must)
        times["block_score"] = time.perf_counter() - t
        t = time.perf_counter()
        result = self._cluster(table, pairs, decisions, previous, new_only)
        times["cluster"] = time.perf_counter() - t
        result.counts.update(totals)
        result.stage_seconds = times
        return result

    def _score(
        self,
        table: pa.Table,
        new_only: set[int] | None,
        must: Iterable[tuple[int, int]] = (),
    ) -> tuple[pa.Table, dict[str, int]]:
        """Block and score; returns the pairs clustering needs and the pair counts.

        Fetched are: pairs at review level or above; the model's cannot-links (clearly
        different or vetoed) only between records that the links (and ``must`` pairs) put
        in one group, since clustering has no use for the others and they are most of the
        candidates; and, on a full run, every pair inside a group of three or more that
        blocking left out (:meth:`_score_within_groups`).
        """
        settings = self.splink_settings(len(table))
        veto = veto_sql(settings)
        engine = Engine(self.backend, self.spark)
        try:
            if new_only is None:
                frame = engine.register(table, "records")
                scored = [score_all(engine.linker(frame, settings))]
            else:
                is_new = pc.is_in(table["unique_id"], pa.array(sorted(new_only), pa.int64()))
                new = engine.register(table.filter(is_new), "new")
                old = engine.register(table.filter(pc.invert(is_new)), "old")
                scored = score_new(engine.linker(new, settings), new, old)
            strong = f"WHERE match_probability >= {self.review_threshold}"
            parts = [fetch(s, self._pairs_sql(settings, strong)) for s in scored]
            count_sql = (
                "SELECT count(*) AS n, "  # noqa: S608  (model numbers and names only)
                f"sum(CASE WHEN {veto} THEN 1 ELSE 0 END) AS v FROM {{this}}"
            )
            counts = [fetch(s, count_sql) for s in scored]
            totals = {
                "candidate_pairs": sum(int(c["n"][0].as_py() or 0) for c in counts),
                "vetoed_pairs": sum(int(c["v"][0].as_py() or 0) for c in counts),
            }
            strong_pairs = pa.concat_tables(parts)
            must = list(must)
            groups = self._link_groups(strong_pairs, must)
            if groups:
                ids = pa.array(list(groups), pa.int64())
                grouped = engine.register(
                    pa.table({"unique_id": ids, "link_group": list(groups.values())}),
                    "link_groups",
                )
                g = grouped.physical_name
                soft = (
                    f"JOIN {g} ga ON ga.unique_id = unique_id_l "
                    f"JOIN {g} gb ON gb.unique_id = unique_id_r "
                    f"WHERE ga.link_group = gb.link_group "
                    f"AND match_probability < {self.review_threshold} "
                    f"AND (match_weight <= {self.cannot_weight} OR {veto})"
                )
                parts += [fetch(s, self._pairs_sql(settings, soft)) for s in scored]
                if new_only is None:
                    pairs = pa.concat_tables(parts)
                    kept = self._pairs_sql(
                        settings,
                        f"WHERE match_probability >= {self.review_threshold} "
                        f"OR match_weight <= {self.cannot_weight} OR {veto}",
                    )
                    # the model's own groups: a person's "same" decision is not second-
                    # guessed by comparing everything it joins
                    own = self._link_groups(strong_pairs, []) if must else groups
                    parts.append(self._score_within_groups(engine, table, pairs, own, kept))
        finally:
            engine.close()
        return pa.concat_tables(parts), totals

    def _link_groups(self, pairs: pa.Table, must: Iterable[tuple[int, int]]) -> dict[int, int]:
        """Record -> group for records the model's links (and ``must`` pairs, if any) join
        to at least one other record."""
        is_link = pc.and_(
            pc.equal(pairs["veto"], 0),
            pc.greater_equal(pairs["match_probability"], self.link_threshold),
        )
        probe = UnionFind()
        left = pc.filter(pairs["unique_id_l"], is_link).to_pylist()
        right = pc.filter(pairs["unique_id_r"], is_link).to_pylist()
        for a, b in zip(left, right, strict=True):
            probe.union(a, b)
        for a, b in must:
            probe.union(a, b)
        return {x: probe.find(x) for x in list(probe.parent)}

    def _pairs_sql(self, settings: Mapping[str, Any], where: str = "") -> str:
        """SQL that reads scored pairs (``where``: a clause after ``FROM`` the pairs)."""
        gammas = ", ".join(f"mw_{c['output_column_name']}" for c in settings["comparisons"])
        veto = veto_sql(settings)
        # numbers and column names from the model only, no user text
        return (
            "SELECT unique_id_l, unique_id_r, match_weight, match_probability, "  # noqa: S608
            f"{gammas}, CASE WHEN {veto} THEN 1 ELSE 0 END AS veto FROM {{this}} {where}"
        )

    def _score_within_groups(
        self,
        engine: Engine,
        table: pa.Table,
        pairs: pa.Table,
        groups: Mapping[int, int],
        sql: str,
    ) -> pa.Table:
        """Score every pair inside each group of three or more records the model's links
        join, where blocking left some pairs out: a namesake chained in through a third
        record must meet the cannot-link its own comparison would give. Groups are small
        (a person's records), so this stays cheap while blocking can stay narrow. Pairs
        already in ``pairs`` are dropped."""
        settings = self.splink_settings(len(table))
        size: dict[int, int] = {}
        for root in groups.values():
            size[root] = size.get(root, 0) + 1
        members = {x: root for x, root in groups.items() if size[root] >= 3}
        if not members:
            return pairs.schema.empty_table()
        ids = pa.array(list(members), pa.int64())
        sub = table.filter(pc.is_in(table["unique_id"], ids))
        comp = pc.take(
            pa.array(list(members.values()), pa.int64()), pc.index_in(sub["unique_id"], ids)
        )
        sub = sub.append_column("link_group", comp)
        settings["blocking_rules_to_generate_predictions"] = [
            {"blocking_rule": "l.link_group = r.link_group", "sql_dialect": "duckdb"}
        ]
        frame = engine.register(sub, "grouped_records")
        scored = score_all(engine.linker(frame, settings))
        extra = fetch(scored, sql)
        # drop the pairs the blocking rules had already scored
        width = pa.scalar(int(pc.max(table["unique_id"]).as_py()) + 1, pa.int64())

        def keys(t: pa.Table) -> pa.Array | pa.ChunkedArray:
            lo = pc.min_element_wise(t["unique_id_l"], t["unique_id_r"])
            hi = pc.max_element_wise(t["unique_id_l"], t["unique_id_r"])
            return pc.add_checked(pc.multiply_checked(lo, width), hi)

        if len(extra) and len(pairs):
            extra = extra.filter(pc.invert(pc.is_in(keys(extra), keys(pairs))))
        return extra.select(pairs.schema.names).cast(pairs.schema)

    def _cluster(
        self,
        table: pa.Table,
        pairs: pa.Table,
        decisions: Iterable[Decision],
        previous: Mapping[int, Hashable],
        new_only: set[int] | None,
    ) -> LinkResult:
        log = DecisionLog(decisions)
        must, cannot, conflicts = log.constraints()
        unsure = log.unsure_pairs()
        decided = set(must) | set(cannot) | unsure
        # pairs sorted out column-wise; Python only walks the links and the review band
        lo = pc.min_element_wise(pairs["unique_id_l"], pairs["unique_id_r"])
        hi = pc.max_element_wise(pairs["unique_id_l"], pairs["unique_id_r"])
        prob, weight = pairs["match_probability"], pairs["match_weight"]
        vetoed = pc.not_equal(pairs["veto"], 0)
        kept = pc.invert(vetoed)
        is_link = pc.and_(kept, pc.greater_equal(prob, self.link_threshold))
        is_band = pc.and_(
            pc.and_(kept, pc.invert(is_link)), pc.greater_equal(prob, self.review_threshold)
        )
        is_soft = pc.or_(
            vetoed,
            pc.and_(pc.invert(pc.or_(is_link, is_band)), pc.less_equal(weight, self.cannot_weight)),
        )
        links = [
            Link(a, b, p, w)
            for a, b, p, w in zip(
                *(pc.filter(col, is_link).to_pylist() for col in (lo, hi, prob, weight)),
                strict=True,
            )
            if (a, b) not in unsure
        ]
        band = [
            i
            for i, a, b in zip(
                pc.indices_nonzero(is_band).to_pylist(),
                pc.filter(lo, is_band).to_pylist(),
                pc.filter(hi, is_band).to_pylist(),
                strict=True,
            )
            if (a, b) not in decided
        ]
        if new_only is None:
            ids: Iterable[int] = table["unique_id"].to_pylist()
            groups = None
            prev = previous
        else:
            band_pairs = zip(
                pc.take(lo, pa.array(band, pa.int64())).to_pylist(),
                pc.take(hi, pa.array(band, pa.int64())).to_pylist(),
                strict=True,
            )
            ids, groups = _touched(new_only, links, list(band_pairs), previous)
            prev = groups
            must = [m for m in must if m[0] in ids and m[1] in ids]
            cannot = [c for c in cannot if c[0] in ids and c[1] in ids]
        soft = _soft_in_reach(pc.filter(lo, is_soft), pc.filter(hi, is_soft), links, must)
        clustering = cluster(
            ids, [(a, b, p) for a, b, p, _ in links], must, cannot, soft, groups=groups
        )
        assignment = clustering.assignment
        persons, merged = assign_persons(assignment, prev)
        review = self._review(pairs, band, clustering.refused, cannot, assignment)
        refused = {r[:2] for r in clustering.refused}
        auto = [lk for lk in links if (lk.left, lk.right) not in refused]
        return LinkResult(
            assignment=assignment,
            persons=persons,
            merged=merged,
            auto_links=auto,
            review=review,
            counts={
                "records": len(table),
                "scored_pairs_kept": len(pairs),
                "auto_links": len(auto),
                "review": len(review),
                "refused_links": len(clustering.refused),
                "clusters": len(set(assignment.values())),
                "conflicting_decisions": len(conflicts),
            },
            partial=new_only is not None,
            conflicts=[{"decision": c.decision.to_dict(), "why": c.why} for c in conflicts],
        )

    def _review(
        self,
        pairs: pa.Table,
        band: list[int],
        refused: list[tuple[int, int, float]],
        cannot: list[tuple[int, int]],
        assignment: Mapping[int, int],
    ) -> list[ReviewPair]:
        explainer = Explainer(self.splink_settings(max(2, len(assignment))))
        apart = {frozenset((assignment[a], assignment[b])) for a, b in cannot}
        rows = pairs.take(pa.array(band, pa.int64())).to_pylist() if band else []
        index = {
            (min(r["unique_id_l"], r["unique_id_r"]), max(r["unique_id_l"], r["unique_id_r"])): r
            for r in rows
        }
        out: list[ReviewPair] = []
        for (a, b), row in index.items():
            if assignment.get(a) == assignment.get(b) and a in assignment:
                continue  # settled: the two are joined through surer links
            out.append(self._review_pair(explainer, a, b, row, "uncertain score"))
        if refused:
            wanted = {(a, b) for a, b, _ in refused}
            lo = pc.min_element_wise(pairs["unique_id_l"], pairs["unique_id_r"])
            mask = pc.is_in(lo, pa.array(sorted({a for a, _ in wanted}), pa.int64()))
            for row in pairs.filter(mask).to_pylist():
                a, b = sorted((row["unique_id_l"], row["unique_id_r"]))
                if (a, b) in wanted and frozenset((assignment[a], assignment[b])) not in apart:
                    reason = "a strong link that would join records the model finds different"
                    out.append(self._review_pair(explainer, a, b, row, reason))
        out.sort(key=lambda r: (abs(r.match_weight), r.left, r.right))
        return out

    @staticmethod
    def _review_pair(
        explainer: Explainer, a: int, b: int, row: dict[str, Any], reason: str
    ) -> ReviewPair:
        return ReviewPair(
            a,
            b,
            float(row["match_probability"]),
            float(row["match_weight"]),
            explainer.explain_row(row),
            reason,
        )

    def explain_cluster(
        self, records: Records, result: LinkResult, cluster_key: int | None = None
    ) -> dict[str, Any]:
        """Why records are together: every pair of a cluster with its per-field weights.

        ``records`` must hold the cluster's records (others are ignored); ``cluster_key``
        defaults to the cluster of the first record given.
        """
        table = self.prepare(records)
        ids = table["unique_id"].to_pylist()
        if cluster_key is None:
            cluster_key = result.assignment[ids[0]]
        members = [i for i in ids if result.assignment.get(i) == cluster_key]
        sub = table.filter(pc.is_in(table["unique_id"], pa.array(members, pa.int64())))
        explainer = Explainer(self.splink_settings(max(2, result.counts.get("records", 2))))
        return explainer.explain_cluster(sub, result, cluster_key, self.backend, self.spark)


def _touched(
    new_only: set[int],
    links: list[Link],
    band: list[tuple[int, int]],
    previous: Mapping[int, Hashable],
) -> tuple[set[int], dict[int, Hashable]]:
    """Records an incremental run must re-cluster: the new ones and every record of the
    previous persons they link to, with those records' persons."""
    persons: set[Hashable] = set()
    for a, b, *_ in [*links, *band]:
        for x in (a, b):
            if x not in new_only and x in previous:
                persons.add(previous[x])
    groups = {rid: p for rid, p in previous.items() if p in persons}
    return set(new_only) | set(groups), groups


def _soft_in_reach(
    left: pa.ChunkedArray | pa.Array,
    right: pa.ChunkedArray | pa.Array,
    links: list[Link],
    must: Iterable[tuple[int, int]],
) -> list[tuple[int, int]]:
    """The model's cannot-links whose two records the links (and "same" decisions) could
    put in one component: the only ones clustering can use (:func:`cluster` drops the
    rest). Filtered column-wise, since most scored pairs are clearly different."""
    probe = UnionFind()
    for link in links:
        probe.union(link.left, link.right)
    for a, b in must:
        probe.union(a, b)
    if not probe.parent:
        return []
    members = pa.array(list(probe.parent), pa.int64())
    roots = pa.array([probe.find(x) for x in probe.parent.copy()], pa.int64())
    comp_l = pc.take(roots, pc.index_in(left, value_set=members))
    comp_r = pc.take(roots, pc.index_in(right, value_set=members))
    same = pc.fill_null(pc.equal(comp_l, comp_r), False)
    return list(
        zip(pc.filter(left, same).to_pylist(), pc.filter(right, same).to_pylist(), strict=True)
    )


#: Fields counted by the veto (identity fields and gender).
VETO_FIELDS = (*IDENTITY_FIELDS, "gender")


def veto_sql(settings: Mapping[str, Any]) -> str:
    """SQL that is true when two veto fields sit at their "different" (else) level.

    Two independent contradictions (another given name and another birth date, another
    patronymic and another birth date…) mark relatives and namesakes, whose shared case
    facts (co-defendants) would otherwise add up to a confident match.
    """
    terms = []
    for comp in settings["comparisons"]:
        name = comp["output_column_name"]
        if name not in VETO_FIELDS:
            continue
        last = comp["comparison_levels"][-1]
        m, u = last.get("m_probability"), last.get("u_probability")
        if not m or not u:
            continue
        terms.append(f"CASE WHEN mw_{name} <= {math.log2(m / u) + 0.001:.6f} THEN 1 ELSE 0 END")
    return f"({' + '.join(terms) or '0'}) >= 2"


def _sample(table: pa.Table, max_records: int) -> pa.Table:
    """At most about ``max_records`` rows, taken as whole surname-skeleton groups."""
    if len(table) <= max_records:
        return table
    buckets = 1024
    keep = max(1, buckets * max_records // len(table))
    skel = table["sur_skel"].to_pylist()
    mask = [zlib.crc32((s or "").encode("utf-8")) % buckets < keep for s in skel]
    return table.filter(pa.array(mask))
