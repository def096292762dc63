"""The audit log's filters: kind, county, person and dates."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.territories.models import Level, Territory

from .kinds import KINDS, Criteria

MAX_TEXT = 150


class AuditFilterForm(forms.Form):
    slag = forms.MultipleChoiceField(label=_("Slag av ändring"), required=False, choices=())
    lan = forms.ChoiceField(label=_("Län"), required=False, choices=())
    anvandare = forms.CharField(
        label=_("Användare (namnet eller en del av det)"), required=False, max_length=MAX_TEXT
    )
    fran = forms.DateField(label=_("Från och med"), required=False)
    till = forms.DateField(label=_("Till och med"), required=False)

    def __init__(self, *args, county: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_county = county
        self.fields["slag"].choices = [(key, kind.label) for key, kind in KINDS.items()]
        territories = Territory.objects.filter(level__in=[Level.RIKET, Level.LAN]).order_by("code")
        if county:
            territories = territories.filter(code=county)
            self.fields["lan"].disabled = True
            self.fields["lan"].initial = county
        choices = [(t.code, t.name) for t in territories]
        self.fields["lan"].choices = choices if county else [("", _("Alla")), *choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("fran"), cleaned.get("till")
        if start and end and start > end:
            raise forms.ValidationError(_("Från-datumet ligger efter till-datumet."))
        return cleaned

    def criteria(self) -> Criteria:
        data = self.cleaned_data if self.is_bound else {}
        start, end = data.get("fran"), data.get("till")
        zone = timezone.get_current_timezone()
        return Criteria(
            kinds=tuple(data.get("slag") or ()),
            county=self.fixed_county or data.get("lan") or None,
            user=(data.get("anvandare") or "").strip(),
            start=datetime.combine(start, time.min, zone) if start else None,
            end=datetime.combine(end + timedelta(days=1), time.min, zone) if end else None,
        )
