"""Release lists in the workspace: who may look and change, creating with criteria, manual
entries with reasons, priorities with reasons, freezing, versions, diffs, downloads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from habeas.lists.criteria import Criteria
from habeas.releases.models import ListEntry, ListVersion, ReleaseList
from habeas.releases.services import create_list, freeze
from tests.releases.registry import SECRET_NOTE, build
from tests.security.helpers import signed_in
from tests.web.registry import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def persons(tmp_path: Path, db: None) -> dict[str, int]:
    """The release tests' small registry: source_id (t-1 … t-10) → person id."""
    return build(tmp_path)


@pytest.fixture
def imprisoned(persons: dict[str, int]) -> ReleaseList:
    """A list of everyone imprisoned."""
    return create_list("imprisoned", Criteria(statuses=("imprisoned",)), title="Imprisoned")


def names_in(html: str, persons: dict[str, int]) -> set[int]:
    return {pid for pid in persons.values() if f'href="/persons/{pid}/"' in html}


# --- who may look, who may change --------------------------------------------------------


def test_visitors_log_in_and_volunteers_are_refused(imprisoned, volunteer):
    client = signed_in(volunteer)
    for url in ("/workspace/lists/", f"/workspace/lists/{imprisoned.pk}/", "/workspace/reconcile/"):
        assert "/accounts/login/" in Client().get(url)["Location"]
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["public", "volunteer", "editor"])
def test_only_coordinators_change_and_freeze(imprisoned, persons, role):
    client = Client() if role == "public" else signed_in(make_user(f"u-{role}", role))
    base = f"/workspace/lists/{imprisoned.pk}"
    entry = {"person": persons["t-1"], "action": "include", "reason": "r"}
    assert client.post(f"{base}/entries/", entry).status_code == 403
    assert client.post(f"{base}/freeze/", {"audience": "public"}).status_code == 403
    assert not ListEntry.objects.exists() and not ListVersion.objects.exists()
    if role != "public":
        assert client.get("/workspace/lists/new/").status_code == 403
        assert client.get(f"{base}/edit/").status_code == 403


def test_an_editor_sees_the_list_without_the_forms(imprisoned, editor):
    html = signed_in(editor).get(f"/workspace/lists/{imprisoned.pk}/").content.decode()
    assert "On the list now, by priority" in html
    assert "Freeze a new version" not in html and "Edit the criteria" not in html


# --- creating, manual entries, priorities ------------------------------------------------


def test_a_coordinator_creates_a_list_with_criteria(persons, coordinator):
    client = signed_in(coordinator)
    assert "Sentence at least (months)" in client.get("/workspace/lists/new/").content.decode()
    response = client.post(
        "/workspace/lists/new/",
        {
            "name": "long-terms",
            "title": "Long terms",
            "statuses": ["imprisoned"],
            "articles": "361, 205*",
            "sentence_min_months": "60",
            "weights": "[weights]\nelderly = 5",
        },
    )
    made = ReleaseList.objects.get(name="long-terms")
    assert response["Location"] == f"/workspace/lists/{made.pk}/"
    assert made.criteria == {
        "statuses": ["imprisoned"],
        "articles": ["361", "205*"],
        "sentence_min_months": 60,
    }
    assert made.weights == {"weights": {"elderly": 5}} and made.created_by == "coord"
    html = client.get(f"/workspace/lists/{made.pk}/edit/").content.decode()
    assert "361\n205*" in html and "elderly = 5" in html


def test_bad_weights_and_a_taken_name_are_reported(imprisoned, coordinator):
    client = signed_in(coordinator)
    html = client.post(
        "/workspace/lists/new/", {"name": "w", "weights": "[weights]\nnonsense = 1"}
    ).content.decode()
    assert "unknown priority weight" in html
    html = client.post("/workspace/lists/new/", {"name": "w", "weights": "= ="}).content.decode()
    assert "Not valid TOML" in html
    html = client.post("/workspace/lists/new/", {"name": "imprisoned"}).content.decode()
    assert "exists" in html
    assert ReleaseList.objects.count() == 1


def test_priorities_with_each_persons_reasons(imprisoned, persons, editor, coordinator):
    html = signed_in(editor).get(f"/workspace/lists/{imprisoned.pk}/").content.decode()
    first = html.index(f'href="/persons/{persons["t-8"]}/"')  # 76, ill, years served
    assert all(
        first <= html.index(f'href="/persons/{pid}/"')
        for pid in names_in(html, persons) - {persons["t-8"]}
    )
    assert "+4 humanitarian grounds (confidential)" in html  # a confidential health note
    assert "serious illness" not in html and SECRET_NOTE not in html
    assert "+3 aged 76" in html and "<li>status: imprisoned</li>" in html  # why on the list
    html = signed_in(coordinator).get(f"/workspace/lists/{imprisoned.pk}/").content.decode()
    assert "+4 serious illness" in html and SECRET_NOTE not in html  # coordinators see why


def test_include_and_exclude_need_a_reason(imprisoned, persons, coordinator):
    client = signed_in(coordinator)
    url = f"/workspace/lists/{imprisoned.pk}/entries/"
    client.post(url, {"person": persons["t-1"], "action": "exclude", "reason": ""})
    assert not ListEntry.objects.exists()
    client.post(url, {"person": persons["t-1"], "action": "exclude", "reason": "already free"})
    entry = ListEntry.objects.get()
    assert (entry.action, entry.reason, entry.added_by) == ("exclude", "already free", "coord")
    html = client.get(f"/workspace/lists/{imprisoned.pk}/").content.decode()
    assert "already free" in html and "1 excluded by hand" in html
    response = client.post(url, {"person": 999999, "action": "include", "reason": "x"})
    assert "no person" in client.get(response["Location"]).content.decode().lower()


