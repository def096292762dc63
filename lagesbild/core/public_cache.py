"""Anonymous pages that a browser, a reverse proxy or a CDN may keep (ADR 10).

A page asked for without a session is the same for every visitor at one address and content
version, so its answer says so: `Cache-Control: public`, an ETag made of the content version, the
release and the address, no `Vary: Cookie` and no cookie. A repeat with that ETag in If-None-Match is
answered 304 before any view runs. An answer that sets a cookie (a form's CSRF token, a session) or
that a view already gave its own caching headers is left as it is. Signed-in editors never get a
public answer; a proxy in front should not answer from its cache when the session cookie is present
(README, "Production")."""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import cc_delim_re
from django.utils.http import parse_etags

from .versioning import ALL_AREAS, version_of

PUBLIC_MAX_AGE = 300  # seconds a proxy may serve a page without asking again


def _release() -> str:
    try:
        return version("lagesbild")
    except PackageNotFoundError:
        return "development"


RELEASE = _release()


def _is_anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_etag(request) -> str:
    key = f"{RELEASE}|{version_of(*ALL_AREAS)}|{request.get_full_path()}"
    return '"' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'


def _without_cookie_vary(response) -> None:
    if not response.has_header("Vary"):
        return
    kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def _may_be_public(response) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not getattr(response, "streaming", False)
    )


class PublicCacheMiddleware:
    """Outside the session, CSRF and authentication middleware, so it sees what they add."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not _is_anonymous(request):
            return self.get_response(request)
        etag = page_etag(request)
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return self._not_modified(etag)
        response = self.get_response(request)
        if _may_be_public(response):
            _without_cookie_vary(response)
            response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
            response.headers.setdefault("ETag", etag)
        return response

    @staticmethod
    def _not_modified(etag: str):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
        return response
