"""The HSDS 3.0 API under /hsds/: the required `/`, `/services`, `/services/{id}` and the optional
`/organizations`, `/taxonomies` and `/taxonomy_terms`, each list in the HSDS Page envelope.

Only published services are served, and `Service.public_address` keeps protected addresses out.
Errors are RFC 9457 problem details (`application/problem+json`): a bad parameter gets 400 whose
`detail` is "<parameter>: <reason>", an unknown id 404, any method but GET and HEAD 405."""

from __future__ import annotations

import json
import math
import uuid
from datetime import datetime, time

from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from lagesbild.core.problems import problem
from lagesbild.territories.models import Level

from ..catchment import territory_index
from ..hsds import documents
from ..hsds.profile import openapi_document, profile_document
from ..models import (
    EASY_TO_READ_TERM,
    EXPOSURE,
    INFORMATION_FORMAT,
    SECTOR,
    TARGET_GROUP,
    Organization,
    Service,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from ..search import cached_count, text_filter

DEFAULT_PER_PAGE, MAX_PER_PAGE = 50, 500
TERM_RELATION = {EXPOSURE: "exposure_types", TARGET_GROUP: "target_groups"}


class BadParameter(Exception):
    def __init__(self, parameter: str, reason: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {reason}")


def _answer(data, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def api_view(view):
    """Answers GET and HEAD only (405 otherwise, before any CSRF check: nothing here changes anything),
    and turns BadParameter into 400 and unknown ids into 404, as problem details."""

    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return problem(
                request,
                405,
                _("metoden %(method)s stöds inte; API:et kan bara läsas")
                % {"method": request.method[:20]},
                Allow="GET, HEAD",
            )
        try:
            _check_lengths(request)
            return view(request, *args, **kwargs)
        except BadParameter as error:
            return problem(request, 400, str(error), error.parameter)
        except LookupError:
            return problem(request, 404, _("finns inte"))

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    wrapper.csrf_exempt = True
    return wrapper


# --- parameters --------------------------------------------------------------------------------
MAX_QUERY_LENGTH, MAX_VALUE_LENGTH = 6000, 500


def _check_lengths(request) -> None:
    """Every parameter this API reads is short; longer ones are refused before anything reads them."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        raise BadParameter("?", _("frågan är längre än %(max)d tecken") % {"max": MAX_QUERY_LENGTH})
    for name, values in request.GET.lists():
        if any(len(value) > MAX_VALUE_LENGTH or "\x00" in value for value in values):
            raise BadParameter(
                name[:40],
                _("högst %(max)d tecken, utan NUL-tecken") % {"max": MAX_VALUE_LENGTH},
            )


def _int(request, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, _("ange ett heltal")) from None
    if not low <= value <= high:
        raise BadParameter(
            name, _("ange ett heltal från %(low)s till %(high)s") % {"low": low, "high": high}
        )
    return value


def _uuid(request, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameter(name, _("ange ett id (UUID)")) from None


def _bool(request, name: str) -> bool:
    raw = request.GET.get(name, "").lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise BadParameter(name, _("ange true eller false"))


def _moment(request, name: str) -> datetime | None:
    raw = request.GET.get(name, "").strip().replace(" ", "+")
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)) is not None:
            moment = datetime.combine(day, time.min)
    except ValueError:  # well formed but impossible, such as month 13 or hour 25
        moment = None
    if moment is None:
        raise BadParameter(
            name, _("ange datum och tid enligt ISO 8601, till exempel 2024-05-01T00:00:00Z")
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _object_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise LookupError(raw) from None


# --- envelope --------------------------------------------------------------------------------------
def page_envelope(request, queryset, serialise, cache_total: bool = False) -> dict:
    """The HSDS Page. Totals of services are cached per query and directory version (only a service
    write changes them); the short lists of organizations and taxonomies are simply counted."""
    page = _int(request, "page", 1, 1, 1_000_000)
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    filters = sorted(
        (k, v) for k, v in request.GET.items() if k not in ("page", "per_page", "full", "minimal")
    )
    total = cached_count(queryset, f"{request.path}?{filters}") if cache_total else queryset.count()
    items = _page_items(queryset, (page - 1) * per_page, page * per_page) if total else []
    pages = max(1, math.ceil(total / per_page))
    contents = serialise(items)
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": contents,
    }


def _page_items(queryset, start: int, end: int) -> list:
    """The page's ids first (an index-only walk, however deep the page), then only those rows."""
    ids = list(queryset.values_list("pk", flat=True)[start:end])
    rows = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return [rows[pk] for pk in ids]


# --- endpoints ---------------------------------------------------------------------------------
@api_view
def root(request):
    return _answer(
        {
            "version": documents.VERSION,
            "profile": request.build_absolute_uri(reverse("directory:hsds_profile")),
            "openapi_url": request.build_absolute_uri(reverse("directory:hsds_openapi")),
        }
    )


@api_view
def openapi(request):
    return _answer(openapi_document(_base(request)))


@api_view
def profile(request):
    return _answer(profile_document(_base(request)))


def _term_filter(queryset, term: TaxonomyTerm):
    if term.taxonomy_id == SECTOR:
        return queryset.filter(sector=term)
    if term.taxonomy_id == INFORMATION_FORMAT:
        return (
            queryset.filter(easy_to_read=True)
            if term.code == EASY_TO_READ_TERM
            else queryset.none()
        )
    through = getattr(Service, TERM_RELATION[term.taxonomy_id]).through
    return queryset.filter(
        Exists(through.objects.filter(service_id=OuterRef("id"), taxonomyterm_id=term.pk))
    )


def _taxonomy_filter(queryset, taxonomy: Taxonomy):
    if taxonomy.id == INFORMATION_FORMAT:
        return queryset.filter(easy_to_read=True)
    if taxonomy.id in TERM_RELATION:
        through = getattr(Service, TERM_RELATION[taxonomy.id]).through
        return queryset.filter(Exists(through.objects.filter(service_id=OuterRef("id"))))
    return queryset


def services_matching(request):
    queryset = Service.objects.published()
    if text := request.GET.get("search", "").strip():
        queryset = text_filter(queryset, text)
    if (term_id := _uuid(request, "taxonomy_term_id")) is not None:
        term = TaxonomyTerm.objects.filter(uuid=term_id).first()
        queryset = _term_filter(queryset, term) if term else queryset.none()
    if (taxonomy_id := _uuid(request, "taxonomy_id")) is not None:
        taxonomy = Taxonomy.objects.filter(uuid=taxonomy_id).first()
        queryset = _taxonomy_filter(queryset, taxonomy) if taxonomy else queryset.none()
    if (organization_id := _uuid(request, "organization_id")) is not None:
        queryset = queryset.filter(organization_id=organization_id)
    if (moment := _moment(request, "modified_after")) is not None:
        queryset = queryset.filter(modified__gte=moment)
    if code := request.GET.get("municipality", "").strip():
        territory = territory_index().by_code.get(code)
        if territory is None or territory.level != Level.KOMMUN:
            raise BadParameter("municipality", _("ange en fyrsiffrig kommunkod"))
        queryset = queryset.covering(territory)
    # By id, the primary key: a page deep into the list is then an index walk, not a sort of them all.
    return queryset.order_by("id")


@api_view
def services(request):
    queryset = services_matching(request)
    base = _base(request)
    if request.GET.get("format", "json") == "ndjson":
        return _ndjson(queryset, base)
    if request.GET.get("format", "json") != "json":
        raise BadParameter("format", _("json eller ndjson"))
    if _bool(request, "minimal"):

        def serialise(items):
            return [
                {"id": str(s.id), "last_modified": s.modified.isoformat(timespec="milliseconds")}
                for s in items
            ]
    elif _bool(request, "full"):
        terms = documents.TermCache()

        def serialise(items):
            return [documents.service_document(s, base, terms) for s in items]

        queryset = documents.services_for_documents(queryset)
    else:

        def serialise(items):
            return [documents.service_summary(s, base) for s in items]

        queryset = queryset.select_related("organization")
    return _answer(page_envelope(request, queryset, serialise, cache_total=True))


def _ndjson(queryset, base: str) -> StreamingHttpResponse:
    terms = documents.TermCache()

    def lines():
        for service in documents.services_for_documents(queryset).iterator(chunk_size=500):
            yield (
                json.dumps(documents.service_document(service, base, terms), ensure_ascii=False)
                + "\n"
            )

    response = StreamingHttpResponse(lines(), content_type="application/x-ndjson")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@api_view
def service(request, pk: str):
    found = (
        documents.services_for_documents(Service.objects.published())
        .filter(pk=_object_id(pk))
        .first()
    )
    if found is None:
        raise LookupError(pk)
    return _answer(documents.service_document(found, _base(request)))


def _public_organizations():
    return Organization.objects.filter(services__status=ServiceStatus.PUBLISHED).distinct()


@api_view
def organizations(request):
    queryset = _public_organizations().order_by("name", "id")
    if text := request.GET.get("search", "").strip():
        queryset = queryset.filter(name__icontains=text)
    base, full = _base(request), _bool(request, "full_service")

    def serialise(items):
        return [
            _organization(o, base, full) if full else documents.organization_document(o, base)
            for o in items
        ]

    return _answer(page_envelope(request, queryset, serialise))


def _organization(organization: Organization, base: str, full: bool) -> dict:
    document = documents.organization_document(organization, base)
    published = Service.objects.published().filter(organization=organization).order_by("name", "id")
    if full:
        terms = documents.TermCache()
        document["services"] = [
            documents.service_document(s, base, terms)
            for s in documents.services_for_documents(published)
        ]
    else:
        document["services"] = [
            documents.service_summary(s, base) for s in published.select_related("organization")
        ]
    return document


@api_view
def organization(request, pk: str):
    found = _public_organizations().filter(pk=_object_id(pk)).first()
    if found is None:
        raise LookupError(pk)
    return _answer(_organization(found, _base(request), _bool(request, "full_service")))


@api_view
def taxonomies(request):
    queryset = Taxonomy.objects.order_by("id")
    if text := request.GET.get("search", "").strip():
        queryset = queryset.filter(Q(name_sv__icontains=text) | Q(name_en__icontains=text))
    base = _base(request)
    return _answer(
        page_envelope(
            request, queryset, lambda items: [documents.taxonomy_document(t, base) for t in items]
        )
    )


@api_view
def taxonomy(request, pk: str):
    found = Taxonomy.objects.filter(uuid=_object_id(pk)).first()
    if found is None:
        raise LookupError(pk)
    return _answer(documents.taxonomy_document(found, _base(request)))


@api_view
def taxonomy_terms(request):
    queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy_id", "order")
    if (taxonomy_id := _uuid(request, "taxonomy_id")) is not None:
        queryset = queryset.filter(taxonomy__uuid=taxonomy_id)
    if _uuid(request, "parent_id") is not None:
        queryset = queryset.none()  # the Lägesbild taxonomies are flat: no term has a parent
    _bool(
        request, "top_only"
    )  # every term is a top term; the parameter is read only to reject bad values
    if text := request.GET.get("search", "").strip():
        queryset = queryset.filter(
            Q(name_sv__icontains=text) | Q(name_en__icontains=text) | Q(code__icontains=text)
        )
    base = _base(request)
    return _answer(
        page_envelope(
            request, queryset, lambda items: [documents.term_document(t, base) for t in items]
        )
    )


@api_view
def taxonomy_term(request, pk: str):
    found = TaxonomyTerm.objects.select_related("taxonomy").filter(uuid=_object_id(pk)).first()
    if found is None:
        raise LookupError(pk)
    return _answer(documents.term_document(found, _base(request)))
