"""The public lab as static files (`lagesbild build-static`), for any static web server.

Pages are fetched through Django's own request handling (the test client), so they are exactly what
the server answers, whatever the addresses look like: the crawl starts at the start page and the
open-data pages and follows every link, image, stylesheet and script within the public part of the
site; the API's indicator and observation answers are added for every indicator. Each answer is
written to a file, and every link in the written HTML is rewritten to the file it points at:
`/indikatorer/x/` → `/indikatorer/x/index.html`, a page with a query string → a stable name made from
it (`/indikatorer/x/q-<hash>.html`), an API answer → `….json`.

Incremental: a manifest (`.lagesbild-build.json`) keeps each address's file, the digest of what was
written and the indicator it belongs to with that indicator's data digest (rows, newest batch and the
catalogue version). A rebuild fetches an indicator's pages only when its data digest has changed, and
rewrites any file only when its bytes differ."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connections
from django.db.models import Count, Max
from django.test import Client

from lagesbild.core.language import unprefixed
from lagesbild.lab import charts

MANIFEST = ".lagesbild-build.json"
# Charts drawn by earlier builds and this one's processes, by specification (lab.charts.DrawingStore).
DRAWINGS = ".lagesbild-charts"
PUBLIC = (
    "/static/",
    "/mal/",
    "/indikatorer/",
    "/territorier",
    "/tackning",
    "/tillganglighet/",
    "/kartor/",
    "/flode/",
    "/dcat/",
    "/inbaddning/",
    "/oppna-data/",
    "/api/v1/indicators",
    "/api/v1/observations",
    "/api/v1/territories",
    "/api/v1/goals",
    "/api/v1/coverage",
    "/index.",
)
# Open data that is the same in both languages: written once, at its unprefixed address.
LANGUAGE_NEUTRAL = ("/flode/", "/dcat/", "/oppna-data/")
LINK = re.compile(
    r"""(?P<attr>\b(?:href|src)=)(?P<quote>["'])(?P<url>[^"'#]*)(?P<rest>#[^"']*)?(?P=quote)"""
)
INDICATOR_PATH = re.compile(
    r"^/(?:en/)?(?:indikatorer|inbaddning/indikatorer|flode/indikatorer)/(?P<id>[A-Za-z0-9_-]+)[/.]"
)
API_INDICATOR = re.compile(
    r"^/api/v1/(?:indicators/(?P<a>[A-Za-z0-9_-]+)$|observations\?indicator=(?P<b>[A-Za-z0-9_-]+)$)"
)
# An indicator's downloads: the view never translates them (only a time stamp inside XLSX and JSON-stat
# differs between two requests), so the English address gets a copy of the Swedish file.
DOWNLOAD = re.compile(r"^/en(/indikatorer/[A-Za-z0-9_-]+/data\.[a-z]+(?:\?.*)?)$")
# The addresses lagesbild.opendata.data_files writes.
DATA_FILE = re.compile(
    r"^/indikatorer/(?P<id>[A-Za-z0-9_-]+)/data\.(?:csv|json)(?:\?territory=[^&]+)?$"
)
CSRF_INPUT = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">')
TYPE_SUFFIX = {
    "application/json": ".json",
    "application/problem+json": ".json",
    "text/csv": ".csv",
    "application/atom+xml": ".atom",
    "application/rdf+xml": ".rdf",
    "image/svg+xml": ".svg",
}


def is_file(address: str) -> bool:
    """A twin, download, chart or asset rather than a page."""
    path = urlsplit(address).path
    return path.startswith("/static/") or "." in path.rsplit("/", 1)[-1]


def is_public(address: str) -> bool:
    """Within the public lab, in either language (English pages are the same addresses under /en/)."""
    path = unprefixed(urlsplit(address).path)
    return path == "/" or path.startswith(PUBLIC)


def file_for(address: str, content_type: str = "text/html") -> str:
    """The file (relative to the output folder) an address is written to."""
    parts = urlsplit(address)
    path, query = parts.path, parts.query
    media = content_type.split(";")[0].strip()
    if query:
        digest = hashlib.sha1(query.encode()).hexdigest()[:12]
        directory = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
        stem = "q" if path.endswith("/") else path.rsplit("/", 1)[1].replace(".", "-")
        return f"{directory.lstrip('/')}{stem}-{digest}{TYPE_SUFFIX.get(media, '.html')}"
    if path.endswith("/"):
        return path.lstrip("/") + "index.html"
    name = path.lstrip("/")
    if "." not in name.rsplit("/", 1)[-1]:
        return name + TYPE_SUFFIX.get(media, ".html")
    return name


@dataclass
class Fetched:
    address: str
    status: int
    content_type: str
    body: bytes
    links: list[str] = field(default_factory=list)


def links_in(body: bytes) -> list[str]:
    text = body.decode("utf-8", errors="replace")
    return [m.group("url").replace("&amp;", "&") for m in LINK.finditer(text) if m.group("url")]


_client: Client | None = None


def _worker_start(drawings: str) -> None:
    global _client
    connections.close_all()  # each process opens its own connection
    charts.keep_drawings_in(Path(drawings))
    _client = Client()


def fetch(address: str) -> Fetched:
    global _client
    if _client is None:
        _client = Client()
    response = _client.get(address, follow=False)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code in (301, 302) and response.get("Location"):
        return Fetched(address, response.status_code, "", b"", [response["Location"]])
    content_type = response.get("Content-Type", "")
    found = Fetched(address, response.status_code, content_type, body)
    if content_type.startswith("text/html") and response.status_code == 200:
        found.links = links_in(body)
    return found


def write_data_files(out: str, indicator_id: str, previous: dict[str, str]) -> list[tuple]:
    """Writes one indicator's data files (lagesbild.opendata.data_files) in a worker; hands back
    (address, file, media type, digest, whether it was written) for the manifest. `previous` holds
    the digests of the last build, so a file whose bytes did not change is left alone."""
    from .data_files import indicator_files

    done = []
    for address, media, body in indicator_files(indicator_id):
        name = file_for(address, media)
        digest = hashlib.sha256(body).hexdigest()
        path = Path(out) / name
        fresh = previous.get(address) != digest or not path.exists()
        if fresh:
            replace_file(path, body)
        done.append((address, name, media, digest, fresh))
    return done


def replace_file(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(body)
    os.replace(temporary, path)


def indicator_of(address: str) -> str | None:
    match = INDICATOR_PATH.match(address) or API_INDICATOR.match(address)
    if not match:
        return None
    return next(v for v in match.groupdict().values() if v)


def indicator_digests() -> dict[str, str]:
    """Per indicator: rows, newest batch and the catalogue's version; changes when its data does."""
    from lagesbild.core.versioning import version_of
    from lagesbild.indicators.models import Indicator, Observation

    catalogue = version_of("catalogue", "territories")
    counted = {
        row["indicator_id"]: f"{row['n']}:{row['newest']}"
        for row in Observation.objects.values("indicator_id").annotate(
            n=Count("id"), newest=Max("batch_id")
        )
    }
    return {
        i: f"{catalogue}:{counted.get(i, '0:0')}"
        for i in Indicator.objects.values_list("id", flat=True)
    }


