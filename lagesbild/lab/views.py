"""The lab's views: thin, each builds its page data once and answers as HTML, .json or .csv.

Data pages announce their twins in a `Link: <…>; rel="alternate"` header and in <head>. Bad query
parameters get a 400 page naming the parameter and the reason; unknown indicators and territories
get a 404 page; neither ever shows a traceback."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lagesbild.core.language import (
    ENCODED_MARK,
    PATH_MARK,
    UNPREFIXED_MARK,
    as_query_value,
    unprefixed,
)
from lagesbild.core.outputs import Output, problem, respond
from lagesbild.core.twins import alternates, announce
from lagesbild.core.versioning import PUBLIC_DATA, versioned_cache
from lagesbild.indicators.models import Goal, Indicator
from lagesbild.indicators.selection import (
    ObservationFilter,
    SelectionError,
    observation_rows,
    observations_output,
)
from lagesbild.territories import boundaries as territory_boundaries
from lagesbild.territories.models import UnknownTerritory

from . import feedback, pages
from .assets import BUNDLE_STATIC
from .data import indicator_facts, per_data_version, territory, territory_index
from .feedback import FeedbackForm
from .forms import BadQuery, SearchForm, TerritoryPickForm, parse_indicator_query
from .indicator_page import IndicatorPage
from .models import PAGE_LENGTH

# A placeholder in cached pages for a form's CSRF token, which differs per visitor; the address marks
# come from lagesbild.core.language. None can occur in real content.
CSRF_MARK = "lagesbild-csrf-token-placeholder"


class _NotKept(Exception):
    """A view's answer that is not cached (an error, a redirect): handed back as it is."""

    def __init__(self, response):
        self.response = response


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


@per_data_version
def _indicators() -> dict[str, Indicator]:
    return {i.id: i for i in Indicator.objects.select_related("goal")}


# --- Responses shared by every page ---------------------------------------------------------------


def _twin(page: pages.PageData, fmt: str, filename: str) -> HttpResponse:
    return respond(Output(rows=page.rows, document=page.json(), name=filename), fmt)


@dataclass
class Page:
    """An HTML answer still to be rendered: template, context and what the frame needs to know."""

    template: str
    context: dict
    has_example_data: bool = False
    twins: bool = True


class _ShellRequest:
    """Stands in for the request while a page is rendered for the cache: the path is filled in later."""

    def __init__(self, request):
        self._request = request

    def get_full_path(self) -> str:
        return PATH_MARK

    def __getattr__(self, name):
        return getattr(self._request, name)


def _fill(request, shell: dict) -> HttpResponse:
    path = request.get_full_path()
    html = (
        shell["html"]
        .replace(PATH_MARK, escape(path))
        .replace(UNPREFIXED_MARK, escape(unprefixed(path)))
        .replace(ENCODED_MARK, escape(as_query_value(path)))
    )
    if CSRF_MARK in html:  # only a page with a POST form needs the visitor's token (and its cookie)
        html = html.replace(CSRF_MARK, get_token(request))
    response = HttpResponse(html)
    return announce(response, shell["links"]) if shell["links"] else response


def _shell(request, page: Page) -> dict:
    """The page rendered once for every anonymous visitor, with marks for the per-visitor parts."""
    links = alternates(request) if page.twins else []
    context = {**page.context, "alternates": links, "has_example_data": page.has_example_data}
    context |= {"csrf_token": CSRF_MARK, "request": _ShellRequest(request)}
    return {"html": render_to_string(page.template, context, request), "links": links}


def _render(request, page: Page) -> HttpResponse:
    links = alternates(request) if page.twins else []
    context = {**page.context, "alternates": links, "has_example_data": page.has_example_data}
    response = render(request, page.template, context)
    return announce(response, links) if links else response


