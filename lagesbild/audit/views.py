"""/granskning/: who changed what and when, for the national administrators (everything) and the
county editors (their own county's entries), with the same entries as a CSV or XLSX file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lagesbild.accounts.scope import scope_of
from lagesbild.registers.files import table_response

from . import log
from .forms import AuditFilterForm


def _viewer_county(user) -> str | None:
    """None for a national administrator (every county); the county of a county editor."""
    scope = scope_of(user)
    if not scope.is_editor:
        raise PermissionDenied(
            _("Granskningsloggen är till för länsstyrelsernas redaktörer och administratörer.")
        )
    return None if scope.national else scope.county


def _form(request):
    county = _viewer_county(request.user)
    data = request.GET if any(k in request.GET for k in AuditFilterForm.base_fields) else None
    return AuditFilterForm(data, county=county)


@require_safe
@login_required
def audit_log(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/log.html", {"form": form, "entries": []}, status=400)
    criteria = form.criteria()
    try:
        page = max(1, min(int(request.GET.get("sida", "1")), 10_000))
    except ValueError:
        page = 1
    total = log.count(criteria)
    found = log.entries(criteria, offset=(page - 1) * log.PAGE_SIZE, limit=log.PAGE_SIZE)
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "entries": found,
            "total": total,
            "page": page,
            "pages": max(1, -(-total // log.PAGE_SIZE)),
            "query": query.urlencode(),
            "county_fixed": form.fixed_county,
        },
    )


@require_safe
@login_required
def audit_file(request, fmt: str):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/log.html", {"form": form, "entries": []}, status=400)
    criteria = form.criteria()
    rows = list(log.rows(log.all_entries(criteria)))
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    return table_response(fmt, f"granskningslogg-{stamp}", log.COLUMNS, rows)
