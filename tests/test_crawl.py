"""An anonymous visitor who follows links from the start page, in Swedish and in English (under /en/),
never meets a broken one: every same-site link to depth 3 answers 200, except editor pages, which send to login.

To stay fast the crawl reads at most a few addresses of each page type (the first path segment, the
number of segments and the file extension), which still reaches every kind of page and download.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from lagesbild.core.language import in_language, unprefixed
from tests.directory.builders import a_service
from tests.lab.builders import example_figures_for

MAX_DEPTH = 3
PER_TYPE = 4
LOGIN = "/konto/logga-in/"
# Pages only a signed-in editor uses; an anonymous visitor is sent to the login page.
EDITOR_ONLY = ("/arbetsyta/", "/konto/losenord/", "/data/importera/", "/granskning/", "/admin/")
# Links that are not pages: logging out takes a POST, and the language form posts.
SKIPPED = ("/konto/logga-ut/", "/i18n/")


class Links(HTMLParser):
    """Same-site addresses in a page: <a href>, <link rel=alternate href>, and GET forms' actions."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.found.append(attributes["href"])
        elif tag == "link" and "alternate" in (attributes.get("rel") or "").split():
            self.found.append(attributes.get("href") or "")
        elif tag == "form" and (attributes.get("method") or "get").lower() == "get":
            self.found.append(attributes.get("action") or "")


def links_in(page_url: str, html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    addresses = []
    for href in filter(None, parser.found):
        absolute = urljoin(f"http://testserver{page_url}", href)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
            continue
        address = parts.path + (f"?{parts.query}" if parts.query else "")
        if address.startswith("/static/") or unprefixed(address).startswith(SKIPPED):
            continue
        addresses.append(address)
    return addresses


def page_type(address: str) -> tuple:
    parts = urlsplit(unprefixed(address))
    segments = [s for s in parts.path.split("/") if s]
    extension = re.search(r"\.(\w+)$", parts.path)
    first = segments[0] if segments else ""
    language = "en" if address.startswith("/en/") else "sv"
    return (language, first, len(segments), extension and extension.group(1), bool(parts.query))


def crawl(client, language: str) -> dict[str, tuple[int, str, str]]:
    """Every address reached, with its status, the page that linked to it and where it redirects."""
    seen: dict[str, tuple[int, str, str]] = {}
    per_type: Counter = Counter()
    frontier = [(in_language("/", language), "(start)")]
    for depth in range(MAX_DEPTH + 1):
        following = []
        for address, referrer in frontier:
            if address in seen:
                continue
            kind = page_type(address)
            if per_type[kind] >= PER_TYPE and depth > 0:
                continue
            per_type[kind] += 1
            response = client.get(address)
            seen[address] = (response.status_code, referrer, response.get("Location", ""))
            is_html = response.get("Content-Type", "").startswith("text/html")
            if response.status_code == 200 and is_html and depth < MAX_DEPTH:
                following += [
                    (link, address) for link in links_in(address, response.content.decode())
                ]
        frontier = following
    return seen


def broken(seen) -> list[str]:
    problems = []
    for address, (status, referrer, location) in sorted(seen.items()):
        if status == 200:
            continue
        to_login = unprefixed(urlsplit(location).path) == LOGIN
        if status == 302 and unprefixed(address).startswith(EDITOR_ONLY) and to_login:
            continue
        problems.append(f"{status} {address} (linked from {referrer})")
    return problems


@pytest.fixture
def a_site_with_figures_and_services():
    """The bundled data, example figures for two indicators and a published support service."""
    example_figures_for("ntu-hot", "ntu-sexualbrott")
    a_service("Kvinnojouren i Botkyrka", county="01")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_link_an_anonymous_visitor_can_follow_answers(
    a_site_with_figures_and_services, client, language
):
    seen = crawl(client, language)
    assert len(seen) > 60, f"the crawl reached only {len(seen)} addresses"
    problems = broken(seen)
    assert not problems, f"{len(problems)} broken links ({language}):\n" + "\n".join(problems)
