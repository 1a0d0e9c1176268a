"""The review queue: who may look and who may decide, the pair page, deciding with htmx,
skip and undo, CSRF, and query counts."""

from __future__ import annotations

import pytest
from django.test import Client

from habeas.apps.registry.models import LinkDecision, ReviewItem, SourceRecord
from habeas.apps.sources.models import Source
from tests.security.helpers import signed_in
from tests.web.registry import make_user
from tests.web.review_helpers import make_items

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def person_of(record_id: int) -> int:
    return SourceRecord.objects.get(pk=record_id).person_id


# --- who may look, who may decide -------------------------------------------------------


def test_visitors_are_sent_to_log_in(registry):
    (item,) = make_items(1)
    for url in ("/workspace/review/", f"/workspace/review/{item.pk}/", "/workspace/review/next/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_volunteers_may_not_look(registry, volunteer):
    (item,) = make_items(1)
    client = signed_in(volunteer)
    assert client.get("/workspace/review/").status_code == 403
    assert client.get(f"/workspace/review/{item.pk}/").status_code == 403


@pytest.mark.parametrize("role", ["public", "volunteer", "editor"])
@pytest.mark.parametrize("action", ["decide", "skip", "undo"])
def test_only_coordinators_decide(registry, role, action):
    (item,) = make_items(1)
    client = Client() if role == "public" else signed_in(make_user(f"u-{role}", role))
    url = (
        "/workspace/review/undo/" if action == "undo" else f"/workspace/review/{item.pk}/{action}/"
    )
    response = client.post(url, {"verdict": "same"})
    assert response.status_code == 403
    assert not LinkDecision.objects.exists()
    item.refresh_from_db()
    assert item.decision_id is None and not item.skipped


def test_deciding_needs_a_post(registry, coordinator):
    (item,) = make_items(1)
    response = signed_in(coordinator).get(f"/workspace/review/{item.pk}/decide/?verdict=same")
    assert response.status_code == 405
    assert not LinkDecision.objects.exists()


def test_deciding_needs_the_csrf_token(registry, coordinator):
    (item,) = make_items(1)
    client = Client(enforce_csrf_checks=True)
    client.cookies = signed_in(coordinator).cookies  # the verified session, CSRF enforced
    response = client.post(f"/workspace/review/{item.pk}/decide/", {"verdict": "same"})
    assert response.status_code == 403
    assert not LinkDecision.objects.exists()


# --- the pages ---------------------------------------------------------------------------


def test_the_queue_lists_open_pairs_most_uncertain_first(registry, editor):
    items = make_items(3)
    ReviewItem.objects.filter(pk=items[0].pk).update(skipped=True)
    html = signed_in(editor).get("/workspace/review/").content.decode()
    positions = [html.index(f'href="/workspace/review/{i.pk}/"') for i in items]
    assert positions[1] < positions[2] < positions[0]  # skipped last
    assert "3 open pairs" in html and items[1].left.data["name"] in html
    assert "skipped" in html


def test_the_pair_page_shows_both_records_and_the_explanation(registry, editor):
    (item,) = make_items(1)
    html = signed_in(editor).get(f"/workspace/review/{item.pk}/").content.decode()
    assert item.left.data["name"] in html and item.right.data["name"] in html
    assert item.left.source.name in html and item.right.source.name in html
    assert 'class="differs"' in html and "differs" in html  # two persons: names differ
    assert "model: 48% the same person" in html
    assert "Same surname" not in html and "same surname" in html  # level, as the model says
    assert "Surname" in html and "+7.67" in html and "-8.88" in html
    assert html.count('class="wbar"') == len(item.explanation["fields"]) + 1  # + prior
    assert 'class="for"' in html and 'class="against"' in html
    assert "Only coordinators decide pairs" in html
    assert 'name="verdict"' not in html  # editors look, no buttons


def test_a_coordinator_gets_the_buttons_with_htmx_and_csrf(registry, coordinator):
    (item,) = make_items(1)
    html = signed_in(coordinator).get(f"/workspace/review/{item.pk}/").content.decode()
    for value in ("same", "not_same", "unsure"):
        assert f'name="verdict" value="{value}"' in html
    assert f'hx-post="/workspace/review/{item.pk}/decide/"' in html
    assert f'hx-post="/workspace/review/{item.pk}/skip/"' in html
    assert "csrfmiddlewaretoken" in html and "X-CSRFToken" in html
    assert "<legend>Are these records the same person?</legend>" in html


def test_a_confidential_source_is_hidden_from_editors(registry, editor, coordinator):
    (item,) = make_items(1)
    secret = Source.objects.create(name="CONFSRC-cellmate-4471", confidentiality="confidential")
    SourceRecord.objects.filter(pk=item.left_id).update(source=secret)
    url = f"/workspace/review/{item.pk}/"
    for page in (url, "/workspace/review/"):
        html = signed_in(editor).get(page).content.decode()
        assert secret.name not in html and "(confidential source)" in html
    assert secret.name in signed_in(coordinator).get(url).content.decode()


def test_next_goes_to_the_most_uncertain_pair_or_says_the_queue_is_empty(registry, editor):
    client = signed_in(editor)
    html = client.get("/workspace/review/next/").content.decode()
    assert "No pairs are waiting for review." in html
    items = make_items(2)
    response = client.get("/workspace/review/next/")
    assert response["Location"] == f"/workspace/review/{items[0].pk}/"


def test_the_dashboard_links_to_the_queue(registry, editor, volunteer):
    assert "/workspace/review/" in signed_in(editor).get("/workspace/").content.decode()
    assert "/workspace/review/" not in signed_in(volunteer).get("/workspace/").content.decode()


# --- deciding, skipping, undoing ---------------------------------------------------------


def test_same_joins_the_records_and_the_next_pair_loads(registry, coordinator):
    first, second = make_items(2)
    client = signed_in(coordinator)
    response = client.post(f"/workspace/review/{first.pk}/decide/", {"verdict": "same"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="review-pair">')  # the fragment, swapped in place
    assert "Saved: same person." in html and f"Pair {second.pk}" in html
    assert response["HX-Push-Url"] == f"/workspace/review/{second.pk}/"
    decision = LinkDecision.objects.get()
    assert (decision.verdict, decision.user, decision.decided_by) == (
        "same",
        coordinator,
        "coord",
    )
    first.refresh_from_db()
    assert first.decision == decision
    assert person_of(first.left_id) == person_of(first.right_id)
    assert "Undo my last decision" in html


def test_not_same_and_unsure_are_recorded_without_htmx(registry, coordinator):
    first, second, third = make_items(3)
    client = signed_in(coordinator)
    response = client.post(f"/workspace/review/{first.pk}/decide/", {"verdict": "not_same"})
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/review/{second.pk}/"
    client.post(f"/workspace/review/{second.pk}/decide/", {"verdict": "unsure"})
    assert list(LinkDecision.objects.values_list("verdict", flat=True)) == ["not_same", "unsure"]
    assert person_of(first.left_id) != person_of(first.right_id)
    html = client.get(f"/workspace/review/{third.pk}/").content.decode()
    assert "Saved: unsure." in html  # the message after the redirect


def test_a_bad_verdict_and_a_decided_pair(registry, coordinator):
    (item,) = make_items(1)
    client = signed_in(coordinator)
    url = f"/workspace/review/{item.pk}/decide/"
    assert client.post(url, {"verdict": "maybe"}).status_code == 400
    client.post(url, {"verdict": "not_same"})
    html = client.post(url, {"verdict": "same"}, **HTMX).content.decode()
    assert "This pair was decided already." in html
    assert LinkDecision.objects.count() == 1
    assert "Decided: not the same (coord)." in html


def test_skip_moves_the_pair_to_the_back(registry, coordinator):
    first, second = make_items(2)
    client = signed_in(coordinator)
    response = client.post(f"/workspace/review/{first.pk}/skip/", **HTMX)
    assert "Skipped" in response.content.decode()
    assert response["HX-Push-Url"] == f"/workspace/review/{second.pk}/"
    first.refresh_from_db()
    assert first.skipped and first.decision_id is None
    assert client.get("/workspace/review/next/")["Location"] == f"/workspace/review/{second.pk}/"


def test_undo_withdraws_the_reviewers_last_decision(registry, coordinator):
    first, second = make_items(2)
    client = signed_in(coordinator)
    client.post(f"/workspace/review/{first.pk}/decide/", {"verdict": "same"}, **HTMX)
    assert person_of(first.left_id) == person_of(first.right_id)
    response = client.post("/workspace/review/undo/", **HTMX)
    html = response.content.decode()
    assert "Undone: same person withdrawn." in html and f"Pair {first.pk}" in html
    assert response["HX-Push-Url"] == f"/workspace/review/{first.pk}/"
    entries = list(LinkDecision.objects.order_by("pk"))
    assert [(e.verdict, e.withdrawn) for e in entries] == [("same", False), ("same", True)]
    first.refresh_from_db()
    assert first.decision_id is None  # back in the queue
    assert person_of(first.left_id) != person_of(first.right_id)
    html = client.post("/workspace/review/undo/", **HTMX).content.decode()
    assert "Nothing to undo." in html
    assert LinkDecision.objects.count() == 2


def test_undo_leaves_another_reviewers_decision_alone(registry, coordinator):
    first, second = make_items(2)
    other = make_user("coord2", "coordinator")
    signed_in(other).post(f"/workspace/review/{first.pk}/decide/", {"verdict": "not_same"})
    client = signed_in(coordinator)
    client.post(f"/workspace/review/{second.pk}/decide/", {"verdict": "unsure"})
    client.post("/workspace/review/undo/")
    withdrawn = LinkDecision.objects.get(withdrawn=True)
    assert (withdrawn.left_id, withdrawn.right_id) == (second.left_id, second.right_id)
    first.refresh_from_db()
    assert first.decision is not None


# --- query counts ------------------------------------------------------------------------


@pytest.mark.parametrize("pairs", [2, 12])
def test_queue_queries_do_not_grow_with_the_pairs(
    registry, editor, pairs, django_assert_max_num_queries
):
    make_items(pairs)
    client = signed_in(editor)
    with django_assert_max_num_queries(12):
        assert client.get("/workspace/review/").status_code == 200


def test_pair_page_queries(registry, coordinator, django_assert_max_num_queries):
    items = make_items(3)
    client = signed_in(coordinator)
    with django_assert_max_num_queries(13):
        assert client.get(f"/workspace/review/{items[0].pk}/").status_code == 200
