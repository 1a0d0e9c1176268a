"""The public site: search across scripts with filters, person and facility pages,
statistics, downloads, the language switch, and query counts on list pages."""

from __future__ import annotations

import sqlite3

import pytest
from django.test import Client

from habeas.apps.cases.models import Facility, Sentence
from habeas.apps.registry.models import Person

pytestmark = pytest.mark.django_db


def test_home_search_in_latin_finds_the_cyrillic_name(registry):
    page = Client().get("/", {"q": "Kagarlitsky"}).content.decode()
    assert "Кагарлицкий Борис Юльевич" in page
    assert 'value="Kagarlitsky"' in page


def test_search_in_cyrillic_finds_latin_spellings(registry):
    latin_only = Person.objects.filter(display_name__regex=r"^[A-Za-z]").first()
    assert latin_only is not None
    surname = latin_only.display_name.split()[0]
    from habeas.names import to_cyrillic_candidates

    cyrillic = to_cyrillic_candidates(surname)[0][0]
    page = Client().get("/", {"q": cyrillic}).content.decode()
    assert latin_only.display_name in page


def test_htmx_search_returns_the_results_only(registry):
    response = Client().get("/", {"q": "Kagarlitsky"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Кагарлицкий" in body and "<html" not in body


def test_filters_narrow_the_results(registry):
    facility = Facility.objects.filter(custody_periods__isnull=False).first()
    held = set(
        Person.objects.filter(custody_periods__facility=facility).values_list("pk", flat=True)
    )
    page = Client().get("/", {"facility": facility.pk}).content.decode()
    for pk in held:
        assert f'href="/persons/{pk}/"' in page
    assert "person found" in page or "persons found" in page


def test_search_page_query_count_does_not_grow_with_results(
    registry, django_assert_max_num_queries
):
    client = Client()
    # A fixed number however many persons match (the registry holds far more than 16 names
    # starting with «а»), with an empty cache: the registry's generation (habeas.web.pagecache),
    # whether the word index is current, the filter choices, the hits, their names, and the
    # merge forwards, whose number depends on what earlier tests in the module linked.
    with django_assert_max_num_queries(16):
        client.get("/", {"q": "а"})
    with django_assert_max_num_queries(16):
        client.get("/", {"status": "imprisoned"})


def test_list_pages_query_counts(registry, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(6):
        client.get("/facilities/")
    with django_assert_max_num_queries(6):
        client.get("/api/v1/persons", {"page_size": 200})
    with django_assert_max_num_queries(6):
        client.get("/api/v1/facilities", {"page_size": 200})
    with django_assert_max_num_queries(12):
        client.get("/statistics/")


def test_person_page_shows_letter_address_and_how_to_write(registry):
    person = (
        Person.objects.filter(
            status="imprisoned",
            custody_periods__facility__addresses__isnull=False,
            custody_periods__ended_on=None,
        )
        .distinct()
        .first()
    )
    page = Client().get(f"/persons/{person.pk}/").content.decode()
    assert "Write a letter" in page and "FSIN-pismo" in page and "in Russian" in page
    address = person.custody_periods.exclude(facility=None).last().facility.addresses.first()
    assert address.address in page


def test_person_page_shows_expected_release_with_how_computed(registry):
    sentence = (
        Sentence.objects.filter(case__person__status="imprisoned", suspended=False)
        .exclude(verdict_on=None)
        .exclude(regime="")
        .filter(term_years__gt=0)
        .select_related("case__person")
        .first()
    )
    page = Client().get(f"/persons/{sentence.case.person_id}/").content.decode()
    assert "Expected release" in page and "How this was computed" in page


def test_no_expected_release_without_a_sentence(registry):
    person = Person.objects.filter(
        status="pretrial_detention", cases__sentences__isnull=True
    ).first()
    page = Client().get(f"/persons/{person.pk}/").content.decode()
    assert "Expected release" not in page


def test_person_page_shows_english_article_names(registry):
    person = Person.objects.filter(cases__charges__article="207.3").first()
    if person is None:
        person = Person.objects.filter(cases__charges__article="205.2").first()
    page = Client().get(f"/persons/{person.pk}/").content.decode()
    assert "Art." in page and ("army" in page or "terrorism" in page.lower())


def test_unknown_person_is_a_plain_404(registry):
    response = Client().get("/persons/999999/")
    assert response.status_code == 404 and b"Not found" in response.content


def test_facility_page(registry):
    facility = Facility.objects.filter(addresses__isnull=False).first()
    page = Client().get(f"/facilities/{facility.pk}/").content.decode()
    assert facility.name in page and facility.addresses.first().address in page


def test_statistics_draw_svg_charts_as_of_a_date(registry):
    page = Client().get("/statistics/").content.decode()
    assert page.count("<svg") == 5 and "As of" in page
    assert "<script" not in page.split("</head>")[1]


def test_open_data_sqlite_download(registry, tmp_path):
    response = Client().get("/data/habeas-open-data.sqlite")
    path = tmp_path / "open.sqlite"
    path.write_bytes(b"".join(response.streaming_content))
    with sqlite3.connect(path) as db:
        assert db.execute("select count(*) from persons").fetchone()[0] == Person.objects.count()


def test_unknown_download_is_404(registry):
    assert Client().get("/data/secrets.csv").status_code == 404


def test_language_switch_to_russian(registry):
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/statistics/"})
    assert response.status_code == 302
    page = client.get("/statistics/").content.decode()
    assert 'lang="ru"' in page and "Статистика" in page


def test_pages_send_a_strict_content_security_policy(registry):
    response = Client().get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
