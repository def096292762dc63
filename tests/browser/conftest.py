"""Browser tests: Playwright for Python driving Debian's chromium, with axe-core for accessibility.

They are marked `browser` and skipped (with the reason) when chromium or Playwright is missing, so a
developer without a browser can still run the rest; CI installs chromium and runs them.

One server runs for the whole session, in a thread of the test process, on the test database that
already holds the reference data (tests/conftest.py). With SQLite's in-memory test database the
server shares the test's connection, so each test's own data (built with the usual builders) is
seen by the server and rolled back after the test like any other; nothing is reloaded per test."""

from __future__ import annotations

import os
import shutil

import pytest

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


# What chromium reported refusing under the Content-Security-Policy during the current test.
CSP_VIOLATIONS: list[str] = []


def _watch_for_csp(context):
    def on_console(message):
        if "Content Security Policy" in message.text:
            CSP_VIOLATIONS.append(f"{message.text} ({message.location.get('url')})")

    context.on("console", on_console)
    return context


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        new_context = browser.new_context
        browser.new_context = lambda *args, **kwargs: _watch_for_csp(new_context(*args, **kwargs))
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker):
    """One server for the session, sharing the test database's in-memory connection."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        shared = {
            c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()
        }
    if not shared:
        pytest.skip("the browser tests share SQLite's in-memory test database with their server")
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread = LiveServerThread("localhost", StaticFilesHandler, connections_override=shared, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()
    for connection in shared.values():
        connection.dec_thread_sharing()


@pytest.fixture(autouse=True)
def no_csp_violation():
    """Every browser test also fails on anything the Content-Security-Policy had to refuse."""
    CSP_VIOLATIONS.clear()
    yield
    assert not CSP_VIOLATIONS, "Content-Security-Policy violations:\n" + "\n".join(CSP_VIOLATIONS)


@pytest.fixture
def site(live_site, db):
    """The platform as a new user has it after `lagesbild init`, served on a local port."""
    return live_site


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
    """Opens a page in Swedish or English at its address in that language (English under /en/); the
    API's documentation, which has no language in its address, through the language cookie."""
    from urllib.parse import urlsplit, urlunsplit

    from lagesbild.core.language import in_language, is_negotiated

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if is_negotiated(parts.path):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    else:
        path = in_language(path, language)
    page.goto(urlunsplit((parts.scheme, parts.netloc, "", "", "")) + path)
    assert page.locator("html").get_attribute("lang") == language