class _InProcess:
    """Runs each task at once in this process (--jobs 1), answering like a process pool."""

    def submit(self, function, *args) -> Future:
        future: Future = Future()
        future.set_result(function(*args))
        return future

    def shutdown(self) -> None:
        """Nothing runs in the background."""


class _Crawl:
    """One build's crawl. Every address found is handed to the pool at once and each answer is taken
    as it arrives, so no process waits for the slowest page of a round; the data files of changed
    indicators are written by the same pool meanwhile, and their addresses are not fetched."""

    def __init__(self, build: Build, digests: dict[str, str]):
        self.build = build
        self.digests = digests
        self.old_pages = build.previous.get("pages", {})
        self.old_digests = build.previous.get("indicators", {})
        self.seen = set(build.pages)  # data files reused from the last build
        self.html: dict[str, bytes] = {}
        self.aliases: dict[str, str] = {}
        self.writing: set[str] = set()  # indicators whose data files are being written
        self.deferred: list[str] = []  # their addresses met meanwhile

    def run(self, pool, data_work: list[tuple]) -> None:
        writers = {pool.submit(write_data_files, *work): work[1] for work in data_work}
        self.writing = set(writers.values())
        queue = deque(a for a in self.build.seeds() if is_public(a))
        running = set(writers)
        while queue or running:
            while queue:
                address = self.admit(queue.popleft(), queue)
                if address:
                    running.add(pool.submit(fetch, address))
            if not running:
                continue
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                if future in writers:
                    written = future.result()
                    self.build.take_data_files(written)
                    self.seen.update(address for address, *_rest in written)
                    self.writing.discard(writers.pop(future))
                    if not self.writing:
                        self.release_deferred(queue)
                else:
                    self.take(future.result(), queue)

    def admit(self, address: str, queue: deque) -> str | None:
        """The address to fetch, or None when it is known, reused or written otherwise."""
        if address in self.seen:
            return None
        self.seen.add(address)
        english_download = DOWNLOAD.match(address)
        if english_download:
            self.aliases[address] = address = english_download.group(1)
            if address in self.seen:
                return None
            self.seen.add(address)
        data_file = DATA_FILE.match(address)
        if data_file and data_file.group("id") in self.writing:
            self.deferred.append(address)
            return None
        indicator = indicator_of(address)
        old = self.old_pages.get(address)
        if (
            old
            and indicator
            and self.old_digests.get(indicator) == self.digests.get(indicator)
            and (self.build.out / old["file"]).exists()
        ):
            self.build.pages[address] = old  # its data has not changed: keep the file
            self.build.reused += 1
            queue.extend(old.get("links", []))  # and what it links to stays exported
            return None
        return address

    def release_deferred(self, queue: deque) -> None:
        """Data-file addresses the writer did not produce (a territory without data) are fetched."""
        for address in self.deferred:
            if address not in self.build.pages:
                self.seen.discard(address)
                queue.append(address)
        self.deferred = []

    def take(self, item: Fetched, queue: deque) -> None:
        followed = self.build.followed(item)
        queue.extend(followed)
        if item.status != 200:
            return
        record = {
            "file": file_for(item.address, item.content_type),
            "type": item.content_type,
            "indicator": indicator_of(item.address),
        }
        self.build.pages[item.address] = record
        if item.content_type.startswith("text/html"):
            record["links"] = followed
            self.html[item.address] = item.body
        else:
            self.build.write(item.address, item.body)


