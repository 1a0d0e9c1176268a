"""A coordinator builds a release list in the browser, freezes it for a counterpart,
downloads its PDF, and reconciles an announcement; screenshots of the list pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from habeas.apps.cases.models import Event
from habeas.releases.models import ListVersion
from tests.browser.conftest import shot
from tests.browser.test_review import log_in_as_coordinator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_freezes_a_list_and_downloads_its_pdf(page, demo):
    log_in_as_coordinator(page, demo)
    page.get_by_role("link", name="Release lists").click()
    page.get_by_role("link", name="New release list").click()
    page.get_by_label(re.compile(r"^Name:?$")).fill("imprisoned-2026")
    page.get_by_label("Title (printed on exports)").fill("Imprisoned, November 2026")
    page.get_by_label("Imprisoned", exact=True).check()
    page.get_by_label("Sentence at least (months)").fill("60")
    shot(page, "30-list-new")
    # a full-page screenshot of a tall page leaves chromium's pointer offset: use the keyboard
    page.get_by_role("button", name="Save").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Imprisoned, November 2026")
    expect(page.get_by_role("heading", name="On the list now, by priority")).to_be_visible()
    shot(page, "31-list-detail")

    page.get_by_label(re.compile(r"^Audience:?$")).select_option("counterpart")
    page.get_by_role("button", name="Freeze a new version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Imprisoned, November 2026: version 1"
    )
    version = ListVersion.objects.get()
    expect(page.get_by_text(version.content_hash)).to_be_visible()
    shot(page, "32-list-version")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF").click()
    download = info.value
    assert download.suggested_filename == "imprisoned-2026-v1.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_a_coordinator_reconciles_an_announcement(page, demo):
    log_in_as_coordinator(page, demo)
    page.goto(demo + "/workspace/reconcile/")
    page.get_by_label("Announcement text, or a list of names (one a line)").fill(
        "Указом освобождены Кагарлицкий Борис Юльевич и Иванов Пётр Неизвестнович."
    )
    page.get_by_role("button", name="Reconcile").click()
    expect(page.get_by_role("heading", name="Result")).to_be_visible()
    # the demo's lists are not linked: three records of one man are namesakes to choose from
    expect(page.locator("mark.m-ambiguous")).to_contain_text("Кагарлицкий")
    expect(page.locator("mark.m-unknown")).to_contain_text("Иванов")
    candidate = page.locator("ul.candidates input[type=checkbox]").first
    expect(candidate).not_to_be_checked()
    shot(page, "33-reconcile")
    person_id = int(candidate.get_attribute("value"))
    candidate.check()
    page.get_by_label(re.compile(r"^Outcome:?$")).select_option("pardoned")
    page.get_by_label(re.compile(r"^Date:?$")).fill("2026-11-20")
    page.get_by_label("I checked the persons ticked above").check()
    page.get_by_role("button", name="Apply").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome recorded")
    expect(page.get_by_role("status")).to_have_text("Outcome recorded for 1 person.")
    shot(page, "34-reconcile-applied")
    event = Event.objects.get(person_id=person_id, kind="released")
    assert (str(event.occurred_on), event.release_kind) == ("2026-11-20", "pardon")
