"""The NinjaAPI instance: routers, errors as problem details, the `api-info` resource and the locally
served documentation page."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from lagesbild.core.problems import problem

from . import catalogue, describe, observations, schemas
from .caching import answer, cache_in_front, cached_answer
from .docs import LocalDocs
from .links import NAMESPACE, VERSION, link
from .params import ApiError
from .plain_page import plain_page

DESCRIPTION = """Öppna data från Lägesbild: strategins målsättningar, indikatorkatalogen, territorierna och
observationerna med källa för varje värde. Inga nycklar behövs; API:et är öppet och kan bara läsas. Fel
svarar med problembeskrivningar enligt RFC 9457 (`application/problem+json`) vars `detail` nämner
parameterns namn först. Genererade exempelvärden är märkta `example_data` och med
`notice: "Exempeldata – fiktiva värden"`. Begränsningar: högst 10 000 observationer per sida (följ
`next`), högst 20 värden per listparameter i beskrivningen, svar cachas per dataversion.

Open data from Lägesbild: the strategy's goals, the indicator catalogue, territories and observations with
the source of every value. No keys needed; the API is open and read-only. Errors are RFC 9457 problem
details (`application/problem+json`) whose `detail` names the parameter first. Generated example values
are marked `example_data` and with a `notice`. Limitations: at most 10,000 observations a page (follow
`next`), at most 20 values per list parameter in this description; answers are cached per data version."""


class DescribedApi(NinjaAPI):
    """django-ninja's OpenAPI description, completed with what the national REST API profile asks for
    and with the exact enums, patterns and error answers of every parameter (lagesbild.api.describe)."""

    def get_openapi_schema(self, *args, **kwargs):
        return describe.completed(super().get_openapi_schema(*args, **kwargs))


api = DescribedApi(
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


RESOURCES = ["goals", "indicators", "observations", "territories", "coverage"]


@api.get(
    "/",
    response=schemas.Index,
    url_name="index",
    tags=["index"],
    summary="Vad API:et innehåller",
    description="Adresserna till API:ets resurser, dokumentationen och api-info. "
    "The addresses of the API's resources, its documentation and api-info.",
)
@cached_answer
def index(request):
    return answer(
        {
            "title": api.title,
            "version": api.version,
            "docs": link(request, "openapi-view"),
            "openapi": link(request, "openapi-json"),
            "api_info": link(request, "api-info"),
            "endpoints": {name: link(request, name) for name in RESOURCES},
        }
    )


@api.get(
    "/api-info",
    response=schemas.ApiInfo,
    url_name="api-info",
    tags=["index"],
    summary="Information om API:et",
    description="Namn, version, status, dokumentation, villkor och kontakt, som REST API-profilen "
    "(VER.06) kräver. Name, version, status, documentation, terms and contact (REST API profile VER.06).",
)
@cached_answer
def api_info(request):
    return answer(describe.api_info(request, api))


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


def reason_of(error: dict) -> str:
    parameter = str(error.get("loc", ["", "?"])[-1])
    explain = PYDANTIC_REASONS.get(error.get("type"))
    reason = explain(error.get("ctx") or {}) if explain else error.get("msg", _("ogiltigt värde"))
    return f"{parameter}: {reason}"


@api.exception_handler(ValidationError)
def invalid_parameters(request, error: ValidationError):
    first = str((error.errors[0].get("loc") or ["", ""])[-1]) if error.errors else None
    detail = "; ".join(reason_of(e) for e in error.errors)
    return problem(request, 422, detail, first)


@api.exception_handler(ApiError)
def refused(request, error: ApiError):
    return problem(request, error.status, error.detail, error.parameter)


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    return problem(request, error.status_code, str(error))


@api.exception_handler(Http404)
def not_found(request, error: Http404):
    return problem(request, 404, str(error) or _("finns inte"))


CACHED_VIEWS = {
    "index",
    "api-info",
    "goals",
    "indicators",
    "indicator",
    "territories",
    "territory",
    "coverage",
    "observations",
}


# Cache misses a view's short way answers before django-ninja runs (exactly as the view would).
SHORTCUTS = {"observations": plain_page}


def urls_with_cache_in_front():
    """The API's URL patterns, each cached view with the cache consulted before django-ninja runs."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if pattern.name in CACHED_VIEWS:
            pattern.callback = cache_in_front(pattern.callback, SHORTCUTS.get(pattern.name))
    return patterns, app_name, namespace


urls = urls_with_cache_in_front()
