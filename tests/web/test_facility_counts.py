"""A facility's "held now" count on the facilities list and the persons its page lists are
the same people: held there today (a custody period begun and not ended, of a live person
whose status does not say they are out), published ones only for the public."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from habeas.apps.cases.models import CustodyPeriod, Facility
from habeas.apps.registry.models import Person, SourceRecord
from habeas.security.gate import publish_demo
from habeas.web.queries import facilities_queryset, facility_view
from tests.security.helpers import signed_in

pytestmark = pytest.mark.django_db

NAME = "ФКУ ИК-77 УФСИН России по Тестовой области"


@pytest.fixture
def facility(registry) -> Facility:
    """A facility holding two published persons and one unpublished, and five more custody
    periods there that do not hold anyone today."""
    facility = Facility.objects.create(name=NAME, facility_type="colony", number="77")
    record = SourceRecord.objects.order_by("pk").first()
    today = timezone.localdate()
    day = timedelta(days=1)

    def person(name: str, status: str, **period: object) -> Person:
        found = Person.objects.create(display_name=name, status=status)
        CustodyPeriod.objects.create(
            person=found, record=record, kind="colony", facility=facility, **period
        )
        return found

    published = [
        person("Держимов Иван", "imprisoned", started_on=today - 400 * day),
        person("Бездатов Пётр", "pretrial_detention"),
        # Not held today, though their custody periods name the facility:
        person("Освобождённый Олег", "released", started_on=today - 900 * day),
        person("Обменянный Павел", "exchanged", started_on=today - 900 * day),
        person("Вышедший Семён", "imprisoned", started_on=today - 900 * day,
               ended_on=today - 10 * day),
        person("Будущий Фёдор", "pretrial_detention", started_on=today + 30 * day),
    ]  # fmt: skip
    merged = person("Слитый Иван", "imprisoned", started_on=today - 400 * day)
    merged.merged_into = published[0]
    merged.save()
    person("Неопубликованный Глеб", "imprisoned", started_on=today - 100 * day)
    publish_demo([p.pk for p in published] + [merged.pk])
    return facility


def _listed_count(client: Client) -> int:
    page = client.get("/facilities/", {"q": "ИК-77"}).context["page"]
    (row,) = [f for f in page if f.name == NAME]
    return row.held


def _page_names(client: Client, facility: Facility) -> set[str]:
    held = client.get(f"/facilities/{facility.pk}/").context["held"]
    return {p["display_name"] for p in held}


def test_the_public_count_is_the_published_persons_the_page_lists(facility):
    names = _page_names(Client(), facility)
    assert names == {"Держимов Иван", "Бездатов Пётр"}
    assert _listed_count(Client()) == len(names) == 2


def test_the_workspace_count_includes_unpublished_persons_as_the_page_does(facility, coordinator):
    client = signed_in(coordinator)
    names = _page_names(client, facility)
    assert names == {"Держимов Иван", "Бездатов Пётр", "Неопубликованный Глеб"}
    assert _listed_count(client) == len(names) == 3


def test_counts_and_lists_agree_for_every_facility_and_day(facility):
    today = timezone.localdate()
    for day in (today, today + timedelta(days=60), today - timedelta(days=500)):
        counted = {f.pk: f.held for f in facilities_queryset(day=day)}
        for found in Facility.objects.all():
            assert counted[found.pk] == len(facility_view(found, day=day)["held"]), (found, day)
    # 500 days ago: the undated period, and the one ended 10 days ago, had begun; no other
    held = {p["display_name"] for p in facility_view(facility, day=day)["held"]}
    assert held == {"Бездатов Пётр", "Вышедший Семён"}


def test_the_api_facility_lists_whom_the_token_may_see(facility, coordinator):
    from habeas.api.models import ApiToken

    url = f"/api/v1/facilities/{facility.pk}"
    public = Client().get(url).json()
    _, secret = ApiToken.issue(user=coordinator, name="t", scopes=["read:confidential"])
    staff = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    names = {p["name"] for p in public["held"]}
    assert names == {"Держимов Иван", "Бездатов Пётр"}
    assert {p["name"] for p in staff["held"]} == names | {"Неопубликованный Глеб"}
