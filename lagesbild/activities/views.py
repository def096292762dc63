"""Activities: a public summary with lists and sums (and .json/.csv/.xlsx twins), a public page per
activity, and the editors' pages (login required) to register, change, archive and export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lagesbild.accounts.models import is_national_admin
from lagesbild.core.history import history_entries
from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.core.twins import alternates, announce
from lagesbild.registers.access import editable_by, forbidden, require_editor
from lagesbild.registers.files import table_response
from lagesbild.registers.history import save_fields, save_with_history

from .forms import ActivityForm, FilterForm, reach_formset, reach_from
from .models import Activity
from .summaries import COLUMNS, activity_rows, filtered, summarise


def _bad_filter(request, form, fmt=None):
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    if fmt == "json":
        return JsonResponse({"error": _("Ogiltiga parametrar"), "parameters": errors}, status=400)
    return render(request, "activities/bad_request.html", {"errors": errors}, status=400)


@require_safe
def summary(request, fmt=None):
    form = FilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _bad_filter(request, form, fmt)
    criteria = form.criteria() if form.is_bound else {}
    activities = filtered(**criteria)
    if fmt in ("csv", "xlsx"):
        notice = EXAMPLE_NOTICE if any(a.is_example for a in activities) else ""
        return table_response(
            fmt,
            "aktiviteter",
            COLUMNS,
            activity_rows(activities),
            notice=notice,
            disposition="inline" if fmt == "csv" else "attachment",
        )
    result = summarise(activities)
    if fmt == "json":
        document = {
            "criteria": criteria,
            "total": result.total.as_dict(),
            "by_sub_assignment": [s.as_dict() for s in result.by_sub_assignment],
            "by_goal": [s.as_dict() for s in result.by_goal],
            "by_kind": [s.as_dict() for s in result.by_kind],
            "activities": [dict(zip(COLUMNS, row)) for row in activity_rows(result.activities)],
        }
        if result.has_example_data:
            document["notice"] = EXAMPLE_NOTICE
        return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    links = alternates(request, ("json", "csv", "xlsx"))
    response = render(
        request,
        "activities/summary.html",
        {
            "form": form,
            "summary": result,
            "alternates": links,
            "has_example_data": result.has_example_data,
            "query": request.GET.urlencode(),
        },
    )
    return announce(response, links)


@require_safe
def detail(request, pk):
    activity = get_object_or_404(
        Activity.objects.public().select_related("county", "sub_assignment", "goal"), pk=pk
    )
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "has_example_data": activity.is_example,
            "can_edit": activity.can_edit(request.user),
        },
    )


# --- Editing -------------------------------------------------------------------------------------


def _refused(request, activity: Activity):
    return (
        None
        if activity.can_edit(request.user)
        else forbidden(request, _("aktiviteten"), activity.county)
    )


@login_required
def manage(request):
    require_editor(request.user)
    activities = editable_by(
        Activity.objects.select_related("county", "sub_assignment"), request.user
    )
    year = request.GET.get("ar", "")
    if year.isdigit():
        activities = activities.filter(year=int(year))
    show_archived = request.GET.get("arkiverade") == "1"
    if not show_archived:
        activities = activities.filter(archived=False)
    return render(
        request,
        "activities/manage.html",
        {
            "activities": activities.order_by("-year", "sub_assignment_id", "title")[:500],
            "year": year,
            "show_archived": show_archived,
            "all_counties": is_national_admin(request.user),
        },
    )


def _edit_page(request, activity: Activity, creating: bool):
    form = ActivityForm(request.POST or None, instance=activity, user=request.user, label_suffix="")
    formset = reach_formset(request.POST or None, None if creating else activity)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        figures = reach_from(formset)
        changed_reach = figures != (activity.reach or [])
        activity.reach = figures
        saved, changed = save_with_history(
            form,
            request.user,
            _("aktiviteten registrerad") if creating else "",
            also_changed=changed_reach,
        )
        messages.success(
            request, _("Aktiviteten är sparad.") if changed else _("Inget var ändrat.")
        )
        return redirect("activities:edit", pk=saved.pk)
    invalid = request.method == "POST"
    stored = None if creating else Activity.objects.get(pk=activity.pk)
    return render(
        request,
        "activities/edit.html",
        {"form": form, "formset": formset, "activity": stored, "nothing_saved": invalid},
        status=400 if invalid else 200,
    )


@login_required
def create(request):
    require_editor(request.user)
    return _edit_page(request, Activity(created_by=request.user), creating=True)


@login_required
def edit(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    return _refused(request, activity) or _edit_page(request, activity, creating=False)


@login_required
def history(request, pk):
    activity = get_object_or_404(Activity.objects.select_related("county"), pk=pk)
    return _refused(request, activity) or render(
        request,
        "activities/history.html",
        {"activity": activity, "entries": history_entries(activity)},
    )


@login_required
@require_POST
def archive(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    refused = _refused(request, activity)
    if refused:
        return refused
    restore = request.POST.get("atersta") == "1"
    save_fields(
        activity, request.user, _("återställd") if restore else _("arkiverad"), archived=not restore
    )
    messages.success(
        request,
        _("Aktiviteten är återställd.")
        if restore
        else _(
            "Aktiviteten är arkiverad. Den finns kvar med sin historik men räknas inte och visas inte publikt."
        ),
    )
    return redirect("activities:edit", pk=pk)


@login_required
def export(request, fmt):
    """The editor's own activities, archived ones included and marked."""
    require_editor(request.user)
    activities = editable_by(Activity.objects.all(), request.user)
    activities = filtered(queryset=activities)
    rows = activity_rows(activities)
    archived = {a.pk for a in activities if a.archived}
    rows = [[*row, "ja" if row[0] in archived else "nej"] for row in rows]
    notice = EXAMPLE_NOTICE if any(a.is_example for a in activities) else ""
    return table_response(fmt, "aktiviteter-alla", [*COLUMNS, "archived"], rows, notice=notice)
