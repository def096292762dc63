"""Screenshots of the public site for docs/screenshots/, taken with the headless chromium the browser
tests use (Playwright for Python driving the system's chromium).

Run it against a running platform, e.g. after `lagesbild serve` (with `lagesbild example-data` and
`lagesbild directory example-data` loaded so the pages show figures and services):

    python scripts/screenshots.py --base-url http://127.0.0.1:8000 --out docs/screenshots
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

# (file name, path, viewport width, what to scroll to first or ""): phone-sized pages and the start
# page on a laptop. The indicator and the search are shown at their chart and results.
SHOTS = [
    ("start-390.png", "/", 390, ""),
    ("indicator-390.png", "/indikatorer/ntu-misshandel/?territory=01", 390, "#chart-heading"),
    ("hitta-stod-390.png", "/hitta-stod/?kommun=Botkyrka", 390, "#results-heading"),
    ("report-390.png", "/rapporter/01/2018/", 390, ""),
    ("report-figure-390.png", "/rapporter/01/2018/", 390, ".report-figure"),
    ("start-1280.png", "/", 1280, ""),
]


def take(base_url: str, out: Path, language: str, full_page: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("chromium is not installed (the browser tests need it too)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for name, path, width, scroll_to in SHOTS:
            context = browser.new_context(viewport={"width": width, "height": 844})
            context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
            page = context.new_page()
            page.goto(base_url.rstrip("/") + path, wait_until="networkidle")
            if scroll_to:
                page.evaluate(
                    "(selector) => document.querySelector(selector).scrollIntoView()", scroll_to
                )
            target = out / name
            page.screenshot(path=str(target), full_page=full_page)
            written.append(target)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="the running platform")
    parser.add_argument(
        "--out", type=Path, default=Path("docs/screenshots"), help="folder for PNGs"
    )
    parser.add_argument("--language", choices=["sv", "en"], default="sv", help="page language")
    parser.add_argument(
        "--full-page", action="store_true", help="the whole page, not only the first screen"
    )
    args = parser.parse_args()
    for path in take(args.base_url, args.out, args.language, args.full_page):
        print(path)


if __name__ == "__main__":
    main()
