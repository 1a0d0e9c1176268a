"""The work a public page does: the search form's cached option lists still show each
visitor's own query and filters (escaped), and a person page reads each table once, in a
number of queries that does not grow with the person's records."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from habeas.apps.cases.models import CustodyPeriod, Facility
from habeas.apps.registry.models import Person, SourceRecord
from habeas.security.models import Publication
from habeas.web.queries import _latest_with_facility, filter_choices

pytestmark = pytest.mark.django_db

#: Queries a public person page may take (session, generation, publication, the person's
#: tables once each, the release computation), whatever the number of their rows.
PERSON_PAGE_QUERIES = 12


def test_search_form_shows_each_visitors_query_and_filters(registry):
    choices = filter_choices()
    region = choices["regions"][0]
    article = choices["articles"][0]
    facility_id, _ = choices["facilities"][0]
    first = Client().get("/", {"q": "Kagarlitsky", "region": region}).content.decode()
    assert 'value="Kagarlitsky"' in first
    assert f'<option value="{region}" selected>' in first
    assert first.count(" selected>") == 1
    # The second search shares the cached option lists but shows its own query and choices.
    second = (
        Client()
        .get(
            "/",
            {
                "q": "Иванов",
                "article": article,
                "facility": str(facility_id),
                "status": "imprisoned",
            },
        )
        .content.decode()
    )
    assert 'value="Иванов"' in second and 'value="Kagarlitsky"' not in second
    assert f'<option value="{article}" selected>' in second
    assert f'<option value="{facility_id}" selected>' in second
    assert '<option value="imprisoned" selected>' in second
    assert f'<option value="{region}" selected>' not in second
    assert second.count(" selected>") == 3
    # Nothing chosen: nothing selected.
    assert " selected>" not in Client().get("/").content.decode()


def test_search_form_escapes_the_visitors_query_and_filters(registry):
    hostile = '"><script>alert(1)</script>'
    page = (
        Client()
        .get("/", {"q": hostile, "region": hostile, "article": hostile, "status": hostile})
        .content.decode()
    )
    assert "<script>alert(1)" not in page
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert " selected>" not in page  # no such option: none is selected


def _published_person_with_custody() -> Person:
    person = (
        Person.objects.filter(
            merged_into__isnull=True,
            publication__state=Publication.State.PUBLISHED,
            custody_periods__facility__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    assert person is not None
    return person


def _page_queries(person: Person) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(f"/persons/{person.pk}/")
    assert response.status_code == 200
    return len(queries)


@override_settings(HABEAS_PAGE_CACHE=False)
def test_person_page_queries_do_not_grow_with_records(registry):
    person = _published_person_with_custody()
    before = _page_queries(person)
    assert before <= PERSON_PAGE_QUERIES
    # Five more source records and custody periods (copies of the person's own).
    record = SourceRecord.objects.filter(person=person).order_by("pk").first()
    period = CustodyPeriod.objects.filter(person=person).order_by("pk").first()
    assert record is not None and period is not None
    for i in range(5):
        copy = SourceRecord.objects.get(pk=record.pk)
        copy.pk = None
        copy.source_key = f"{record.source_key}-copy-{i}"
        copy.save()
        extra = CustodyPeriod.objects.get(pk=period.pk)
        extra.pk = None
        extra.record = copy
        extra.save()
    assert _page_queries(person) == before


def test_current_facility_is_the_databases_latest_period(registry):
    """The current custody period, picked from the periods already read, is the one the
    database orders first by ("-started_on", "-pk"), an unknown start included (NULL sorts
    differently on PostgreSQL and SQLite)."""
    person = _published_person_with_custody()
    period = CustodyPeriod.objects.filter(person=person, facility__isnull=False).first()
    assert period is not None
    undated = CustodyPeriod.objects.get(pk=period.pk)
    undated.pk = None
    undated.started_on = None
    undated.facility = Facility.objects.exclude(pk=period.facility_id).first() or period.facility
    undated.save()
    periods = list(CustodyPeriod.objects.filter(person=person).order_by("started_on", "pk"))
    expected = (
        CustodyPeriod.objects.filter(person=person, facility__isnull=False)
        .order_by("-started_on", "-pk")
        .first()
    )
    chosen = _latest_with_facility(periods)
    assert chosen is not None and expected is not None
    assert chosen.pk == expected.pk


def test_with_selected_matches_the_escaped_value_only():
    from habeas.web.views.public import with_selected

    options = (
        '<option value="A &amp; B">A &amp; B</option>'
        '<option value="A &amp; B 2">A &amp; B 2</option>'
        '<option value="&quot;q&quot;">"q"</option>'
    )
    assert with_selected(options, "A & B").count(" selected>") == 1
    assert '<option value="A &amp; B" selected>' in with_selected(options, "A & B")
    assert '<option value="&quot;q&quot;" selected>' in with_selected(options, '"q"')
    assert with_selected(options, "") == options
    assert with_selected(options, None) == options
    assert with_selected(options, "A") == options  # a prefix of a value selects nothing
