"""The site frame's answers outside the pages themselves: unknown addresses and server failures get
framed pages in the visitor's language, the favicon exists, and logging in returns the visitor to
where they were (or to a start page for their role), with a way back in by e-mail."""

import re

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core import mail
from django.urls import path

import lagesbild.urls
from tests.conftest import make_person

PASSWORD = "lösenord-för-test-123"


def _fails(request):
    raise RuntimeError("a bug the visitor must not see")


# A URL configuration with one failing page, so the 500 handler is exercised as in production.
urlpatterns = [
    *i18n_patterns(path("test-fel/", _fails), prefix_default_language=False),
    *lagesbild.urls.urlpatterns,
]
handler403 = lagesbild.urls.handler403
handler500 = lagesbild.urls.handler500


@pytest.fixture
def production(settings):
    settings.DEBUG = False


@pytest.mark.parametrize(
    ("language", "heading", "link"),
    [
        ("sv", "Sidan finns inte", "Till startsidan"),
        ("en", "Page not found", "Go to the start page"),
    ],
)
def test_an_anonymous_visitor_at_an_unknown_address_gets_the_framed_404_in_their_language(
    anonymous_visitor, production, language, heading, link
):
    prefix = "/en" if language == "en" else ""
    response = anonymous_visitor.get(f"{prefix}/finns-inte-alls/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert link in html
    assert 'class="site-nav"' in html and '<main id="main"' in html
    assert f"?next={prefix}/finns-inte-alls/" in html


@pytest.mark.urls("tests.test_site_frame")
@pytest.mark.parametrize(
    ("language", "heading"), [("sv", "Ett fel uppstod"), ("en", "Something went wrong")]
)
def test_a_server_failure_shows_the_framed_500_page_without_the_error(
    anonymous_visitor, production, language, heading
):
    anonymous_visitor.raise_request_exception = False
    response = anonymous_visitor.get("/en/test-fel/" if language == "en" else "/test-fel/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert '<main id="main"' in html
    assert "RuntimeError" not in html and "a bug" not in html


def test_the_favicon_answers_with_an_icon(anonymous_visitor):
    response = anonymous_visitor.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO file header
    assert 'rel="icon"' in anonymous_visitor.get("/").content.decode()


def test_the_headers_login_link_returns_the_visitor_to_the_page_they_were_on(anonymous_visitor):
    make_person("stina.stockholm", "county_editor", county="01")
    page = anonymous_visitor.get("/rapporter/?ar=2017").content.decode()
    login = re.search(r'href="(/konto/logga-in/\?next=[^"]+)"', page).group(1)
    assert login == "/konto/logga-in/?next=/rapporter/%3Far%3D2017"
    form = anonymous_visitor.get(login.replace("&amp;", "&")).content.decode()
    assert 'name="next" value="/rapporter/?ar=2017"' in form
    response = anonymous_visitor.post(
        login, {"username": "stina.stockholm", "password": PASSWORD, "next": "/rapporter/?ar=2017"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/rapporter/?ar=2017"


@pytest.mark.parametrize(
    ("role", "county", "lands_on"),
    [("county_editor", "01", "/arbetsyta/"), ("municipal", None, "/"), (None, None, "/")],
)
def test_a_login_without_next_lands_on_the_start_page_for_the_persons_role(
    anonymous_visitor, role, county, lands_on
):
    make_person("person", role, county=county, municipality="0181" if role == "municipal" else None)
    response = anonymous_visitor.post(
        "/konto/logga-in/", {"username": "person", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == lands_on
    assert "/accounts/profile/" not in response["Location"]


def test_a_stockholm_county_editor_lands_on_their_own_countys_work_list(anonymous_visitor):
    make_person("stina.stockholm", "county_editor", county="01")
    response = anonymous_visitor.post(
        "/konto/logga-in/", {"username": "stina.stockholm", "password": PASSWORD}, follow=True
    )
    assert response.request["PATH_INFO"] == "/arbetsyta/"
    assert "Stockholms län" in response.content.decode()


def test_a_login_does_not_return_to_another_site(anonymous_visitor):
    make_person("nobody")
    response = anonymous_visitor.post(
        "/konto/logga-in/?next=https://elak.example/",
        {"username": "nobody", "password": PASSWORD, "next": "https://elak.example/"},
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("language", "line"),
    [("sv", "Hur får jag ett konto?"), ("en", "How do I get an account?")],
)
def test_the_login_page_says_how_to_get_an_account_and_offers_a_password_reset(
    anonymous_visitor, language, line
):
    html = anonymous_visitor.get("/en/konto/logga-in/" if language == "en" else "/konto/logga-in/")
    html = html.content.decode()
    assert line in html
    prefix = "/en" if language == "en" else ""
    assert f'href="{prefix}/konto/losenord/glomt/"' in html


def test_a_county_editor_who_forgot_the_password_sets_a_new_one_from_the_e_mailed_link(
    anonymous_visitor, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_person("stina.stockholm", "county_editor", county="01")
    response = anonymous_visitor.post(
        "/konto/losenord/glomt/", {"email": "stina.stockholm@example.se"}
    )
    assert response["Location"] == "/konto/losenord/glomt/skickat/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nytt lösenord till Lägesbild"
    assert "Ditt användarnamn är stina.stockholm." in message.body
    link = re.search(r"http://testserver(/konto/losenord/nytt/\S+/)", message.body).group(1)
    form = anonymous_visitor.get(link, follow=True)
    assert "Välj ett nytt lösenord" in form.content.decode()
    new = "ett-helt-nytt-lösenord-2026"
    done = anonymous_visitor.post(
        form.request["PATH_INFO"], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Lösenordet är sparat" in done.content.decode()
    response = anonymous_visitor.post(
        "/konto/logga-in/", {"username": "stina.stockholm", "password": new}
    )
    assert response["Location"] == "/arbetsyta/"


def test_an_unknown_address_asking_for_a_reset_gets_the_same_answer_and_no_mail(
    anonymous_visitor, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = anonymous_visitor.post("/konto/losenord/glomt/", {"email": "okand@example.se"})
    assert response["Location"] == "/konto/losenord/glomt/skickat/"
    assert mail.outbox == []


def test_the_main_menu_reaches_every_public_part_of_the_site(anonymous_visitor):
    html = anonymous_visitor.get("/hitta-stod/").content.decode()
    menu = re.search(r'<nav aria-label="Huvudmeny" class="site-nav">(.*?)</nav>', html, re.S).group(
        1
    )
    links = re.findall(r'href="([^"]+)"', menu)
    assert links == [
        "/",
        "/tackning/",
        "/hitta-stod/",
        "/rapporter/",
        "/enkater/resultat/",
        "/aktiviteter/",
        "/publikationer/",
        "/api/v1/docs",
    ]
    for link in links:
        assert anonymous_visitor.get(link).status_code == 200, link


def test_a_logged_in_editor_also_finds_the_workspace_in_the_menu(client, stockholm_editor):
    client.force_login(stockholm_editor)
    html = client.get("/").content.decode()
    assert '<li><a href="/arbetsyta/">Arbetsyta</a></li>' in html
    assert "?next=" not in html  # no login link for someone logged in


def test_the_login_link_on_the_account_pages_does_not_lead_back_to_them(anonymous_visitor):
    for address in ("/konto/logga-in/", "/konto/losenord/glomt/"):
        html = anonymous_visitor.get(address).content.decode()
        assert 'href="/konto/logga-in/">' in html
        assert "?next=/konto/" not in html
