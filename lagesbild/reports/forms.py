from __future__ import annotations

import hashlib

from django import forms
from django.utils.translation import gettext as _

from .document import BulletList, Document, Generated, Paragraph, Section, plain_text
from .models import MAX_COMMENTARY_LENGTH, normalise


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


class CommentaryForm(forms.Form):
    """One text field per section of the report that has room for the analyst's own text.

    Each field carries a fingerprint of the text as it was when the page was opened. A section the
    person did not touch is never written back, so two analysts editing different sections at the same
    time do not undo each other; a section someone else changed in the meantime is refused with a
    message instead of being overwritten."""

    def __init__(self, document: Document, saved: dict[str, str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved = saved
        self.sections: list[tuple[Section, str]] = []
        for section, slot in document.commentary_sections:
            key = slot.section
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