class Build:
    def __init__(self, out: Path, base_url: str = "", jobs: int = 1, log=None, live_url: str = ""):
        self.out = Path(out)
        self.base = base_url.rstrip("/")
        self.live = live_url.rstrip("/")
        self.jobs = max(1, jobs)
        self.log = log or (lambda line: None)
        self.manifest_path = self.out / MANIFEST
        self.previous = (
            json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if self.manifest_path.exists()
            else {"pages": {}}
        )
        self.pages: dict[str, dict] = {}
        self.written = self.unchanged = self.reused = 0

    # --- addresses --------------------------------------------------------------------------

    def seeds(self) -> list[str]:
        from lagesbild.indicators.models import Indicator

        # The slowest answer (all data as one zip, a few seconds) first, so it is not what a build
        # still waits for at its end.
        seeds = [
            "/oppna-data/lagesbild-data.zip",
            "/",
            "/flode/",
            "/dcat/catalog.rdf",
            "/dcat/catalog.ttl",
            "/dcat/catalog.jsonld",
        ]
        seeds += ["/api/v1/indicators", "/api/v1/territories", "/api/v1/goals", "/api/v1/coverage"]
        for indicator_id in Indicator.objects.order_by("id").values_list("id", flat=True):
            seeds += [
                f"/api/v1/indicators/{indicator_id}",
                f"/api/v1/observations?indicator={indicator_id}",
            ]
        return seeds

    def target(self, address: str) -> str:
        """The address a rewritten link points at: the written file, under --base-url."""
        page = self.pages.get(address)
        if page is None:
            return address
        return f"{self.base}/{page['file']}"

    # --- crawling ---------------------------------------------------------------------------

    def data_file_work(self, digests: dict[str, str]) -> list[tuple]:
        """Reuses the data files of indicators whose data did not change; the rest as work for
        `write_data_files` (one task per indicator)."""
        old_pages = self.previous.get("pages", {})
        old_digests = self.previous.get("indicators", {})
        kept: dict[str, list[str]] = {}
        for address, old in old_pages.items():
            if old.get("data_file"):
                kept.setdefault(old["indicator"], []).append(address)
        work = []
        for indicator_id, digest in digests.items():
            addresses = kept.get(indicator_id, [])
            if (
                addresses
                and old_digests.get(indicator_id) == digest
                and all((self.out / old_pages[a]["file"]).exists() for a in addresses)
            ):
                for address in addresses:
                    self.pages[address] = old_pages[address]
                self.reused += len(addresses)
            else:
                previous = {a: old_pages[a].get("digest") for a in addresses}
                work.append((str(self.out), indicator_id, previous))
        return work

    def take_data_files(self, done: list[tuple]) -> None:
        for address, name, media, digest, fresh in done:
            self.pages[address] = {
                "file": name,
                "type": media,
                "indicator": indicator_of(address),
                "digest": digest,
                "data_file": True,
            }
            self.written += fresh
            self.unchanged += not fresh

    def copy_english_downloads(self, aliases: dict[str, str]) -> None:
        """/en/ downloads are the Swedish files (see DOWNLOAD), copied instead of fetched again."""
        for english, swedish in aliases.items():
            source = self.pages.get(swedish)
            if source is None:
                continue
            self.pages[english] = {**source, "file": file_for(english, source["type"])}
            self.pages[english].pop("data_file", None)
            self.write(english, (self.out / source["file"]).read_bytes())

    def run(self) -> dict:
        started = time.perf_counter()
        digests = indicator_digests()
        drawings = self.out / DRAWINGS
        store = charts.keep_drawings_in(drawings)
        since = time.time()
        if self.jobs > 1:
            connections.close_all()
            pool = ProcessPoolExecutor(
                self.jobs, initializer=_worker_start, initargs=(str(drawings),)
            )
        else:
            pool = _InProcess()
        crawl = _Crawl(self, digests)
        try:
            crawl.run(pool, self.data_file_work(digests))
        finally:
            pool.shutdown()
            charts.keep_drawings_in(None)
        # Drawings used by neither this build nor the previous one are dropped.
        store.prune(self.previous.get("started", since))
        self.copy_english_downloads(crawl.aliases)
        for address, body in crawl.html.items():
            self.write(address, self.rewrite(address, body))
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        self.manifest_path.write_text(
            json.dumps({"pages": self.pages, "indicators": digests, "started": since}, indent=0),
            encoding="utf-8",
        )
        return {
            "pages": len(self.pages),
            "written": self.written,
            "unchanged": self.unchanged,
            "reused": self.reused,
            "seconds": round(time.perf_counter() - started, 2),
        }

    def followed(self, item: Fetched) -> list[str]:
        """The addresses a fetched answer leads to that belong in the export."""
        found = []
        for link in item.links:
            absolute = self.normalise(item.address, link)
            if absolute and is_public(absolute):
                if "?" in absolute and "?" in item.address and not is_file(absolute):
                    continue  # page variants are taken one step from a plain page
                found.append(absolute)
        return list(dict.fromkeys(found))

    @staticmethod
    def normalise(source: str, link: str) -> str | None:
        if link.startswith(("http://", "https://", "mailto:", "data:", "//", "javascript:")):
            parts = urlsplit(link)
            if parts.netloc not in ("testserver", ""):
                return None
            link = parts.path + (f"?{parts.query}" if parts.query else "")
        if not link.startswith("/"):
            base = urlsplit(source).path
            link = base.rsplit("/", 1)[0] + "/" + link
        if unprefixed(link).startswith(LANGUAGE_NEUTRAL):
            link = unprefixed(link)
        return link

    def rewrite(self, address: str, body: bytes) -> bytes:
        # A static site takes no form posts: the per-visitor form token would only make every copy
        # of a page differ.
        text = CSRF_INPUT.sub("", body.decode("utf-8"))

        def replace(match: re.Match) -> str:
            url = match.group("url").replace("&amp;", "&")
            absolute = self.normalise(address, url) if url else None
            rest = match.group("rest") or ""
            quote = match.group("quote")
            if absolute and absolute not in self.pages and self.live:
                # Not part of the export (logins, editing, the directory, variants of variants):
                # the link goes to the live site.
                return f"{match.group('attr')}{quote}{self.live}{absolute}{rest}{quote}"
            if not absolute or absolute not in self.pages:
                return match.group(0)
            return f"{match.group('attr')}{quote}{self.target(absolute)}{rest}{quote}"

        return LINK.sub(replace, text).encode("utf-8")

    def write(self, address: str, body: bytes) -> None:
        path = self.out / self.pages[address]["file"]
        digest = hashlib.sha256(body).hexdigest()
        self.pages[address]["digest"] = digest
        if (
            path.exists()
            and self.previous.get("pages", {}).get(address, {}).get("digest") == digest
        ):
            self.unchanged += 1
            return
        replace_file(path, body)
        self.written += 1


def build(out: Path, base_url: str = "", jobs: int = 1, log=None, live_url: str = "") -> dict:
    return Build(out, base_url, jobs, log, live_url).run()


def broken_links(folder: Path, files: Iterable[Path]) -> list[str]:
    """Links in written HTML that name no written file (used by tests and by --check)."""
    missing = []
    for page in files:
        for link in links_in(page.read_bytes()):
            if link.startswith(("http://", "https://", "mailto:", "data:")) or not link:
                continue
            path = urlsplit(link).path
            target = folder / path.lstrip("/") if path.startswith("/") else page.parent / path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                missing.append(f"{page.relative_to(folder)} → {link}")
    return missing
