"""Thin views of the open-data app: catalogue, feeds, embeds and the bulk download."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from lagesbild.core.marking import example_notice
from lagesbild.indicators.models import Indicator
from lagesbild.lab.forms import BadQuery
from lagesbild.territories.models import Level, Territory

from . import bulk, dcat, embeds, feeds

ATOM = "application/atom+xml; charset=utf-8"


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _open(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def catalogue(request, extension: str):
    _fmt, media = dcat.SERIALISATIONS[extension]
    return _open(HttpResponse(dcat.serialised(_base(request), extension), content_type=media))


def _atom(body: bytes) -> HttpResponse:
    return _open(HttpResponse(body, content_type=ATOM))


@require_safe
def feed_all(request):
    return _atom(feeds.all_data(request))


@require_safe
def feed_indicator(request, indicator_id: str):
    found = Indicator.objects.filter(pk=indicator_id).first()
    if found is None:
        raise Http404(_("Det finns ingen indikator med id %(id)s.") % {"id": indicator_id})
    return _atom(feeds.indicator_data(request, found))


@require_safe
def feed_county(request, code: str):
    found = Territory.objects.filter(pk=code, level=Level.LAN).first()
    if found is None:
        raise Http404(_("Det finns inget län med koden %(code)s.") % {"code": code})
    return _atom(feeds.county_data(request, found))


@require_safe
def feed_reports(request):
    return _atom(feeds.reports(request))


@require_safe
def feed_list(request):
    return render(
        request,
        "opendata/feeds.html",
        {
            "indicators": Indicator.objects.order_by("goal_id", "id"),
            "counties": Territory.objects.filter(level=Level.LAN).order_by("code"),
        },
    )


def _embedded(request, indicator_id: str):
    found = Indicator.objects.filter(pk=indicator_id).first()
    if found is None:
        raise Http404(_("Det finns ingen indikator med id %(id)s.") % {"id": indicator_id})
    try:
        return found, embeds.chart(found, request.GET)
    except BadQuery as bad:
        raise Http404(str(bad)) from None


@require_safe
@xframe_options_exempt
def embed(request, indicator_id: str):
    found, chart = _embedded(request, indicator_id)
    return render(
        request,
        "opendata/embed.html",
        {
            "chart": chart,
            "indicator": found,
            "back": request.build_absolute_uri(chart["back"]),
            "notice": example_notice() if chart["has_example_data"] else "",
        },
    )


@require_safe
@xframe_options_exempt
def embed_svg(request, indicator_id: str):
    _found, chart = _embedded(request, indicator_id)
    response = HttpResponse(chart["svg"], content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=300"
    return _open(response)


@require_safe
def embed_code(request, indicator_id: str):
    found, chart = _embedded(request, indicator_id)
    query = f"?{chart['query']}"
    frame = request.build_absolute_uri(reverse("opendata:embed", args=[found.id]) + query)
    image = request.build_absolute_uri(reverse("opendata:embed-svg", args=[found.id]) + query)
    back = request.build_absolute_uri(chart["back"])
    return render(
        request,
        "opendata/embed_code.html",
        {
            "chart": chart,
            "indicator": found,
            "frame": frame,
            "image": image,
            "back": back,
            "iframe_code": f'<iframe src="{frame}" title="{chart["title"]}" width="720" height="560" loading="lazy"></iframe>',
            "img_code": f'<a href="{back}"><img src="{image}" alt="{chart["summary"]}" width="720"></a>',
        },
    )


@require_safe
def bulk_download(request):
    path = bulk.current_package()
    response = FileResponse(
        path.open("rb"), content_type="application/zip", as_attachment=True, filename=path.name
    )
    return _open(response)
