"""Why a person's records are together: the workspace page and fragment, the section on the
person page, and who may see them."""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.test import Client

from habeas.apps.registry.models import Person, SourceRecord
from tests.security.helpers import signed_in
from tests.web.review_helpers import make_items

pytestmark = pytest.mark.django_db


def linked_person(records: int = 2) -> int:
    """A person with ``records`` or more records (linked by the model on import)."""
    row = (
        SourceRecord.objects.values("person_id")
        .annotate(n=Count("id"))
        .filter(n__gte=records)
        .order_by("person_id")
        .first()
    )
    assert row is not None, "the demo registry links some records"
    return row["person_id"]


def test_the_page_explains_each_pair(registry, editor):
    person_id = linked_person()
    records = SourceRecord.objects.filter(person_id=person_id).select_related("source")
    html = signed_in(editor).get(f"/workspace/persons/{person_id}/identity/").content.decode()
    assert "<h1>Why these records are together" in html
    for record in records:
        assert f"#{record.pk}" in html
        if record.source.confidentiality == "confidential":  # the planted secret source
            assert record.source.name not in html and "(confidential source)" in html
        else:
            assert record.source.name in html
    assert 'class="wbar"' in html and "Total (match weight)" in html
    assert "Before comparing" in html
    assert "No human decision concerns these records; the model linked them." in html


def test_a_decision_that_binds_the_records_is_listed(registry, coordinator):
    (item,) = make_items(1)
    client = signed_in(coordinator)
    client.post(f"/workspace/review/{item.pk}/decide/", {"verdict": "same"})
    person_id = SourceRecord.objects.get(pk=item.left_id).person_id
    html = client.get(
        f"/workspace/persons/{person_id}/identity/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert html.startswith('<div id="identity">')  # the fragment the person page loads
    assert f"#{item.left_id} ~ #{item.right_id}" in html
    assert "same person" in html and "coord" in html and ">yes<" in html


def test_a_merged_person_forwards_to_the_survivor(registry, editor):
    (item,) = make_items(1)
    coordinator_client = signed_in(editor)
    survivor = SourceRecord.objects.get(pk=item.left_id).person_id
    gone = SourceRecord.objects.get(pk=item.right_id).person_id
    Person.objects.filter(pk=gone).update(merged_into_id=survivor)
    response = coordinator_client.get(f"/workspace/persons/{gone}/identity/")
    assert response["Location"] == f"/workspace/persons/{survivor}/identity/"


def test_who_may_see_it(registry, volunteer):
    person_id = linked_person()
    url = f"/workspace/persons/{person_id}/identity/"
    assert "/accounts/login/" in Client().get(url)["Location"]
    assert signed_in(volunteer).get(url).status_code == 403


def test_the_person_page_has_the_section_for_editors_only(registry, editor):
    person_id = linked_person()
    url = f"/persons/{person_id}/"
    html = signed_in(editor).get(url).content.decode()
    assert "Why these records are together" in html
    assert f'hx-get="/workspace/persons/{person_id}/identity/"' in html
    assert 'hx-trigger="toggle once"' in html
    assert "Why these records are together" not in Client().get(url).content.decode()


@pytest.mark.parametrize("records", [2, 3])
def test_identity_queries(registry, editor, records, django_assert_max_num_queries):
    person_id = linked_person(records)  # the count does not grow with the records
    client = signed_in(editor)
    with django_assert_max_num_queries(18):
        assert client.get(f"/workspace/persons/{person_id}/identity/").status_code == 200
