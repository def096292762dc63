"""The knowledge bank: a public list with search and filters (and .json/.csv twins), a page per
publication with its full text, and the editors' pages (login required)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from lagesbild.accounts.scope import scope_of
from lagesbild.core.outputs import problem
from lagesbild.core.text import search_pattern, swedish_fold
from lagesbild.core.twins import alternates, announce
from lagesbild.registers.files import table_response
from lagesbild.registers.views import Register

from .forms import PublicationForm, SearchForm
from .models import Publication, PublicationStatus

PAGE_SIZE = 25
COLUMNS = [
    "id",
    "title",
    "subtitle",
    "publisher",
    "contributors",
    "series",
    "number",
    "year",
    "description_sv",
    "description_en",
    "topics",
    "audiences",
    "full_text",
    "county",
    "source",
    "example_data",
]


def search(criteria: dict, queryset=None):
    publications = (
        queryset if queryset is not None else Publication.objects.public()
    ).prefetch_related("topics", "audiences")
    for word in swedish_fold(criteria.get("q") or "").split():
        publications = publications.filter(search_text__regex=search_pattern(word))
    if criteria.get("ar"):
        publications = publications.filter(year=criteria["ar"])
    if criteria.get("amne"):
        publications = publications.filter(topics__code=criteria["amne"])
    if criteria.get("malgrupp"):
        publications = publications.filter(audiences__code=criteria["malgrupp"])
    if criteria.get("serie"):
        publications = publications.filter(series=criteria["serie"])
    return publications.distinct()


def full_text_url(request, publication: Publication) -> str:
    if publication.file:
        return request.build_absolute_uri(publication_file_path(publication))
    return publication.url


def publication_file_path(publication: Publication) -> str:
    from django.urls import reverse

    return reverse(
        "publications:full_text", kwargs={"pk": publication.pk, "name": _file_name(publication)}
    )


def _file_name(publication: Publication) -> str:
    words = f"{publication.series_label} {publication.title}".replace(
        ":", "-"
    )  # keep "2024:2" as "2024-2"
    return (slugify(words)[:80].strip("-") or "publikation") + ".pdf"


def rows(request, publications) -> list[list]:
    return [
        [
            p.pk,
            p.title,
            p.subtitle,
            p.publisher,
            p.contributors,
            p.series,
            p.number,
            p.year or "",
            p.description_sv,
            p.description_en,
            ", ".join(t.name_sv for t in p.topics.all()),
            ", ".join(t.name_sv for t in p.audiences.all()),
            full_text_url(request, p),
            p.county_id,
            p.source,
            p.is_example,
        ]
        for p in publications
    ]


@require_safe
def public_list(request, fmt=None):
    form = SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        if fmt:
            return problem(fmt, 400, _("Ogiltiga parametrar"), errors)
        return render(request, "publications/bad_request.html", {"errors": errors}, status=400)
    criteria = form.cleaned_data if form.is_bound else {}
    publications = search(criteria).order_by("-year", "title", "id")
    example = publications.filter(is_example=True).exists()
    if fmt:
        table = rows(request, publications)
        document = {
            "publications": [dict(zip(COLUMNS, row, strict=True)) for row in table],
            "example_data": example,
        }
        return table_response(
            fmt, "publikationer", COLUMNS, table, disposition="inline", document=document
        )
    page = Paginator(publications, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    links = alternates(request)
    response = render(
        request,
        "publications/list.html",
        {
            "form": form,
            "page": page,
            "count": page.paginator.count,
            "query_string": query.urlencode(),
            "searched": any(criteria.values()) if criteria else False,
            "alternates": links,
            "has_example_data": example,
        },
    )
    return announce(response, links)


@require_safe
def detail(request, pk):
    publication = get_object_or_404(Publication.objects.select_related("county"), pk=pk)
    if not publication.is_public() and not publication.can_edit(request.user):
        raise Http404(_("Publikationen finns inte eller är inte publicerad."))
    return render(
        request,
        "publications/detail.html",
        {
            "publication": publication,
            "has_example_data": publication.is_example,
            "file_path": publication_file_path(publication) if publication.file else "",
            "can_edit": publication.can_edit(request.user),
        },
    )


@require_safe
def full_text(request, pk, name):
    """The uploaded PDF, served as stored; only for public publications (or their editors)."""
    publication = get_object_or_404(Publication, pk=pk)
    if not publication.file or (
        not publication.is_public() and not publication.can_edit(request.user)
    ):
        raise Http404(_("Fulltexten finns inte."))
    try:
        handle = publication.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Fulltexten finns inte.")) from None
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_file_name(publication)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Editing -------------------------------------------------------------------------------------


REGISTER = Register(
    model=Publication,
    form_class=PublicationForm,
    namespace="publications",
    section="publications",
    what=gettext_lazy("publikationen"),
    edit_template="publications/edit.html",
    created_reason=gettext_lazy("publikationen registrerad"),
    saved_message=gettext_lazy("Publikationen är sparad."),
    archived_message=gettext_lazy(
        "Publikationen är arkiverad. Den finns kvar med sin historik men visas inte publikt."
    ),
    restored_message=gettext_lazy("Publikationen är återställd som utkast."),
    kept_text=gettext_lazy("Publikationer tas aldrig bort; de arkiveras."),
    archive_fields=lambda restore: {
        "status": PublicationStatus.DRAFT if restore else PublicationStatus.ARCHIVED
    },
    files=True,
)


@login_required
def manage(request):
    scope_of(request.user).require_editor()
    publications = scope_of(request.user).filter(Publication.objects.select_related("county"))
    status = request.GET.get("status", "")
    if status in PublicationStatus.values:
        publications = publications.filter(status=status)
    return render(
        request,
        "publications/manage.html",
        {
            "publications": publications.order_by("-year", "title")[:500],
            "status": status,
            "statuses": PublicationStatus.choices,
            "section": "publications",
        },
    )
