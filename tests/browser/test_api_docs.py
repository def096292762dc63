"""A developer opens the API documentation in a browser: it works offline from the rest of the web, is
accessible, and can be used with the keyboard."""

import pytest

from .conftest import assert_accessible, open_in


def open_docs(page, site, language):
    open_in(page, site + "/api/v1/docs", language)
    page.locator("#swagger-ui .opblock").first.wait_for()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_api_documentation_has_no_accessibility_violations(page, site, language):
    open_docs(page, site, language)
    assert_accessible(page)


def test_the_api_documentation_loads_nothing_from_outside_the_platform(page, site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_docs(page, site, "sv")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/api/v1/openapi.json") for url in requested)
    assert [
        url for url in requested if not url.startswith(site) and not url.startswith("data:")
    ] == []


def test_swagger_ui_lists_every_endpoint_from_the_openapi_document(page, site):
    open_docs(page, site, "en")
    paths = page.locator("#swagger-ui .opblock-summary-path").all_inner_texts()
    assert {p.replace("\u200b", "") for p in paths} >= {
        "/api/v1/goals",
        "/api/v1/indicators",
        "/api/v1/indicators/{indicator_id}",
        "/api/v1/observations",
        "/api/v1/territories",
        "/api/v1/territories/{code}",
        "/api/v1/coverage",
    }


def test_a_keyboard_user_reaches_the_example_requests(page, site):
    open_docs(page, site, "sv")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "alla målsättningar":
            break
    else:
        pytest.fail("the first example link was not reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/api/v1/goals")
    assert '"goals"' in page.content()


def test_trying_a_request_in_swagger_ui_shows_the_answer_and_stays_accessible(page, site):
    open_docs(page, site, "en")
    operation = page.locator("#swagger-ui .opblock").filter(has_text="/api/v1/observations")
    operation.locator(".opblock-summary-control").click()
    operation.get_by_role("button", name="Try it out").click()
    indicator = operation.locator("tr[data-param-name='indicator']")
    indicator.get_by_role("button", name="Add string item").click()
    indicator.locator("input").first.fill("ntu-sexualbrott")
    # sex is an enum in the description, so Swagger UI offers its values in a list
    operation.locator("tr[data-param-name='sex'] select").select_option("K")
    operation.get_by_role("button", name="Execute").click()
    answer = operation.locator(
        ".responses-table.live-responses-table .response-col_description pre"
    )
    answer.first.wait_for()
    assert "11.7" in answer.first.inner_text()
    assert_accessible(page)
