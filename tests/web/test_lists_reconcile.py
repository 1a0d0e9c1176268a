"""Reconciling an announcement in the workspace: the mentions with evidence and candidates,
confirming persons, and recording the outcome with a date (coordinators only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from habeas.apps.cases.models import Event
from habeas.apps.registry.models import Person
from habeas.lists.criteria import Criteria
from habeas.releases.services import create_list, freeze
from tests.releases.registry import build
from tests.security.helpers import signed_in
from tests.web.registry import make_user

pytestmark = pytest.mark.django_db

ANNOUNCEMENTS = Path(__file__).resolve().parents[1] / "releases" / "announcements"
PRESS = (ANNOUNCEMENTS / "press_en.txt").read_text("utf-8")


@pytest.fixture
def persons(tmp_path: Path, db: None) -> dict[str, int]:
    """The release tests' small registry: source_id (t-1 … t-10) → person id."""
    return build(tmp_path)


def apply_data(persons: dict[str, int], *ids: str, confirm: bool = True) -> dict[str, object]:
    data: dict[str, object] = {
        "text": PRESS,
        "lang": "auto",
        "release_list": "",
        "outcome": "exchanged",
        "on": "2026-08-01",
        "title": "August exchange",
        "url": "https://example.org/press",
        "person": [persons[i] for i in ids],
    }
    if confirm:
        data["confirm"] = "on"
    return data


def test_the_mentions_with_evidence_and_candidates(persons, editor):
    client = signed_in(editor)
    assert "Announcement text" in client.get("/workspace/reconcile/").content.decode()
    html = client.post("/workspace/reconcile/", {"text": PRESS, "lang": "auto"}).content.decode()
    assert "5 persons named: 4 matched, 0 ambiguous, 1 unknown." in html
    assert '<mark class="m-matched">Boris Kagarlitskiy' in html
    assert '<mark class="m-unknown">Jonathan Bellweather' in html
    assert "not in the registry" in html
    assert "matches the name" in html  # evidence of a match
    assert f'name="person" value="{persons["t-2"]}" id=' in html
    assert "Sixteen prisoners" in html and "but names" in html  # the stated total disagrees
    assert "Record the outcome" not in html  # editors read, coordinators apply
    assert not Event.objects.filter(kind="released").exists()  # reconciling writes nothing


def test_with_a_list_it_says_who_on_the_list_is_named(persons, coordinator):
    listed = create_list("all", Criteria(statuses=("imprisoned",)))
    freeze(listed, "internal", "anna")
    html = (
        signed_in(coordinator)
        .post("/workspace/reconcile/", {"text": PRESS, "lang": "en", "release_list": listed.pk})
        .content.decode()
    )
    assert "The list “all”" in html and "Not named:" in html


def test_matched_persons_are_ticked_and_the_outcome_applies(persons, coordinator):
    client = signed_in(coordinator)
    html = client.post("/workspace/reconcile/", {"text": PRESS, "lang": "auto"}).content.decode()
    assert f'value="{persons["t-2"]}" id="p-' in html
    assert html.count(" checked>") >= 3
    response = client.post("/workspace/reconcile/apply/", apply_data(persons, "t-2", "t-9"))
    assert response["Location"] == "/workspace/reconcile/applied/"  # a reload writes nothing
    html = client.get(response["Location"]).content.decode()
    assert "Outcome recorded for 2 persons." in html and "Exchanged" in html
    for key in ("t-2", "t-9"):
        event = Event.objects.get(person_id=persons[key], kind="released")
        assert str(event.occurred_on) == "2026-08-01" and event.release_kind == "exchange"
        assert Person.objects.get(pk=persons[key]).status == "exchanged"
    assert not Event.objects.filter(person_id=persons["t-1"], kind="released").exists()


def test_apply_needs_the_confirmation_a_date_and_named_persons(persons, coordinator):
    client = signed_in(coordinator)
    url = "/workspace/reconcile/apply/"
    assert client.post(url, apply_data(persons, "t-2", confirm=False)).status_code == 400
    missing_date = apply_data(persons, "t-2") | {"on": ""}
    assert client.post(url, missing_date).status_code == 400
    assert client.post(url, apply_data(persons)).status_code == 400  # nobody ticked
    response = client.post(url, apply_data(persons, "t-4"))  # not named in the text
    assert response.status_code == 400 and "does not name" in response.content.decode()
    assert not Event.objects.filter(kind="released").exists()


@pytest.mark.parametrize("role", ["public", "volunteer", "editor"])
def test_only_coordinators_apply(persons, role):
    client = Client() if role == "public" else signed_in(make_user(f"u-{role}", role))
    response = client.post("/workspace/reconcile/apply/", apply_data(persons, "t-2"))
    assert response.status_code == 403
    assert not Event.objects.filter(kind="released").exists()


def test_reconcile_queries(persons, editor, django_assert_max_num_queries):
    """The searches of habeas.releases (a few per person named) make most of these; the
    page itself adds none per mention."""
    client = signed_in(editor)
    with django_assert_max_num_queries(52):
        assert client.post("/workspace/reconcile/", {"text": PRESS}).status_code == 200
