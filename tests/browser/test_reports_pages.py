"""The report pages in a real browser: accessible in Swedish and English, usable with the keyboard,
and the analyst's text goes from the form into the report."""

from lagesbild.accounts.models import Role
from tests.conftest import make_person

from .conftest import assert_accessible, open_in


def test_the_stockholm_2018_report_page_is_accessible_in_swedish_and_english(page, site):
    for language, heading in (("sv", "Ladda ner rapporten"), ("en", "Download the report")):
        open_in(page, site + "/rapporter/01/2018/", language)
        assert page.get_by_role("heading", name=heading).is_visible()
        assert page.locator(".report-figure svg").count() >= 12
        assert_accessible(page)


def test_the_index_of_reports_is_accessible_and_the_year_is_chosen_with_the_keyboard(page, site):
    open_in(page, site + "/rapporter/", "en")
    assert_accessible(page)
    open_in(page, site + "/rapporter/", "sv")
    assert_accessible(page)
    page.locator("#ar").focus()
    page.keyboard.press("ArrowDown")  # from 2018 to 2017
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("?ar=2017"))
    assert page.locator("caption").inner_text().endswith("2017")


def test_the_national_compilation_page_is_accessible(page, site):
    open_in(page, site + "/rapporter/riket/2018/", "sv")
    assert page.locator(
        "text=Nationell sammanställning av de regionala lägesrapporterna 2018"
    ).first.is_visible()
    assert_accessible(page)


def the_stockholm_editor_opens_the_report_text_page(page, site) -> None:
    """Logs in from the login page with the report text page as where to go next."""
    make_person("stina.stockholm", Role.COUNTY_EDITOR, county="01")
    open_in(page, site + "/konto/logga-in/?next=/rapporter/01/2018/kommentarer/", "sv")
    page.fill("#id_username", "stina.stockholm")
    page.fill("#id_password", "lösenord-för-test-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_stockholm_editor_writes_the_foreword_with_the_keyboard_and_sees_it_in_the_report(
    page, site
):
    the_stockholm_editor_opens_the_report_text_page(page, site)
    assert page.url == site + "/rapporter/01/2018/kommentarer/"
    assert_accessible(page)
    page.get_by_label("Länsstyrelsens text till 1\u00a0Förord").fill(
        "Stockholm 18 mars 2019\n\nSven-Erik Österberg, landshövding"
    )
    page.get_by_role("button", name="Spara texten till 1\u00a0Förord", exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("status").inner_text().strip() == "Texten sparades i 1 avsnitt."
    page.goto(site + "/rapporter/01/2018/")
    assert page.locator("#avsnitt-1").inner_text().count("Sven-Erik Österberg, landshövding") == 1


def test_the_stockholm_editor_is_asked_before_leaving_unsaved_report_text_but_not_after_saving(
    page, site
):
    the_stockholm_editor_opens_the_report_text_page(page, site)
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    foreword = page.get_by_label("Länsstyrelsens text till 1\u00a0Förord")
    foreword.click()
    page.keyboard.type("Ett utkast som inte är sparat")
    page.goto(site + "/rapporter/01/2018/")
    assert asked == ["beforeunload"], "leaving with unsaved text asks first"

    page.goto(site + "/rapporter/01/2018/kommentarer/")
    foreword.click()
    page.keyboard.type("Stockholm 18 mars 2019")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara texten till 1\u00a0Förord", exact=True).click()
    page.goto(site + "/rapporter/01/2018/")
    assert asked == ["beforeunload"], "saving the section and leaving asks nothing"
