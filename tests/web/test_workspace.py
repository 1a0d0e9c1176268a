"""The editors' workspace: roles, every write through an action with its source, drafts,
and the import wizard (upload → map columns → dry run → import)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from habeas.apps.cases.models import Case, CustodyPeriod, Event, Facility, Recognition
from habeas.apps.registry.models import Person, SourceRecord
from habeas.apps.sources.models import ImportRun
from habeas.security.gate import publish_demo
from habeas.web.models import Draft
from tests.security.helpers import signed_in, verify_session

pytestmark = pytest.mark.django_db

SOURCE = {
    "source": "Mediazona",
    "source_kind": "news",
    "source_url": "https://zona.media/article/1",
    "source_confidentiality": "public",
}


def login(user) -> Client:
    return signed_in(user)


def test_the_workspace_needs_a_login(registry):
    response = Client().get("/workspace/persons/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_login_page_logs_an_editor_in(registry, editor):
    client = Client()
    response = client.post("/accounts/login/", {"username": "ed", "password": "pw-for-tests"})
    assert response.status_code == 302 and response["Location"] == "/workspace/"
    verify_session(client, editor)  # editors need the second factor (a real TOTP code)
    assert "New person" in client.get("/workspace/").content.decode()


def test_an_editor_adds_a_person_with_a_source(registry, editor):
    client = login(editor)
    data = {**SOURCE, "name": "Иванова Мария Сергеевна", "birth_date": "12.03.1991",
            "gender": "female", "region": "Москва", "status": "pretrial_detention"}  # fmt: skip
    response = client.post("/workspace/persons/new/", data)
    person = Person.objects.get(display_name="Иванова Мария Сергеевна")
    assert response["Location"] == f"/persons/{person.pk}/"
    assert (person.status, person.gender, person.birth_date) == (
        "pretrial_detention", "female", date(1991, 3, 12))  # fmt: skip
    record = SourceRecord.objects.get(person=person)
    assert (record.source.name, record.url, record.verified) == (
        "Mediazona", "https://zona.media/article/1", True)  # fmt: skip
    run = ImportRun.objects.get(pk=record.first_import_id)
    assert run.imported_by == editor and run.file_format == "editorial"
    assert person.display_name_latin  # transliterated for the English page


def test_a_fact_without_a_source_is_refused(registry, editor):
    response = login(editor).post("/workspace/persons/new/", {"name": "Без Источника"})
    assert response.status_code == 200
    assert not Person.objects.filter(display_name="Без Источника").exists()
    assert "This field is required" in response.content.decode()


def test_an_editor_adds_case_custody_event_recognition(registry, editor):
    client = login(editor)
    client.post("/workspace/persons/new/", {**SOURCE, "name": "Орлов Олег Олегович"})
    person = Person.objects.get(display_name="Орлов Олег Олегович")
    facility = Facility.objects.first()
    base = f"/workspace/persons/{person.pk}"
    case = {**SOURCE, "articles": "ч. 2 ст. 207.3", "stage": "first_instance",
            "verdict_on": "2025-06-01", "term": "6 лет", "regime": "general"}  # fmt: skip
    assert client.post(f"{base}/cases/new/", case).status_code == 302
    custody = {**SOURCE, "kind": "pretrial_detention", "started_on": "2024-06-01",
               "ended_on": "2025-06-01", "facility": facility.pk}  # fmt: skip
    assert client.post(f"{base}/custody/new/", custody).status_code == 302
    event = {**SOURCE, "kind": "hunger_strike", "occurred_on": "2025-08-01",
             "confidentiality": "public"}  # fmt: skip
    assert client.post(f"{base}/events/new/", event).status_code == 302
    recognition = {**SOURCE, "organisation": "Memorial", "recognised_on": "2025-07-01"}
    assert client.post(f"{base}/recognitions/new/", recognition).status_code == 302
    new_case = Case.objects.filter(person=person, record__source__name="Mediazona").get()
    assert new_case.charges.get().reference == "RU-UK 207.3(2)"
    assert CustodyPeriod.objects.filter(
        person=person, facility=facility, record__source__name="Mediazona"
    ).exists()
    assert Event.objects.filter(
        person=person, kind="hunger_strike", record__source__name="Mediazona"
    ).exists()
    assert Recognition.objects.filter(
        person=person, organisation="Memorial", record__source__name="Mediazona"
    ).exists()
    # one editorial record per person, source and URL, reused by every fact
    assert SourceRecord.objects.filter(person=person, source__name="Mediazona").count() == 1
    # the public sees a new person only once published (habeas.security.gate)
    assert Client().get(f"/persons/{person.pk}/").status_code == 404
    publish_demo([person.pk])
    page = Client().get(f"/persons/{person.pk}/").content.decode()
    assert "Expected release" in page and "Mediazona" in page


def test_bad_articles_are_reported_on_the_field(registry, editor):
    person = Person.objects.first()
    data = {**SOURCE, "articles": "ст. 99999", "stage": "first_instance"}
    response = login(editor).post(f"/workspace/persons/{person.pk}/cases/new/", data)
    assert response.status_code == 200 and 'class="field invalid"' in response.content.decode()


def test_a_volunteer_may_only_draft(registry, volunteer, editor):
    client = login(volunteer)
    person = Person.objects.first()
    assert client.get(f"/workspace/persons/{person.pk}/edit/").status_code == 403
    assert client.get("/workspace/import/").status_code == 403
    before = Person.objects.count()
    response = client.post("/workspace/persons/new/", {**SOURCE, "name": "Петров Пётр Петрович"})
    assert Person.objects.count() == before
    draft = Draft.objects.get()
    assert response["Location"] == f"/workspace/drafts/{draft.pk}/"
    assert (
        client.post(f"/workspace/drafts/{draft.pk}/review/", {"decision": "publish"}).status_code
        == 403
    )
    editor_client = login(editor)
    assert "Петров Пётр Петрович" in editor_client.get("/workspace/").content.decode()
    editor_client.post(f"/workspace/drafts/{draft.pk}/review/", {"decision": "publish"})
    draft.refresh_from_db()
    assert draft.state == "published" and draft.person.display_name == "Петров Пётр Петрович"
    assert draft.person.records.get().source.name == "Mediazona"


def test_an_editor_creates_and_edits_a_facility(registry, editor):
    client = login(editor)
    data = {
        "name": "ФКУ ИК-99 УФСИН России по Тверской области",
        "address": "170000, Тверь, ул. Тестовая, 1",
    }
    response = client.post("/workspace/facilities/new/", data)
    facility = Facility.objects.get(name=data["name"])
    assert response["Location"] == f"/facilities/{facility.pk}/"
    assert (facility.facility_type, facility.number) == ("colony", "99")
    client.post(
        f"/workspace/facilities/{facility.pk}/edit/",
        {**data, "address": "170001, Тверь, ул. Новая, 2"},
    )
    assert facility.addresses.count() == 2


def test_api_tokens_page(registry, editor):
    client = login(editor)
    response = client.post("/workspace/tokens/", {"name": "scraper", "scopes": ["read"]})
    secret = response.context["secret"]
    assert secret.startswith("hb_")
    info = Client().get("/api/v1/token", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert info["user"] == "ed"
    token_id = editor.api_tokens.get().pk
    client.post(f"/workspace/tokens/{token_id}/revoke/")
    assert Client().get("/api/v1/token", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


CSV = (
    "ID;ФИО;Статья;Статус\n"
    "x-1;Сидоров Сидор Сидорович;207.3(2);imprisoned\n"
    "x-2;Кузнецова Ольга Игоревна;280.3;pretrial_detention\n"
).encode()


def test_import_wizard_upload_map_dry_run_import(registry, editor):
    client = login(editor)
    upload = SimpleUploadedFile("partner.csv", CSV, content_type="text/csv")
    response = client.post("/workspace/import/", {"file": upload, "source": "Partner X"})
    map_url = response["Location"]
    page = client.get(map_url).content.decode()
    assert "ФИО" in page and "Сидоров Сидор Сидорович" not in page  # unmapped: not previewed
    mapping = {"col-0": "source_id", "col-1": "name", "col-2": "articles", "col-3": "status"}
    preview = client.post(map_url, mapping, HTTP_HX_REQUEST="true").content.decode()
    assert "Сидоров Сидор Сидорович" in preview and "<html" not in preview
    dry_url = client.post(map_url, mapping)["Location"]
    before = Person.objects.count()
    report = client.get(dry_url)
    assert report.context["report"].added == 2 and Person.objects.count() == before
    run_url = dry_url.replace("dry-run", "run")
    done = client.post(run_url)
    assert done.context["report"].added == 2
    assert Person.objects.count() == before + 2
    run = ImportRun.objects.get(pk=done.context["report"].import_id)
    assert (run.imported_by, run.file_name, run.source.name) == (editor, "partner.csv", "Partner X")


def test_import_wizard_shows_problems_with_row_and_column(registry, editor):
    client = login(editor)
    bad = b"name,birth_date\n\xd0\x98\xd0\xbc\xd1\x8f,31.02.1990\n"
    upload = SimpleUploadedFile("bad.csv", bad, content_type="text/csv")
    map_url = client.post("/workspace/import/", {"file": upload, "source": "Bad"})["Location"]
    dry_url = client.post(map_url, {"col-0": "name", "col-1": "birth_date"})["Location"]
    page = client.get(dry_url).content.decode()
    assert "Problems in the file" in page and "31.02.1990" in page and "birth_date" in page
