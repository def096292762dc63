"""A developer reads the API's description: valid OpenAPI, answers that match it, and a documentation
page that loads nothing from outside the platform."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from lagesbild.indicators.selection import COLUMNS

ENDPOINTS = {
    "/api/v1/": "/api/v1/",
    "/api/v1/api-info": "/api/v1/api-info",
    "/api/v1/goals": "/api/v1/goals",
    "/api/v1/indicators": "/api/v1/indicators",
    "/api/v1/indicators/{indicator_id}": "/api/v1/indicators/ntu-sexualbrott",
    "/api/v1/observations": "/api/v1/observations?territory=01",
    "/api/v1/territories": "/api/v1/territories",
    "/api/v1/territories/{code}": "/api/v1/territories/01",
    "/api/v1/coverage": "/api/v1/coverage",
}


@pytest.fixture
def openapi(anonymous_visitor) -> dict:
    response = anonymous_visitor.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_openapi_document_is_valid_and_lists_every_endpoint(openapi):
    validate(openapi)
    assert openapi["info"]["version"] == "1.0.0"
    assert set(openapi["paths"]) == set(ENDPOINTS)
    parameters = {p["name"] for p in openapi["paths"]["/api/v1/observations"]["get"]["parameters"]}
    assert parameters == {
        "indicator",
        "territory",
        "level",
        "period",
        "sex",
        "breakdown",
        "limit",
        "cursor",
        "format",
        "real_only",
    }


def test_the_observation_schema_has_the_columns_of_the_answers(openapi):
    assert list(openapi["components"]["schemas"]["Observation"]["properties"]) == list(COLUMNS)
    responses = openapi["paths"]["/api/v1/observations"]["get"]["responses"]
    assert set(responses["200"]["content"]) == {"application/json", "text/csv"}


@pytest.mark.parametrize("path", sorted(ENDPOINTS))
def test_every_answer_matches_its_description(anonymous_visitor, openapi, path):
    response = anonymous_visitor.get(ENDPOINTS[path])
    assert response.status_code == 200
    schema = openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    validator = Draft202012Validator({**schema, "components": openapi["components"]})
    assert list(validator.iter_errors(response.json())) == []


def test_error_answers_match_their_description(anonymous_visitor, openapi):
    """Problem details (RFC 9457) with every member the national REST API profile names (FEL.01)."""
    problem = Draft202012Validator({**openapi["components"]["schemas"]["Problem"]})
    assert set(problem.schema["required"]) == {"type", "title", "status", "detail", "instance"}
    for url, status in (
        ("/api/v1/observations?limit=0", "422"),
        ("/api/v1/observations?period=x", "400"),
        ("/api/v1/indicators/finns-inte", "404"),
    ):
        response = anonymous_visitor.get(url)
        assert response["Content-Type"] == "application/problem+json"
        assert list(problem.iter_errors(response.json())) == []
        path = (
            "/api/v1/"
            + url.split("/")[3].split("?")[0]
            + ("/{indicator_id}" if "finns" in url else "")
        )
        declared = openapi["paths"][path]["get"]["responses"][status]["content"]
        assert list(declared) == ["application/problem+json"]


def test_api_info_sits_at_the_root_as_the_national_profile_asks(anonymous_visitor, openapi):
    info = anonymous_visitor.get("/api/v1/api-info").json()
    assert info["api_version"] == openapi["info"]["version"]
    assert info["api_specification"].endswith("/api/v1/openapi.json")
    assert {"contact", "license", "termsOfService", "x-sla"} <= set(openapi["info"])
    assert anonymous_visitor.get("/api/v1/").json()["api_info"].endswith("/api/v1/api-info")


class Addresses(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [
            value for name, value in attrs if name in ("src", "href", "action", "srcset") and value
        ]


def addresses_in(html: str) -> list[str]:
    parser = Addresses()
    parser.feed(html)
    return parser.found


def is_local(address: str) -> bool:
    return not re.match(r"^([a-z][a-z0-9+.-]*:|//)", address, re.IGNORECASE)


def test_the_docs_page_only_references_the_platform_s_own_addresses(anonymous_visitor):
    response = anonymous_visitor.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    addresses = addresses_in(html)
    assert (
        "/static/ninja/swagger-ui-bundle.js" in addresses
        and "/static/ninja/swagger-ui.css" in addresses
    )
    assert [a for a in addresses if not is_local(a)] == []
    assert "cdn" not in html.casefold()
    assert '"validatorUrl": null' in html and '"url": "/api/v1/openapi.json"' in html


def test_the_swagger_files_the_docs_page_uses_are_served_by_the_platform(anonymous_visitor):
    html = anonymous_visitor.get("/api/v1/docs").content.decode()
    static = [a.removeprefix("/static/") for a in addresses_in(html) if a.startswith("/static/")]
    assert static and all(finders.find(path) for path in static), static
    with open(finders.find("ninja/swagger-ui.css"), encoding="utf-8") as handle:
        urls = re.findall(r"url\(([^)]*)\)", handle.read())
    assert [
        u
        for u in urls
        if is_local(u.strip("'\"")) is False and not u.strip("'\"").startswith("data:")
    ] == []


def test_the_docs_page_is_in_the_visitor_s_language_and_points_to_the_openapi_document(
    anonymous_visitor,
):
    swedish = anonymous_visitor.get("/api/v1/docs")
    anonymous_visitor.cookies["django_language"] = "en"
    english = anonymous_visitor.get("/api/v1/docs")
    assert "<h1>Öppet API</h1>" in swedish.content.decode()
    assert "<h1>Open API</h1>" in english.content.decode()
    assert swedish["Link"].startswith("</api/v1/openapi.json>")


def test_every_page_s_menu_leads_to_the_api_documentation(anonymous_visitor):
    home = anonymous_visitor.get("/").content.decode()
    assert 'href="/api/v1/docs"' in home
