"""The language is in the address and anonymous pages can be kept by a proxy (ADR 10)."""

import re

import pytest
from django.conf import settings

from lagesbild.accounts.models import Role
from lagesbild.core.versioning import bump
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/indikatorer/ntu-hot/",
    "/indikatorer/ntu-hot/?territory=01&compare=12",
    "/tackning/",
    "/hitta-stod/",
    "/rapporter/",
    "/rapporter/01/2018/",
    "/publikationer/",
    "/aktiviteter/",
]


def language_of(response) -> str:
    return re.search(r'<html lang="(\w+)"', response.content.decode()).group(1)


def switch_link(response) -> str:
    return re.search(r'class="language-switch" href="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize("address", PUBLIC_PAGES)
def test_an_anonymous_visitor_gets_a_page_a_proxy_may_keep(anonymous_visitor, address):
    for shown in (address, "/en" + address):
        response = anonymous_visitor.get(shown)
        assert response.status_code == 200, shown
        assert not response.cookies, f"{shown} sets {list(response.cookies)}"
        assert "cookie" not in response.get("Vary", "").lower(), shown
        assert response["Cache-Control"].startswith("public, max-age=")
        again = anonymous_visitor.get(shown, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304 and again["ETag"] == response["ETag"]


def test_swedish_pages_are_unprefixed_and_english_pages_live_under_en(anonymous_visitor):
    swedish = anonymous_visitor.get("/indikatorer/ntu-hot/?territory=01")
    english = anonymous_visitor.get("/en/indikatorer/ntu-hot/?territory=01")
    assert language_of(swedish) == "sv" and language_of(english) == "en"
    assert switch_link(swedish) == "/en/indikatorer/ntu-hot/?territory=01"
    assert switch_link(english) == "/indikatorer/ntu-hot/?territory=01"
    assert english["Content-Language"] == "en"
    assert 'hreflang="en" href="/en/indikatorer/ntu-hot/?territory=01"' in swedish.content.decode()
    # links inside an English page stay English
    assert 'href="/en/tackning/"' in english.content.decode()


def test_a_change_anywhere_gives_the_page_a_new_etag(anonymous_visitor):
    before = anonymous_visitor.get("/rapporter/01/2018/")["ETag"]
    bump("registers")  # e.g. the county board adds an activity
    after = anonymous_visitor.get("/rapporter/01/2018/", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


def test_an_old_english_cookie_sends_the_visitor_once_to_the_english_address(anonymous_visitor):
    anonymous_visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = anonymous_visitor.get("/indikatorer/ntu-hot/?territory=01")
    assert answer.status_code == 302
    assert answer["Location"] == "/en/indikatorer/ntu-hot/?territory=01"
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""  # removed
    assert language_of(anonymous_visitor.get("/indikatorer/ntu-hot/")) == "sv"


def test_the_old_language_form_still_leads_to_the_english_address(anonymous_visitor):
    answer = anonymous_visitor.post(
        "/i18n/setlang/", {"language": "en", "next": "/hitta-stod/?kommun=0180"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/en/hitta-stod/?kommun=0180"


def test_a_signed_in_editor_never_gets_a_public_answer(client):
    client.force_login(make_person("stina.stockholm", Role.COUNTY_EDITOR, county="01"))
    response = client.get("/indikatorer/ntu-hot/")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert "Cookie" in response.get("Vary", "")


def test_a_page_with_a_post_form_is_not_made_public(anonymous_visitor):
    response = anonymous_visitor.get("/konto/logga-in/")
    assert response.status_code == 200 and "csrftoken" in response.cookies
    assert "public" not in response.get("Cache-Control", "")


def test_the_api_documentation_switches_language_with_a_parameter(anonymous_visitor):
    swedish = anonymous_visitor.get("/api/v1/docs")
    assert switch_link(swedish) == "/api/v1/docs?lang=en"
    english = anonymous_visitor.get("/api/v1/docs?lang=en")
    assert language_of(english) == "en" and switch_link(english) == "/api/v1/docs?lang=sv"


def test_the_api_still_follows_accept_language(anonymous_visitor):
    english = anonymous_visitor.get("/api/v1/observations?limit=many", HTTP_ACCEPT_LANGUAGE="en")
    swedish = anonymous_visitor.get("/api/v1/observations?limit=many", HTTP_ACCEPT_LANGUAGE="sv")
    assert english.json()["detail"] != swedish.json()["detail"]
    assert "Accept-Language" in english["Vary"]
