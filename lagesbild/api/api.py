"""The NinjaAPI instance: routers, the JSON error format and the locally served documentation page."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from . import catalogue, observations, schemas
from .caching import answer, cache_in_front, cached_answer
from .docs import LocalDocs
from .links import NAMESPACE, VERSION, link
from .params import ApiError

DESCRIPTION = """Öppna data från Lägesbild: strategins målsättningar, indikatorkatalogen, territorierna och
observationerna med källa för varje värde. Inga nycklar behövs. Fel svarar med JSON `{"detail": "…"}` där
parameterns namn står först. Genererade exempelvärden är märkta `example_data` och med
`notice: "Exempeldata – fiktiva värden"`.

Open data from Lägesbild: the strategy's goals, the indicator catalogue, territories and observations with
the source of every value. No keys needed. Errors are JSON `{"detail": "…"}` naming the parameter first.
Generated example values are marked `example_data` and with a `notice`."""

api = NinjaAPI(
    title="Lägesbild API",
    version=VERSION,
    description=DESCRIPTION,
    urls_namespace=NAMESPACE,
    docs=LocalDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("", catalogue.router)
api.add_router("", observations.router)


@api.get(
    "/", response=schemas.Index, url_name="index", tags=["index"], summary="Vad API:et innehåller"
)
@cached_answer
def index(request):
    names = ["goals", "indicators", "observations", "territories", "coverage"]
    return answer(
        {
            "title": api.title,
            "version": api.version,
            "docs": link(request, "openapi-view"),
            "openapi": link(request, "openapi-json"),
            "endpoints": {name: link(request, name) for name in names},
        }
    )


PYDANTIC_REASONS = {
    "int_parsing": lambda ctx: _("ange ett heltal"),
    "int_type": lambda ctx: _("ange ett heltal"),
    "int_from_float": lambda ctx: _("ange ett heltal"),
    "greater_than_equal": lambda ctx: _("värdet måste vara minst %(ge)s") % {"ge": ctx.get("ge")},
    "less_than_equal": lambda ctx: _("värdet får vara högst %(le)s") % {"le": ctx.get("le")},
    "string_too_long": lambda ctx: _("högst %(max)s tecken") % {"max": ctx.get("max_length")},
    "literal_error": lambda ctx: (
        _("tillåtna värden: %(expected)s") % {"expected": ctx.get("expected")}
    ),
    "missing": lambda ctx: _("parametern saknas"),
}


def describe(error: dict) -> str:
    parameter = str(error.get("loc", ["", "?"])[-1])
    explain = PYDANTIC_REASONS.get(error.get("type"))
    reason = explain(error.get("ctx") or {}) if explain else error.get("msg", _("ogiltigt värde"))
    return f"{parameter}: {reason}"


@api.exception_handler(ValidationError)
def invalid_parameters(request, error: ValidationError):
    return answer({"detail": "; ".join(describe(e) for e in error.errors)}, status=422)


@api.exception_handler(ApiError)
def refused(request, error: ApiError):
    return answer({"detail": error.detail}, status=error.status)


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    return answer({"detail": str(error)}, status=error.status_code)


@api.exception_handler(Http404)
def not_found(request, error: Http404):
    return answer({"detail": str(error) or _("finns inte")}, status=404)


CACHED_VIEWS = {
    "index",
    "goals",
    "indicators",
    "indicator",
    "territories",
    "territory",
    "coverage",
    "observations",
}


def urls_with_cache_in_front():
    """The API's URL patterns, each cached view with the cache consulted before django-ninja runs."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if pattern.name in CACHED_VIEWS:
            pattern.callback = cache_in_front(pattern.callback)
    return patterns, app_name, namespace


urls = urls_with_cache_in_front()
