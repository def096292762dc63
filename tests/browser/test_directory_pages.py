"""Hitta stöd in a real browser: every page type is axe-core clean in Swedish and English, the search
works from the keyboard, and a county editor's new service can be found by an anonymous visitor."""

import pytest

from lagesbild.accounts.models import Role
from lagesbild.directory.models import CatchmentLevel
from lagesbild.directory.vocabulary import sync_vocabularies
from tests.conftest import make_person
from tests.directory.builders import a_service, a_sheltered_home

from .conftest import assert_accessible, open_in

PASSWORD = "lösenord-för-test-123"


@pytest.fixture
def directory_site(site):
    """The platform with a small directory: the live server starts from an empty database."""
    sync_vocabularies()
    jour = a_service(
        "Kvinnojouren Exempla",
        languages=("sv", "ar", "swl"),
        easy_to_read=True,
        exposures=("vald-i-nara-relation", "hedersrelaterat-vald"),
        targets=("kvinnor", "flickor"),
        street_address="Storgatan 1",
        postal_code="147 30",
        city="Tumba",
        opening_notes="Stängt helgdagar",
    )
    a_service(
        "Malmöjouren Exempla",
        county="12",
        catchment=(CatchmentLevel.MUNICIPALITIES, ["1280"]),
        opening="dygnet runt",
    )
    a_service(
        "Rikslinjen (exempel)",
        county="00",
        catchment=(CatchmentLevel.NATION, []),
        is_example=True,
        exposures=("utovar-vald-narstaende",),
        targets=("man",),
    )
    a_sheltered_home()
    return site, jour


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_public_directory_pages_are_accessible(page, directory_site, language):
    site, jour = directory_site
    paths = [
        "/hitta-stod/?kommun=Botkyrka&oppet=on",
        "/hitta-stod/lattlast/?kommun=botkyrka&utsatthet=vald-i-nara-relation",
        f"/hitta-stod/verksamhet/{jour.pk}/",
        "/hitta-stod/kommun/0127/",
        "/hitta-stod/analys/",
        "/hitta-stod/analys/01/",
    ]
    if language == "sv":
        paths += [
            "/hitta-stod/",
            "/hitta-stod/?kommun=Sodertaljee",
        ]  # the empty form and the error state
    for path in paths:
        open_in(page, site + path, language)
        assert_accessible(page)


def test_a_keyboard_user_searches_by_municipality_and_reaches_the_results(page, directory_site):
    site, _ = directory_site
    open_in(page, site + "/hitta-stod/", "sv")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_kommun":
            break
    assert page.evaluate("document.activeElement.id") == "id_kommun"
    page.keyboard.type("malmo")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    heading = page.locator("#results-heading")
    assert (
        heading.inner_text() == "2 verksamheter för den som bor i Malmö"
    )  # its own and the national line
    assert page.get_by_role("link", name="Malmöjouren Exempla", exact=True).is_visible()
    assert page.get_by_text("Öppet nu").first.is_visible()


def test_the_error_summary_leads_the_keyboard_to_the_field(page, directory_site):
    site, _ = directory_site
    open_in(page, site + "/hitta-stod/?kommun=Atlantis", "sv")
    link = page.locator(".error-summary a").first
    assert "Hittar ingen kommun som heter Atlantis" in link.inner_text()
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#id_kommun"


EDITING_PAGES = (
    "/verksamheter/",
    "/verksamheter/{pk}/historik/",
    "/verksamheter/inaktuella/",
    "/verksamheter/godkannanden/",
    "/verksamheter/importera/",
)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_editing_pages_are_accessible(page, directory_site, language):
    """Editors work in Swedish; the form, the one page with many controls, is checked in English too."""
    site, jour = directory_site
    make_person("stina.stockholm", Role.COUNTY_EDITOR, county="01")
    log_in(page, site, "stina.stockholm")
    paths = ["/verksamheter/ny/", f"/verksamheter/{jour.pk}/"]
    if language == "sv":
        paths += [path.format(pk=jour.pk) for path in EDITING_PAGES]
    for path in paths:
        open_in(page, site + path, language)
        assert_accessible(page)
    open_in(page, site + "/verksamheter/ny/", language)
    page.locator("form.edit-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)


def log_in(page, site: str, username: str) -> None:
    open_in(page, site + "/konto/logga-in/", "sv")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_a_stockholm_editor_adds_a_service_that_an_anonymous_visitor_finds(browser, directory_site):
    site, _ = directory_site
    make_person("stina.stockholm", Role.COUNTY_EDITOR, county="01")
    editor = browser.new_context(locale="sv-SE").new_page()
    log_in(editor, site, "stina.stockholm")
    open_in(editor, site + "/verksamheter/ny/", "sv")
    editor.fill("#id_name", "Stödlinjen Södertörn")
    editor.fill("#id_new_organization", "Huddinge kommun")
    editor.get_by_label("Kommun", exact=True).check()
    editor.get_by_label("Kvinnor", exact=True).check()
    editor.get_by_label("Hedersrelaterat våld och förtryck").check()
    editor.get_by_label("En eller flera kommuner").check()
    editor.fill("#id_catchment", "huddinge, Haninge")
    editor.fill("#id_day_0", "9-16")
    editor.select_option("#id_status", "publicerad")
    editor.locator("form.edit-form button[type=submit]").click()
    editor.wait_for_load_state()
    assert "Verksamheten är sparad." in editor.content()
    editor.context.close()

    visitor = browser.new_context(locale="sv-SE").new_page()
    open_in(visitor, site + "/hitta-stod/", "sv")
    visitor.fill("#id_kommun", "HANINGE")
    visitor.select_option("#id_utsatthet", "hedersrelaterat-vald")
    visitor.get_by_role("button", name="Sök", exact=True).click()
    visitor.wait_for_load_state()
    assert visitor.get_by_role("link", name="Stödlinjen Södertörn", exact=True).is_visible()
    visitor.context.close()
