"""Forms: editing a service, deciding on a catchment approval, searching the directory."""

from __future__ import annotations

import difflib

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.accounts.scope import scope_of
from lagesbild.core.text import has_own_letters, swedish_fold
from lagesbild.territories.models import RIKET_CODE, Level, Territory, UnknownTerritory, fold

from . import hours
from .catchment import CatchmentError, catchment_text, read_catchment, territory_index
from .editing import ServiceChanges, county_names, save_organization, save_service
from .listing import vocabulary
from .models import (
    EXPOSURE,
    SECTOR,
    TARGET_GROUP,
    CatchmentLevel,
    Language,
    Organization,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)

DAY_FIELDS = [f"day_{n}" for n in range(7)]


class PlainSelect(forms.Select):
    """A <select> built in Python. Django renders each option through its own template, which on the
    public search costs more than the query; the markup here is the same."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option), mark_safe(" selected") if str(option) in chosen else "", label)
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TermsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class LanguagesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ServiceForm(forms.ModelForm):
    """Creates or edits a service for one person; the rules of who may do what come from the model."""

    organization = forms.ModelChoiceField(
        Organization.objects.none(),
        required=False,
        label=gettext_lazy("Huvudman"),
        help_text=gettext_lazy("Välj en befintlig huvudman, eller skriv en ny i fältet nedanför."),
    )
    new_organization = forms.CharField(
        label=gettext_lazy("Ny huvudman"), required=False, max_length=200
    )
    sector = TermChoiceField(
        TaxonomyTerm.objects.of(SECTOR),
        widget=forms.RadioSelect,
        label=gettext_lazy("Sektor"),
        empty_label=None,
    )
    target_groups = TermsField(
        TaxonomyTerm.objects.of(TARGET_GROUP),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Målgrupp efter kön"),
    )
    exposure_types = TermsField(
        TaxonomyTerm.objects.of(EXPOSURE),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Målgrupp efter utsatthet"),
    )
    catchment_level = forms.ChoiceField(
        choices=CatchmentLevel.choices,
        widget=forms.RadioSelect,
        label=gettext_lazy("Upptagningsområde"),
    )
    catchment = forms.CharField(
        label=gettext_lazy("Kommuner eller län"),
        required=False,
        help_text=gettext_lazy(
            "Namn eller SCB-koder, åtskilda med komma, till exempel “Botkyrka, Huddinge” eller "
            "“Stockholms län”. Lämnas tomt för hela landet."
        ),
    )
    website = forms.URLField(
        label=gettext_lazy("Webbplats"), required=False, max_length=500, assume_scheme="https"
    )
    languages = LanguagesField(
        Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Språk som verksamheten ger information eller stöd på"),
    )
    # Shown only for a service whose address is protected: making it public is an explicit act.
    unprotect_confirm = forms.BooleanField(
        required=False,
        label=gettext_lazy("Jag bekräftar att adressen ska visas publikt"),
        help_text=gettext_lazy(
            "Krävs för att ta bort skyddet. Adressen syns då i Hitta stöd, i exporter och i API:et."
        ),
    )
    unprotect_reason = forms.CharField(
        required=False,
        max_length=300,
        label=gettext_lazy("Varför får adressen visas?"),
        help_text=gettext_lazy("Sparas i verksamhetens historik."),
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "alternate_name",
            "description",
            "always_open",
            "opening_notes",
            "easy_to_read",
            "website",
            "phone",
            "email",
            "street_address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "location_confidential",
            "status",
            "county",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "opening_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.scope = scope_of(user)
        self.national = self.scope.national
        own_county = self.scope.county
        self.fields["organization"].queryset = (
            Organization.objects.all()
            if self.national
            else Organization.objects.filter(county_id__in=[own_county, RIKET_CODE])
        )
        if self.national:
            self.fields["county"].queryset = Territory.objects.filter(
                level__in=[Level.LAN, Level.RIKET]
            )
            self.fields["county"].empty_label = None
        else:
            del self.fields["county"]
        self.fields["status"].help_text = _(
            "Publicerade verksamheter syns i Hitta stöd och i API:et. Arkiverade "
            "verksamheter finns kvar med sin historik men visas inte."
        )
        for number, name in enumerate(DAY_FIELDS):
            self.fields[name] = forms.CharField(
                label=str(hours.DAY_NAMES[number]).capitalize(), required=False, max_length=60
            )
        if not self.instance._state.adding:
            self._fill_initial()
        elif own_county:
            self.initial.setdefault("catchment_level", CatchmentLevel.MUNICIPALITIES)
        if not self.is_protected():
            del self.fields["unprotect_confirm"], self.fields["unprotect_reason"]

    def is_protected(self) -> bool:
        """Whether the stored service (not the form's unsaved values) has a protected address."""
        if self.instance._state.adding:
            return False
        return Service.objects.filter(pk=self.instance.pk, location_confidential=True).exists()

    def _fill_initial(self):
        service = self.instance
        self.initial["organization"] = service.organization_id
        self.initial["sector"] = service.sector_id
        self.initial["target_groups"] = list(service.target_groups.values_list("pk", flat=True))
        self.initial["exposure_types"] = list(service.exposure_types.values_list("pk", flat=True))
        self.initial["languages"] = list(service.languages.values_list("pk", flat=True))
        self.initial["catchment_level"] = service.catchment_level
        if service.catchment_level != CatchmentLevel.NATION:
            self.initial["catchment"] = catchment_text(
                service.catchment_level, service.catchment_areas.all()
            )
        for group_days, periods in hours.grouped(service.periods):
            for day in group_days:
                self.initial[f"day_{day}"] = ", ".join(
                    f"{hours.clock(p.opens)}–{hours.clock(p.closes)}" for p in periods
                )

    # --- cleaning --------------------------------------------------------------------------------
    def clean(self):
        data = super().clean()
        self._clean_organization(data)
        self._clean_catchment(data)
        self._clean_hours(data)
        self._clean_publishing(data)
        self._clean_protection(data)
        return data

    def _clean_protection(self, data):
        """Clearing a protected address needs the owning county's editor, a confirmation and a reason."""
        data["unprotect"] = False
        if not self.is_protected() or data.get("location_confidential", True):
            return
        if not self.instance.may_clear_protection(self.user):
            self.add_error(
                "location_confidential",
                _(
                    "Bara en redaktör i det län som ansvarar för verksamheten kan "
                    "göra en skyddad adress publik."
                ),
            )
            return
        if not data.get("unprotect_confirm"):
            self.add_error(
                "unprotect_confirm",
                _(
                    "Bekräfta att adressen ska visas publikt, eller markera adressen "
                    "som skyddad igen."
                ),
            )
        if not (data.get("unprotect_reason") or "").strip():
            self.add_error("unprotect_reason", _("Skriv varför adressen får visas."))
        data["unprotect"] = True

    def _clean_organization(self, data):
        chosen, new = data.get("organization"), (data.get("new_organization") or "").strip()
        if chosen and new:
            self.add_error(
                "new_organization", _("Välj en befintlig huvudman eller skriv en ny, inte båda.")
            )
        elif not chosen and not new:
            self.add_error("organization", _("Ange verksamhetens huvudman."))

    def _clean_catchment(self, data):
        level = data.get("catchment_level")
        if not level:
            return
        try:
            data["catchment_areas"] = read_catchment(level, data.get("catchment", ""))
        except CatchmentError as error:
            self.add_error("catchment", str(error))

    def _clean_hours(self, data):
        periods = []
        for day, name in enumerate(DAY_FIELDS):
            try:
                periods += hours.periods_for_day(day, hours.parse_intervals(data.get(name, "")))
            except hours.HoursError as error:
                self.add_error(name, str(error))
        data["weekly_hours"] = (
            [] if data.get("always_open") else [p.as_dict() for p in hours.normalise(periods)]
        )

    def owning_county(self, data) -> str | None:
        if self.national:
            county = data.get("county") or (
                None if self.instance._state.adding else self.instance.county
            )
            return county.code if county else None
        return self.scope.county if self.instance._state.adding else self.instance.county_id

    def _clean_publishing(self, data):
        if data.get("status") != ServiceStatus.PUBLISHED or "catchment_areas" not in data:
            return
        if (
            not self.instance._state.adding
            and Service.objects.filter(pk=self.instance.pk, status=ServiceStatus.PUBLISHED).exists()
        ):
            return  # a published service whose catchment is widened is saved and goes back to draft (editing.save_service)
        county = self.owning_county(data)
        if county is None:
            return
        codes = [t.code for t in data["catchment_areas"]]
        needed = Service.foreign_counties_for(county, data["catchment_level"], codes)
        missing = self.instance.publish_blockers(
            self.user, needed, level=data["catchment_level"], area_codes=codes
        )
        if missing:
            self.add_error(
                "status",
                _(
                    "Kan inte publiceras ännu: upptagningsområdet når in i %(counties)s, och det länet måste godkänna "
                    "det först. Spara som utkast och begär godkännande på verksamhetens sida."
                )
                % {"counties": county_names(missing)},
            )

    # --- saving ----------------------------------------------------------------------------------
    def save(self, commit=True) -> Service:
        """Always through `save_service`, so the edit is recorded in the history with its author."""
        data = self.cleaned_data
        service = self.instance
        organization = data.get("organization") or self._new_organization(data)
        fields = {
            name: data[name] for name in self.Meta.fields if name in data and name != "county"
        }
        fields.update(
            {
                "organization": organization,
                "sector": data["sector"],
                "catchment_level": data["catchment_level"],
                "weekly_hours": data["weekly_hours"],
            }
        )
        if self.national:
            fields["county"] = data["county"]
        elif service._state.adding:
            fields["county_id"] = self.scope.county
        reason = _("ändrad i webbgränssnittet")
        if data.get("unprotect"):
            reason = _("skyddet av adressen borttaget: %(reason)s") % {
                "reason": data["unprotect_reason"].strip()
            }
        save_service(
            service,
            ServiceChanges(
                fields=fields,
                relations={
                    "target_groups": data["target_groups"],
                    "exposure_types": data["exposure_types"],
                    "catchment_areas": data["catchment_areas"],
                    "languages": data["languages"],
                },
                reason=reason,
                unprotect=bool(data.get("unprotect")),
            ),
            self.user,
        )
        return service

    def _new_organization(self, data) -> Organization:
        county = self.owning_county(data) or RIKET_CODE
        name = data["new_organization"].strip()
        existing = Organization.objects.filter(county_id=county, name__iexact=name).first()
        return existing or save_organization(
            Organization(name=name, county_id=county), self.user, _("skapad med en ny verksamhet")
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("godkann", gettext_lazy("Godkänn")), ("avsla", gettext_lazy("Avslå"))],
        widget=forms.RadioSelect,
        label=gettext_lazy("Beslut"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Krävs om ni avslår: skriv varför, så att det ägande länet kan ändra."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "avsla" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Skriv varför ni inte godkänner upptagningsområdet."))
        return data


