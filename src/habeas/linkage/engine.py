"""Running a splink model on an SQL engine: DuckDB (embedded, default) or Spark.

The engine only blocks and scores; everything else (normalisation before, clustering after)
is Python and the same on both engines.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
from splink import Linker as SplinkLinker
from splink.internals.splink_dataframe import SplinkDataFrame

from .prepare import write_parquet

#: DuckDB's memory limit (``HABEAS_LINKAGE_DUCKDB_MEMORY`` overrides): beyond it, DuckDB
#: spills to disk. Arrow tables handed to it and results fetched from it come on top.
DUCKDB_MEMORY = "3GB"

#: Columns fetched from the scored pairs.
PAIR_COLUMNS = ("unique_id_l", "unique_id_r", "match_weight", "match_probability")


class Engine:
    """A splink database API (DuckDB or Spark) and the tables registered with it."""

    def __init__(self, backend: str = "duckdb", spark: Any = None) -> None:
        self.backend = backend
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if backend == "duckdb":
            import duckdb
            from splink import DuckDBAPI

            # a bounded buffer pool that spills to a temporary directory, so a large run
            # stays within the memory it is given (DuckDB's default is 80 % of the RAM)
            self._tmp = tempfile.TemporaryDirectory(prefix="habeas-linkage-")
            config = {
                "memory_limit": os.environ.get("HABEAS_LINKAGE_DUCKDB_MEMORY", DUCKDB_MEMORY),
                "temp_directory": str(Path(self._tmp.name) / "duckdb"),
                "preserve_insertion_order": "false",
            }
            self.db_api: Any = DuckDBAPI(duckdb.connect(config=config))
        elif backend == "spark":
            from splink import SparkAPI

            if spark is None:
                raise ValueError("the spark backend needs a SparkSession (spark=...)")
            self.spark = spark
            if spark.sparkContext.getCheckpointDir() is None:
                self._tmp = tempfile.TemporaryDirectory(prefix="habeas-linkage-")
                spark.sparkContext.setCheckpointDir(str(Path(self._tmp.name) / "checkpoints"))
            self.db_api = SparkAPI(spark_session=spark)
        else:
            raise ValueError(f"unknown backend {backend!r}; use duckdb or spark")

    def register(self, table: pa.Table, name: str) -> SplinkDataFrame:
        """Register a prepared Arrow table under ``name`` (Spark reads it from Parquet)."""
        if self.backend == "duckdb":
            return self.db_api.register(table, dataset_display_name=name)
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="habeas-linkage-")
        path = write_parquet(table, Path(self._tmp.name) / f"{name}.parquet")
        frame = self.spark.read.parquet(str(path))
        return self.db_api.register(frame, dataset_display_name=name)

    def linker(self, frame: SplinkDataFrame, settings: dict[str, Any] | Any) -> SplinkLinker:
        """A splink linker over ``frame`` (logging quietened)."""
        return SplinkLinker(frame, settings, log_level=logging.WARNING)

    def close(self) -> None:
        """Close DuckDB's connection and drop temporary files."""
        if self.backend == "duckdb":
            self.db_api._con.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def fetch(frame: SplinkDataFrame, sql: str) -> pa.Table:
    """Run ``sql`` (``{this}`` = the frame) on the frame's engine and return Arrow."""
    return frame.query_sql(sql).as_pyarrow_table()


def score_all(linker: SplinkLinker) -> SplinkDataFrame:
    """Score every candidate pair of the linker's input (dedupe)."""
    return linker.inference.predict(warning_mode="never")


def score_new(
    linker: SplinkLinker, new: SplinkDataFrame, old: SplinkDataFrame
) -> list[SplinkDataFrame]:
    """Score the new records against the old ones and among themselves."""
    between = linker.inference.predict_between(new, old, warning_mode="never")
    within = linker.inference.predict_within(new, link_type="dedupe_only", warning_mode="never")
    return [between, within]
