"""Hostile values in the public pages' query strings and the workspace's forms, on SQLite
and (``pytest -m django_db`` with ``HABEAS_TEST_POSTGRES``) on PostgreSQL, which enforces
what SQLite lets pass: a NUL character (no PostgreSQL text value can hold one) is refused
with 400 Bad Request or a form error, never a 500; a name longer than its columns hold is
refused by the form; other odd values (digits of other scripts, huge numbers, LIKE
wildcards) are answered normally."""

from __future__ import annotations

import pytest
from django import forms
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habeas.apps.cases.models import Facility
from habeas.apps.registry.models import Person, PersonName
from habeas.security.gate import publish_demo
from habeas.web.forms import NAME_MAX_LENGTH
from tests.security.helpers import signed_in

pytestmark = pytest.mark.django_db

SOURCE = {
    "source": "Mediazona",
    "source_kind": "news",
    "source_url": "https://zona.media/article/1",
    "source_confidentiality": "public",
}
#: Values that broke or could break a page: NUL, digits int() refuses though str.isdigit()
#: accepts them, numbers beyond any integer column, LIKE wildcards, SQL, bidi controls.
ODD = [
    "\x00", "a\x00b", "Кагарлицкий\x00", "²", "١٢", "9" * 40, "-1", "0", "%", "_", "\\",
    "' OR 1=1 --", "\u202e", "\ufffd", "\U0001f600", " ", "ё" * 300,
]  # fmt: skip
HOSTILE = st.one_of(
    st.sampled_from(ODD),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
)
PARAMETERS = ("q", "status", "article", "region", "facility", "gender", "page")


