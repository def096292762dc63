"""A journalist copies the embed code into a plain HTML page of their own site: the chart shows in the
frame with its title, source and link back, and as an image, with no script from anywhere."""

from __future__ import annotations

import http.server
import threading
from functools import partial


def a_plain_page_of_another_site(directory, site: str) -> str:
    """Serves a page on another origin (another port) that embeds the chart both ways."""
    query = "territory=00"
    (directory / "index.html").write_text(
        "<!doctype html><html lang='sv'><head><meta charset='utf-8'><title>Min artikel</title></head>"
        "<body><h1>Min artikel</h1>"
        f"<iframe id='chart' src='{site}/inbaddning/indikatorer/dodligt-vald/?{query}' "
        "title='Diagram' width='720' height='560'></iframe>"
        f"<img id='image' src='{site}/inbaddning/indikatorer/dodligt-vald/diagram.svg?{query}' "
        "alt='Diagram' width='720'></body></html>",
        encoding="utf-8",
    )
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/index.html"


def test_the_embed_code_works_in_a_plain_html_page(page, site, tmp_path):
    server, address = a_plain_page_of_another_site(tmp_path, site)
    try:
        page.goto(address)
        frame = page.frame_locator("#chart")
        assert frame.locator("svg").first.is_visible()
        assert "Källa" in frame.locator(".embedded-source").inner_text()
        assert (
            frame.locator("a[target=_top]")
            .get_attribute("href")
            .endswith("/indikatorer/dodligt-vald/?territory=00&level=lan#diagram")
        )
        page.wait_for_function("document.getElementById('image').complete")
        assert page.evaluate("document.getElementById('image').naturalWidth") > 0
    finally:
        server.shutdown()
