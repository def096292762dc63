"""`lagesbild directory check-links`: asks every service's web site whether it still answers, and
stores the answer on the service (not in its history: a dead link is an observation, not an edit)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Service

USER_AGENT = "Lagesbild-linkcheck/1.0 (checks the web sites of support services)"
# Some servers refuse HEAD although the page exists; those answers are asked again with GET.
RETRY_WITH_GET = {403, 405, 501}


@dataclass
class LinkResult:
    service: Service
    ok: bool
    problem: str = ""


def check_url(client: httpx.Client, url: str) -> tuple[bool, str]:
    try:
        response = client.head(url)
        if response.status_code in RETRY_WITH_GET:
            with client.stream("GET", url) as streamed:
                response = streamed
        if response.status_code >= 400:
            return False, f"HTTP {response.status_code}"
        return True, ""
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
            follow_redirects=True,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
            limits=limits,
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
