"""Importing the template from the web: county editors for their own län, national admins for all."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.scope import scope_of
from lagesbild.indicators.models import ImportBatch
from lagesbild.territories.models import Territory

from .importing import ImportRejected, import_file

MAX_UPLOAD_BYTES = 50 * 2**20


class TemplateUploadForm(forms.Form):
    file = forms.FileField(label=_("Fil (CSV eller XLSX enligt importmallen)"))
    source = forms.CharField(
        label=_("Källa"),
        max_length=400,
        required=False,
        help_text=_("Till exempel 'Länsstyrelsens enkät 2024'. Tomt: filens namn."),
    )
    dry_run = forms.BooleanField(
        label=_("Provkör: visa vad som skulle ändras utan att spara"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.casefold() not in (".csv", ".xlsx"):
            raise forms.ValidationError(_("Filen måste vara CSV (.csv) eller Excel (.xlsx)."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är större än 50 MB."))
        return upload


def allowed_county(user) -> str | None:
    """None for a national admin (every territory); the län code for a county editor."""
    scope = scope_of(user)
    scope.require_editor()
    return None if scope.national else scope.county


@login_required
def import_template(request):
    county = allowed_county(request.user)
    form = TemplateUploadForm(request.POST or None, request.FILES or None, label_suffix="")
    context = {
        "form": form,
        "county": Territory.objects.filter(code=county).first() if county else None,
        "recent": ImportBatch.objects.filter(user=request.user)[:10],
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / f"upload{Path(upload.name).suffix.casefold()}"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                context["summary"] = import_file(
                    path,
                    file_name=upload.name,
                    source=form.cleaned_data["source"] or None,
                    user=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                    county=county,
                )
            except ImportRejected as rejected:
                context["rejected"] = rejected
    status = (
        400 if "rejected" in context or (request.method == "POST" and not form.is_valid()) else 200
    )
    return render(request, "sources/import.html", context, status=status)
