"""The accessibility statement's feedback function: a form that stores the message and mails it to
the installation's accessibility contact (settings.ACCESSIBILITY_CONTACT)."""

from __future__ import annotations

import logging
import smtplib

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .models import MESSAGE_LENGTH, NAME_LENGTH, PAGE_LENGTH, Feedback

log = logging.getLogger(__name__)


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["message", "page", "name", "email"]
        labels = {
            "message": gettext_lazy("Vad vill du berätta? (måste fyllas i)"),
            "page": gettext_lazy("Vilken sida gäller det? (frivilligt)"),
            "name": gettext_lazy("Ditt namn (frivilligt)"),
            "email": gettext_lazy("Din e-postadress (frivilligt, om du vill ha svar)"),
        }
        help_texts = {
            "message": gettext_lazy(
                "Beskriv vad som inte fungerade, eller vilket innehåll du behöver i ett annat format. "
                "Högst 5 000 tecken."
            ),
            "page": gettext_lazy("Till exempel sidans adress eller rubrik."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "cols": 40})}
        error_messages = {
            "message": {
                "required": gettext_lazy("Skriv ditt meddelande."),
                "max_length": gettext_lazy(
                    "Meddelandet får vara högst %(limit_value)d tecken (det har %(show_value)d)."
                ),
            },
            "page": {
                "max_length": gettext_lazy("Högst %(limit_value)d tecken (det har %(show_value)d).")
            },
            "name": {
                "max_length": gettext_lazy("Högst %(limit_value)d tecken (det har %(show_value)d).")
            },
            "email": {
                "invalid": gettext_lazy(
                    "Skriv en e-postadress som namn@exempel.se, eller lämna fältet tomt."
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].widget.attrs["maxlength"] = MESSAGE_LENGTH
        self.fields["page"].widget.attrs["maxlength"] = PAGE_LENGTH
        self.fields["name"].widget.attrs.update(maxlength=NAME_LENGTH, autocomplete="name")
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Skriv ditt meddelande."))
        return message


def receive(form: FeedbackForm) -> Feedback:
    """Stores the message, then mails it; a mail that fails is logged and the message kept."""
    feedback = form.save(commit=False)
    feedback.language = (get_language() or "")[:8]
    feedback.save()
    body = "\n".join(
        [
            _("Synpunkt om tillgänglighet, mottagen %(when)s")
            % {"when": f"{feedback.received:%Y-%m-%d %H:%M} UTC"},
            "",
            _("Sida: %(page)s") % {"page": feedback.page or "–"},
            _("Namn: %(name)s") % {"name": feedback.name or "–"},
            _("E-post: %(email)s") % {"email": feedback.email or "–"},
            "",
            feedback.message,
        ]
    )
    try:
        send_mail(
            _("Synpunkt om tillgänglighet"),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [settings.ACCESSIBILITY_CONTACT],
        )
    except (smtplib.SMTPException, OSError) as error:
        log.error("accessibility feedback %s stored but not mailed: %s", feedback.pk, error)
        return feedback
    feedback.mailed = True
    feedback.save(update_fields=["mailed"])
    return feedback
