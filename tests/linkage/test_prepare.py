"""Normalisation before linkage: the parallel path gives the same table as the serial one."""

from __future__ import annotations

import importlib

import pytest

from habeas.linkage import prepare as prepare_fn
from habeas.linkage.prepare import name_keys

# the package re-exports the function under the module's name
prepare_module = importlib.import_module("habeas.linkage.prepare")


def test_parallel_prepare_equals_serial(demo, monkeypatch: pytest.MonkeyPatch) -> None:
    records, _ = demo
    serial = prepare_module.prepare(records, workers=1)
    # force the process pool on the small fixture, with several chunks per worker
    monkeypatch.setattr(prepare_module, "PARALLEL_MIN_NAMES", 0)
    monkeypatch.setattr(prepare_module, "CHUNK_NAMES", 25)
    name_keys.cache_clear()  # the workers must compute, not inherit, the keys
    parallel = prepare_module.prepare(records, workers=2)
    assert name_keys.cache_info().currsize == 0  # computed in the worker processes
    assert parallel.schema == serial.schema
    assert parallel.equals(serial)
    assert len(serial) == len(records)
    # the fixture exercises every name column
    for col in ("sur", "sur_alt", "giv_key", "pat_stem", "gender"):
        assert serial[col].null_count < len(serial)


def test_prepare_accepts_an_iterator(demo) -> None:
    records, _ = demo
    assert prepare_fn(iter(records[:50]), workers=1).equals(prepare_fn(records[:50]))
