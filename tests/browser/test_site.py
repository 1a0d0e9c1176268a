"""The site in a real browser: search across scripts, switching language, an editor adding
a person with a source, keyboard use, and screenshots of the main pages."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from habeas.apps.cases.models import Facility
from habeas.apps.registry.models import Person
from tests.browser.conftest import shot
from tests.web.registry import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_in_latin_finds_a_cyrillic_name(page, demo):
    page.goto(demo + "/")
    page.get_by_label("Name, in Cyrillic or Latin letters").fill("Kagarlitsky")
    page.get_by_role("button", name="Search").click()
    result = page.locator("#results").get_by_role("link", name="Кагарлицкий Борис Юльевич").first
    expect(result).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=Kagarlitsky"))
    shot(page, "01-search")
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Кагарлицкий Борис Юльевич")
    expect(page.get_by_role("heading", name="Charges and sentence")).to_be_visible()
    shot(page, "02-person")


def test_switch_the_language(page, demo):
    page.goto(demo + "/statistics/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistics")
    shot(page, "03-statistics")
    page.get_by_role("button", name="Русский").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Статистика")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.goto(demo + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Реестр политзаключённых")
    shot(page, "04-home-ru")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registry of political prisoners")


def test_an_editor_logs_in_and_adds_a_person_with_a_source(page, demo):
    make_user("editor", "editor", password="demo-pass-1")  # noqa: S106
    page.goto(demo + "/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("demo-pass-1")
    shot(page, "05-login")
    page.get_by_role("button", name="Log in").click()
    # editors enrol an authenticator app: read the key, compute the code as the app would
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    secret = page.locator("#totp-secret").inner_text()
    code = f"{totp(base64.b32decode(secret)):06d}"
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workspace")
    shot(page, "06-workspace")
    page.get_by_role("link", name="New person").click()
    page.get_by_label("Full name (as the source writes it)").fill("Соколова Анна Викторовна")
    page.get_by_label("Date of birth").fill("1989")
    page.get_by_label("Status").select_option("pretrial_detention")
    page.get_by_label(re.compile(r"^Source:?$")).fill("Mediazona")
    page.get_by_label("Kind of source").select_option("news")
    page.get_by_label("Link to the source").fill("https://zona.media/news/1")
    shot(page, "07-new-person")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Соколова Анна Викторовна")
    expect(page.get_by_role("link", name="Mediazona")).to_be_visible()
    person = Person.objects.get(display_name="Соколова Анна Викторовна")
    assert person.records.get().source.name == "Mediazona"


def test_facility_page_and_phone_layout(phone, demo):
    facility = Facility.objects.filter(
        addresses__isnull=False, custody_periods__isnull=False
    ).first()
    phone.goto(f"{demo}/facilities/{facility.pk}/")
    expect(phone.get_by_role("heading", name="Address for letters")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    shot(phone, "08-facility-phone")
    phone.goto(demo + "/?q=а")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "09-search-phone")


def test_keyboard_reaches_the_search_box_and_skip_link(page, demo):
    page.goto(demo + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_label("Name, in Cyrillic or Latin letters").focus()
    page.keyboard.type("Кагарлицкий")
    page.keyboard.press("Enter")
    expect(page.locator("#results li", has_text="Кагарлицкий").first).to_be_visible()
    page.goto(demo + "/facilities/")
    shot(page, "10-facilities")
