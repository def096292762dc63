"""The accessibility statement holds what lag (2018:1937) and Digg's guidance ask for ("Skapa en
tillgänglighetsredogörelse", digg.se), in Swedish and English, and its feedback form works: an
anonymous visitor's message is stored and mailed to the installation's contact, an empty one is
refused with a clear message."""

import re

import pytest
from django.core import mail

from lagesbild.core.language import in_language
from lagesbild.lab.models import Feedback

URL = "/tillganglighet/"

REQUIRED = {
    "sv": {
        "names": ["Länsstyrelsen i Exempellän står bakom webbplatsen Lägesbild"],
        "compliance": ["delvis förenlig"],
        "not-accessible": ["PDF/UA", "Samma rapport finns som webbsida", "Kartan."],
        "exemptions": ["oskäligt betungande anpassning"],
        "method": ["självskattning", "axe-core", "390 pixlar", "1280 pixlar", "tangentbordet"],
        "dates": [
            'Den senaste bedömningen gjordes den <time datetime="2026-11-30">30 november 2026</time>',
            'Redogörelsen uppdaterades senast den <time datetime="2026-12-04">4 december 2026</time>',
        ],
        "feedback": ["Skicka meddelandet", 'name="csrfmiddlewaretoken"'],
        "digg": ["DIGG"],
    },
    "en": {
        "names": ["Länsstyrelsen i Exempellän is responsible for the website Lägesbild"],
        "compliance": ["partially compliant"],
        "not-accessible": ["PDF/UA", "The same report is available as a web page", "The map."],
        "exemptions": ["disproportionate burden"],
        "method": ["self-assessment", "axe-core", "390 pixels", "1280 pixels", "keyboard"],
        "dates": [
            'The latest assessment was made on <time datetime="2026-11-30">30 November 2026</time>',
            'This statement was last updated on <time datetime="2026-12-04">4 December 2026</time>',
        ],
        "feedback": ["Send the message", 'name="csrfmiddlewaretoken"'],
        "digg": ["DIGG"],
    },
}


@pytest.fixture(autouse=True)
def _installation(settings):
    settings.ORGANISATION_NAME = "Länsstyrelsen i Exempellän"
    settings.ACCESSIBILITY_CONTACT = "tillganglighet@exempellan.example"
    settings.ACCESSIBILITY_ASSESSED = "2026-11-30"
    settings.ACCESSIBILITY_UPDATED = "2026-12-04"


def element(page: str, name: str) -> str:
    """The markup of the element marked data-element=name, up to its closing tag."""
    match = re.search(rf'<(\w+)[^>]*data-element="{name}"[^>]*>(.*?)</\1>', page, flags=re.S)
    assert match, f"no element {name!r} on the statement"
    return " ".join(match.group(2).split())


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_statement_holds_every_element_digg_requires(client, language):
    response = client.get(in_language(URL, language))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    for name, phrases in REQUIRED[language].items():
        text = element(page, name)
        for phrase in phrases:
            assert phrase in text, (language, name, phrase)
    assert 'href="https://www.digg.se/tdosanmalan"' in page
    assert 'href="mailto:tillganglighet@exempellan.example"' in page
    assert "http://testserver/" in element(page, "names")


def test_an_anonymous_visitors_message_is_stored_and_mailed_to_the_contact(client):
    response = client.post(
        URL,
        {"message": "Kartan går inte att använda med tangentbord.", "page": "/tackning/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/tillganglighet/?tack=1#feedback"
    [stored] = Feedback.objects.all()
    assert stored.message == "Kartan går inte att använda med tangentbord."
    assert stored.page == "/tackning/" and stored.name == "" and stored.email == ""
    assert stored.mailed
    [sent] = mail.outbox
    assert sent.to == ["tillganglighet@exempellan.example"]
    assert "Kartan går inte att använda med tangentbord." in sent.body and "/tackning/" in sent.body
    thanks = client.get(response["Location"]).content.decode()
    assert "Tack! Vi har tagit emot ditt meddelande." in thanks


def test_an_empty_message_is_refused_with_a_clear_summary(client):
    response = client.post(URL, {"message": "   ", "email": "inte-en-adress"})
    assert response.status_code == 400
    page = response.content.decode()
    summary = page[page.index('class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert 'href="#id_message"' in summary and "Skriv ditt meddelande." in summary
    assert "Skriv en e-postadress som namn@exempel.se" in summary
    assert 'aria-invalid="true"' in page
    assert Feedback.objects.count() == 0 and mail.outbox == []


def test_an_overlong_message_is_refused_in_english_too(client):
    response = client.post(in_language(URL, "en"), {"message": "x" * 5001})
    assert response.status_code == 400
    assert "The message may be at most 5000 characters (it has 5001)." in response.content.decode()
    assert Feedback.objects.count() == 0


def test_the_form_is_protected_against_cross_site_posts():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, {"message": "Hej"})
    assert response.status_code == 403
    assert Feedback.objects.count() == 0


def test_a_message_is_kept_when_the_mail_cannot_be_sent(client, settings):
    settings.EMAIL_BACKEND = "tests.lab.test_accessibility_statement.BrokenMail"
    response = client.post(URL, {"message": "Knappen saknar text."})
    assert response.status_code == 302
    [stored] = Feedback.objects.all()
    assert stored.message == "Knappen saknar text." and not stored.mailed


def test_the_link_from_a_page_fills_in_which_page_it_concerns(client):
    page = client.get(URL, {"sida": "/hitta-stod/"}).content.decode()
    assert re.search(r'<input[^>]*name="page"[^>]*value="/hitta-stod/"', page)


class BrokenMail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("the mail server does not answer")


def test_the_national_administrator_reads_the_messages_in_the_admin(client, admin_client):
    client.post(URL, {"message": "Kontrasten på knappen är för låg.", "page": "/hitta-stod/"})
    listing = admin_client.get("/admin/lab/feedback/")
    assert listing.status_code == 200
    assert "/hitta-stod/" in listing.content.decode()
