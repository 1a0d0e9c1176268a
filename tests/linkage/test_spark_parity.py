"""The same saved model gives the same clusters on Spark (local mode) and on DuckDB."""

from __future__ import annotations

import pytest

from habeas.linkage import Linker, default_model_path

# Spark is an optional extra for users; the suite installs it and Java (see the Makefile).


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("habeas-linkage-parity")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_same_clusters_on_spark_and_duckdb(spark, demo) -> None:
    records, truth = demo
    people = sorted(set(truth.values()))[:40]  # about 70 records, most in two lists or more
    sample = [r for r in records if truth[r.record_id] in people]
    duck = Linker(default_model_path()).predict(sample)
    sparky = Linker(default_model_path(), backend="spark", spark=spark).predict(sample)
    assert sparky.clusters() == duck.clusters()
    assert [(r.left, r.right) for r in sparky.review] == [(r.left, r.right) for r in duck.review]
    assert len(sparky.auto_links) == len(duck.auto_links) > 0
