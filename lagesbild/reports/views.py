"""The report pages: an index of all county reports for a year, the report page per county (or riket)
and year with its downloads, and the commentary form for the county's editors and national admins.

Views stay thin: the report is built by `services`, the rule for who may edit lives in
`models.may_edit_report`. Bad addresses get a 404 page that says why; nobody sees a traceback."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lagesbild.accounts.scope import forbidden
from lagesbild.indicators.models import Observation
from lagesbild.territories.models import Level

from .content.common import ReportError, check_year, lan_territories, last_report_year
from .forms import CommentaryForm
from .models import Commentary, may_edit_report, save_commentaries
from .render import FORMATS
from .render.html import contents_html, sections_html, title_html
from .render.pdf import RenderError
from .services import ReportKey, build, rendered, report_key

VIEWABLE = {"html"}  # a browser shows the HTML; PDF and Word are downloads

DEFAULT_YEAR = 2018  # the year of the bundled published figures


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def not_found(request, message: str) -> HttpResponse:
    return render(
        request, "reports/not_found.html", {"message": message, "alternates": []}, status=404
    )


def _key_or_none(request, place: str, year: int, language: str | None = None):
    try:
        return report_key(place, year, language or _language()), None
    except ReportError as error:
        return None, not_found(request, str(error))


def _years_with_county_data() -> list[int]:
    ends = (
        Observation.objects.filter(territory__level=Level.LAN)
        .values_list("period_end", flat=True)
        .distinct()
    )
    return sorted({y for y in ends if y <= last_report_year()}, reverse=True)


def _downloads(key: ReportKey) -> list[dict]:
    labels = {"pdf": "PDF", "docx": "Word", "html": "HTML"}
    return [
        {
            "format": fmt,
            "label": labels[fmt],
            "url": reverse("reports:download", args=[key.slug, key.year, fmt]),
        }
        for fmt in ("pdf", "docx", "html")
    ]


@require_safe
def index(request):
    years = _years_with_county_data() or [DEFAULT_YEAR]
    chosen = request.GET.get("ar") or (DEFAULT_YEAR if DEFAULT_YEAR in years else years[0])
    try:
        year = check_year(chosen)
    except ReportError as error:
        return render(
            request, "reports/not_found.html", {"message": str(error), "alternates": []}, status=400
        )
    stats = {
        row["territory_id"]: row
        for row in Commentary.objects.filter(year=year)
        .exclude(text="")
        .values("territory_id")
        .annotate(n=Count("id"), last=Max("updated_at"))
    }
    counties = [
        {
            "place": county,
            "url": reverse("reports:report", args=[county.code, year]),
            "written": stats.get(county.code, {}).get("n", 0),
            "can_edit": may_edit_report(request.user, county.code),
            "edit_url": reverse("reports:commentary", args=[county.code, year]),
        }
        for county in lan_territories()
    ]
    return render(
        request,
        "reports/index.html",
        {
            "year": year,
            "years": sorted(set(years) | {year}, reverse=True),
            "counties": counties,
            "national_url": reverse("reports:report", args=["riket", year]),
            "national_written": stats.get("00", {}).get("n", 0),
            "alternates": [],
        },
    )


@require_safe
def report(request, place: str, year: int):
    key, problem = _key_or_none(request, place, year)
    if problem:
        return problem
    if key.slug != place:
        return redirect("reports:report", key.slug, key.year)
    return render(
        request,
        "reports/report.html",
        {
            "key": key,
            **page_parts(key),
            "downloads": _downloads(key),
            "can_edit": may_edit_report(request.user, key.place.code),
            "edit_url": reverse("reports:commentary", args=[key.slug, key.year]),
            "alternates": [],
        },
    )


def page_parts(key: ReportKey) -> dict:
    """The report's HTML for the page, built once per version of what reports read."""

    def compute() -> dict:
        document = build(key)
        return {
            "subtitle": document.subtitle,
            "title_html": title_html(document),
            "contents_html": contents_html(document),
            "sections_html": sections_html(document),
            "has_example_data": document.example,
        }

    return key.cached("page", compute)


@require_safe
def download(request, place: str, year: int, fmt: str):
    language = "en" if request.GET.get("sprak") == "en" else "sv"
    key, problem = _key_or_none(request, place, year, language)
    if problem:
        return problem
    try:
        content, name = rendered(key, fmt)
    except RenderError as error:
        return render(
            request, "reports/not_found.html", {"message": str(error), "alternates": []}, status=500
        )
    response = HttpResponse(content, content_type=FORMATS[fmt][0])
    disposition = "inline" if fmt in VIEWABLE else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def commentary(request, place: str, year: int):
    key, problem = _key_or_none(request, place, year, "sv")
    if problem:
        return problem
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_edit_report(request.user, key.place.code):
        return forbidden(
            request,
            _("lägesrapporten för %(place)s %(year)s")
            % {"place": key.place.name, "year": key.year},
            key.place,
            back_url=reverse("reports:report", args=[key.slug, key.year]),
            back_text=_("Läs rapporten"),
        )
    document = build(key)
    saved = {c.section: c.text for c in Commentary.objects.of_report(key.place.code, key.year)}
    form = CommentaryForm(document, saved, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        changed = save_commentaries(key.place.code, key.year, form.texts(), request.user)
        if changed:
            messages.success(
                request, _("Texten sparades i %(count)s avsnitt.") % {"count": len(changed)}
            )
        else:
            messages.info(request, _("Inget ändrades."))
        return redirect("reports:commentary", key.slug, key.year)
    return render(
        request,
        "reports/commentary.html",
        {
            "key": key,
            "document": document,
            "form": form,
            "alternates": [],
            "report_url": reverse("reports:report", args=[key.slug, key.year]),
        },
        status=400 if form.is_bound else 200,
    )
