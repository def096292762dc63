"""Messages sent through the accessibility statement's feedback form (lag (2018:1937) 16 § asks for a
way to tell the body about shortcomings). Kept so none is lost if the e-mail does not arrive."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NAME_LENGTH = 200
PAGE_LENGTH = 500
MESSAGE_LENGTH = 5000


class Feedback(models.Model):
    name = models.CharField(_("namn"), max_length=NAME_LENGTH, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    page = models.CharField(_("sidan det gäller"), max_length=PAGE_LENGTH, blank=True)
    message = models.TextField(_("meddelande"), max_length=MESSAGE_LENGTH)
    language = models.CharField(_("språk"), max_length=8, blank=True)
    received = models.DateTimeField(_("mottaget"), default=timezone.now, db_index=True)
    mailed = models.BooleanField(_("skickat med e-post"), default=False)
    handled = models.BooleanField(_("åtgärdat"), default=False)

    class Meta:
        ordering = ["-received"]
        verbose_name = _("synpunkt om tillgänglighet")
        verbose_name_plural = _("synpunkter om tillgänglighet")

    def __str__(self) -> str:
        return f"{self.received:%Y-%m-%d %H:%M} {self.message[:60]}"
