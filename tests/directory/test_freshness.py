"""Freshness: services not verified in twelve months are listed per county, and `lagesbild directory
check-links` reports web sites that no longer answer (checked against a local HTTP server)."""

import io
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from lagesbild.directory.models import CatchmentLevel, Service, ServiceStatus

from .builders import a_service


class Site(BaseHTTPRequestHandler):
    """/ok answers, /borta is gone, /bara-get refuses HEAD but answers GET, /flyttad redirects to /ok."""

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _answer(self, head: bool):
        if self.path == "/flyttad":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/ok" or (self.path == "/bara-get" and not head):
            self.send_response(200)
        elif self.path == "/bara-get":
            self.send_response(405)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    port = server.server_port
    server.server_close()
    return f"http://127.0.0.1:{port}/"


def test_check_links_reports_dead_sites_and_remembers_the_answer(local_site, closed_port, settings):
    settings.LINKCHECK_ALLOW_PRIVATE = True  # the test's sites run on this machine
    alive = a_service("Levande", website=f"{local_site}/ok")
    moved = a_service("Flyttad", website=f"{local_site}/flyttad")
    picky = a_service("Bara GET", website=f"{local_site}/bara-get")
    gone = a_service("Borta", website=f"{local_site}/borta")
    closed = a_service("Nedlagd", website=closed_port)
    a_service("Exempel", website=f"{local_site}/borta", is_example=True)
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 webbplatser svarar inte"):
        call_command("directory", "check-links", "--timeout", "5", stdout=out)
    report = out.getvalue()
    assert f"Borta: {local_site}/borta – HTTP 404" in report
    assert "Nedlagd" in report and "går inte att ansluta" in report
    assert "5 webbplatser kontrollerade, 2 svarar inte." in report
    for service, ok in (
        (alive, True),
        (moved, True),
        (picky, True),
        (gone, False),
        (closed, False),
    ):
        service.refresh_from_db()
        assert service.link_ok is ok and service.link_checked_at is not None
    assert gone.history.count() == 1  # a link check is not an edit


def test_check_links_passes_when_every_site_answers(local_site, settings):
    settings.LINKCHECK_ALLOW_PRIVATE = True
    a_service("Levande", website=f"{local_site}/ok")
    out = io.StringIO()
    call_command("directory", "check-links", stdout=out)
    assert "1 webbplatser kontrollerade, 0 svarar inte." in out.getvalue()


def test_services_not_verified_in_twelve_months_are_listed_per_county(as_person, national_admin):
    today = timezone.localdate()
    a_service("Nyss kontrollerad", verified_at=today - timedelta(days=30))
    a_service("Gammal kontroll", verified_at=today - timedelta(days=400))
    a_service("Aldrig kontrollerad")
    a_service(
        "Skånes gamla",
        county="12",
        catchment=(CatchmentLevel.MUNICIPALITIES, ["1280"]),
        verified_at=today - timedelta(days=500),
    )
    a_service("Arkiverad", status=ServiceStatus.ARCHIVED)
    stale = {s.name for s in Service.objects.not_verified_since(today - timedelta(days=365))}
    assert stale == {"Gammal kontroll", "Aldrig kontrollerad", "Skånes gamla"}
    page = as_person(national_admin).get("/verksamheter/inaktuella/").content.decode()
    assert (
        "Stockholms län (2)" in page and "Skåne län (1)" in page and "Nyss kontrollerad" not in page
    )


def test_a_county_editor_sees_only_their_own_stale_services(as_person, stockholm_editor):
    a_service("Stockholms gamla")
    a_service("Skånes gamla", county="12", catchment=(CatchmentLevel.MUNICIPALITIES, ["1280"]))
    page = as_person(stockholm_editor).get("/verksamheter/inaktuella/").content.decode()
    assert "Stockholms gamla" in page and "Skånes gamla" not in page
