"""The knowledge bank: reports and other publications with series and number ("Rapport 2023:4"),
year, a short description written for the platform, topics, target groups and the full text (an
uploaded PDF or a link).

Topics and target groups are data (data/vocabulary.yml). Publications are never deleted: one
registered by mistake is archived and leaves the public pages, with its history kept."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lagesbild.core.text import swedish_fold
from lagesbild.indicators.models import localised
from lagesbild.registers.history import tracked
from lagesbild.registers.models import CountyOwned, CountyOwnedQuerySet
from lagesbild.territories.models import Level

SERIES_NUMBER = re.compile(r"^\d{4}:\d{1,4}$")


class Term(models.Model):
    """A word of the knowledge bank's vocabularies: a topic or a target group."""

    TOPIC, AUDIENCE = "amne", "malgrupp"
    KINDS = [(TOPIC, _("ämne")), (AUDIENCE, _("målgrupp"))]

    code = models.SlugField(_("kod"), max_length=60)
    kind = models.CharField(_("vokabulär"), max_length=10, choices=KINDS)
    name_sv = models.CharField(_("namn (svenska)"), max_length=200)
    name_en = models.CharField(_("namn (engelska)"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["kind", "order", "code"]
        verbose_name = _("term")
        verbose_name_plural = _("termer")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="publications_term_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class PublicationStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    PUBLISHED = "publicerad", _("Publicerad")
    ARCHIVED = "arkiverad", _("Arkiverad")


class PublicationQuerySet(CountyOwnedQuerySet):
    def public(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


def upload_path(instance, filename: str) -> str:
    """publikationer/<year>/<random>.pdf: the stored name never comes from the uploader."""
    import uuid

    return f"publikationer/{instance.year or 'ar-okant'}/{uuid.uuid4().hex}.pdf"


class Publication(CountyOwned):
    county = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": [Level.LAN, Level.RIKET]},
        verbose_name=_("ansvarigt län"),
        help_text=_(
            "Länsstyrelsen som ansvarar för uppgifterna, eller riket för nationella publikationer."
        ),
    )
    title = models.CharField(_("titel"), max_length=400)
    subtitle = models.CharField(_("undertitel"), max_length=400, blank=True)
    publisher = models.CharField(_("utgivare"), max_length=200)
    contributors = models.CharField(_("författare eller medverkande"), max_length=400, blank=True)
    series = models.CharField(
        _("serie"), max_length=100, blank=True, help_text=_("Till exempel Rapport.")
    )
    number = models.CharField(
        _("nummer i serien"),
        max_length=12,
        blank=True,
        help_text=_("År och löpnummer, till exempel 2023:4."),
    )
    year = models.PositiveSmallIntegerField(
        _("utgivningsår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Lämna tomt om året inte är känt."),
    )
    description_sv = models.TextField(
        _("beskrivning (svenska)"),
        help_text=_("En kort beskrivning skriven för Lägesbild, med egna ord."),
    )
    description_en = models.TextField(_("beskrivning (engelska)"), blank=True)
    topics = models.ManyToManyField(
        Term,
        blank=True,
        related_name="publications_by_topic",
        limit_choices_to={"kind": Term.TOPIC},
        verbose_name=_("ämnen"),
    )
    audiences = models.ManyToManyField(
        Term,
        blank=True,
        related_name="publications_by_audience",
        limit_choices_to={"kind": Term.AUDIENCE},
        verbose_name=_("målgrupper"),
    )
    url = models.URLField(_("länk till fulltext"), max_length=500, blank=True)
    file = models.FileField(_("fulltext (PDF)"), upload_to=upload_path, blank=True, max_length=200)
    file_size = models.PositiveIntegerField(
        _("filstorlek (byte)"), null=True, blank=True, editable=False
    )
    language = models.CharField(_("språk"), max_length=8, default="sv")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
        db_index=True,
    )
    source = models.CharField(_("källa för uppgifterna"), max_length=500, blank=True)
    key = models.SlugField(
        _("nyckel"), max_length=80, unique=True, null=True, blank=True, editable=False
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    created = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)

    history = tracked(
        HistoricalRecords(m2m_fields=["topics", "audiences"], excluded_fields=["search_text"])
    )
    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = [models.F("year").desc(nulls_last=True), "title"]
        verbose_name = _("publikation")
        verbose_name_plural = _("publikationer")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.prepare_to_save()
        super().save(*args, **kwargs)

    def prepare_to_save(self) -> None:
        """Derived fields, also for records inserted in bulk."""
        self.search_text = self.folded_text()

    def folded_text(self) -> str:
        return swedish_fold(
            " ".join(
                [
                    self.title,
                    self.subtitle,
                    self.publisher,
                    self.contributors,
                    self.series_label,
                    self.description_sv,
                    self.description_en,
                ]
            )
        )

    def is_public(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def series_label(self) -> str:
        """'Rapport 2023:4', or '' when the publication is not in a series."""
        return " ".join(part for part in (self.series, self.number) if part)

    @property
    def description(self) -> str:
        if (get_language() or "sv").startswith("en") and self.description_en:
            return self.description_en
        return self.description_sv

    @property
    def description_language(self) -> str:
        return "en" if (get_language() or "sv").startswith("en") and self.description_en else "sv"

    @property
    def has_full_text(self) -> bool:
        return bool(self.file) or bool(self.url)
