"""Absolute links between API answers, so a client can follow them without building URLs itself."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

VERSION = "1.0.0"
NAMESPACE = f"api-{VERSION}"


def link(request, name: str, query: dict | list | None = None, **kwargs) -> str:
    path = reverse(f"{NAMESPACE}:{name}", kwargs=kwargs or None)
    if query:
        path += "?" + urlencode(query, doseq=True)
    return request.build_absolute_uri(path)


def with_query(request, **changes) -> str:
    """This request's own URL with some parameters replaced (None removes one)."""
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    encoded = query.urlencode()
    return request.build_absolute_uri(request.path + (f"?{encoded}" if encoded else ""))
