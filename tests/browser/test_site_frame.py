"""Every page shares a frame: skip link, navigation, language switch, login. It must be accessible."""

import pytest

from .conftest import assert_accessible, open_in


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_start_page_has_no_accessibility_violations(page, site, language):
    open_in(page, site + "/", language)
    assert_accessible(page)


def test_a_keyboard_user_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(page, site):
    open_in(page, site + "/", "sv")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_language_switch_turns_the_page_english(page, site):
    open_in(page, site + "/", "sv")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url == site + "/en/"


def test_the_login_page_is_accessible(page, site):
    open_in(page, site + "/konto/logga-in/", "sv")
    assert_accessible(page)
