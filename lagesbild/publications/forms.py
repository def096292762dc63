"""The publication form (with a checked PDF upload) and the public search form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.registers.forms import limit_county_field

from .models import SERIES_NUMBER, Publication, PublicationStatus, Term

MAX_PDF_BYTES = 25 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def check_pdf(upload) -> None:
    """A full text must be a PDF (the file starts with %PDF-) of at most MAX_PDF_BYTES."""
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(
            _("Filen ”%(name)s” är %(size)s MB; största tillåtna storlek är %(limit)s MB.")
            % {
                "name": upload.name,
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": MAX_PDF_BYTES // 1024 // 1024,
            }
        )
    if upload.size == 0:
        raise ValidationError(_("Filen ”%(name)s” är tom.") % {"name": upload.name})
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC) + 1024)
    upload.seek(position)
    # Some generators put a few bytes before the marker; PDF readers accept it within the first kilobyte.
    if PDF_MAGIC not in head[: 1024 + len(PDF_MAGIC)]:
        raise ValidationError(
            _("Filen ”%(name)s” är ingen PDF. Ladda upp fulltexten som PDF, eller ange en länk.")
            % {"name": upload.name}
        )


class PublicationForm(forms.ModelForm):
    url = forms.URLField(
        label=gettext_lazy("Länk till fulltext"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Publication
        fields = [
            "county",
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
            "url",
            "file",
            "status",
            "source",
        ]
        widgets = {
            "description_sv": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "file": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        limit_county_field(self, user, with_riket=True)  # riket: national publications
        self.fields["county"].label_from_instance = lambda t: t.name
        self.fields["topics"].queryset = Term.objects.filter(kind=Term.TOPIC)
        self.fields["audiences"].queryset = Term.objects.filter(kind=Term.AUDIENCE)
        for name in ("topics", "audiences"):
            self.fields[name].label_from_instance = lambda term: term.name
            self.fields[name].to_field_name = "code"  # stable across installations, unlike row ids
        self.fields["year"].error_messages["invalid"] = _(
            "Skriv året med fyra siffror, till exempel 2023."
        )
        self.fields["file"].error_messages["empty"] = _(
            "Den valda filen är tom. Välj fulltexten som PDF."
        )
        if not self.instance.pk:
            self.initial.setdefault(
                "publisher", self._default_publisher(self.fields["county"].queryset)
            )

    @staticmethod
    def _default_publisher(counties) -> str:
        county = counties.first() if counties.count() == 1 else None
        return f"Länsstyrelsen i {county.name}" if county else ""

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        if number and not SERIES_NUMBER.match(number):
            raise ValidationError(_("Skriv numret som år och löpnummer, till exempel 2023:4."))
        return number

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type") and upload is not self.instance.file:
            check_pdf(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("number") and not (data.get("series") or "").strip():
            self.add_error("series", _("Ange serien som numret hör till, till exempel Rapport."))
        number, year = data.get("number"), data.get("year")
        if number and year and SERIES_NUMBER.match(number) and int(number.split(":")[0]) != year:
            self.add_error(
                "number",
                _("Numrets år (%(number)s) stämmer inte med utgivningsåret %(year)s.")
                % {"number": number, "year": year},
            )
        if (
            data.get("status") == PublicationStatus.PUBLISHED
            and not (data.get("description_sv") or "").strip()
        ):
            self.add_error("description_sv", _("En publicerad publikation behöver en beskrivning."))
        return data

    def save(self, commit=True):
        publication = super().save(commit=False)
        publication.file_size = publication.file.size if publication.file else None
        if commit:
            publication.save()
            self.save_m2m()
        return publication


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Sök"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    ar = forms.TypedChoiceField(
        label=gettext_lazy("År"), coerce=int, required=False, empty_value=None
    )
    amne = forms.ChoiceField(label=gettext_lazy("Ämne"), required=False)
    malgrupp = forms.ChoiceField(label=gettext_lazy("Målgrupp"), required=False)
    serie = forms.ChoiceField(label=gettext_lazy("Serie"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        public = Publication.objects.public()
        years = sorted({y for y in public.values_list("year", flat=True) if y}, reverse=True)
        self.fields["ar"].choices = [("", _("Alla år"))] + [(y, str(y)) for y in years]
        self.fields["amne"].choices = [("", _("Alla ämnen"))] + [
            (t.code, t.name) for t in Term.objects.filter(kind=Term.TOPIC)
        ]
        self.fields["malgrupp"].choices = [("", _("Alla målgrupper"))] + [
            (t.code, t.name) for t in Term.objects.filter(kind=Term.AUDIENCE)
        ]
        series = sorted({s for s in public.values_list("series", flat=True) if s})
        self.fields["serie"].choices = [("", _("Alla"))] + [(s, s) for s in series]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Välj ett av alternativen i listan.")