class SearchForm(forms.Form):
    """The public search. Every field is optional; a municipality may be typed as a name or code,
    in any case and with or without å/ä/ö."""

    kommun = forms.CharField(
        label=gettext_lazy("Kommun"),
        required=False,
        max_length=80,
        help_text=gettext_lazy("Namn eller kommunkod, till exempel Malmö, malmo eller 1280."),
    )
    utsatthet = forms.ChoiceField(
        required=False, label=gettext_lazy("Vad gäller det?"), widget=PlainSelect
    )
    malgrupp = forms.ChoiceField(
        required=False, label=gettext_lazy("Vem söker stöd?"), widget=PlainSelect
    )
    sprak = forms.ChoiceField(required=False, label=gettext_lazy("Språk"), widget=PlainSelect)
    oppet = forms.BooleanField(
        required=False, label=gettext_lazy("Bara verksamheter som är öppna nu")
    )
    q = forms.CharField(
        label=gettext_lazy("Fritext"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Till exempel en verksamhets eller huvudmans namn."),
    )

    EASY_TO_READ = "lattlast"

    def __init__(self, *args, names: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommun"].widget.attrs.update({"list": "kommuner", "autocomplete": "off"})
        # Choices come from the per-process vocabulary cache: the search is the busiest page.
        names = names or vocabulary()
        english = hours.current_language() == "en"
        self.terms = {}
        for name, taxonomy, everything in (
            ("utsatthet", EXPOSURE, _("Alla typer av utsatthet")),
            ("malgrupp", TARGET_GROUP, _("Alla målgrupper")),
        ):
            terms = sorted(
                (t for t in names["terms"].values() if t.taxonomy_id == taxonomy),
                key=lambda t: t.order,
            )
            self.terms[name] = {t.code: t for t in terms}
            self.fields[name].choices = [("", everything)] + [
                (t.code, t.name_en if english else t.name_sv) for t in terms
            ]
        languages = sorted(names["languages"].values(), key=lambda lang: lang.order)
        self.fields["sprak"].choices = [
            ("", _("Alla språk")),
            (self.EASY_TO_READ, _("Lättläst svenska")),
        ] + [
            (lang.code, (lang.name_en if english else lang.name_sv).capitalize())
            for lang in languages
        ]

    def clean_utsatthet(self):
        return self.terms["utsatthet"].get(self.cleaned_data.get("utsatthet") or "")

    def clean_malgrupp(self):
        return self.terms["malgrupp"].get(self.cleaned_data.get("malgrupp") or "")

    def clean_kommun(self):
        text = (self.cleaned_data.get("kommun") or "").strip()
        if not text:
            return None
        index = territory_index()
        try:
            territory = index.resolve(text)
        except UnknownTerritory:
            raise forms.ValidationError(self._unknown_message(text, index)) from None
        if territory.level != Level.KOMMUN:
            raise forms.ValidationError(
                _("%(name)s är inte en kommun. Skriv namnet på en kommun.")
                % {"name": territory.name}
            )
        return territory

    @staticmethod
    def _unknown_message(text: str, index) -> str:
        # Å, ä and ö are compared as letters of their own ("våld" suggests no Valdemarsvik); a name
        # typed without them ("malmoo") is still compared with them folded away.
        fold_as = fold if not has_own_letters(text) else swedish_fold
        municipalities = {
            fold_as(t.name): t.name for t in index.by_code.values() if t.level == Level.KOMMUN
        }
        folded = fold_as(text)
        close = (
            difflib.get_close_matches(folded, list(municipalities), n=3, cutoff=0.75)
            or sorted(
                name for name in municipalities if len(folded) >= 3 and name.startswith(folded)
            )[:3]
        )
        names = sorted({municipalities[name] for name in close})
        if names:
            return _("Hittar ingen kommun som heter %(text)s. Menade du %(names)s?") % {
                "text": text,
                "names": _(" eller ").join(names),
            }
        return _(
            "Hittar ingen kommun som heter %(text)s. Skriv kommunens namn eller fyrsiffriga kod."
        ) % {"text": text}
