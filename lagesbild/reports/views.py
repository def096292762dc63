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
from lagesbild.indicators.models import ObservationSummary
from lagesbild.territories.models import Level

from .content.common import ReportError, check_year, lan_territories, last_report_year
from .forms import CommentaryForm, ReportSettingsForm
from .models import Commentary, Edition, ReportSettings, may_edit_report, save_commentaries
from .render import FORMATS
from .render.pdf import RenderError
from .services import (
    ReportKey,
    build,
    changes_since,
    digest,
    page_parts_of,
    publish,
    published_edition,
    rendered,
    report_key,
)

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
        ObservationSummary.objects.filter(level=Level.LAN)
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
    edition = published_edition(key)
    return render(
        request,
        "reports/report.html",
        {
            "key": key,
            **(edition.page if edition else page_parts(key)),
            "edition": edition,
            "downloads": _downloads(key),
            "can_edit": may_edit_report(request.user, key.place.code),
            "edit_url": reverse("reports:commentary", args=[key.slug, key.year]),
            "draft_url": reverse("reports:draft", args=[key.slug, key.year]),
            "editions_url": reverse("reports:editions", args=[key.slug, key.year]),
            "alternates": [],
        },
    )


def page_parts(key: ReportKey) -> dict:
    """The report's HTML for the page, built once per version of what reports read."""
    return key.cached("page", lambda: page_parts_of(build(key)))


def _editor_only(request, key: ReportKey, what: str):
    """None when the person may edit the report; otherwise the login page or the one 403 page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_edit_report(request.user, key.place.code):
        return forbidden(
            request,
            what,
            key.place,
            back_url=reverse("reports:report", args=[key.slug, key.year]),
            back_text=_("Läs rapporten"),
        )
    return None


@require_safe
def draft(request, place: str, year: int):
    """The editors' draft: every place for own text shown, and what would change against the
    published edition, section by section."""
    key, problem = _key_or_none(request, place, year)
    if problem:
        return problem
    refused = _editor_only(
        request, key, _("utkastet till lägesrapporten för %(place)s") % {"place": key.place.name}
    )
    if refused:
        return refused
    document = key.cached("draft", lambda: build(key, draft=True))
    edition = published_edition(key)
    # The current document's digest is kept per content version: the draft page is opened often and
    # building the whole report again only to compare it is the page's most costly step.
    current = key.cached("digest", lambda: digest(build(key))) if edition else None
    changes = changes_since(edition.digest, current) if edition else []
    return render(
        request,
        "reports/draft.html",
        {
            "key": key,
            **page_parts_of(document),
            "edition": edition,
            "changes": changes,
            "publish_url": reverse("reports:publish", args=[key.slug, key.year]),
            "report_url": reverse("reports:report", args=[key.slug, key.year]),
            "edit_url": reverse("reports:commentary", args=[key.slug, key.year]),
            "settings_url": reverse("reports:settings", args=[key.slug]),
            "alternates": [],
        },
    )


@require_http_methods(["POST"])
def publish_report(request, place: str, year: int):
    key, problem = _key_or_none(request, place, year)
    if problem:
        return problem
    refused = _editor_only(
        request, key, _("publicering av lägesrapporten för %(place)s") % {"place": key.place.name}
    )
    if refused:
        return refused
    try:
        edition = publish(key, request.user)
    except RenderError as error:
        messages.error(request, str(error))
        return redirect("reports:draft", key.slug, key.year)
    messages.success(
        request,
        _("Utgåva %(number)s är publicerad. Rapportsidan visar den från och med nu.")
        % {"number": edition.number},
    )
    return redirect("reports:editions", key.slug, key.year)


@require_safe
def editions(request, place: str, year: int):
    """Every published edition of the report, newest first, with each file's SHA-256."""
    key, problem = _key_or_none(request, place, year)
    if problem:
        return problem
    found = (
        Edition.objects.of_report(key.place.code, key.year, key.language)
        .select_related("published_by")
        .prefetch_related("files")
        .order_by("-number")
    )
    return render(
        request,
        "reports/editions.html",
        {
            "key": key,
            "editions": found,
            "report_url": reverse("reports:report", args=[key.slug, key.year]),
            "can_edit": may_edit_report(request.user, key.place.code),
            "draft_url": reverse("reports:draft", args=[key.slug, key.year]),
            "alternates": [],
        },
    )


