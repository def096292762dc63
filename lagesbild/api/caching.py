"""JSON answers and their cache.

Every successful JSON answer is stored under a key made of the content version of the public data
(observations, catalogue, territories; lagesbild.core.versioning) and the full request URL, so a
cached answer never holds anything older than the database: any change gives a new version and
therefore new keys. The same key is the answer's ETag, so clients and proxies can revalidate with
If-None-Match for free."""

from __future__ import annotations

import functools
import hashlib
import threading
import zlib
from collections import OrderedDict

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from lagesbild.core.versioning import PUBLIC_DATA, data_version, versioned_lookup, versioned_store

from .params import reject_unreadable

JSON_TYPE = "application/json"
# Answers up to this size are cached; those over COMPRESS_FROM are kept gzip-compressed (a 2.2 MB
# kommun slice becomes about a tenth), and sent as they are to clients that accept gzip.
LARGEST_CACHED_BODY = 32 * 1024 * 1024
COMPRESS_FROM = 256 * 1024
GZIP = 31  # zlib's wbits for the gzip container
INFLATED_BYTES = 48 * 1024 * 1024  # per process: about 28 kommun slices, inflated


def to_json(data) -> bytes:
    # orjson writes UTF-8 bytes directly, several times faster than json.dumps for a page of rows.
    return orjson.dumps(data)


def answer(data, status: int = 200) -> HttpResponse:
    return HttpResponse(to_json(data), status=status, content_type=JSON_TYPE)


def answer_key(request, version: str) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{version}:{hashlib.sha1(url.encode()).hexdigest()}"


def open_data_headers(
    response: HttpResponse, version: str, etag: str | None = None
) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Data-Version"] = version
    if etag:
        response["ETag"] = etag
        response["Cache-Control"] = "public, max-age=60"
    return response


def finish(request, response: HttpResponse, version: str, key: str) -> HttpResponse:
    """A 200 answer gets its ETag (and becomes 304 when the client already has it); others only the headers."""
    if response.status_code != 200:
        return open_data_headers(response, version)
    etag = f'"{key.rsplit(":", 1)[1]}"'
    return open_data_headers(
        get_conditional_response(request, etag=etag, response=response), version, etag
    )


def accepts_gzip(request) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")


def from_cache(request, version: str, key: str) -> HttpResponse | None:
    hit = versioned_lookup("api", PUBLIC_DATA, key)
    if hit is None:
        return None
    content_type, body = hit[0], hit[1]
    compressed = len(hit) > 2 and hit[2] == "gzip"
    if compressed and accepts_gzip(request):
        response = HttpResponse(body, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(
            inflated(key, body) if compressed else body, content_type=content_type
        )
    if compressed:
        response["Vary"] = "Accept-Encoding"
    return finish(request, response, version, key)


class InflatedBodies:
    """The most recently asked-for large answers, already inflated, for clients that do not accept
    gzip: inflating a 1.7 MiB kommun slice costs a few milliseconds every time. Kept in this process's
    memory, at most `limit` bytes, keyed like the cache (so never stale)."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self.bodies: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, compressed: bytes) -> bytes:
        with self.lock:
            body = self.bodies.get(key)
            if body is not None:
                self.bodies.move_to_end(key)
                return body
        body = zlib.decompress(compressed, GZIP)
        with self.lock:
            if key not in self.bodies and len(body) <= self.limit:
                self.bodies[key] = body
                self.size += len(body)
                while self.size > self.limit:
                    self.size -= len(self.bodies.popitem(last=False)[1])
        return body


INFLATED = InflatedBodies(limit=INFLATED_BYTES)


def inflated(key: str, compressed: bytes) -> bytes:
    return INFLATED.get(key, compressed)


def stored(response: HttpResponse) -> tuple:
    """What the cache keeps of an answer: large ones compressed (level 1: fast, a tenth the size)."""
    body = response.content
    if len(body) < COMPRESS_FROM:
        return (response["Content-Type"], body)
    packer = zlib.compressobj(1, zlib.DEFLATED, GZIP)
    return (response["Content-Type"], packer.compress(body) + packer.flush(), "gzip")


def cached_answer(view):
    """Serves a view's 200 answers from the cache, keyed on data version and URL; errors are never cached."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        reject_unreadable(request)
        version = data_version()
        key = answer_key(request, version)
        hit = from_cache(request, version, key)
        if hit is not None:
            return hit
        return remembered(request, view(request, *args, **kwargs), version, key)

    return wrapper


def remembered(request, response: HttpResponse, version: str, key: str) -> HttpResponse:
    """A freshly made answer, kept in the cache when it is a 200 and given its headers."""
    if response.streaming:
        return open_data_headers(response, version)
    if response.status_code == 200 and len(response.content) <= LARGEST_CACHED_BODY:
        versioned_store("api", PUBLIC_DATA, key, stored(response))
        if len(response.content) >= COMPRESS_FROM:
            response["Vary"] = "Accept-Encoding"
    return finish(request, response, version, key)


def cache_in_front(view, shortcut=None):
    """Around a URL's view: an answer already cached for this exact URL is served before django-ninja reads
    and validates the parameters (the same URL passed that validation when it was cached).

    `shortcut(request)`, when given, may answer a cache miss itself (an HttpResponse, cached like the
    view's) or return None to leave the request to the view; it must answer exactly as the view would."""

    @functools.wraps(view)
    def serve(request, *args, **kwargs):
        if request.method == "GET":
            version = data_version()
            key = answer_key(request, version)
            hit = from_cache(request, version, key)
            if hit is not None:
                return hit
            response = shortcut(request) if shortcut and settings.API_SHORTCUTS else None
            if response is not None:
                return remembered(request, response, version, key)
        return view(request, *args, **kwargs)

    return serve