def _cached_twin(request, view, args, kwargs, fmt: str) -> HttpResponse:
    """A .json or .csv twin is the same for everyone: kept like pages, headers and all (200s only)."""

    def compute():
        response = view(request, *args, fmt=fmt, **kwargs)
        if response.status_code != 200:
            raise _NotKept(response)
        return (response.content, response["Content-Type"], response.get("Content-Disposition"))

    try:
        content, content_type, disposition = versioned_cache(
            "lab:twin", PUBLIC_DATA, f"{_language()}:{request.get_full_path()}", compute, local=True
        )
    except _NotKept as answer:
        return answer.response
    response = HttpResponse(content, content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    return response


def cached_page(view):
    """Serves anonymous visitors a whole page from the cache, per content version, language and address.

    Pages are the same for every anonymous visitor except the CSRF token of the language switch and
    the address it returns to; the cached copy holds marks for those two, filled in per request. So a
    warm page costs a cache lookup instead of queries, charts and templates. Pages are kept in this
    process (100–200 kB each, never pickled). Logged-in users, whose frame differs, get a fresh page."""

    @functools.wraps(view)
    def wrapper(request, *args, fmt=None, **kwargs):
        if fmt:
            return _cached_twin(request, view, args, kwargs, fmt)
        if request.user.is_authenticated:
            result = view(request, *args, **kwargs)
            return _render(request, result) if isinstance(result, Page) else result

        def compute():
            result = view(request, *args, **kwargs)
            if not isinstance(result, Page):
                raise _NotKept(result)
            return _shell(request, result)

        try:
            shell = versioned_cache(
                "lab:page",
                PUBLIC_DATA,
                f"{_language()}:{request.get_full_path()}",
                compute,
                local=True,
            )
        except _NotKept as answer:
            return answer.response
        return _fill(request, shell)

    return wrapper


def not_found(request, message: str, fmt: str | None = None) -> HttpResponse:
    if fmt:
        return problem(fmt, 404, message)
    return render(request, "lab/not_found.html", {"message": message}, status=404)


def bad_request(request, errors: dict[str, list[str]], fmt: str | None = None) -> HttpResponse:
    if fmt:
        return problem(fmt, 400, _("Ogiltiga parametrar"), errors)
    return render(
        request, "lab/bad_request.html", {"errors": errors, "back": request.path}, status=400
    )


# --- Pages ----------------------------------------------------------------------------------------


@require_safe
@cached_page
def start(request, fmt=None):
    page = pages.start_page()
    if fmt:
        return _twin(page, fmt, "lagesbild-start")
    return Page("lab/start.html", page.context, page.has_example_data)


@require_safe
@cached_page
def goal(request, number: int, fmt=None):
    found = Goal.objects.filter(number=number).first()
    if found is None:
        return not_found(
            request,
            _("Det finns ingen målsättning %(number)s; strategin har fyra.") % {"number": number},
            fmt,
        )
    page = pages.goal_page(found)
    if fmt:
        return _twin(page, fmt, f"malsattning-{number}")
    return Page("lab/goal.html", page.context, page.has_example_data)


def _indicator_or_none(indicator_id: str) -> Indicator | None:
    return _indicators().get(indicator_id)


def _unknown_indicator(request, indicator_id: str, fmt=None) -> HttpResponse:
    return not_found(
        request, _("Det finns ingen indikator med id %(id)s.") % {"id": indicator_id}, fmt
    )


@require_safe
@cached_page
def indicator(request, indicator_id: str, fmt=None):
    found = _indicator_or_none(indicator_id)
    if found is None:
        return _unknown_indicator(request, indicator_id, fmt)
    try:
        selection = parse_indicator_query(request.GET, found, indicator_facts(found.id))
    except BadQuery as bad:
        return bad_request(request, bad.errors, fmt)
    language = _language()
    if fmt:
        rows = observation_rows(_selection_filter(found, selection).queryset())
        output = observations_output(rows, f"{found.id}-urval")
        output.document = lambda _published: IndicatorPage(found, selection, language).as_json()
        return respond(output, fmt)

    def compute():
        page = IndicatorPage(found, selection, language)
        body = render_to_string("lab/indicator_body.html", page.context())
        return {"body": body, "title": found.name, "has_example_data": page.has_example_data}

    cached = versioned_cache(
        "lab:indicator-body", PUBLIC_DATA, f"{language}:{found.id}:{selection.key()}", compute
    )
    context = {"body": cached["body"], "title": cached["title"], "bundle": BUNDLE_STATIC}
    return Page("lab/indicator.html", context, cached["has_example_data"])


def _selection_filter(found: Indicator, selection) -> ObservationFilter:
    return ObservationFilter(
        indicators=[found.id],
        territories=list(selection.compared),
        sex=selection.sex or None,
        breakdowns=[selection.breakdown] if selection.breakdown else [],
    )


@require_safe
def download(request, indicator_id: str, ext: str):
    found = _indicator_or_none(indicator_id)
    if found is None:
        return _unknown_indicator(request, indicator_id, "txt")
    try:
        selection = parse_indicator_query(request.GET, found, indicator_facts(found.id))
    except BadQuery as bad:
        return bad_request(request, bad.errors, "txt")
    chosen = (
        _selection_filter(found, selection)
        if selection.explicit
        else ObservationFilter(indicators=[found.id])
    )
    output = observations_output(
        observation_rows(chosen.queryset()), f"{found.id}-urval" if selection.explicit else found.id
    )
    output.disposition = "attachment"
    try:
        return respond(output, ext)
    except SelectionError as error:
        return bad_request(request, {"selection": [str(error)]}, "txt")


@require_safe
@cached_page
def territories(request, fmt=None):
    form = TerritoryPickForm(request.GET)
    if not fmt and request.GET.get("kod"):
        if form.is_valid() and form.cleaned_data["kod"]:
            return redirect("lab:territory", code=form.cleaned_data["kod"])
        return bad_request(request, {"kod": [str(e) for e in form.errors.get("kod", [])]})
    page = pages.territory_list_page()
    if fmt:
        return _twin(page, fmt, "territorier")
    return Page("lab/territories.html", page.context)


@require_safe
@cached_page
def territory_detail(request, code: str, fmt=None):
    place = territory(code)
    if place is None:
        try:
            place = territory_index().resolve(code)
        except UnknownTerritory:
            return not_found(
                request, _("Det finns inget område med koden %(code)s.") % {"code": code}, fmt
            )
        url = (
            reverse("lab:territory", args=[place.code])
            if not fmt
            else reverse("lab:territory-twin", args=[place.code, fmt])
        )
        return redirect(url)
    page = pages.territory_page(place, _language())
    if fmt:
        return _twin(page, fmt, f"territorium-{place.code}")
    return Page("lab/territory.html", page.context, page.has_example_data)


@require_safe
@cached_page
def coverage(request, fmt=None):
    page = pages.coverage_page()
    if fmt:
        return _twin(page, fmt, "tackning")
    return Page("lab/coverage.html", page.context, page.has_example_data)


@require_safe
@cached_page
def search(request, fmt=None):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return bad_request(
            request, {name: [str(e) for e in errors] for name, errors in form.errors.items()}, fmt
        )
    page = pages.search_page(form.cleaned_data["q"])
    if fmt:
        return _twin(page, fmt, "sok")
    return Page("lab/search.html", {**page.context, "form": form})


# Digg's page for reporting a lack of accessibility ("Anmäl bristande tillgänglighet"), which the
# statement must link to: Digg, "Skapa en tillgänglighetsredogörelse",
# https://www.digg.se/kunskap-och-stod/digital-tillganglighet/skapa-en-tillganglighetsredogorelse
# ("Länk till Diggs anmälningsfunktion (https://www.digg.se/tdosanmalan).").
DIGG_REPORTING_URL = "https://www.digg.se/tdosanmalan"


@require_http_methods(["GET", "HEAD", "POST"])
def accessibility(request):
    """The accessibility statement (lag (2018:1937), Digg's model) with its feedback form. Not cached:
    the form answers per visitor; a stored message leads to the thank-you note (post, redirect, get)."""
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            feedback.receive(form)
            return redirect(f"{reverse('lab:accessibility')}?tack=1#feedback")
        status = 400
    else:
        page = request.GET.get("sida", "")[:PAGE_LENGTH]
        form = FeedbackForm(initial={"page": page} if page else None)
        status = 200
    context = {
        "organisation": settings.ORGANISATION_NAME,
        "contact": settings.ACCESSIBILITY_CONTACT,
        "assessed": date.fromisoformat(settings.ACCESSIBILITY_ASSESSED),
        "updated": date.fromisoformat(settings.ACCESSIBILITY_UPDATED),
        "site_address": request.build_absolute_uri("/"),
        "digg_url": DIGG_REPORTING_URL,
        "form": form,
        "thanks": request.method != "POST" and request.GET.get("tack") == "1",
    }
    return render(request, "lab/accessibility.html", context, status=status)


@require_safe
def boundaries(request, level: str):
    try:
        text = territory_boundaries.geojson_text(level)
    except territory_boundaries.UnknownMapLevel as error:
        return not_found(request, str(error), "txt")
    response = HttpResponse(text, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response
