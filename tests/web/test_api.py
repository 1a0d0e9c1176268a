"""The JSON API under /api/v1: every endpoint, tokens and scopes, pagination."""

from __future__ import annotations

import pytest
from django.test import Client

from habeas.api.models import ApiToken
from habeas.apps.cases.models import Event, Facility
from habeas.apps.registry.models import Person, SourceRecord
from tests.web.registry import SECRETS, make_user

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_openapi_describes_every_endpoint(registry):
    spec = Client().get("/api/v1/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/v1/persons",
        "/api/v1/persons/{person_id}",
        "/api/v1/persons/{person_id}/events",
        "/api/v1/facilities",
        "/api/v1/facilities/{facility_id}",
        "/api/v1/statistics",
        "/api/v1/token",
    }
    assert "post" in spec["paths"]["/api/v1/persons"]


def test_persons_are_paginated_and_complete(registry):
    client = Client()
    first = client.get("/api/v1/persons?page_size=25").json()
    total = Person.objects.filter(merged_into__isnull=True).count()
    assert first["page"] == {"count": total, "page": 1, "pages": -(-total // 25), "page_size": 25}
    seen = {item["id"] for item in first["items"]}
    for page in range(2, first["page"]["pages"] + 1):
        seen |= {
            i["id"] for i in client.get(f"/api/v1/persons?page_size=25&page={page}").json()["items"]
        }
    assert len(seen) == total


def test_persons_search_latin_finds_cyrillic(registry):
    items = Client().get("/api/v1/persons?q=Kagarlitsky").json()["items"]
    cyrillic = [i for i in items if i["name"] == "Кагарлицкий Борис Юльевич"]
    assert cyrillic and any("205.2" in i["articles"] for i in cyrillic)
    assert all("Kagarlitsk" in i["name_latin"] for i in items)


def test_persons_filters(registry):
    client = Client()
    imprisoned = client.get("/api/v1/persons?status=imprisoned&page_size=200").json()["items"]
    assert imprisoned and {i["status"] for i in imprisoned} == {"imprisoned"}
    article = client.get("/api/v1/persons?article=205.2&page_size=200").json()["items"]
    assert article and all("205.2" in i["articles"] for i in article)
    women = client.get("/api/v1/persons?gender=female&page_size=200").json()["items"]
    assert {i["gender"] for i in women} == {"female"}


def test_person_detail_has_sourced_facts_and_english_article_names(registry):
    items = Client().get("/api/v1/persons?q=Кагарлицкий").json()["items"]
    person = next(i for i in items if i["articles"])  # one of the (unlinked) lists' persons
    data = Client().get(f"/api/v1/persons/{person['id']}").json()
    assert data["name_latin"]
    charge = data["charges"][0]
    assert charge["title_en"] and charge["source"]["source"]
    assert all(n["source"]["source"] for n in data["names"])
    assert data["notes"] == []


def test_unknown_person_is_404(registry):
    response = Client().get("/api/v1/persons/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "no such person"}


def test_a_bad_token_is_refused_not_ignored(registry):
    response = Client().get("/api/v1/persons", **bearer("hb_nothing_here"))
    assert response.status_code == 401


def test_token_scopes_decide_what_is_seen(registry):
    coordinator = make_user("c1", "coordinator")
    _, public_only = ApiToken.issue(user=coordinator, name="t1", scopes=["read"])
    _, confidential = ApiToken.issue(user=coordinator, name="t2", scopes=["read:confidential"])
    url = f"/api/v1/persons/{registry['target']}"
    assert (
        SECRETS["confidential_note"]
        not in Client().get(url, **bearer(public_only)).content.decode()
    )
    body = Client().get(url, **bearer(confidential)).content.decode()
    assert SECRETS["confidential_note"] in body and SECRETS["confidential_event"] in body


def test_a_token_never_reaches_further_than_its_user(registry):
    editor = make_user("e1", "editor")
    _, secret = ApiToken.issue(user=editor, name="t", scopes=["read:confidential"])
    info = Client().get("/api/v1/token", **bearer(secret)).json()
    assert info == {
        "name": "t",
        "user": "e1",
        "scopes": ["read:confidential"],
        "audience": "internal",
    }
    body = Client().get(f"/api/v1/persons/{registry['target']}", **bearer(secret)).content.decode()
    assert SECRETS["internal_note"] in body and SECRETS["confidential_note"] not in body


def test_token_endpoint_needs_a_token(registry):
    assert Client().get("/api/v1/token").status_code == 401


def test_revoked_token_stops_working(registry):
    token, secret = ApiToken.issue(user=make_user("e2", "editor"), name="t", scopes=["read"])
    token.revoke()
    assert Client().get("/api/v1/token", **bearer(secret)).status_code == 401


def test_create_person_needs_the_write_scope(registry):
    editor = make_user("e3", "editor")
    _, read_only = ApiToken.issue(user=editor, name="r", scopes=["read"])
    _, writer = ApiToken.issue(user=editor, name="w", scopes=["read", "write"])
    payload = {
        "name": "Тестов Тест Тестович",
        "birth_date": "1990",
        "citation": {"source": "Mediazona", "url": "https://zona.media/x"},
    }
    client = Client()
    assert (
        client.post("/api/v1/persons", payload, content_type="application/json").status_code == 401
    )
    denied = client.post(
        "/api/v1/persons", payload, content_type="application/json", **bearer(read_only)
    )
    assert denied.status_code == 403
    made = client.post(
        "/api/v1/persons", payload, content_type="application/json", **bearer(writer)
    )
    assert made.status_code == 201
    person = Person.objects.get(pk=made.json()["id"])
    assert person.display_name == "Тестов Тест Тестович"
    record = SourceRecord.objects.get(person=person)
    assert record.source.name == "Mediazona" and record.url == "https://zona.media/x"


def test_create_person_rejects_unknown_codes(registry):
    _, writer = ApiToken.issue(user=make_user("e4", "editor"), name="w", scopes=["write"])
    payload = {"name": "Имя Фамилия", "status": "on_holiday", "citation": {"source": "X"}}
    response = Client().post(
        "/api/v1/persons", payload, content_type="application/json", **bearer(writer)
    )
    assert response.status_code == 422
    assert "status" in response.json()["detail"]


def test_create_event(registry):
    _, writer = ApiToken.issue(user=make_user("e5", "editor"), name="w", scopes=["write"])
    person_id = Person.objects.order_by("-pk").values_list("pk", flat=True).first()
    payload = {
        "kind": "hunger_strike",
        "occurred_on": "2026-01-10",
        "citation": {"source": "OVD-Info news", "url": "https://ovd.info/x"},
    }
    url = f"/api/v1/persons/{person_id}/events"
    response = Client().post(url, payload, content_type="application/json", **bearer(writer))
    assert response.status_code == 201
    event = Event.objects.get(pk=response.json()["id"])
    assert event.kind == "hunger_strike" and event.record.source.name == "OVD-Info news"
    missing = Client().post(
        "/api/v1/persons/999999/events", payload, content_type="application/json", **bearer(writer)
    )
    assert missing.status_code == 404


def test_facilities_list_and_detail(registry):
    client = Client()
    listing = client.get("/api/v1/facilities?page_size=5").json()
    assert listing["page"]["count"] == Facility.objects.count()
    assert len(listing["items"]) == 5
    busiest = listing["items"][0]
    assert busiest["held"] >= listing["items"][-1]["held"]
    detail = client.get(f"/api/v1/facilities/{busiest['id']}").json()
    assert detail["name"] == busiest["name"]
    assert "Russian" in detail["how_to_write"]
    assert len(detail["held"]) == busiest["held"]
    assert client.get("/api/v1/facilities/999999").status_code == 404


def test_statistics(registry):
    data = Client().get("/api/v1/statistics").json()
    assert data["persons"] == Person.objects.count()
    assert data["as_of"]
    assert sum(c["count"] for c in data["by_status"]) == data["persons"]
    assert data["detained_per_year"] and data["by_article"] and data["by_region"]