def _public_pages() -> list[str]:
    person = Person.objects.filter(publication__state="published").first()
    facility = Facility.objects.first()
    assert person is not None and facility is not None
    return [
        "/",
        "/facilities/",
        f"/facilities/{facility.pk}/",
        f"/persons/{person.pk}/",
        "/statistics/",
        "/data/",
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_public_pages_answer_any_query_string_without_a_500(registry, data):
    page = data.draw(st.sampled_from(_public_pages()))
    names = data.draw(st.lists(st.sampled_from(PARAMETERS), min_size=1, max_size=3, unique=True))
    query = {name: data.draw(HOSTILE) for name in names}
    response = Client().get(page, query, HTTP_HX_REQUEST=data.draw(st.sampled_from(["", "1"])))
    if any("\x00" in value for value in query.values()):
        assert response.status_code == 400, (page, query)
    else:
        assert response.status_code == 200, (page, query)


@pytest.mark.parametrize("name", PARAMETERS)
def test_a_nul_in_the_query_string_is_a_clear_400(registry, name):
    response = Client().get("/", {name: "Кагарлицкий\x00"})
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    assert Client().get("/facilities/", {"q": "\x00"}).status_code == 400
    assert Client().get("/", {"q\x00": "x"}).status_code == 400


def test_the_api_still_answers_a_nul_with_its_own_422(registry):
    assert Client().get("/api/v1/persons", {"q": "a\x00"}).status_code == 422


def test_facility_ids_in_other_scripts_and_beyond_any_column_are_no_error(registry):
    for value in ("²", "١", "9" * 40):
        assert Client().get("/", {"facility": value}).status_code == 200


def _editor_client(coordinator) -> Client:
    return signed_in(coordinator)


def _person() -> Person:
    person = Person.objects.filter(merged_into__isnull=True).order_by("pk").first()
    assert person is not None
    return person


def test_the_edit_form_refuses_a_name_longer_than_its_columns(registry, coordinator):
    person = _person()
    client = _editor_client(coordinator)
    form = client.get(f"/workspace/persons/{person.pk}/edit/").context["form"]
    long_name = "Оченьдлиннаяфамилия" * 8 + " Иван Иванович"  # surname of 152 letters
    assert len(long_name) > NAME_MAX_LENGTH
    data = {**SOURCE, "name": long_name, "version": form.initial["version"]}
    response = client.post(f"/workspace/persons/{person.pk}/edit/", data)
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not PersonName.objects.filter(full=long_name).exists()
    person.refresh_from_db()
    assert person.display_name != long_name
    latin = {**data, "name": person.display_name, "name_latin": "x" * 151}
    response = client.post(f"/workspace/persons/{person.pk}/edit/", latin)
    assert response.status_code == 200 and "at most 150 characters" in response.content.decode()


def test_a_name_of_the_longest_length_is_stored(registry, coordinator):
    client = _editor_client(coordinator)
    name = "Д" + "д" * (NAME_MAX_LENGTH - 1)  # one word, in one 150-character column
    response = client.post("/workspace/persons/new/", {**SOURCE, "name": name})
    assert response.status_code == 302
    person_id = int(response["Location"].strip("/").split("/")[-1])
    assert PersonName.objects.filter(person_id=person_id, full=name).exists()
    before = Person.objects.count()
    refused = client.post("/workspace/persons/new/", {**SOURCE, "name": name + "д"})
    assert refused.status_code == 200 and "at most 150 characters" in refused.content.decode()
    assert Person.objects.count() == before


def _form_posts(person: Person, facility: Facility) -> list[tuple[str, dict[str, object]]]:
    """Every workspace form with valid values, as (address, values)."""
    base = f"/workspace/persons/{person.pk}"
    return [
        ("/workspace/persons/new/", {**SOURCE, "name": "Нулев Ноль Нулевич", "region": "Москва"}),
        (f"{base}/cases/new/", {**SOURCE, "articles": "ч. 2 ст. 207.3", "case_number": "1-1/2025",
                                "stage": "first_instance", "court": "Тверской суд"}),
        (f"{base}/custody/new/", {**SOURCE, "kind": "pretrial_detention",
                                  "facility": facility.pk, "started_on": "2024-06-01"}),
        (f"{base}/events/new/", {**SOURCE, "kind": "hunger_strike", "details": "Голодовка",
                                 "confidentiality": "public"}),
        (f"{base}/recognitions/new/", {**SOURCE, "organisation": "Memorial", "criteria": "a"}),
        ("/workspace/facilities/new/", {"name": "ФКУ ИК-98 УФСИН России по Тверской области",
                                        "address": "170000, Тверь", "region": "Тверская"}),
        ("/workspace/lists/new/", {"name": "nul-list", "title": "Список", "regions": "Москва"}),
        ("/workspace/reconcile/", {"text": "Кагарлицкий Борис", "lang": "auto"}),
        ("/workspace/tokens/", {"name": "scraper", "scopes": ["read"]}),
    ]  # fmt: skip


def _form_errors(response) -> set[str]:
    """The names of the fields some form of the page refused."""
    refused: set[str] = set()
    for context in response.context or []:
        for value in context.flatten().values():
            if isinstance(value, forms.BaseForm) and value.is_bound:
                refused.update(value.errors)
    return refused


#: Fields with a fixed set of values (a NUL makes them "not a valid choice" instead).
CHOICES = {"source_kind", "source_confidentiality", "stage", "kind", "confidentiality", "lang"}


def test_a_nul_in_any_workspace_form_field_is_a_form_error(registry, coordinator):
    client = _editor_client(coordinator)
    person, facility = _person(), Facility.objects.order_by("pk").first()
    tried = 0
    for address, values in _form_posts(person, facility):
        for field, value in values.items():
            if not isinstance(value, str) or field in CHOICES:
                continue
            response = client.post(address, {**values, field: value + "\x00"})
            tried += 1
            assert response.status_code in (200, 400), (address, field, response.status_code)
            assert field in _form_errors(response), (address, field)
    assert tried > 20


def test_a_reconcile_apply_with_odd_person_ids_is_no_error(registry, coordinator):
    client = _editor_client(coordinator)
    person = Person.objects.filter(display_name__startswith="Кагарлицкий").first()
    assert person is not None
    publish_demo([person.pk])
    data = {"text": "Кагарлицкий Борис Юльевич освобождён", "lang": "auto", "outcome": "released",
            "on": "2025-01-01", "confirm": "on", "person": ["²", "x"]}  # fmt: skip
    response = client.post("/workspace/reconcile/apply/", data)
    assert response.status_code == 400 and "Tick at least one person" in response.content.decode()


def test_a_nul_in_the_login_form_is_a_failed_login_not_an_error(registry, editor):
    response = Client().post("/accounts/login/", {"username": "ed\x00", "password": "pw\x00"})
    assert response.status_code == 200
    assert "_auth_user_id" not in response.wsgi_request.session
