"""A coordinator resolves a review pair in the browser (htmx, keyboard), undoes it, and reads
why a person's records are together; screenshots of the review pages."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from habeas.apps.registry.models import LinkDecision, SourceRecord
from tests.browser.conftest import shot
from tests.web.registry import make_user
from tests.web.review_helpers import make_items

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_as_coordinator(page: Page, server: str) -> None:
    """Password, then the authenticator enrolment the editor roles go through."""
    make_user("coordinator", "coordinator", password="demo-pass-2")  # noqa: S106
    page.goto(server + "/accounts/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("demo-pass-2")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill(
        f"{totp(base64.b32decode(secret)):06d}"
    )
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workspace")


def person_of(record_id: int) -> int:
    return SourceRecord.objects.get(pk=record_id).person_id


def test_a_coordinator_resolves_a_pair_and_undoes_it(page, demo):
    first, second = make_items(2)
    log_in_as_coordinator(page, demo)
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    shot(page, "20-review-queue")
    page.get_by_role("link", name="Review the most uncertain pair").click()
    expect(page.get_by_role("heading", level=2, name=f"Pair {first.pk}")).to_be_visible()
    expect(page.locator("table.compare tr.differs").first).to_be_visible()
    expect(page.locator("table.weights svg.wbar")).to_have_count(6)
    shot(page, "21-review-pair")

    page.get_by_role("button", name="Same person").click()
    expect(page.get_by_role("status")).to_have_text("Saved: same person.")
    expect(page.get_by_role("heading", level=2, name=f"Pair {second.pk}")).to_be_visible()
    expect(page).to_have_url(f"{demo}/workspace/review/{second.pk}/")  # htmx pushed the URL
    assert person_of(first.left_id) == person_of(first.right_id)
    shot(page, "22-review-after-decision")

    undo = page.get_by_role("button", name="Undo my last decision")
    undo.focus()
    page.keyboard.press("Enter")  # keyboard use
    expect(page.get_by_role("status")).to_have_text("Undone: same person withdrawn.")
    expect(page.get_by_role("heading", level=2, name=f"Pair {first.pk}")).to_be_visible()
    assert person_of(first.left_id) != person_of(first.right_id)
    assert LinkDecision.objects.filter(withdrawn=True).count() == 1
    shot(page, "23-review-after-undo")


def test_why_these_records_are_together_on_the_person_page(page, demo):
    (item,) = make_items(1)
    log_in_as_coordinator(page, demo)
    page.goto(f"{demo}/workspace/review/{item.pk}/")
    page.get_by_role("button", name="Same person").click()
    expect(page.get_by_role("status")).to_have_text("Saved: same person.")
    page.goto(f"{demo}/persons/{person_of(item.left_id)}/")
    section = page.locator("section", has=page.get_by_role("heading", name="Why these records"))
    section.locator("summary").click()
    expect(section.get_by_role("heading", name="Decisions that bind these records")).to_be_visible(
        timeout=20_000
    )
    expect(section.get_by_role("cell", name="same person", exact=True)).to_be_visible()
    section.locator("details.pair-explained summary").first.click()
    expect(section.locator("details.pair-explained table.weights").first).to_be_visible()
    section.scroll_into_view_if_needed()
    shot(page, "24-person-identity")


def test_the_pair_page_fits_a_phone(phone, demo):
    (item,) = make_items(1)
    log_in_as_coordinator(phone, demo)
    phone.goto(f"{demo}/workspace/review/{item.pk}/")
    expect(phone.get_by_role("button", name="Same person")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "25-review-pair-phone")


def test_the_pair_page_in_russian(page, demo):
    (item,) = make_items(1)
    log_in_as_coordinator(page, demo)
    page.goto(f"{demo}/workspace/review/{item.pk}/")
    page.get_by_role("button", name="Русский").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Это один человек?")
    expect(page.get_by_role("button", name="Один человек")).to_be_visible()
    expect(page.get_by_role("cell", name="та же фамилия")).to_be_visible()
    shot(page, "26-review-pair-ru")
