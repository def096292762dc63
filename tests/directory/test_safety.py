"""Hitta stöd is used by people exposed to violence: every public page offers a quick exit and the
national numbers, an empty answer says honestly why it is empty, the easy-to-read page has a short
menu, and a search for "våld" does not wander off to Valdemarsvik."""

import re

import pytest

from lagesbild.core.language import in_language
from lagesbild.core.text import swedish_fold
from lagesbild.directory.helplines import HELPLINES
from lagesbild.directory.models import CatchmentLevel

from .builders import a_service, an_organization

NEUTRAL = "https://neutral.example/vader"


@pytest.fixture(autouse=True)
def _neutral_site(settings):
    settings.QUICK_EXIT_URL = NEUTRAL


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def public_pages(service) -> list[str]:
    return [
        "/hitta-stod/",
        "/hitta-stod/?kommun=Botkyrka",
        "/hitta-stod/lattlast/",
        "/hitta-stod/lattlast/?kommun=botkyrka",
        f"/hitta-stod/verksamhet/{service.pk}/",
        "/hitta-stod/kommun/0127/",
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_anonymous_visitor_finds_the_quick_exit_and_every_national_number_on_each_page(
    client, language
):
    jour = a_service("Kvinnojouren Exempla")
    for path in public_pages(jour):
        page = html(client.get(in_language(path, language)))
        exit_link = re.search(r'<a class="quick-exit-button" href="([^"]+)" rel="noreferrer"', page)
        assert exit_link and exit_link.group(1) == NEUTRAL, path
        assert "/static/directory/quick-exit.js" in page, path
        assert "<script>" not in page, f"{path} has an inline script"
        box = page[page.index('id="stodlinjer"') :]
        for line in HELPLINES:
            assert f'href="tel:{line.tel}"' in box, (path, line.key)


def test_the_quick_exit_is_not_offered_to_editors_in_their_work_pages(as_person, uppsala_editor):
    page = html(as_person(uppsala_editor).get("/verksamheter/"))
    assert "quick-exit" not in page


def test_every_number_is_stated_in_the_quoted_sentence_of_its_source():
    """A number that no quoted source sentence states has been typed in from memory: refused."""
    for line in HELPLINES:
        assert line.sources, line.key
        for source in line.sources:
            assert source.url.startswith("https://") and source.publisher and source.title
        quoted_digits = ["".join(ch for ch in s.quote if ch.isdigit()) for s in line.sources]
        assert any(line.tel in digits for digits in quoted_digits), line.key


def test_hours_and_languages_are_shown_only_where_they_were_confirmed(client):
    page = html(client.get("/hitta-stod/"))
    bris = page[page.index('data-helpline="bris"') :]
    bris = bris[: bris.index("</li>")]
    assert "Dygnet runt." in bris and "Språk:" not in bris  # Bris's languages are not confirmed
    valj = page[page.index('data-helpline="valj-att-sluta"') :]
    valj = valj[: valj.index("</li>")]
    assert "Öppet:" not in valj  # no current opening hours were found for Välj att sluta


def test_an_empty_directory_says_so_instead_of_asking_to_remove_filters(client):
    for path in ("/hitta-stod/", "/hitta-stod/?kommun=", "/hitta-stod/?kommun=Botkyrka"):
        page = html(client.get(path))
        assert "ta bort något av valen" not in page.lower(), path
        assert "Katalogen har ännu inga verksamheter" in page, path
        assert 'href="#stodlinjer"' in page, path
    assert "för den som bor i Botkyrka." in html(client.get("/hitta-stod/?kommun=Botkyrka"))


def test_a_search_with_filters_and_no_hits_names_the_filters_and_offers_to_clear_them(client):
    a_service("Kvinnojouren Exempla", languages=("sv",))
    page = html(client.get("/hitta-stod/", {"kommun": "Botkyrka", "sprak": "ar", "q": "nattöppet"}))
    assert "Ingen verksamhet matchar alla dina val:" in page
    assert "<li>Språk: Arabiska</li>" in page
    assert "<li>Fritext: nattöppet</li>" in page
    assert 'href="/hitta-stod/?kommun=Botkyrka"' in page
    assert "Katalogen har ännu inga verksamheter" not in page
    cleared = html(client.get("/hitta-stod/", {"kommun": "Botkyrka"}))
    assert "Kvinnojouren Exempla" in cleared


def test_the_easy_to_read_page_has_a_short_menu(client):
    page = html(client.get("/hitta-stod/lattlast/"))
    menu = page[page.index('aria-label="Huvudmeny"') :]
    menu = menu[: menu.index("</nav>")]
    assert "Hitta stöd" in menu and "Lättläst" in menu
    assert "Indikatorer" not in menu and "Lägesrapporter" not in menu
    assert 'class="language-switch"' in page  # the language switch stays beside the menu
    assert "Indikatorer" in html(
        client.get("/hitta-stod/")
    )  # the ordinary search keeps the full menu


def test_the_open_data_link_says_it_is_for_developers(client):
    page = html(client.get("/hitta-stod/"))
    assert "För utvecklare: öppna data i HSDS-format (JSON)" in page
    assert "For developers: open data in HSDS format (JSON)" in html(client.get("/en/hitta-stod/"))


def test_searching_vald_with_swedish_letters_does_not_list_valdemarsvik(client):
    """An anonymous visitor types "våld"; a service run by Valdemarsvik is not about violence."""
    a_service(
        "Familjecentralen",
        county="05",
        organization=an_organization("Valdemarsviks kommun", county="05"),
        catchment=(CatchmentLevel.MUNICIPALITIES, ["0563"]),
    )
    a_service("Stöd för våldsutsatta", description="Samtal för den som utsatts för våld.")
    found = html(client.get("/hitta-stod/", {"q": "våld"}))
    assert "Stöd för våldsutsatta" in found and "Familjecentralen" not in found
    assert "Familjecentralen" in html(client.get("/hitta-stod/", {"q": "valdemarsvik"}))


def test_a_municipality_typed_as_vald_suggests_no_valdemarsvik(client):
    response = client.get("/hitta-stod/", {"kommun": "våld"})
    assert response.status_code == 400
    page = response.content.decode()
    summary = page[page.index("error-summary") :]
    summary = summary[: summary.index("</div>")]
    assert "Hittar ingen kommun som heter våld." in summary and "Valdemarsvik" not in summary
    typo = client.get("/hitta-stod/", {"kommun": "Valdemarsvk"})
    assert "Menade du Valdemarsvik?" in typo.content.decode()
    assert (
        "Menade du Södertälje?"
        in client.get("/hitta-stod/", {"kommun": "sodertaljee"}).content.decode()
    )


@pytest.mark.parametrize(
    "typed, folded",
    [
        ("Våld", "våld"),
        ("VÄXJÖ", "växjö"),
        ("Malmö", "malmö"),
        ("Café  Blå", "cafe blå"),
        ("Ærø", "ärö"),
    ],
)
def test_the_swedish_fold_keeps_a_ring_a_umlaut_and_o_umlaut(typed, folded):
    assert swedish_fold(typed) == folded


def test_the_municipality_suggestions_follow_the_swedish_alphabet(client):
    page = html(client.get("/hitta-stod/"))
    order = [
        page.index(f'<option value="{name}">')
        for name in ("Vaxholm", "Vännäs", "Ystad", "Åre", "Älmhult", "Östersund")
    ]
    assert order == sorted(order)
