"""HTTP for the connectors: timeouts, retries with backoff, respect for 429 and Retry-After, and
errors that name the URL and what was wrong.

Every call is recorded (method, URL, body, status, time, checksum of the answer) so the import batch
can show exactly what was fetched, and when.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata

import httpx


def _version() -> str:
    try:
        return metadata.version("lagesbild")
    except metadata.PackageNotFoundError:
        return "0"


USER_AGENT = f"lagesbild/{_version()} (+open data follow-up of the Swedish strategy against violence against women)"
DEFAULT_TIMEOUT = 30.0
DEFAULT_ATTEMPTS = 4
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_BACKOFF = 30.0
MAX_WAIT = 120.0


def pause(seconds: float) -> None:
    """The one place the connectors wait; tests replace it."""
    time.sleep(seconds)


class SourceError(Exception):
    """A service could not be reached or answered something unexpected. Nothing has been written."""

    def __init__(
        self, url: str, reason: str, status: int | None = None, *, unreachable: bool = False
    ):
        self.url = url
        self.reason = reason
        self.status = status
        self.unreachable = unreachable  # no answer at all: no network, a wrong host, a timeout
        super().__init__(f"{url}: {reason}")

    @property
    def host(self) -> str:
        """The service's host (and port), from the URL, for a one-line message."""
        address = self.url.split(" ", 1)[-1]
        try:
            url = httpx.URL(address)
        except (httpx.InvalidURL, TypeError):
            return address
        return f"{url.host}:{url.port}" if url.port else (url.host or address)


@dataclass
class Call:
    method: str
    url: str
    status: int
    retrieved_at: datetime
    sha256: str
    body: object = None

    def as_dict(self) -> dict:
        found = {
            "method": self.method,
            "url": self.url,
            "status": self.status,
            "retrieved_at": self.retrieved_at.isoformat(),
            "sha256": self.sha256,
        }
        if self.body is not None:
            found["body"] = self.body
        return found


@dataclass
class HttpClient:
    timeout: float = DEFAULT_TIMEOUT
    attempts: int = DEFAULT_ATTEMPTS
    backoff: float = 1.0
    max_wait: float = MAX_WAIT
    transport: httpx.BaseTransport | None = None
    calls: list[Call] = field(default_factory=list)

    def __post_init__(self):
        self._client = httpx.Client(
            timeout=self.timeout,
            transport=self.transport,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc) -> None:
        self._client.close()

    def get_json(self, url: str, params: dict | None = None):
        return self._json(self._request("GET", url, params=params))

    def post_json(self, url: str, body: dict, params: dict | None = None):
        return self._json(self._request("POST", url, params=params, body=body))

    def wait(self, seconds: float) -> None:
        pause(seconds)

    def checksum(self) -> str:
        """One SHA-256 over every answer, in the order they came."""
        digest = hashlib.sha256()
        for call in self.calls:
            digest.update(call.sha256.encode())
        return digest.hexdigest()

    def first_retrieved(self) -> datetime | None:
        return self.calls[0].retrieved_at if self.calls else None

    def _request(self, method: str, url: str, *, params=None, body=None) -> httpx.Response:
        for attempt in range(1, self.attempts + 1):
            try:
                response = self._client.request(method, url, params=params, json=body)
            except httpx.TransportError as error:
                where = _with_params(url, params)
                if attempt == self.attempts:
                    raise SourceError(
                        where,
                        _transport_reason(error, self.timeout, self.attempts),
                        unreachable=True,
                    ) from None
                pause(self._backoff(attempt))
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.attempts:
                pause(self._wait_for(response, attempt))
                continue
            if response.status_code >= 400:
                raise SourceError(
                    f"{method} {response.url}",
                    _status_reason(response, attempt),
                    response.status_code,
                )
            self.calls.append(
                Call(
                    method,
                    str(response.url),
                    response.status_code,
                    datetime.now(UTC),
                    hashlib.sha256(response.content).hexdigest(),
                    body,
                )
            )
            return response
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff(self, attempt: int) -> float:
        return min(MAX_BACKOFF, self.backoff * 2 ** (attempt - 1))

    def _wait_for(self, response: httpx.Response, attempt: int) -> float:
        asked = retry_after(response.headers.get("Retry-After"))
        if asked is None:
            return self._backoff(attempt)
        if asked > self.max_wait:
            raise SourceError(
                str(response.url),
                f"tjänsten svarade {response.status_code} och ber oss vänta "
                f"{asked:.0f} s, längre än {self.max_wait:.0f} s; försök igen senare",
            )
        return asked

    @staticmethod
    def _json(response: httpx.Response):
        where = f"{response.request.method} {response.url}"
        kind = response.headers.get("Content-Type", "")
        if "html" in kind:
            raise SourceError(
                where, f"svarade med en webbsida ({kind}) i stället för JSON; är adressen rätt?"
            )
        try:
            return json.loads(response.content.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise SourceError(where, "svaret är inte text i UTF-8") from None
        except RecursionError:
            raise SourceError(where, "svaret är JSON som är orimligt djupt nästlad") from None
        except json.JSONDecodeError as error:
            raise SourceError(
                where,
                f"svaret är inte giltig JSON ({error.msg} vid tecken {error.pos} av "
                f"{len(response.content)}); svaret kan vara avbrutet",
            ) from None


def retry_after(header: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not header:
        return None
    text = header.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _with_params(url: str, params: dict | None) -> str:
    return str(httpx.URL(url, params=params)) if params else url


def _transport_reason(error: httpx.TransportError, timeout: float, attempts: int) -> str:
    tries = f"efter {attempts} försök"
    if isinstance(error, httpx.TimeoutException):
        return f"inget svar inom {timeout:g} s {tries}; tjänsten kan vara överbelastad, försök igen senare"
    if isinstance(error, httpx.ConnectError):
        return (
            f"tjänsten går inte att nå {tries} ({error}); kontrollera nätverket, eller ange en spegel eller "
            "proxy med --base-url"
        )
    if isinstance(error, httpx.RemoteProtocolError):
        return f"anslutningen bröts innan hela svaret kom {tries} ({error})"
    return f"nätverksfel {tries}: {error}"


def _status_reason(response: httpx.Response, attempt: int) -> str:
    status = f"{response.status_code} {response.reason_phrase}".strip()
    detail = _problem_detail(response)
    if response.status_code == 429:
        return f"för många anrop (429) även efter {attempt} försök; vänta en stund och försök igen"
    if response.status_code == 403 and "cell" in detail.casefold():
        return f"svarade {status}: {detail} (för stort uttag; dela frågan)"
    return f"svarade {status}" + (f": {detail}" if detail else "")


def _problem_detail(response: httpx.Response) -> str:
    """The title and detail of an application/problem+json answer, or the start of the text."""
    try:
        problem = response.json()
    except (ValueError, UnicodeDecodeError):
        return response.text[:200].strip()
    if isinstance(problem, dict):
        parts = [str(problem[k]) for k in ("title", "detail", "message", "error") if problem.get(k)]
        if parts:
            return "; ".join(dict.fromkeys(parts))
    return json.dumps(problem, ensure_ascii=False)[:200]
