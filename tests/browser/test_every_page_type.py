"""Every public and editor page type, in Swedish and English, on a phone (390 px) and a laptop
(1280 px): axe-core finds no violation, the page never scrolls sideways (wide tables scroll inside
their own region) and no chart text is drawn smaller than 11 px. One browser context per width and language keeps the run short."""

import pytest

from lagesbild.accounts.models import Role
from lagesbild.core.language import in_language
from lagesbild.directory.models import CatchmentLevel
from lagesbild.directory.vocabulary import sync_vocabularies
from tests.conftest import make_person
from tests.directory.builders import a_service
from tests.lab.builders import example_figures_for

from .conftest import axe_violations

PASSWORD = "lösenord-för-test-123"

PUBLIC_PAGES = [
    "/",
    "/indikatorer/ntu-hot/?territory=01",
    "/indikatorer/bvc-foraldraskapsstod-nyblivna-foraldrar/",  # a development indicator: no data yet
    "/mal/2/",
    "/territorier/0181/",
    "/sok/?q=våld",
    "/tackning/",
    "/flode/",
    "/tillganglighet/",
    "/hitta-stod/",
    "/hitta-stod/?kommun=Botkyrka",
    "/hitta-stod/verksamhet/{service}/",
    "/hitta-stod/lattlast/",
    "/rapporter/",
    "/rapporter/01/2018/",
    "/rapporter/riket/2018/",
    "/enkater/resultat/",
    "/aktiviteter/",
    "/publikationer/",
    "/api/v1/docs",
    "/konto/logga-in/",
    "/finns-inte-alls/",  # the framed 404
]
# What a Stockholm county editor sees after logging in.
EDITOR_PAGES = ["/arbetsyta/", "/rapporter/01/2018/kommentarer/", "/data/importera/"]
# The longest pages to check, already run through axe-core at 1280 px by test_reports_pages.py; here
# they only get the width check at that size, which keeps this module's run near a minute and a half.
AXE_ELSEWHERE = {
    ("/rapporter/01/2018/", "sv", 1280),
    ("/rapporter/01/2018/", "en", 1280),
    ("/rapporter/riket/2018/", "sv", 1280),
}


@pytest.fixture
def platform(site):
    """After `lagesbild init`, with example figures for one indicator and a Botkyrka service."""
    example_figures_for("ntu-hot")
    sync_vocabularies()
    service = a_service(
        "Kvinnojouren Exempla",
        street_address="Storgatan 1",
        postal_code="147 30",
        city="Tumba",
        catchment=(CatchmentLevel.MUNICIPALITIES, ["0127"]),
    )
    make_person("stina.stockholm", Role.COUNTY_EDITOR, county="01")
    return site, service


# The smallest text size in any visible chart, as drawn on screen (font size times the drawing's scale).
SMALLEST_CHART_TEXT = """() => {
  const sizes = [...document.querySelectorAll("svg text")]
    .filter((text) => text.getBoundingClientRect().width > 0)
    .map((text) => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a);
  return sizes.length ? Math.min(...sizes) : null;
}"""


def problems_on(page, axe: bool = True) -> list[str]:
    """What is wrong with the page as shown: sideways scrolling, tiny chart text, axe violations."""
    found = []
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1]:
        found.append(f"the page is {width[0]} px wide in a {width[1]} px window")
    smallest = page.evaluate(SMALLEST_CHART_TEXT)
    if smallest and smallest < 11:
        found.append(f"chart text is drawn at {smallest:.1f} px (at least 11 px)")
    for violation in axe_violations(page) if axe else []:
        targets = "; ".join(str(node["target"][0]) for node in violation["nodes"][:3])
        found.append(f"axe {violation['id']}: {violation['help']} – {targets}")
    return found


def log_in(page, site, language) -> None:
    page.goto(site + in_language("/konto/logga-in/", language))
    page.fill("#id_username", "stina.stockholm")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_type_is_accessible_and_fits_the_screen(browser, platform, language, width):
    site, service = platform
    # The API's pages have no language in the address; they follow the browser's language.
    locale = "en-GB" if language == "en" else "sv-SE"
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = {}
    try:
        for path in PUBLIC_PAGES + ["login"] + EDITOR_PAGES:
            if path == "login":
                log_in(page, site, language)
                continue
            address = path.format(service=service.pk)
            page.goto(
                site + (address if address.startswith("/api/") else in_language(address, language))
            )
            assert page.locator("html").get_attribute("lang") == language, path
            if path == "/api/v1/docs":
                page.locator("#swagger-ui .opblock").first.wait_for()
            if problems := problems_on(page, axe=(path, language, width) not in AXE_ELSEWHERE):
                failures[path] = problems
    finally:
        context.close()
    assert not failures, f"{language}, {width} px:\n" + "\n".join(
        f"{path}: {'; '.join(problems)}" for path, problems in failures.items()
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/indikatorer/ntu-hot/?territory=01&compare=12",
        "/hitta-stod/?kommun=0127",
        "/mal/2/",
        "/territorier/0181/",
        "/rapporter/01/2018/",
        "/rapporter/riket/2018/",
        "/en/indikatorer/ntu-hot/?territory=01",
    ],
)
def test_the_smallest_phone_gets_whole_pages_and_readable_charts(browser, platform, path):
    site, _service = platform
    context = browser.new_context(locale="sv-SE", viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        page.goto(site + path)
        assert problems_on(page, axe=False) == []
    finally:
        context.close()
