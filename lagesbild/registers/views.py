"""The editing views every register shares: create, edit, history and archive, for records owned by
a county board. A register describes itself once (`Register`) and gets the views and their URLs."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.scope import forbidden, scope_of
from lagesbild.core.history import history_entries

from .history import save_fields, save_with_history


@dataclass
class Register:
    """One register's editing: its model, form, names and words.

    `archive_fields(restore)` gives the fields that archive (or restore) a record; `edit_extra` and
    `save_extra` let a register add what its form alone does not hold (the activities' reach)."""

    model: type
    form_class: type
    namespace: str  # URL namespace, e.g. "activities"
    section: str  # the editors' menu entry, e.g. "activities"
    what: object  # "aktiviteten", for the 403 page
    edit_template: str
    created_reason: object
    saved_message: object
    archived_message: object
    restored_message: object = ""
    kept_text: object = ""  # why nothing is ever deleted, shown on the history page
    archive_fields: object = None  # callable(restore: bool) -> dict
    title_field: str = "title"
    files: bool = False
    edit_extra: object = (
        None  # callable(request, instance, creating) -> dict of extra context/forms
    )
    save_extra: object = None  # callable(instance, extra) -> bool (changed)
    urls: list = field(init=False, default_factory=list)

    def refused(self, request, record):
        return (
            None
            if record.can_edit(request.user)
            else forbidden(request, str(self.what), record.county)
        )

    def edit_url(self, record) -> str:
        return reverse(f"{self.namespace}:edit", args=[record.pk])

    # --- views ---------------------------------------------------------------------------------

    def create(self, request):
        scope_of(request.user).require_editor()
        return self._edit_page(request, self.model(created_by=request.user), creating=True)

    def edit(self, request, pk):
        record = get_object_or_404(self.model, pk=pk)
        return self.refused(request, record) or self._edit_page(request, record, creating=False)

    def history(self, request, pk):
        record = get_object_or_404(self.model.objects.select_related("county"), pk=pk)
        return self.refused(request, record) or render(
            request,
            "registers/history.html",
            {
                "record": record,
                "title": getattr(record, self.title_field),
                "back_url": self.edit_url(record),
                "section": self.section,
                "kept_text": self.kept_text,
                "groups": [("", history_entries(record))],
            },
        )

    def archive(self, request, pk):
        record = get_object_or_404(self.model, pk=pk)
        refused = self.refused(request, record)
        if refused:
            return refused
        restore = request.POST.get("atersta") == "1"
        reason = _("återställd") if restore else _("arkiverad")
        save_fields(record, request.user, reason, **self.archive_fields(restore))
        messages.success(request, str(self.restored_message if restore else self.archived_message))
        return redirect(f"{self.namespace}:edit", pk=pk)

    def _edit_page(self, request, record, creating: bool):
        form = self.form_class(
            request.POST or None,
            *((request.FILES or None,) if self.files else ()),
            instance=record,
            user=request.user,
            label_suffix="",
        )
        extra = self.edit_extra(request, record, creating) if self.edit_extra else {}
        valid = request.method == "POST" and form.is_valid()
        valid = valid and all(part.is_valid() for part in extra.get("forms", []))
        if valid:
            also_changed = self.save_extra(record, extra) if self.save_extra else False
            saved, changed = save_with_history(
                form,
                request.user,
                str(self.created_reason) if creating else "",
                also_changed=also_changed,
            )
            messages.success(
                request, str(self.saved_message) if changed else _("Inget var ändrat.")
            )
            return redirect(f"{self.namespace}:edit", pk=saved.pk)
        invalid = request.method == "POST"
        stored = None if creating else self.model.objects.get(pk=record.pk)
        context = {
            "form": form,
            "record": stored,
            "nothing_saved": invalid,
            **extra.get("context", {}),
        }
        return render(request, self.edit_template, context, status=400 if invalid else 200)

    def urlpatterns(self, prefix: str) -> list:
        """create, edit, history and archive under `prefix` (e.g. "aktiviteter/hantera/")."""
        return [
            path(f"{prefix}ny/", login_required(self.create), name="create"),
            path(f"{prefix}<int:pk>/", login_required(self.edit), name="edit"),
            path(f"{prefix}<int:pk>/historik/", login_required(self.history), name="history"),
            path(
                f"{prefix}<int:pk>/arkivera/",
                login_required(require_POST(self.archive)),
                name="archive",
            ),
        ]
