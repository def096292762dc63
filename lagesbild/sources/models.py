"""Provenance: every observation belongs to the import batch that brought it in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

EXAMPLE_NOTICE = "Exempeldata – fiktiva värden"


class BatchKind(models.TextChoices):
    TEMPLATE = "template", _("Importmall")
    PUBLISHED = "published", _("Publicerade siffror")
    EXAMPLE = "example", _("Exempeldata")
    KOLADA = "kolada", _("Kolada")
    PXWEB = "pxweb", _("SCB PxWeb")
    OJ = "oj", _("Öppna jämförelser")
    BRA = "bra", _("Brå")
    SURVEY = "survey", _("Enkät")


class ImportBatch(models.Model):
    kind = models.CharField(_("typ"), max_length=12, choices=BatchKind.choices)
    source = models.CharField(_("källa"), max_length=400)
    file_name = models.CharField(_("fil"), max_length=400, blank=True)
    url = models.TextField(_("adress"), blank=True)
    parameters = models.JSONField(_("parametrar"), default=dict, blank=True)
    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)
    retrieved_at = models.DateTimeField(_("hämtad"), null=True, blank=True)
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    rows = models.PositiveIntegerField(_("rader"), default=0)
    created = models.PositiveIntegerField(_("nya"), default=0)
    updated = models.PositiveIntegerField(_("ändrade"), default=0)
    unchanged = models.PositiveIntegerField(_("oförändrade"), default=0)
    is_example = models.BooleanField(_("exempeldata"), default=False)
    note = models.TextField(_("kommentar"), blank=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("importomgång")
        verbose_name_plural = _("importomgångar")

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}: {self.source} ({self.imported_at:%Y-%m-%d})"
            if self.imported_at
            else self.source
        )

    @property
    def urls(self) -> list[str]:
        """The addresses a fetch read, one per line in `url` (a Kolada fetch may page through several)."""
        return [line for line in self.url.splitlines() if line.strip()]

    @property
    def source_label(self) -> str:
        """The source as shown next to every figure; example data always says so."""
        if self.is_example:
            return f"{EXAMPLE_NOTICE} ({self.source})"
        return self.source
