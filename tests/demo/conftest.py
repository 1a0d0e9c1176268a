"""Shared demo data for the tests: one registry and one set of lists per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from habeas.demo import DemoPerson, PartnerList, generate_people, write_partner_lists


@pytest.fixture(scope="session")
def people() -> list[DemoPerson]:
    return generate_people(3000, seed=11)


@pytest.fixture(scope="session")
def lists(people: list[DemoPerson], tmp_path_factory: pytest.TempPathFactory) -> list[PartnerList]:
    return write_partner_lists(people, tmp_path_factory.mktemp("lists"), seed=11)


@pytest.fixture(scope="session")
def out_dir(lists: list[PartnerList]) -> Path:
    return lists[0].path.parent


@pytest.fixture(scope="session")
def by_source(lists: list[PartnerList]) -> dict[str, PartnerList]:
    return {pl.source_name: pl for pl in lists}
