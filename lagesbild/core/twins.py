"""Machine-readable twins: every data page at /path/ has /path.json and /path.csv, announced in a
`Link: <…>; rel="alternate"` header and in the page's <head>, as datasette does."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from .language import unprefixed

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def twin_url(request: HttpRequest, fmt: str) -> str:
    # The start page's twin is index.json, in each language: /en/ has /en/index.json, not /en.json.
    base = unprefixed(request.path)
    prefix = request.path[: len(request.path) - len(base)]
    path = prefix + (base.rstrip("/") or "/index")
    query = request.META.get("QUERY_STRING", "")
    return f"{path}.{fmt}" + (f"?{query}" if query else "")


def alternates(request: HttpRequest, formats=("json", "csv")) -> list[dict]:
    return [{"format": f, "url": twin_url(request, f), "type": MEDIA_TYPES[f]} for f in formats]


def announce(response: HttpResponse, links: list[dict]) -> HttpResponse:
    response["Link"] = ", ".join(
        f'<{link["url"]}>; rel="alternate"; type="{link["type"]}"' for link in links
    )
    return response
