from __future__ import annotations

import hashlib

from django import forms
from django.utils.translation import gettext as _

from .document import BulletList, Document, Generated, Paragraph, Section, plain_text
from .models import MAX_COMMENTARY_LENGTH, MAX_LOGO_BYTES, ReportSettings, normalise


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


class CommentaryForm(forms.Form):
    """One text field per section of the report that has room for the analyst's own text.

    Each field carries a fingerprint of the text as it was when the page was opened. A section the
    person did not touch is never written back, so two analysts editing different sections at the same
    time do not undo each other; a section someone else changed in the meantime is refused with a
    message instead of being overwritten."""

    def __init__(self, document: Document, saved: dict[str, str], *args, only: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.saved = saved
        self.sections: list[tuple[Section, str]] = []
        for section, slot in document.commentary_sections:
            key = slot.section
            if only and key != only:
                continue  # a section saved on its own: the others are not part of this request
            self.fields[key] = forms.CharField(
                label=_("Länsstyrelsens text till %(heading)s") % {"heading": section.heading},
                required=False,
                max_length=MAX_COMMENTARY_LENGTH,
                initial=saved.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 6, "aria-describedby": f"hjalp-{key}"}),
            )
            self.fields[f"{key}__oppnad"] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=fingerprint(saved.get(key, ""))
            )
            self.sections.append((section, key))

    def rows(self) -> list[tuple]:
        """(section, text field, fingerprint field, the section's generated text) in reading order."""
        return [
            (section, self[key], self[f"{key}__oppnad"], generated_text(section))
            for section, key in self.sections
        ]

    def clean(self):
        cleaned = super().clean()
        for _section, key in self.sections:
            if key not in cleaned:
                continue
            current = fingerprint(self.saved.get(key, ""))
            opened = cleaned.get(f"{key}__oppnad") or current
            if fingerprint(cleaned[key]) != opened and opened != current:
                self.add_error(
                    key,
                    _(
                        "Någon annan har ändrat texten sedan du öppnade sidan. Din text sparades inte; "
                        "kopiera den, ladda om sidan och lägg in den igen."
                    ),
                )
        return cleaned

    def texts(self) -> dict[str, str]:
        """The sections this person changed, with their new text."""
        changed = {}
        for _section, key in self.sections:
            opened = self.cleaned_data.get(f"{key}__oppnad") or fingerprint(self.saved.get(key, ""))
            if fingerprint(self.cleaned_data[key]) != opened:
                changed[key] = normalise(self.cleaned_data[key])
        return changed


def generated_text(section: Section) -> list[str]:
    """The platform's own text in the section, shown read-only next to the analyst's field."""
    lines = []
    for block in section.blocks:
        if isinstance(block, Generated):
            for inner in block.blocks:
                if isinstance(inner, Paragraph):
                    lines.append(inner.text)
                elif isinstance(inner, BulletList):
                    lines += [f"– {plain_text(item)}" for item in inner.items]
    return lines


class ReportSettingsForm(forms.ModelForm):
    """The county's report settings; the logo is uploaded as a PNG, JPEG or SVG file."""

    logo_file = forms.FileField(
        label=_("Logotyp (PNG, JPEG eller SVG, högst 512 kB)"), required=False
    )
    remove_logo = forms.BooleanField(label=_("Ta bort logotypen"), required=False)

    class Meta:
        model = ReportSettings
        fields = ["series", "series_number", "isbn", "contact", "generated_labels"]

    def clean_isbn(self):
        isbn = self.cleaned_data["isbn"].strip()
        digits = isbn.replace("-", "").replace(" ", "")
        if isbn and not (
            (len(digits) == 13 and digits.isdigit())
            or (len(digits) == 10 and digits[:9].isdigit() and digits[9] in "0123456789Xx")
        ):
            raise forms.ValidationError(
                _("Ett ISBN har 10 eller 13 siffror, till exempel 978-91-7281-000-0.")
            )
        return isbn

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("Logotypen får vara högst 512 kB."))
        content = upload.read()
        kind = logo_kind(content)
        if kind is None:
            raise forms.ValidationError(_("Logotypen måste vara en PNG-, JPEG- eller SVG-fil."))
        return kind, content

    def save(self, user, commit=True):
        found = super().save(commit=False)
        found.updated_by = user
        if self.cleaned_data.get("remove_logo"):
            found.logo, found.logo_type = b"", ""
        if self.cleaned_data.get("logo_file"):
            found.logo_type, found.logo = self.cleaned_data["logo_file"]
        found.save()
        return found


def logo_kind(content: bytes) -> str | None:
    if content.startswith(b"\x89PNG"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    head = content[:1000].lstrip().lower()
    if (
        head.startswith((b"<svg", b"<?xml"))
        and b"<svg" in head
        and b"<script" not in content.lower()
    ):
        return "svg"
    return None
