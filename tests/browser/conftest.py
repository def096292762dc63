"""Browser tests: Playwright for Python driving Debian's chromium, with axe-core for accessibility.

They are marked `browser` and skipped (with the reason) when chromium or Playwright is missing, so a
developer without a browser can still run the rest; CI installs chromium and runs them. They use
pytest-django's live server, which runs them after the other tests and flushes the database after
each, so every test loads the reference data it needs itself."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import load_reference_data

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
try:
    import playwright.sync_api  # noqa: F401

    PLAYWRIGHT = True
except ImportError:
    PLAYWRIGHT = False

# Playwright's sync API keeps an event loop on the main thread; the test body's own database calls
# are still synchronous, so Django's guard against async contexts does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    reason = (
        None
        if CHROMIUM and PLAYWRIGHT
        else "chromium or playwright is not installed (CI installs both)"
    )
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server):
    """The platform as a new user has it after `lagesbild init`, served on a local port."""
    load_reference_data()
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def assert_accessible(page) -> None:
    """axe-core finds no violation of any rule on the page as it is now."""
    violations = axe_violations(page)
    described = [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(
            n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
            for n in v["nodes"][:5]
        )
        for v in violations
    ]
    assert not violations, f"axe-core violations on {page.url}:\n" + "\n".join(described)


def open_in(page, url: str, language: str) -> None:
    """Opens a page in Swedish or English the way a visitor does: by the language switch cookie."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == language
