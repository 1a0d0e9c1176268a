"""Fixtures: the demo's three partner lists read as linkage records, with the truth."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from habeas.linkage import Linker, LinkRecord, default_model_path
from habeas.linkage.demo import read_lists


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[LinkRecord], dict[int, str]]:
    """About 520 records of 300 demo people (three lists), read through the importer."""
    return read_lists(tmp_path_factory.mktemp("linkage-demo"), 300, seed=7)


@pytest.fixture(scope="session")
def linker() -> Linker:
    """The shipped default model on DuckDB."""
    return Linker(default_model_path())


@pytest.fixture(scope="session")
def base_result(linker: Linker, demo):
    records, _ = demo
    return linker.predict(records)


def pairs_of(groups: dict[int, object]) -> set[tuple[int, int]]:
    """Record pairs that share a group."""
    by: dict[object, list[int]] = defaultdict(list)
    for rid, g in groups.items():
        by[g].append(rid)
    return {p for m in by.values() for p in combinations(sorted(m), 2)}


def pairwise(assignment: dict[int, int], truth: dict[int, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1."""
    pred, real = pairs_of(assignment), pairs_of(truth)
    tp = len(pred & real)
    p, r = tp / len(pred), tp / len(real)
    return p, r, 2 * p * r / (p + r)


def path_of(name: str) -> Path:
    return Path(__file__).parent / name
