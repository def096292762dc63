"""`lagesbild build-static` writes the public lab as files that any static web server serves with
working links: the output, served by `python -m http.server`, passes a link crawl with no broken link;
a rebuild after an import rewrites only the changed indicator's pages."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from django.core.management import call_command

from lagesbild.indicators.models import Observation
from lagesbild.opendata.data_files import indicator_files
from lagesbild.opendata.static_site import MANIFEST, build
from lagesbild.sources.importing import import_file
from tests.builders import a_row, a_template_csv

LIVE = "https://lagesbild.example.se"
pytestmark = pytest.mark.slow


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [v for k, v in attrs if k in ("href", "src") and v]


def crawl(base: str) -> tuple[int, list[str]]:
    """Every page and file reachable from the start page on the static server; the broken links."""
    seen, broken, queue = set(), [], [base + "/index.html"]
    with httpx.Client(timeout=30) as client:
        while queue:
            address = queue.pop()
            if address in seen:
                continue
            seen.add(address)
            response = client.get(address)
            if response.status_code != 200:
                broken.append(address)
                continue
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            parser = Links()
            parser.feed(response.text)
            for link in parser.found:
                target = urljoin(address, link).split("#")[0]
                if urlsplit(target).netloc == urlsplit(base).netloc:
                    queue.append(target)
    return len(seen), broken


@pytest.fixture
def static_server(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path / "site"
    folder.mkdir()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    yield folder, base
    server.terminate()
    server.wait(timeout=10)


def test_the_static_site_has_no_broken_link(static_server):
    folder, base = static_server
    call_command("build_static", out=str(folder), live_url=LIVE)
    visited, broken = crawl(base)
    assert broken == []
    assert visited > 100
    for expected in (
        "index.html",
        "indikatorer/dodligt-vald/index.html",
        "api/v1/observations-",
        "dcat/catalog.rdf",
        "flode/data.atom",
        "inbaddning/indikatorer/dodligt-vald/q-",
    ):
        assert any(str(p.relative_to(folder)).startswith(expected) for p in folder.rglob("*")), (
            expected
        )
    page = (folder / "indikatorer/dodligt-vald/index.html").read_text(encoding="utf-8")
    assert 'href="/indikatorer/dodligt-vald/data.csv"' in page
    assert (
        re.search(r'href="/indikatorer/dodligt-vald/q-[0-9a-f]{12}\.html', page) or "q-" not in page
    )


def test_a_rebuild_after_an_import_rewrites_only_what_changed(tmp_path):
    first = build(tmp_path, live_url=LIVE)
    again = build(tmp_path, live_url=LIVE)
    assert again["written"] == 0 and again["reused"] > 0
    untouched = tmp_path / "indikatorer/dodligt-vald/index.html"
    stamp = untouched.stat().st_mtime_ns
    import_file(a_template_csv(tmp_path, [a_row(value="47,5")], name="ntu.csv"))
    after = build(tmp_path, live_url=LIVE)
    pages = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["pages"]
    answer = tmp_path / pages["/api/v1/observations?indicator=ntu-hot"]["file"]
    assert 0 < after["written"] < first["written"]
    assert '"value":47.5' in answer.read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == stamp, "another indicator's page was not rewritten"


NTU_HOT_SELECTION = "/indikatorer/ntu-hot/data.csv?territory="


def test_the_data_files_are_what_the_site_answers_at_their_addresses(client, tmp_path):
    build(tmp_path, live_url=LIVE)
    pages = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["pages"]
    written = [a for a, page in pages.items() if page.get("data_file")]
    territories = {a.split("territory=")[1] for a in written if a.startswith(NTU_HOT_SELECTION)}
    with_data = set(
        Observation.objects.filter(indicator_id="ntu-hot").values_list("territory_id", flat=True)
    )
    assert "/indikatorer/ntu-hot/data.csv" in written
    assert len(with_data) > 1 and territories == with_data, "one file per territory with data"
    english = "/en/indikatorer/ntu-hot/data.json"
    sample = [a for a in written if "ntu-hot" in a] + [english]
    for address in sample:
        response = client.get(address)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert (tmp_path / pages[address]["file"]).read_bytes() == body, address
        assert pages[address]["type"] == response["Content-Type"], address


def test_data_files_spell_awkward_values_as_the_site_does(client, tmp_path):
    """A note a spreadsheet would run, a count small enough to be hidden, a value written with an
    exponent: the directly written files still equal the site's answers."""
    rows = [
        a_row(value="47,5", note="=1+1 enligt källan"),
        a_row(territory="03", value="12", note='citat "inom" ; semikolon'),
        a_row(indicator="ntu-misshandel", value="0,00001"),
    ]
    import_file(a_template_csv(tmp_path, rows, name="svara.csv"))
    for indicator_id in ("ntu-hot", "ntu-misshandel", "dodligt-vald"):
        files = list(indicator_files(indicator_id))
        assert len(files) > 2
        for address, media, body in files:
            response = client.get(address)
            assert response.status_code == 200, address
            answer = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            assert body == answer, address
            assert media == response["Content-Type"]
