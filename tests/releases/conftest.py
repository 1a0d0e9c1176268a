"""Fixtures: the small synthetic registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.releases.registry import build


@pytest.fixture
def registry(tmp_path: Path, db: None) -> dict[str, int]:
    """source_id (t-1 … t-10) → person id."""
    return build(tmp_path)
