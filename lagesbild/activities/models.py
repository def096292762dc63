"""The county board's own activities per sub-assignment (deluppdrag): trainings, networks,
conferences, campaigns, method support, with participants and reach.

The six sub-assignments and the target groups are data (data/deluppdrag.yml, data/malgrupper.yml).
Activities are never deleted: an activity registered by mistake is archived and leaves the public
pages and the sums, but stays with its history."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from lagesbild.indicators.models import localised
from lagesbild.registers.history import tracked
from lagesbild.registers.models import CountyOwned, CountyOwnedQuerySet, county_board_field


class SubAssignment(models.Model):
    number = models.PositiveSmallIntegerField(
        _("nummer"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    name_sv = models.CharField(_("namn (svenska)"), max_length=200)
    name_en = models.CharField(_("namn (engelska)"), max_length=200)
    description_sv = models.TextField(_("beskrivning (svenska)"), blank=True)
    description_en = models.TextField(_("beskrivning (engelska)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("deluppdrag")
        verbose_name_plural = _("deluppdrag")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return localised(self, "name")


class TargetGroup(models.Model):
    code = models.SlugField(_("kod"), max_length=60, primary_key=True)
    name_sv = models.CharField(_("namn (svenska)"), max_length=200)
    name_en = models.CharField(_("namn (engelska)"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class ActivityKind(models.TextChoices):
    TRAINING = "utbildning", _("Utbildning")
    NETWORK = "natverk", _("Nätverk")
    CONFERENCE = "konferens", _("Konferens")
    CAMPAIGN = "kampanj", _("Kampanj")
    METHOD_SUPPORT = "metodstod", _("Metodstöd")
    COLLABORATION = "samverkan", _("Samverkan och strategiarbete")
    MAPPING = "kartlaggning", _("Kartläggning och uppföljning")
    OTHER = "ovrigt", _("Övrigt")


class ReachMeasure(models.TextChoices):
    PEOPLE = "personer", _("personer nådda")
    USERS = "anvandare", pgettext_lazy("räknade", "användare")
    VISITORS = "besokare", _("besökare")
    VIEWS = "visningar", _("visningar")


class Qualifier(models.TextChoices):
    EXACT = "exakt", _("exakt")
    ABOUT = "ungefar", _("ungefär")
    AT_LEAST = "minst", _("minst")


class ActivityQuerySet(CountyOwnedQuerySet):
    def current(self):
        return self.filter(archived=False)

    def public(self):
        return self.current()


class Activity(CountyOwned):
    county = county_board_field()
    kind = models.CharField(_("typ av aktivitet"), max_length=14, choices=ActivityKind.choices)
    title = models.CharField(_("titel"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], db_index=True
    )
    start_date = models.DateField(
        _("startdatum"), null=True, blank=True, help_text=_("Lämna tomt om bara året är känt.")
    )
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    sub_assignment = models.ForeignKey(
        SubAssignment,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("deluppdrag"),
    )
    goal = models.ForeignKey(
        "indicators.Goal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("målsättning"),
        help_text=_("Den av strategins fyra målsättningar som aktiviteten främst bidrar till."),
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="activities", verbose_name=_("målgrupper")
    )
    participants = models.PositiveIntegerField(_("antal deltagare"), null=True, blank=True)
    participants_qualifier = models.CharField(
        _("antal deltagare är"), max_length=8, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    sessions = models.PositiveSmallIntegerField(_("antal tillfällen"), null=True, blank=True)
    reach = models.JSONField(_("räckvidd"), default=list, blank=True)
    partners = models.TextField(_("samarbetspartner"), blank=True, help_text=_("En per rad."))
    description = models.TextField(_("beskrivning"), blank=True)
    links = models.TextField(_("länkar"), blank=True, help_text=_("En webbadress per rad."))
    source = models.CharField(
        _("källa"),
        max_length=500,
        blank=True,
        help_text=_("Var uppgifterna kommer ifrån, om de inte är länsstyrelsens egna."),
    )
    key = models.SlugField(
        _("nyckel"), max_length=80, unique=True, null=True, blank=True, editable=False
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)
    archived = models.BooleanField(_("arkiverad"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    created = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)

    history = tracked(HistoricalRecords(m2m_fields=["target_groups"]))
    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "sub_assignment_id", "start_date", "title"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        indexes = [models.Index(fields=["county", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(start_date__lte=models.F("end_date")),
                name="activity_dates_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def reach_figures(self) -> list[dict]:
        """Each reach figure with its measure in words, for pages and exports."""
        labels, qualifiers = dict(ReachMeasure.choices), dict(Qualifier.choices)
        return [
            {
                **figure,
                "measure_label": labels.get(figure.get("measure"), figure.get("measure")),
                "qualifier_label": qualifiers.get(figure.get("qualifier", Qualifier.EXACT), ""),
            }
            for figure in self.reach or []
        ]