@require_safe
def edition_file(request, place: str, year: int, number: int, fmt: str):
    key, problem = _key_or_none(request, place, year)
    if problem:
        return problem
    edition = (
        Edition.objects.of_report(key.place.code, key.year, key.language)
        .filter(number=number)
        .first()
    )
    stored = edition.file(fmt) if edition else None
    if stored is None:
        return not_found(request, _("Utgåvan finns inte."))
    return _file_response(bytes(stored.content), stored.name, fmt)


def _file_response(content: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt][0])
    disposition = "inline" if fmt in VIEWABLE else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def report_settings(request, place: str):
    key, problem = _key_or_none(request, place, DEFAULT_YEAR)
    if problem:
        return problem
    refused = _editor_only(
        request, key, _("rapportinställningarna för %(place)s") % {"place": key.place.name}
    )
    if refused:
        return refused
    current = ReportSettings.objects.filter(territory=key.place).first() or ReportSettings(
        territory=key.place
    )
    form = ReportSettingsForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=current,
    )
    if request.method == "POST" and form.is_valid():
        form.save(request.user)
        messages.success(request, _("Inställningarna sparades."))
        return redirect("reports:settings", key.slug)
    return render(
        request,
        "reports/settings.html",
        {"key": key, "form": form, "settings": current, "alternates": []},
        status=400 if form.is_bound else 200,
    )


@require_safe
def download(request, place: str, year: int, fmt: str):
    language = "en" if request.GET.get("sprak") == "en" else "sv"
    key, problem = _key_or_none(request, place, year, language)
    if problem:
        return problem
    edition = published_edition(key)
    if edition is not None:  # a published report is a file: served as it was published
        stored = edition.file(fmt)
        return _file_response(bytes(stored.content), stored.name, fmt)
    try:
        content, name = rendered(key, fmt)
    except RenderError as error:
        return render(
            request, "reports/not_found.html", {"message": str(error), "alternates": []}, status=500
        )
    return _file_response(content, name, fmt)


@require_http_methods(["GET", "HEAD", "POST"])
def commentary(request, place: str, year: int):
    key, problem = _key_or_none(request, place, year, "sv")
    if problem:
        return problem
    refused = _editor_only(
        request,
        key,
        _("lägesrapporten för %(place)s %(year)s") % {"place": key.place.name, "year": key.year},
    )
    if refused:
        return refused
    document = key.cached("draft", lambda: build(key, draft=True))
    saved = {c.section: c.text for c in Commentary.objects.of_report(key.place.code, key.year)}
    only = request.POST.get("avsnitt", "") if request.method == "POST" else ""
    form = CommentaryForm(
        document, saved, request.POST if request.method == "POST" else None, only=only
    )
    if request.method == "POST" and form.is_valid():
        changed = save_commentaries(key.place.code, key.year, form.texts(), request.user)
        if changed:
            messages.success(
                request, _("Texten sparades i %(count)s avsnitt.") % {"count": len(changed)}
            )
        else:
            messages.info(request, _("Inget ändrades."))
        anchor = f"#text-{only}" if only else ""
        return redirect(reverse("reports:commentary", args=[key.slug, key.year]) + anchor)
    if form.is_bound:  # show every section again, with the refused one's text and message
        form = CommentaryForm(document, saved, request.POST, only=only)
        form.is_valid()
        rows = [chosen for chosen, _row in zip_rows(form, CommentaryForm(document, saved))]
    else:
        rows = form.rows()
    return render(
        request,
        "reports/commentary.html",
        {
            "key": key,
            "document": document,
            "form": form,
            "rows": rows,
            "alternates": [],
            "report_url": reverse("reports:report", args=[key.slug, key.year]),
            "draft_url": reverse("reports:draft", args=[key.slug, key.year]),
        },
        status=400 if form.is_bound else 200,
    )


def zip_rows(form: CommentaryForm, others: CommentaryForm):
    """Every section's row, with the submitted section's row from the bound form."""
    bound = {row[1].name: row for row in form.rows()}
    for row in others.rows():
        yield bound.get(row[1].name, row), row