def test_a_person_is_included_by_name_and_namesakes_are_offered_to_choose_from(
    imprisoned, persons, coordinator
):
    client = signed_in(coordinator)
    url = f"/workspace/lists/{imprisoned.pk}/entries/"
    # one person answers to the name, in Latin: included at once, and the message names them
    response = client.post(url, {"person": "Kagarlitsky", "action": "include", "reason": "r"})
    entry = ListEntry.objects.get()
    assert entry.person_id == persons["t-2"]
    page = client.get(response["Location"]).content.decode()
    assert f"Кагарлицкий Борис Юльевич (HBS-{persons['t-2']:06d})" in page
    # two namesakes: nothing is saved until the coordinator picks one
    response = client.post(url, {"person": "Иванов Иван", "action": "exclude", "reason": "free"})
    assert response.status_code == 200 and ListEntry.objects.count() == 1
    choice = response.content.decode()
    for key in ("t-4", "t-5"):
        assert f'name="person" value="{persons[key]}"' in choice
    assert 'name="reason" value="free"' in choice and 'name="action" value="exclude"' in choice
    client.post(url, {"person": str(persons["t-5"]), "action": "exclude", "reason": "free"})
    assert ListEntry.objects.get(person_id=persons["t-5"]).action == "exclude"
    assert not ListEntry.objects.filter(person_id=persons["t-4"]).exists()
    # the stable reference works as well as the bare id
    client.post(url, {"person": f"HBS-{persons['t-9']:06d}", "action": "include", "reason": "r"})
    assert ListEntry.objects.filter(person_id=persons["t-9"], action="include").exists()
    response = client.post(url, {"person": "Zzyzx Qwrtp", "action": "include", "reason": "r"})
    assert "Nobody in the registry matches" in client.get(response["Location"]).content.decode()


# --- freezing, versions, diffs, downloads ------------------------------------------------


def test_freeze_then_see_the_version_and_download_every_format(imprisoned, coordinator):
    client = signed_in(coordinator)
    response = client.post(f"/workspace/lists/{imprisoned.pk}/freeze/", {"audience": "public"})
    version = ListVersion.objects.get()
    assert (version.number, version.audience, version.frozen_by) == (1, "public", "coord")
    assert response["Location"] == f"/workspace/lists/{imprisoned.pk}/versions/1/"
    html = client.get(response["Location"]).content.decode()
    assert version.content_hash in html and "intact" in html
    base = f"/workspace/lists/{imprisoned.pk}/versions/1/export"
    pdf = client.get(f"{base}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'filename="imprisoned-v1.pdf"' in pdf["Content-Disposition"]
    csv = client.get(f"{base}.csv").content.decode()
    assert version.content["persons"][0]["name"] in csv
    document = json.loads(client.get(f"{base}.json").content)
    assert document["sha256"] == version.content_hash or version.content_hash in str(document)
    assert client.get(f"{base}.xlsx").content.startswith(b"PK")
    assert client.get(f"{base}.exe").status_code == 404


def test_an_editor_may_download_a_version(imprisoned, editor):
    freeze(imprisoned, "counterpart", "anna")
    pdf = signed_in(editor).get(f"/workspace/lists/{imprisoned.pk}/versions/1/export.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_diff_says_who_was_removed_and_why(imprisoned, persons, coordinator):
    client = signed_in(coordinator)
    freeze(imprisoned, "internal", "anna")
    client.post(
        f"/workspace/lists/{imprisoned.pk}/entries/",
        {"person": persons["t-2"], "action": "exclude", "reason": "released on bail"},
    )
    freeze(imprisoned, "internal", "anna")
    html = client.get(f"/workspace/lists/{imprisoned.pk}/").content.decode()
    assert f"/workspace/lists/{imprisoned.pk}/diff/?from=1&amp;to=2" in html
    html = client.get(f"/workspace/lists/{imprisoned.pk}/diff/?from=1&to=2").content.decode()
    assert "Removed (1)" in html and "excluded manually: released on bail" in html
    assert client.get(f"/workspace/lists/{imprisoned.pk}/diff/?from=1&to=9").status_code == 404


# --- query counts ------------------------------------------------------------------------


@pytest.mark.parametrize("lists", [1, 8])
def test_index_queries(persons, editor, lists, django_assert_max_num_queries):
    for i in range(lists):
        freeze(create_list(f"l{i}", Criteria(statuses=("imprisoned",))), "public", "anna")
    client = signed_in(editor)
    with django_assert_max_num_queries(11):
        assert client.get("/workspace/lists/").status_code == 200


@pytest.mark.parametrize("versions", [1, 6])
def test_detail_and_version_queries(imprisoned, editor, versions, django_assert_max_num_queries):
    for _ in range(versions):
        freeze(imprisoned, "internal", "anna")
    client = signed_in(editor)
    with django_assert_max_num_queries(23):
        assert client.get(f"/workspace/lists/{imprisoned.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/workspace/lists/{imprisoned.pk}/versions/1/").status_code == 200
