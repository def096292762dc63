"""Activities: a public summary with lists and sums (and .json/.csv/.xlsx twins), a public page per
activity, and the editors' pages (login required) to register, change, archive and export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from lagesbild.accounts.scope import scope_of
from lagesbild.core.outputs import problem
from lagesbild.core.twins import alternates, announce
from lagesbild.registers.files import table_response
from lagesbild.registers.views import Register

from .forms import ActivityForm, FilterForm, reach_formset, reach_from
from .models import Activity
from .summaries import COLUMNS, activity_rows, filtered, summarise


def _bad_filter(request, form, fmt=None):
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    if fmt:
        return problem(fmt, 400, _("Ogiltiga parametrar"), errors)
    return render(request, "activities/bad_request.html", {"errors": errors}, status=400)


@require_safe
def summary(request, fmt=None):
    form = FilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _bad_filter(request, form, fmt)
    criteria = form.criteria() if form.is_bound else {}
    activities = filtered(**criteria)
    result = summarise(activities)
    if fmt:
        document = {
            "criteria": criteria,
            "total": result.total.as_dict(),
            "by_sub_assignment": [s.as_dict() for s in result.by_sub_assignment],
            "by_goal": [s.as_dict() for s in result.by_goal],
            "by_kind": [s.as_dict() for s in result.by_kind],
            "activities": [
                dict(zip(COLUMNS, row, strict=True)) for row in activity_rows(result.activities)
            ],
        }
        return table_response(
            fmt,
            "aktiviteter",
            COLUMNS,
            activity_rows(activities),
            example=result.has_example_data,
            disposition="inline",
            document=document,
        )
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


def _reach(request, activity: Activity, creating: bool) -> dict:
    formset = reach_formset(request.POST or None, None if creating else activity)
    return {"forms": [formset], "context": {"formset": formset}}


def _save_reach(activity: Activity, extra: dict) -> bool:
    """The reach figures live in a JSON field beside the form; True when they changed."""
    figures = reach_from(extra["forms"][0])
    changed = figures != (activity.reach or [])
    activity.reach = figures
    return changed


REGISTER = Register(
    model=Activity,
    form_class=ActivityForm,
    namespace="activities",
    section="activities",
    what=gettext_lazy("aktiviteten"),
    edit_template="activities/edit.html",
    created_reason=gettext_lazy("aktiviteten registrerad"),
    saved_message=gettext_lazy("Aktiviteten är sparad."),
    archived_message=gettext_lazy(
        "Aktiviteten är arkiverad. Den finns kvar med sin historik men räknas inte och visas inte publikt."
    ),
    restored_message=gettext_lazy("Aktiviteten är återställd."),
    kept_text=gettext_lazy("Aktiviteter tas aldrig bort; de arkiveras."),
    archive_fields=lambda restore: {"archived": not restore},
    edit_extra=_reach,
    save_extra=_save_reach,
)


@login_required
def manage(request):
    scope = scope_of(request.user)
    scope.require_editor()
    activities = scope.filter(Activity.objects.select_related("county", "sub_assignment"))
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
            "all_counties": scope.national,
            "section": "activities",
        },
    )


@login_required
def export(request, fmt):
    """The editor's own activities, archived ones included and marked."""
    scope_of(request.user).require_editor()
    activities = scope_of(request.user).filter(Activity.objects.all())
    activities = filtered(queryset=activities)
    rows = activity_rows(activities)
    archived = {a.pk for a in activities if a.archived}
    rows = [[*row, row[0] in archived] for row in rows]
    return table_response(
        fmt,
        "aktiviteter-alla",
        [*COLUMNS, "archived"],
        rows,
        example=any(a.is_example for a in activities),
    )
