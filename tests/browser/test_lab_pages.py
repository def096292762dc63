"""The indicator lab in a real browser: axe-core finds nothing on any page type in either language,
with and without JavaScript, and the pickers and the map work with the keyboard alone."""

import re

import pytest

from tests.lab.builders import example_figures_for

from .conftest import assert_accessible, open_in

PAGES = [
    "/",
    "/mal/2/",
    "/indikatorer/ntu-hot/?territory=01&compare=12&compare=00",
    "/indikatorer/bra-personuppklaring/?territory=01",
    "/indikatorer/kommuner-foraldraskapsstod-valdsforebyggande/",
    "/territorier/",
    "/territorier/0181/",
    "/tackning/",
    "/sok/?q=hot",
    "/tillganglighet/",
    "/indikatorer/finns-inte/",  # 404 page
    "/indikatorer/ntu-hot/?sex=X",  # 400 page
]


@pytest.fixture
def lab(site):
    """The platform after `lagesbild init`, plus marked example data for three indicators."""
    example_figures_for("ntu-hot", "ntu-misshandel", "bra-personuppklaring")
    return site


def wait_for_charts(page) -> None:
    """Lets the interactive charts replace the server's drawings before axe looks at the page."""
    figures = page.locator("figure[data-spec]")
    if figures.count():
        page.wait_for_function(
            "[...document.querySelectorAll('figure[data-spec]')].every(f => f.classList.contains('is-interactive'))"
        )


def press_tab_until(page, script: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(script):
            return
    raise AssertionError(f"Tab never reached an element for which {script} holds")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_axe_finds_no_violation_on_any_page_type(page, lab, language):
    for path in PAGES:
        open_in(page, lab + path, language)
        wait_for_charts(page)
        assert_accessible(page)


def test_the_pages_work_and_stay_accessible_without_javascript(browser, lab):
    context = browser.new_context(locale="sv-SE", java_script_enabled=True)
    context.route(
        re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort()
    )  # as if scripts were off
    page = context.new_page()
    try:
        open_in(page, lab + "/indikatorer/ntu-hot/?territory=01&compare=12", "sv")
        # Drawn for wide and for narrow screens; without JavaScript the stylesheet shows one.
        assert page.locator('#diagram figure .chart-wide svg[role="img"]').count() == 1
        assert page.locator('#diagram figure .chart-narrow svg[role="img"]').count() == 1
        assert page.locator("#karta figure svg a").count() == 21
        assert_accessible(page)
        open_in(page, lab + "/indikatorer/ntu-hot/?territory=01&compare=12", "en")
        assert page.locator("#chart-heading").inner_text() == "Stockholms län over time"
        assert_accessible(page)
    finally:
        context.close()


def test_a_keyboard_user_picks_another_county_with_the_territory_picker(page, lab):
    open_in(page, lab + "/indikatorer/ntu-misshandel/", "sv")
    press_tab_until(page, "document.activeElement.id === 'territory'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused picker must show where the focus is"
    page.keyboard.type("Skåne")
    assert page.locator("#territory").input_value() == "12"
    press_tab_until(
        page,
        "document.activeElement.tagName === 'BUTTON' && document.activeElement.textContent.trim() === 'Visa'",
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"territory=12"))
    assert page.locator("#chart-heading").inner_text() == "Skåne län över tid"


def test_a_keyboard_user_adds_a_county_to_the_comparison(page, lab):
    open_in(page, lab + "/indikatorer/ntu-misshandel/?territory=01", "sv")
    press_tab_until(page, "document.activeElement.id === 'compare'")
    page.keyboard.type("Gotland")
    press_tab_until(page, "document.activeElement.textContent.trim() === 'Lägg till'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"compare=09"))
    assert "Gotlands län" in page.locator("#jamforelse").inner_text()


def test_a_keyboard_user_opens_a_county_from_the_interactive_map(page, lab):
    open_in(page, lab + "/indikatorer/ntu-misshandel/?territory=01", "sv")
    wait_for_charts(page)
    press_tab_until(
        page,
        "document.activeElement.getAttribute('role') === 'link' && "
        "document.activeElement.closest('#karta') !== null",
    )
    page.keyboard.press("Tab")  # past Stockholm, the county already shown, to Uppsala
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert re.match(r"^.+ län: \d", name)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"territory=(?!01)\d\d"))
    assert page.locator("#chart-heading").inner_text() == f"{name.split(':')[0]} över tid"


def test_the_language_switch_works_on_a_page_served_from_the_cache(page, lab):
    open_in(page, lab + "/indikatorer/ntu-hot/?territory=01", "sv")
    page.goto(
        lab + "/indikatorer/ntu-hot/?territory=01"
    )  # the second visit comes from the page cache
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith("/en/indikatorer/ntu-hot/?territory=01")
    assert (
        page.locator("h1").inner_text()
        == "Share of individuals exposed to threats in the previous calendar year"
    )
