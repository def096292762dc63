"""Every page shares a frame: skip link, navigation, language switch, login. It must be accessible."""

import pytest

from lagesbild.accounts.models import Role
from tests.conftest import make_person

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


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(colour: str) -> float:
        red, green, blue = (
            int(part) / 255 for part in colour[colour.index("(") + 1 : -1].split(",")[:3]
        )
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("width", [320, 390])
def test_on_a_phone_the_brand_login_and_language_share_one_row(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    open_in(page, site + "/rapporter/01/2018/", "sv")
    rows = {
        round(page.locator(selector).bounding_box()["y"] // 20)
        for selector in (".brand", "text=Logga in", ".language-switch")
    }
    assert len(rows) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_the_language_button_has_one_style_on_every_part_of_the_site(page, site):
    looks = set()
    for path in ("/", "/indikatorer/ntu-hot/", "/hitta-stod/", "/rapporter/", "/publikationer/"):
        open_in(page, site + path, "sv")
        looks.add(
            page.get_by_role("link", name="English").evaluate(
                "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color,"
                " getComputedStyle(b).borderTopColor].join(' ')"
            )
        )
    assert len(looks) == 1, looks


def test_the_focus_outline_stands_out_against_white_and_the_header(page, site):
    open_in(page, site + "/", "sv")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand, in the header
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineColor, s.outlineStyle, s.outlineWidth,"
        " getComputedStyle(document.querySelector('.site-header')).backgroundColor] }"
    )
    outline, line, thickness, header = style
    assert line == "solid" and float(thickness.removesuffix("px")) >= 2
    header = "rgb(255, 255, 255)" if header == "rgba(0, 0, 0, 0)" else header
    assert contrast(outline, "rgb(255, 255, 255)") >= 3
    assert contrast(outline, header) >= 3


def test_logging_in_from_the_header_returns_to_the_page(page, site):
    make_person("stina.stockholm", Role.COUNTY_EDITOR, county="01")
    open_in(page, site + "/rapporter/?ar=2017", "sv")
    with page.expect_navigation():
        page.get_by_role("link", name="Logga in").click()
    page.fill("#id_username", "stina.stockholm")
    page.fill("#id_password", "lösenord-för-test-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site + "/rapporter/?ar=2017"
    assert page.get_by_role("button", name="Logga ut").is_visible()
