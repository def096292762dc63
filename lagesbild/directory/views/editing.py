"""Editing for county boards and the national administrator (login required). The views only ask
the models and lagesbild.directory.editing what is allowed and do it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.scope import forbidden, scope_of
from lagesbild.core.outputs import respond
from lagesbild.sources.importing import ImportRejected
from lagesbild.sources.records import FileRejected
from lagesbild.territories.models import Level, Territory

from .. import editing, matrix
from ..catchment import describe
from ..forms import DecisionForm, ServiceForm
from ..history import changes_of
from ..models import STALE_AFTER, ApprovalStatus, CatchmentApproval, Service, ServiceStatus
from ..search import text_filter

UPLOAD_LIMIT = 5 * 1024 * 1024


def _forbidden(request, service: Service):
    back = reverse("directory:service", args=[service.pk]) if service.is_public() else ""
    return forbidden(
        request, service.name, service.county, back_url=back, back_text=_("Visa verksamheten")
    )


def _require_editor(request):
    scope_of(request.user).require_editor()


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("sida", None)
    return query.urlencode()


@login_required
def service_list(request):
    _require_editor(request)
    services = Service.objects.editable_by(request.user).select_related("county", "organization")
    county = request.GET.get("lan", "")
    if county and scope_of(request.user).national:
        services = services.filter(county_id=county)
    status = request.GET.get("status", "")
    if status in ServiceStatus.values:
        services = services.filter(status=status)
    if request.GET.get("q"):
        services = text_filter(services, request.GET["q"])
    page = Paginator(services.order_by("name", "id"), 50).get_page(request.GET.get("sida"))
    stale_before = timezone.localdate() - STALE_AFTER
    return render(
        request,
        "directory/manage_list.html",
        {
            "page": page,
            "statuses": ServiceStatus.choices,
            "status": status,
            "county": county,
            "counties": Territory.objects.filter(level__in=[Level.LAN, Level.RIKET])
            if scope_of(request.user).national
            else [],
            "stale_before": stale_before,
            "pending": editing.pending_for(request.user)[:20],
            "own_county": scope_of(request.user).county,
            "query_string": _without_page(request),
        },
    )


@login_required
def create(request):
    _require_editor(request)
    service = Service()
    form = ServiceForm(request.POST or None, instance=service, user=request.user, label_suffix="")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Verksamheten är sparad."))
        return redirect("directory:edit", pk=service.pk)
    return render(
        request,
        "directory/edit.html",
        {"form": form, "service": None},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
def edit(request, pk):
    service = get_object_or_404(Service.objects.select_related("county", "organization"), pk=pk)
    if not service.can_edit(request.user):
        return _forbidden(request, service)
    was_published = service.status == ServiceStatus.PUBLISHED
    form = ServiceForm(request.POST or None, instance=service, user=request.user, label_suffix="")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Ändringarna är sparade."))
        if (
            was_published
            and service.status == ServiceStatus.DRAFT
            and form.cleaned_data.get("status") == ServiceStatus.PUBLISHED
        ):
            messages.warning(
                request,
                _(
                    "Verksamheten är avpublicerad: upptagningsområdet når nu områden som inte är "
                    "godkända. Begär godkännande nedan; publicera igen när det är godkänt."
                ),
            )
        return redirect("directory:edit", pk=service.pk)
    stored = Service.objects.select_related("county", "organization").get(
        pk=pk
    )  # the form may hold unsaved values
    return render(
        request,
        "directory/edit.html",
        {
            "form": form,
            "service": stored,
            "approvals": service.approvals.select_related("county", "decided_by"),
            "missing": service.missing_approvals(),
            "missing_names": editing.county_names(service.missing_approvals()),
            "catchment_words": describe(service.catchment_level, service.catchment_areas.all()),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
def history(request, pk):
    service = get_object_or_404(Service.objects.select_related("county"), pk=pk)
    if not service.can_edit(request.user):
        return _forbidden(request, service)
    return render(
        request, "directory/history.html", {"service": service, "entries": changes_of(service)}
    )


@login_required
@require_POST
def verify(request, pk):
    service = get_object_or_404(Service, pk=pk)
    if not service.can_edit(request.user):
        return _forbidden(request, service)
    editing.mark_verified(service, request.user)
    messages.success(request, _("Verksamheten är markerad som kontrollerad i dag."))
    return redirect("directory:edit", pk=pk)


@login_required
@require_POST
def archive(request, pk):
    service = get_object_or_404(Service, pk=pk)
    if not service.can_edit(request.user):
        return _forbidden(request, service)
    editing.archive(service, request.user)
    messages.success(
        request,
        _("Verksamheten är arkiverad. Den finns kvar med sin historik men visas inte publikt."),
    )
    return redirect("directory:edit", pk=pk)


@login_required
@require_POST
def request_approval(request, pk):
    service = get_object_or_404(Service, pk=pk)
    if not service.can_edit(request.user):
        return _forbidden(request, service)
    asked = editing.request_approvals(service, request.user)
    if asked:
        messages.success(
            request,
            _("Godkännande är begärt från: %(counties)s.")
            % {"counties": editing.county_names([a.county_id for a in asked])},
        )
    else:
        messages.info(
            request, _("Inget godkännande behövs: upptagningsområdet ligger inom ert eget län.")
        )
    return redirect("directory:edit", pk=pk)


@login_required
def approvals(request):
    _require_editor(request)
    decided = CatchmentApproval.objects.exclude(status=ApprovalStatus.REQUESTED).select_related(
        "service", "county", "decided_by"
    )
    decided = scope_of(request.user).filter(decided)
    return render(
        request,
        "directory/approvals.html",
        {"pending": editing.pending_for(request.user), "decided": decided[:50]},
    )


@login_required
def decide(request, pk):
    approval = get_object_or_404(
        CatchmentApproval.objects.select_related("service", "county", "service__county"), pk=pk
    )
    if not approval.can_decide(request.user):
        raise PermissionDenied(
            _("Bara länets redaktörer eller den nationella administratören kan besluta om detta.")
        )
    form = DecisionForm(request.POST or None, label_suffix="")
    if request.method == "POST" and form.is_valid():
        editing.decide(
            approval,
            request.user,
            form.cleaned_data["decision"] == "godkann",
            form.cleaned_data["reason"],
        )
        messages.success(request, _("Beslutet är sparat."))
        return redirect("directory:approvals")
    service = approval.service
    return render(
        request,
        "directory/decide.html",
        {
            "approval": approval,
            "form": form,
            "service": service,
            "catchment_words": describe(service.catchment_level, service.catchment_areas.all()),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
def stale(request):
    """Services not verified in the last twelve months, per county."""
    _require_editor(request)
    cutoff = timezone.localdate() - STALE_AFTER
    services = (
        Service.objects.editable_by(request.user)
        .not_verified_since(cutoff)
        .select_related("county", "verified_by")
    )
    groups: dict[str, dict] = {}
    for service in services.order_by("county_id", "verified_at", "name"):
        groups.setdefault(service.county_id, {"county": service.county, "services": []})[
            "services"
        ].append(service)
    return render(
        request,
        "directory/stale.html",
        {
            "groups": list(groups.values()),
            "cutoff": cutoff,
            "dead_links": services.filter(link_ok=False),
        },
    )


@login_required
def export(request, fmt):
    """The editor's own matrix with drafts and archived services (protected addresses still left out)."""
    _require_editor(request)
    services = matrix.export_queryset(Service.objects.editable_by(request.user))
    name = f"matris-{timezone.localdate():%Y-%m-%d}"
    return respond(matrix.matrix_output(services, public=False, name=name), fmt)


@login_required
def import_matrix(request):
    """Upload of a matrix spreadsheet: every row is checked, nothing is saved unless all rows are right."""
    _require_editor(request)
    context = {"errors": [], "summary": None, "truncated": False}
    if request.method == "POST":
        upload = request.FILES.get("fil")
        dry_run = request.POST.get("provkor") == "1"
        if upload is None:
            context["errors"] = [_("Välj en fil att läsa in.")]
        elif upload.size > UPLOAD_LIMIT:
            context["errors"] = [_("Filen är större än 5 MB.")]
        else:
            suffix = Path(upload.name).suffix.lower()
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / (Path(upload.name).stem[:80] + suffix)
                with path.open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                try:
                    context["summary"] = matrix.import_matrix(
                        path, user=request.user, dry_run=dry_run
                    )
                except ImportRejected as rejected:
                    context["errors"], context["truncated"] = (
                        [str(e) for e in rejected.errors],
                        rejected.truncated,
                    )
                except FileRejected as rejected:
                    context["errors"] = [str(rejected)]
        status = 400 if context["errors"] else 200
        return render(request, "directory/import.html", context, status=status)
    return render(request, "directory/import.html", context)
