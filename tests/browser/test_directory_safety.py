"""Safety in Hitta stöd, in a real browser: an anonymous visitor leaves quickly by the button or the
Esc key and the page is replaced (not added to the back history); the national numbers are on every
public page; the pages and the accessibility statement pass axe with no horizontal scrolling on a
phone and a desktop, in Swedish and English."""

import pytest

from .conftest import assert_accessible, open_in
from .test_directory_pages import directory_site  # noqa: F401  (the fixture)

WIDTHS = (390, 1280)


@pytest.fixture
def neutral(site, settings):
    """The neutral site is a page of the live server itself, so no network is needed."""
    settings.QUICK_EXIT_URL = f"{site}/?lamnade=1"
    return settings.QUICK_EXIT_URL


def public_paths(jour) -> list[str]:
    return [
        "/hitta-stod/",
        "/hitta-stod/?kommun=Botkyrka",
        f"/hitta-stod/verksamhet/{jour.pk}/",
        "/hitta-stod/lattlast/",
        "/hitta-stod/lattlast/?kommun=botkyrka&utsatthet=vald-i-nara-relation",
    ]


def test_the_quick_exit_button_replaces_the_page_and_leaves_no_way_back(
    page,
    directory_site,  # noqa: F811
    neutral,
):
    site, jour = directory_site
    open_in(page, site + "/", "sv")  # where the visitor came from
    page.goto(site + f"/hitta-stod/verksamhet/{jour.pk}/")
    before = page.evaluate("history.length")
    page.get_by_role("link", name="Lämna sidan snabbt").click()
    page.wait_for_url(neutral)
    assert page.evaluate("history.length") == before  # replaced, not added
    page.go_back()
    page.wait_for_load_state()
    assert "/hitta-stod/" not in page.url  # back leads past the service card, to the start page
    assert page.evaluate("location.pathname") == "/"


def test_pressing_esc_leaves_from_anywhere_on_the_page(page, directory_site, neutral):  # noqa: F811
    site, _ = directory_site
    open_in(page, site + "/", "sv")
    page.goto(site + "/hitta-stod/")
    page.locator("#id_kommun").focus()
    page.keyboard.type("Botk")
    page.keyboard.press("Escape")
    page.wait_for_url(neutral)
    page.go_back()
    page.wait_for_load_state()
    assert "/hitta-stod/" not in page.url


def test_the_rest_of_the_page_still_works_from_the_keyboard(page, directory_site, neutral):  # noqa: F811
    """The quick exit is one more link in the tab order; Tab and Enter elsewhere do not trigger it."""
    site, _ = directory_site
    open_in(page, site + "/hitta-stod/", "sv")
    page.locator("#id_kommun").focus()
    page.keyboard.type("0127")  # Botkyrka's code: no suggestion list to close first
    page.keyboard.press("Enter")
    page.wait_for_url("**/hitta-stod/?kommun=0127*")
    assert "för den som bor i Botkyrka" in page.locator("#results-heading").inner_text()


def test_without_javascript_the_quick_exit_is_a_plain_link(browser, directory_site, neutral):  # noqa: F811
    site, _ = directory_site
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(site + "/hitta-stod/")
        link = page.get_by_role("link", name="Lämna sidan snabbt")
        assert link.get_attribute("rel") == "noreferrer"
        link.click()
        page.wait_for_url(neutral)
    finally:
        context.close()


def test_the_quick_exit_stays_in_view_on_a_small_phone(page, directory_site, neutral):  # noqa: F811
    site, _ = directory_site
    page.set_viewport_size({"width": 320, "height": 640})
    open_in(page, site + "/hitta-stod/?kommun=Botkyrka", "sv")
    page.mouse.wheel(0, 3000)
    page.wait_for_function("window.scrollY > 200")
    box = page.locator(".quick-exit-button").bounding_box()
    assert box is not None and 0 <= box["y"] < 80 and box["x"] + box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_national_numbers_are_on_every_public_page(page, directory_site, language):  # noqa: F811
    site, jour = directory_site
    for path in public_paths(jour):
        open_in(page, site + path, language)
        box = page.locator("#stodlinjer")
        assert box.is_visible(), path
        for number in ("112", "11414", "020505050", "020555666", "116111"):
            assert box.locator(f'a[href="tel:{number}"]').count() == 1, (path, number)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_safe_pages_pass_axe_and_fit_the_screen(page, directory_site, language, width):  # noqa: F811
    site, jour = directory_site
    page.set_viewport_size({"width": width, "height": 900})
    for path in [*public_paths(jour), "/tillganglighet/"]:
        open_in(page, site + path, language)
        assert_accessible(page)
        wide = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert wide[0] <= wide[1], f"{path} at {width} px is {wide[0]} px wide"


def test_the_feedback_form_answers_a_visitor_in_the_browser(page, site):
    open_in(page, site + "/tillganglighet/", "sv")
    page.get_by_role("button", name="Skicka meddelandet").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert "Skriv ditt meddelande." in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_message"
    page.locator("#id_message").fill("Kartan går inte att nå med tangentbordet.")
    page.get_by_role("button", name="Skicka meddelandet").click()
    page.wait_for_url("**/tillganglighet/?tack=1*")
    assert page.get_by_role("status").inner_text().startswith("Tack!")
    assert_accessible(page)
