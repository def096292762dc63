"""`lagesbild directory check-links`: asks every service's web site whether it still answers, and
stores the answer on the service (not in its history: a dead link is an observation, not an edit).

The addresses were typed by editors, so they are not trusted: an address whose host resolves to a
loopback, private, link-local or otherwise non-public address is not fetched (the check must not
become a way to probe the server's own network), and redirects are followed one at a time, each
checked the same way. The connection itself goes to the address that was checked at that moment
(`PublicOnlyNetwork`), so a name whose DNS answer changes between a check and the connection (DNS
rebinding) cannot lead inside either. `LAGESBILD_LINKCHECK_ALLOW_PRIVATE=true` lifts this for an
intranet."""

from __future__ import annotations

import ipaddress
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin

import httpcore
import httpx
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Service

USER_AGENT = "Lagesbild-linkcheck/1.0 (checks the web sites of support services)"
# Some servers refuse HEAD although the page exists; those answers are asked again with GET.
RETRY_WITH_GET = {403, 405, 501}
MAX_REDIRECTS = 10


class NotPublic(Exception):
    """The address leads to a host that is not on the public internet."""


@dataclass
class LinkResult:
    service: Service
    ok: bool
    problem: str = ""


def public_address_problem(url: str) -> str:
    """Why the address must not be fetched, or '' when every address its host resolves to is public."""
    if settings.LINKCHECK_ALLOW_PRIVATE:
        return ""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        return _("ogiltig adress")
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return _("ogiltig adress")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        checked_address(parsed.host, port)
    except NotPublic as refused:
        return str(refused)
    except (socket.gaierror, UnicodeError, OSError):
        return _("värdnamnet finns inte")
    return ""


def checked_address(host: str, port: int) -> str:
    """The address to connect to: the first the host resolves to now, when every one of them is
    public; NotPublic names the first that is not. Resolution errors are left to the caller."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for *_rest, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_global:
            raise NotPublic(
                _(
                    "adressen leder till ett internt nät (%(address)s) och kontrolleras inte "
                    "(LAGESBILD_LINKCHECK_ALLOW_PRIVATE)"
                )
                % {"address": address}
            )
    return found[0][4][0]


class PublicOnlyNetwork(httpcore.SyncBackend):
    """Opens each connection to the address it has just checked, not to whatever the name resolves
    to a moment later; TLS still verifies the certificate against the host name."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        if not settings.LINKCHECK_ALLOW_PRIVATE:
            host = checked_address(host, port)
        return super().connect_tcp(
            host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )


def public_only_transport(limits: httpx.Limits) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(limits=limits)
    # httpx takes no network backend of its own, so its connection pool is given this one.
    transport._pool._network_backend = PublicOnlyNetwork()
    return transport


def _request(client: httpx.Client, method: str, url: str) -> httpx.Response:
    """The answer at the end of the redirects, each hop's host checked before it is asked."""
    for _hop in range(MAX_REDIRECTS + 1):
        problem = public_address_problem(url)
        if problem:
            raise NotPublic(problem)
        with client.stream(method, url) as response:
            if not response.is_redirect:
                return response
            location = response.headers.get("location", "")
        url = urljoin(url, location)
    raise httpx.TooManyRedirects("too many redirects")


def check_url(client: httpx.Client, url: str) -> tuple[bool, str]:
    try:
        response = _request(client, "HEAD", url)
        if response.status_code in RETRY_WITH_GET:
            response = _request(client, "GET", url)
        if response.status_code >= 400:
            return False, f"HTTP {response.status_code}"
        return True, ""
    except NotPublic as refused:
        return False, str(refused)
    except httpx.TimeoutException:
        return False, _("svarar inte i tid")
    except httpx.TooManyRedirects:
        return False, _("för många omdirigeringar")
    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as error:
        return False, _("går inte att ansluta (%(error)s)") % {"error": type(error).__name__}
    except (httpx.InvalidURL, httpx.UnsupportedProtocol):
        return False, _("ogiltig adress")
    except httpx.HTTPError as error:
        return False, f"{type(error).__name__}: {error}"


def check_links(services, *, timeout: float = 10.0, workers: int = 8) -> list[LinkResult]:
    services = [s for s in services if s.website]
    limits = httpx.Limits(max_connections=workers)
    with (
        httpx.Client(
            follow_redirects=False,  # each hop is checked by _request
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
            transport=public_only_transport(limits),
        ) as client,
        ThreadPoolExecutor(max_workers=workers) as pool,
    ):
        answers = list(pool.map(lambda s: check_url(client, s.website), services))
    results = [
        LinkResult(service, ok, problem) for service, (ok, problem) in zip(services, answers)
    ]
    now = timezone.now()
    for result in results:
        Service.objects.filter(pk=result.service.pk).update(
            link_ok=result.ok, link_problem=result.problem[:300], link_checked_at=now
        )
    return results
