"""Odd input in addresses and forms gets a clear 400 naming what to fix, never a 500: impossible
dates, control characters, over-long parameters and cursors, line breaks in titles. Link checks never
fetch the server's own network."""

import io
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from lagesbild.directory import linkcheck
from lagesbild.surveys.models import Survey, SurveyStatus
from tests.directory.builders import a_service
from tests.surveys.builders import an_open_survey_with_questions, invite


@pytest.mark.parametrize(
    ("address", "named"),
    [
        ("/hsds/services?modified_after=2024-13-45", "modified_after"),
        ("/hsds/services?modified_after=2024-01-01T25:00:00", "modified_after"),
        ("/hsds/services?search=" + "x" * 600, "search"),
        ("/hsds/services?" + "&".join(f"p{n}=x" for n in range(1500)), "6000"),
        ("/hsds/organizations?per_page=%00", "per_page"),
        ("/api/v1/observations?cursor=" + "A" * 5000, "cursor"),
        ("/api/v1/observations?indicator=" + "x" * 13000, "12000"),
    ],
)
def test_bad_parameters_of_the_apis_are_named_in_a_400(anonymous_visitor, address, named):
    answer = anonymous_visitor.get(address)
    assert answer.status_code in (400, 422)
    assert named in str(answer.json()["detail"])


@pytest.mark.parametrize("county", ["%0A", "01%0D%0AX-Evil:%201", "x" * 300, "1"])
def test_a_bad_county_on_the_matrix_download_is_a_400(anonymous_visitor, county):
    for fmt in ("csv", "xlsx"):
        answer = anonymous_visitor.get(f"/hitta-stod/matris.{fmt}?lan={county}")
        assert answer.status_code == 400 and "lan" in answer.content.decode()
        assert "X-Evil" not in answer


def test_the_matrix_download_for_one_county_still_works(anonymous_visitor):
    a_service("Jouren i Stockholm")
    answer = anonymous_visitor.get("/hitta-stod/matris.csv?lan=01")
    assert answer.status_code == 200 and "Jouren i Stockholm" in answer.content.decode("utf-8-sig")


def test_a_survey_title_must_stay_on_one_line(client, stockholm_editor):
    client.force_login(stockholm_editor)
    answer = client.post(
        "/enkater/ny/", {"county": "01", "title": "Rad ett\nRad två", "year": "2025"}
    )
    assert "Titeln ska stå på en rad" in answer.content.decode()
    assert not Survey.objects.filter(title__startswith="Rad ett").exists()


def test_reminders_of_a_survey_with_a_line_break_in_its_title_go_out_on_one_line(mailoutbox):
    survey, _questions = an_open_survey_with_questions(title="Rad ett\nRad två")
    invite(survey, "Södertälje")
    call_command("survey_reminders", stdout=io.StringIO())
    (message,) = mailoutbox
    assert message.subject == "Påminnelse: Rad ett Rad två"
    assert "\n" not in str(message.message()["Subject"])


def test_one_surveys_failing_reminders_do_not_stop_the_later_surveys(mailoutbox):
    broken, _ = an_open_survey_with_questions(title="A: trasig adress")
    (bad,) = invite(broken, "Södertälje")
    bad.email = "kommun@example.se\nBcc: någon@example.org"
    bad.save()
    later, _ = an_open_survey_with_questions(title="B: fungerar", county="01")
    invite(later, "Botkyrka")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 enkäter kunde inte skickas"):
        call_command("survey_reminders", stdout=out, stderr=err)
    assert "A: trasig adress" in err.getvalue()
    assert [m.subject for m in mailoutbox] == ["Påminnelse: B: fungerar"]
    assert Survey.objects.filter(status=SurveyStatus.OPEN).count() == 2


# --- check-links ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/admin/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
    ],
)
def test_check_links_refuses_loopback_private_and_link_local_addresses(address):
    assert "internt nät" in linkcheck.public_address_problem(address)


def test_a_public_address_may_be_checked():
    assert linkcheck.public_address_problem("https://93.184.215.14/") == ""


def test_the_refusal_can_be_lifted_for_an_intranet(settings):
    settings.LINKCHECK_ALLOW_PRIVATE = True
    assert linkcheck.public_address_problem("http://127.0.0.1/") == ""


class Redirecting(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(302)
        self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def site_redirecting_inwards():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirecting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_a_redirect_to_an_internal_address_is_not_followed(site_redirecting_inwards, monkeypatch):
    """The first hop is let through here only because the test's site runs on this machine."""
    checked, connected = linkcheck.public_address_problem, linkcheck.checked_address
    own_port = int(site_redirecting_inwards.rsplit(":", 1)[1].strip("/"))
    monkeypatch.setattr(
        linkcheck,
        "public_address_problem",
        lambda url: "" if url == site_redirecting_inwards else checked(url),
    )
    monkeypatch.setattr(
        linkcheck,
        "checked_address",
        lambda host, port: host if port == own_port else connected(host, port),
    )
    service = a_service("Omdirigerad", website=site_redirecting_inwards)
    (result,) = linkcheck.check_links([service], timeout=5)
    assert not result.ok and "169.254.169.254" in result.problem


def test_check_links_reports_a_refused_address_and_fetches_nothing():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    a_service("Intern", website=f"http://127.0.0.1:{port}/")
    out = io.StringIO()
    try:
        with pytest.raises(CommandError):
            call_command("directory", "check-links", stdout=out)
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody knocked
    finally:
        listener.close()
    assert "internt nät (127.0.0.1)" in out.getvalue()


class Knocked(BaseHTTPRequestHandler):
    """An internal service that notes every request that reaches it."""

    requests: list[str] = []

    def do_HEAD(self):
        Knocked.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_name_that_turns_internal_after_the_check_is_not_reached(monkeypatch):
    """DNS rebinding: the name first resolves to a public address, then to this machine. The check
    and the connection use the same answer, so the internal service never hears from the link check."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Knocked)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    answers = iter(["93.184.215.14"])  # the first answer is public; every later one is loopback
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host != "rebinding.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    Knocked.requests.clear()
    service = a_service("Ombytt namn", website=f"http://rebinding.example:{server.server_port}/")
    try:
        (result,) = linkcheck.check_links([service], timeout=1)
    finally:
        server.shutdown()
        server.server_close()
    assert Knocked.requests == []
    assert not result.ok
