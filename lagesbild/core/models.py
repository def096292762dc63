"""The content version: one random token per content area, renewed whenever that area changes.

Caches key what they keep on the tokens of the areas it was built from, so a change anywhere gives
new keys and a stale page cannot be served (lagesbild.core.versioning)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    OBSERVATIONS = "observations", _("observationer")
    CATALOGUE = "catalogue", _("indikatorkatalogen")
    TERRITORIES = "territories", _("territorier")
    DIRECTORY = "directory", _("stödverksamheter")
    REGISTERS = "registers", _("länsregister")
    REPORTS = "reports", _("lägesrapporter")


class ContentVersion(models.Model):
    area = models.CharField(_("område"), max_length=20, choices=Area.choices, primary_key=True)
    token = models.CharField(_("version"), max_length=32)
    changed_at = models.DateTimeField(_("ändrad"))

    class Meta:
        verbose_name = _("innehållsversion")
        verbose_name_plural = _("innehållsversioner")

    def __str__(self) -> str:
        return f"{self.area}: {self.token}"
