"""Every public figure counts published persons only: an unpublished person — with a case,
a sentence, an open custody period in a facility, dated public events and a region of their
own — changes no public figure (statistics page and API, facility counts on the site and in
the API, the home page's count, the open-data exports, and the public statistics of
``habeas.apps.cases.statistics``). Editors still count everyone."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from habeas.apps.cases import statistics as case_statistics
from habeas.apps.cases.models import CustodyPeriod, Facility
from habeas.apps.registry import actions
from habeas.apps.registry.exports import export_registry
from habeas.apps.registry.visibility import Audience
from habeas.law import Term, parse_references
from habeas.security.gate import is_published
from habeas.web import statistics as web_statistics
from habeas.web.queries import facilities_queryset
from tests.security.helpers import signed_in
from tests.web.conftest import coordinator, registry  # noqa: F401
from tests.web.registry import TODAY

HIDDEN_REGION = "Чукотский автономный округ (unpublished-only region)"


def _page(client: Client, path: str) -> str:
    """A public page without what differs between two requests (nonces, CSRF tokens)."""
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    html = re.sub(r'nonce="[^"]*"', "", html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


def _export_counts(folder: Path) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, Any] = {}
    for fmt in ("csv", "jsonl", "sqlite"):
        counts[fmt] = export_registry(folder / f"open.{fmt}", fmt, Audience.PUBLIC)
    with sqlite3.connect(folder / "open.sqlite") as connection:
        counts["sqlite rows"] = connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT region), COUNT(DISTINCT facility) FROM persons"
        ).fetchone()
        counts["sqlite charges"] = connection.execute(
            "SELECT article, COUNT(*) FROM charges GROUP BY article ORDER BY article"
        ).fetchall()
    return counts


def public_figures(folder: Path) -> dict[str, Any]:
    """Every figure the public can see, gathered the ways the public gets them."""
    cache.clear()  # the home page's count and the filter choices are cached for a while
    client = Client()
    figures = web_statistics.registry_statistics()
    api = client.get("/api/v1/statistics").json()
    listing = client.get("/api/v1/facilities", {"page_size": 200}).json()
    cli = case_statistics.registry_statistics(today=TODAY, audience=Audience.PUBLIC)
    return {
        "statistics": {k: v for k, v in figures.items() if k != "as_of"},
        "statistics page": _page(client, "/statistics/"),
        "statistics API": {k: v for k, v in api.items() if k != "as_of"},
        "facilities": sorted(facilities_queryset().values_list("pk", "held")),
        "facilities API": sorted((f["id"], f["held"]) for f in listing["items"]),
        "facility pages": _page(client, "/facilities/"),
        "home page": _page(client, "/"),
        "exports": _export_counts(folder),
        # ``imports`` counts import runs (an editorial change is one), not persons.
        "public statistics": {k: v for k, v in cli.items() if k != "imports"},
        "held today": case_statistics.held_on(TODAY, today=TODAY, audience=Audience.PUBLIC),
    }


def add_unpublished_person(actor: Any, facility: Facility) -> int:
    """A person with everything that counts somewhere, not published."""
    citation = actions.Citation(source="OVD-Info", kind="news")
    person = actions.create_person(
        actor=actor, citation=citation, name="Неопубликованный Пётр Ильич",
        region=HIDDEN_REGION, gender="male", status="imprisoned",
    )  # fmt: skip
    actions.add_case(
        actor=actor, person=person, citation=citation,
        articles=parse_references("ч. 2 ст. 205.2; ст. 275"), verdict_on=date(2025, 6, 1),
        term=Term(years=12), regime="strict",
    )  # fmt: skip
    actions.add_custody(actor=actor, person=person, citation=citation, kind="imprisonment",
                        started_on=date(2024, 3, 1), facility=facility)  # fmt: skip
    for kind, on in (("detained", date(2024, 3, 1)), ("verdict", date(2025, 6, 1))):
        actions.add_event(actor=actor, person=person, citation=citation, kind=kind,
                          occurred_on=on)  # fmt: skip
    assert not is_published(person.pk)
    return person.pk


@pytest.mark.django_db
def test_an_unpublished_person_changes_no_public_figure(registry, coordinator, tmp_path):  # noqa: F811
    facility = Facility.objects.filter(
        pk__in=CustodyPeriod.objects.filter(ended_on=None).values("facility")
    ).first()
    assert facility is not None
    internal_before = web_statistics.registry_statistics(Audience.INTERNAL)
    internal_held_before = dict(facilities_queryset(audience=Audience.INTERNAL).values_list(
        "pk", "held"))  # fmt: skip
    before = public_figures(tmp_path / "before")

    add_unpublished_person(coordinator, facility)

    after = public_figures(tmp_path / "after")
    for name in before:
        assert after[name] == before[name], f"{name} changed for an unpublished person"
    assert HIDDEN_REGION not in after["statistics page"]

    # Editors count everyone: their figures moved (on the page they see too).
    internal = web_statistics.registry_statistics(Audience.INTERNAL)
    assert internal["persons"] == internal_before["persons"] + 1
    held = dict(facilities_queryset(audience=Audience.INTERNAL).values_list("pk", "held"))
    assert held[facility.pk] == internal_held_before[facility.pk] + 1
    everyone = case_statistics.registry_statistics(today=TODAY)
    assert everyone["registry_persons"] == internal["persons"]
    assert everyone["registry_persons"] == after["public statistics"]["registry_persons"] + (
        internal["persons"] - after["statistics"]["persons"]
    )  # fmt: skip
    assert case_statistics.held_on(TODAY, today=TODAY).keys() > after["held today"].keys()
    page = signed_in(coordinator).get("/statistics/").content.decode()
    assert f"{internal['persons']} persons in the registry" in page
    assert f"{after['statistics']['persons']} persons in the registry" in after["statistics page"]


@pytest.mark.django_db
def test_public_figures_count_exactly_the_published_persons(registry, tmp_path):  # noqa: F811
    from habeas.apps.registry.models import Person
    from habeas.security.gate import published_only

    published = published_only(Person.objects.filter(merged_into__isnull=True)).count()
    assert published > 0
    assert web_statistics.registry_statistics()["persons"] == published
    assert Client().get("/api/v1/statistics").json()["persons"] == published
    public = case_statistics.registry_statistics(today=TODAY, audience=Audience.PUBLIC)
    assert public["registry_persons"] == published
    assert export_registry(tmp_path / "open.csv", "csv", Audience.PUBLIC) == published
