"""Public pages: Hitta stöd (Swedish/English and easy-to-read Swedish), a service, a municipality's
printable info sheet and the public matrix download. Only published services appear, and a
protected address never does."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from lagesbild.core.outputs import respond
from lagesbild.core.text import swedish_sort_key
from lagesbild.territories.models import Level, Territory

from .. import matrix
from ..cards import cards_html, contact_html, labels
from ..catchment import territory_index
from ..forms import SearchForm
from ..listing import for_display, vocabulary
from ..models import EXPOSURE, Service, TaxonomyTerm
from ..search import Query, cached_count, search

PAGE_SIZE = 20


def _page(request, queryset):
    paginator = Paginator(queryset, PAGE_SIZE)
    # "Open now" answers change with the clock, so its counts are kept per minute.
    minute = timezone.now().strftime("%Y%m%d%H%M") if request.GET.get("oppet") else ""
    paginator.count = cached_count(queryset, f"{request.path}?{_query_string(request)}@{minute}")
    return paginator.get_page(request.GET.get("sida"))


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("sida", None)
    return query.urlencode()


_DATALIST: tuple[object, str] = (None, "")


def municipality_datalist() -> str:
    """The <datalist> of all 290 municipality names behind the search field, built once per
    territory index rather than on every request."""
    global _DATALIST
    index = territory_index()
    if _DATALIST[0] is not index:
        names = sorted(
            (t.name for t in index.by_code.values() if t.level == Level.KOMMUN),
            key=swedish_sort_key,
        )
        options = format_html_join("", '<option value="{}">', ((name,) for name in names))
        _DATALIST = (index, format_html('<datalist id="kommuner">{}</datalist>', options))
    return _DATALIST[1]


def active_filters(form: SearchForm, query: Query) -> list[tuple[str, str]]:
    """The filters a visitor set besides the municipality, as (label, chosen value), so an empty result
    can say what narrowed it."""
    chosen = []
    for name in ("utsatthet", "malgrupp", "sprak"):
        value = form.data.get(name) or ""
        if value:
            label = dict(form.fields[name].choices).get(value, value)
            chosen.append((str(form.fields[name].label), str(label)))
    if query.open_now:
        chosen.append((str(form.fields["oppet"].label), _("ja")))
    if query.text:
        chosen.append((str(form.fields["q"].label), query.text))
    return chosen


def _without_filters(query: Query) -> str:
    """The search address with only the municipality kept."""
    base = reverse("directory:search")
    if query.municipality is None:
        return base
    return f"{base}?{urlencode({'kommun': query.municipality.name})}"


def search_page(request):
    names = vocabulary()
    form = SearchForm(request.GET or None, label_suffix="", names=names)
    context = {
        "form": form,
        "searched": False,
        "municipality": None,
        "municipality_datalist": municipality_datalist(),
    }
    if form.is_bound and form.is_valid():
        query = Query.from_form(form.cleaned_data)
        page = _page(request, search(query))
        services = for_display(page.object_list, names=names)
        context.update(
            searched=True,
            page=page,
            services=services,
            cards=cards_html(services),
            query=query,
            municipality=query.municipality,
            query_string=_query_string(request),
            filters=active_filters(form, query),
            clear_url=_without_filters(query),
        )
    published = Service.objects.published()
    context["has_example_data"] = (
        any(s.is_example for s in context.get("services", []))
        if context["searched"]
        else published.filter(is_example=True).exists()
    )
    context["directory_empty"] = not context.get("services") and not published.exists()
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "directory/search.html", context, status=status)


def easy_search_page(request):
    """Lättläst: the same search with two questions and simple words; the page content is Swedish."""
    form = SearchForm(request.GET or None, label_suffix="")
    context = {
        "form": form,
        "searched": False,
        "exposures": TaxonomyTerm.objects.of(EXPOSURE),
        "municipality_datalist": municipality_datalist(),
    }
    with translation.override("sv"):  # the page's content, error messages included, is easy Swedish
        valid = form.is_valid()
    if form.is_bound and valid:
        query = Query(
            municipality=form.cleaned_data.get("kommun"),
            exposure=form.cleaned_data.get("utsatthet"),
        )
        page = _page(request, search(query))
        context.update(
            searched=True,
            page=page,
            services=for_display(page.object_list),
            query=query,
            query_string=_query_string(request),
        )
    context["has_example_data"] = any(s.is_example for s in context.get("services", [])) or (
        not context["searched"] and Service.objects.published().filter(is_example=True).exists()
    )
    status = 400 if form.is_bound and not valid else 200
    return render(request, "directory/easy_search.html", context, status=status)


def service_page(request, pk):
    service = get_object_or_404(Service.objects.select_related("organization"), pk=pk)
    if not service.can_view(request.user):
        raise Http404
    [service] = for_display([service])
    return render(
        request,
        "directory/service.html",
        {
            "service": service,
            "has_example_data": service.is_example,
            "can_edit": service.can_edit(request.user),
            "contact": contact_html(service, labels()),
        },
    )


def info_sheet(request, code):
    """A printable page listing the services covering one municipality, grouped by exposure type."""
    municipality = get_object_or_404(Territory, code=code, level=Level.KOMMUN)
    services = for_display(
        Service.objects.published()
        .covering(municipality)
        .select_related("organization")
        .order_by("name")
    )
    groups = []
    for exposure in TaxonomyTerm.objects.of(EXPOSURE):
        members = [s for s in services if any(e.pk == exposure.pk for e in s.exposure_list)]
        groups.append({"exposure": exposure, "services": members})
    return render(
        request,
        "directory/info_sheet.html",
        {
            "municipality": municipality,
            "groups": groups,
            "count": len(services),
            "today": timezone.localdate(),
            "has_example_data": any(s.is_example for s in services),
        },
    )


def matrix_download(request, fmt):
    """The published matrix as a spreadsheet (no drafts, no protected addresses, no editors' names)."""
    services = matrix.export_queryset(Service.objects.published())
    county = request.GET.get("lan", "")
    if county and not (len(county) == 2 and county.isascii() and county.isdigit()):
        return HttpResponseBadRequest(
            _("lan: ange länets kod med två siffror, till exempel 01"),
            content_type="text/plain; charset=utf-8",
        )
    if county:
        services = services.filter(county_id=county)
    name = f"stodverksamheter{'-' + county if county else ''}"
    return respond(matrix.matrix_output(services, name=name), fmt)
