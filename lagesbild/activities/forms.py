"""The activity form, with its reach figures as a small formset, and the public filter form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.indicators.models import Goal
from lagesbild.registers.forms import limit_county_field
from lagesbild.territories.models import Territory

from .models import Activity, ActivityKind, Qualifier, ReachMeasure, SubAssignment

DATE_FORMAT_MESSAGE = gettext_lazy("Skriv ett datum som ÅÅÅÅ-MM-DD, till exempel 2018-11-23.")


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "county",
            "kind",
            "title",
            "year",
            "start_date",
            "end_date",
            "sub_assignment",
            "goal",
            "target_groups",
            "participants",
            "participants_qualifier",
            "sessions",
            "partners",
            "description",
            "links",
            "source",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "target_groups": forms.CheckboxSelectMultiple,
            "partners": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        limit_county_field(self, user)
        self.fields["sub_assignment"].empty_label = None
        self.fields["goal"].empty_label = _("Ingen enskild målsättning")
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.number}. {goal.name}"
        self.fields["target_groups"].label_from_instance = lambda group: group.name
        for name in ("start_date", "end_date"):
            self.fields[name].input_formats = ["%Y-%m-%d"]
            self.fields[name].error_messages["invalid"] = DATE_FORMAT_MESSAGE
        for name in ("year", "participants", "sessions"):
            self.fields[name].error_messages["invalid"] = _(
                "Skriv ett heltal med siffror, till exempel 70."
            )
        self.fields["year"].error_messages["invalid"] = _(
            "Skriv året med fyra siffror, till exempel 2018."
        )

    def clean_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        check = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(lines, start=1):
            try:
                check(line)
            except ValidationError:
                raise ValidationError(
                    _("Rad %(row)s: ”%(text)s” är ingen webbadress (börja med https://).")
                    % {"row": number, "text": line[:80]}
                ) from None
        return "\n".join(lines)

    def clean(self):
        data = super().clean()
        start, end, year = data.get("start_date"), data.get("end_date"), data.get("year")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatumet kan inte vara före startdatumet."))
        if start and year and start.year != year:
            self.add_error(
                "start_date", _("Startdatumet ligger inte i året %(year)s.") % {"year": year}
            )
        if end and not start:
            self.add_error("start_date", _("Ange startdatum när aktiviteten har ett slutdatum."))
        return data


class ReachForm(forms.Form):
    measure = forms.ChoiceField(
        label=gettext_lazy("Mått"), choices=[("", "–"), *ReachMeasure.choices], required=False
    )
    value = forms.IntegerField(label=gettext_lazy("Antal"), min_value=0, required=False)
    qualifier = forms.ChoiceField(
        label=gettext_lazy("Antalet är"), choices=Qualifier.choices, initial=Qualifier.EXACT
    )
    of_total = forms.IntegerField(
        label=gettext_lazy("Av totalt (till exempel i hela landet)"), min_value=0, required=False
    )
    label = forms.CharField(label=gettext_lazy("Vad som räknats"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("value", "of_total"):
            self.fields[name].error_messages["invalid"] = _(
                "Skriv ett heltal med siffror, till exempel 3540."
            )

    def clean(self):
        data = super().clean()
        if data.get("measure") and data.get("value") is None:
            self.add_error("value", _("Skriv antalet för måttet."))
        if data.get("value") is not None and not data.get("measure"):
            self.add_error("measure", _("Välj vad antalet mäter."))
        total = data.get("of_total")
        if total is not None and data.get("value") is not None and total < data["value"]:
            self.add_error("of_total", _("Totalen kan inte vara mindre än antalet."))
        return data

    def figure(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("measure"):
            return None
        return {
            "measure": data["measure"],
            "value": data["value"],
            "qualifier": data["qualifier"],
            "of_total": data.get("of_total"),
            "label": (data.get("label") or "").strip(),
        }


ReachFormSet = forms.formset_factory(ReachForm, extra=2, max_num=12)


def reach_formset(data=None, activity: Activity | None = None):
    initial = [
        {k: f.get(k) for k in ("measure", "value", "qualifier", "of_total", "label")}
        for f in (activity.reach if activity else [])
    ]
    return ReachFormSet(data, initial=initial, prefix="rackvidd")


def reach_from(formset) -> list[dict]:
    return [figure for form in formset.forms if (figure := form.figure())]


class FilterForm(forms.Form):
    lan = forms.ModelChoiceField(
        label=gettext_lazy("Län"),
        queryset=Territory.objects.lan(),
        required=False,
        empty_label=gettext_lazy("Alla län"),
        to_field_name="code",
    )
    ar = forms.TypedChoiceField(
        label=gettext_lazy("År"), coerce=int, required=False, empty_value=None
    )
    deluppdrag = forms.ModelChoiceField(
        label=gettext_lazy("Deluppdrag"),
        queryset=SubAssignment.objects.all(),
        required=False,
        empty_label=gettext_lazy("Alla deluppdrag"),
    )
    mal = forms.TypedChoiceField(
        label=gettext_lazy("Målsättning"), coerce=int, required=False, empty_value=None
    )
    typ = forms.ChoiceField(label=gettext_lazy("Typ av aktivitet"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        years = sorted(set(Activity.objects.public().values_list("year", flat=True)), reverse=True)
        self.fields["ar"].choices = [("", _("Alla år"))] + [(y, str(y)) for y in years]
        self.fields["mal"].choices = (
            [("", _("Alla målsättningar"))]
            + [(g.number, f"{g.number}. {g.name}") for g in Goal.objects.all()]
            + [(0, _("Ingen enskild målsättning"))]
        )
        self.fields["typ"].choices = [("", _("Alla typer"))] + list(ActivityKind.choices)
        self.fields["lan"].label_from_instance = lambda t: t.name
        self.fields["deluppdrag"].label_from_instance = str
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Välj ett av alternativen i listan.")

    def criteria(self) -> dict:
        data = self.cleaned_data
        return {
            "county": data["lan"].code if data.get("lan") else None,
            "year": data.get("ar"),
            "sub_assignment": data["deluppdrag"].number if data.get("deluppdrag") else None,
            "goal": data.get("mal"),
            "kind": data.get("typ") or None,
        }
