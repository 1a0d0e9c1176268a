"""No confidential or internal value reaches the public: every public page, every API
endpoint and every download of the demo registry is walked and searched for the planted
secrets; then the roles that may see them are shown to see them."""

from __future__ import annotations

import pytest
from django.test import Client

from habeas.apps.cases.models import Facility
from habeas.apps.registry.models import Person
from habeas.web.views.stats import DOWNLOADS
from tests.security.helpers import signed_in
from tests.web.registry import SECRETS

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/facilities/", "/statistics/", "/data/", "/accounts/login/"]


def _public_urls() -> list[str]:
    urls = list(PUBLIC_PAGES)
    person_ids = list(Person.objects.values_list("pk", flat=True))
    facility_ids = list(Facility.objects.values_list("pk", flat=True))
    urls += [f"/persons/{pk}/" for pk in person_ids]
    urls += [f"/facilities/{pk}/" for pk in facility_ids]
    urls += ["/?q=а", "/?q=a", "/?status=imprisoned", "/?page=2&q=а", "/facilities/?q=ИК"]
    urls += [f"/data/{name}" for name in DOWNLOADS]
    urls += [
        "/api/v1/persons?page_size=200",
        "/api/v1/facilities?page_size=200",
        "/api/v1/statistics",
        "/api/v1/openapi.json",
        "/api/v1/persons/999999",
        "/persons/999999/",
    ]
    urls += [f"/api/v1/persons/{pk}" for pk in person_ids]
    urls += [f"/api/v1/facilities/{pk}" for pk in facility_ids]
    return urls


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_no_public_response_holds_an_internal_or_confidential_value(registry):
    client = Client()
    urls = _public_urls()
    assert len(urls) > 100
    leaks = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = _body(response)
        for name, secret in SECRETS.items():
            if secret.encode() in body:
                leaks.append((url, name))
    assert leaks == []


def test_the_target_person_page_still_shows_its_public_facts(registry):
    response = Client().get(f"/persons/{registry['target']}/")
    person = Person.objects.get(pk=registry["target"])
    assert person.display_name in response.content.decode()
    assert "(confidential source)" in response.content.decode()


def test_public_birth_date_is_the_year_only(registry):
    person = Person.objects.exclude(birth_date=None).filter(birth_precision="day").first()
    data = Client().get(f"/api/v1/persons/{person.pk}").json()
    assert data["birth_date"] == str(person.birth_date.year)
    assert (
        person.birth_date.isoformat() not in Client().get(f"/persons/{person.pk}/").content.decode()
    )


def test_an_editor_sees_internal_values_but_not_confidential_ones(registry, editor):
    client = signed_in(editor)
    page = client.get(f"/persons/{registry['target']}/").content.decode()
    assert SECRETS["internal_note"] in page and SECRETS["internal_event"] in page
    assert SECRETS["confidential_note"] not in page
    assert SECRETS["confidential_event"] not in page
    assert SECRETS["confidential_source"] not in page


def test_a_coordinator_sees_confidential_values(registry, coordinator):
    client = signed_in(coordinator)
    page = client.get(f"/persons/{registry['target']}/").content.decode()
    for name in ("confidential_note", "confidential_event", "confidential_source"):
        assert SECRETS[name] in page, name


def test_a_volunteer_sees_public_values_only(registry, volunteer):
    client = Client()
    client.force_login(volunteer)
    page = client.get(f"/persons/{registry['target']}/").content.decode()
    assert all(secret not in page for secret in SECRETS.values())
