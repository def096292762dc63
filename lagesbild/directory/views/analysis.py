"""Analysis pages with their .json, .csv and .xlsx twins (lagesbild.core.twins)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from lagesbild.core.outputs import respond
from lagesbild.core.twins import alternates, announce
from lagesbild.territories.models import RIKET_CODE, Level, Territory

from .. import analysis

FORMATS = ("json", "csv", "xlsx")


def _download(result: analysis.Analysis, fmt: str, name: str) -> HttpResponse:
    response = respond(result.output(name), fmt)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _scopes() -> list[Territory]:
    return [Territory.objects.get(code=RIKET_CODE), *Territory.objects.lan().order_by("code")]


def overview(request, fmt: str | None = None):
    chosen = request.GET.get("omrade", "")
    if not fmt and chosen.isdigit() and len(chosen) == 2:
        return redirect("directory:analysis_scope", code=chosen)
    result = analysis.national_overview()
    if fmt:
        return _download(result, fmt, "stodverksamheter-per-lan")
    links = alternates(request, FORMATS)
    response = render(
        request,
        "directory/analysis_overview.html",
        {
            "result": result,
            "table": result.tables[0],
            "scopes": _scopes(),
            "alternates": links,
            "has_example_data": result.has_example_data,
        },
    )
    return announce(response, links)


def scope(request, code: str, fmt: str | None = None):
    territory = get_object_or_404(Territory, code=code, level__in=[Level.LAN, Level.RIKET])
    result = analysis.scope_analysis(territory)
    if fmt:
        return _download(result, fmt, f"stodverksamheter-{territory.code}")
    links = alternates(request, FORMATS)
    response = render(
        request,
        "directory/analysis_scope.html",
        {
            "result": result,
            "scope": territory,
            "scopes": _scopes(),
            "alternates": links,
            "has_example_data": result.has_example_data,
            "downloads": [
                (fmt.upper(), reverse("directory:analysis_scope_twin", args=[territory.code, fmt]))
                for fmt in FORMATS
            ],
        },
    )
    return announce(response, links)
