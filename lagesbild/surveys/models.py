"""Surveys (enkäter) that a county board sends to the county's municipalities.

A county editor builds the questionnaire while the survey is a draft, opens it for a period and
invites municipalities; each invited municipality answers through a personal signed link, saves
drafts and submits once. A survey can also hold results transcribed from a publication (such as the
survey in Rapport 2019:6) instead of answers collected here: `results_source` then names the
publication and each question carries its `reported_share`.

Nothing is ever deleted: questions are removed by marking them, invitations by withdrawing them and
surveys by archiving them; every change is in the history."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lagesbild.registers.history import tracked
from lagesbild.registers.models import CountyOwned, CountyOwnedQuerySet, county_board_field
from lagesbild.territories.models import Level

YES, NO = "ja", "nej"
SURVEY_DATA_SOURCE = "Länsstyrelsens enkät till kommunerna"


def county_board(county) -> str:
    """'Länsstyrelsen i Stockholms län': the name under which a county board publishes."""
    return f"Länsstyrelsen i {county.name}"


class SurveyStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    OPEN = "oppen", _("Öppen")
    CLOSED = "stangd", _("Stängd")
    ARCHIVED = "arkiverad", _("Arkiverad")


class SurveyQuerySet(CountyOwnedQuerySet):
    def public(self):
        """Closed surveys whose results the county board has chosen to show on the public pages."""
        return self.filter(results_public=True, status=SurveyStatus.CLOSED)


class Survey(CountyOwned):
    county = county_board_field()
    title = models.CharField(_("titel"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("år"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Året som frågorna gäller."),
    )
    introduction = models.TextField(_("inledning till de svarande"), blank=True)
    opens_on = models.DateField(_("öppnar"), null=True, blank=True)
    closes_on = models.DateField(
        _("stänger"), null=True, blank=True, help_text=_("Sista dagen då kommunerna kan svara.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    results_public = models.BooleanField(
        _("visa resultatet publikt"),
        default=False,
        help_text=_(
            "Resultatet visas på den publika resultatsidan när enkäten är stängd, med små antal skyddade."
        ),
    )
    results_source = models.CharField(
        _("källa för resultatet"),
        max_length=400,
        blank=True,
        help_text=_(
            "Fylls i när resultatet är hämtat ur en publikation i stället för insamlat i Lägesbild."
        ),
    )
    key = models.SlugField(
        _("nyckel"), max_length=80, unique=True, null=True, blank=True, editable=False
    )
    site_url = models.URLField(_("adress till Lägesbild"), blank=True, editable=False)
    is_example = models.BooleanField(_("exempeldata"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    created = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)

    history = tracked(HistoricalRecords())
    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True)
                | models.Q(closes_on__isnull=True)
                | models.Q(opens_on__lte=models.F("closes_on")),
                name="survey_period_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.county.name}, {self.year})"

    # --- rules -----------------------------------------------------------------------------------

    @property
    def is_transcribed(self) -> bool:
        """Results come from a publication; no answers are collected here."""
        return bool(self.results_source)

    @property
    def structure_locked(self) -> bool:
        """Questions can change only while the survey is a draft, so every answer meets the same questions."""
        return self.status != SurveyStatus.DRAFT

    def opening_problems(self, today: date | None = None) -> list[str]:
        """Why the survey cannot be opened now; empty when it can."""
        today = today or timezone.localdate()
        problems = []
        if self.status != SurveyStatus.DRAFT:
            problems.append(_("Bara en enkät som är ett utkast kan öppnas."))
        if self.is_transcribed:
            problems.append(_("Enkäten har resultat ur en publikation och tar inte emot svar."))
        if not self.questions.active().exists():
            problems.append(_("Lägg till minst en fråga först."))
        if self.opens_on is None or self.closes_on is None:
            problems.append(_("Ange när enkäten öppnar och stänger."))
        elif self.closes_on < today:
            problems.append(_("Sista svarsdagen har redan passerat; välj en senare dag."))
        return problems

    def answering_problem(self, today: date | None = None) -> str:
        """Why a municipality cannot answer now, or '' when it can."""
        today = today or timezone.localdate()
        if self.status == SurveyStatus.DRAFT:
            return _("Enkäten är inte öppnad ännu.")
        if self.status in (SurveyStatus.CLOSED, SurveyStatus.ARCHIVED):
            return _("Enkäten är stängd och tar inte emot fler svar.")
        if self.opens_on and today < self.opens_on:
            return _("Enkäten öppnar %(day)s.") % {"day": self.opens_on.isoformat()}
        if self.closes_on and today > self.closes_on:
            return _("Sista svarsdagen var %(day)s.") % {"day": self.closes_on.isoformat()}
        return ""

    @property
    def results_final(self) -> bool:
        """Results may be published as figures once no more answers can come."""
        return self.is_transcribed or self.status in (SurveyStatus.CLOSED, SurveyStatus.ARCHIVED)

    @property
    def board(self) -> str:
        return county_board(self.county)

    @property
    def source_label(self) -> str:
        """'<title>, <county board>, <year>': the provenance of figures published from the survey."""
        return f"{self.title}, {self.board}, {self.year}"


class QuestionKind(models.TextChoices):
    YES_NO = "janej", _("Ja eller nej")
    SINGLE = "ett", _("Ett av flera alternativ")
    MULTIPLE = "flera", _("Flera alternativ")
    NUMBER = "tal", _("Tal")
    TEXT = "text", _("Fritext")


CHOICE_KINDS = (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class QuestionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed=False)


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="questions", verbose_name=_("enkät")
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    kind = models.CharField(_("typ av fråga"), max_length=6, choices=QuestionKind.choices)
    text = models.CharField(_("fråga"), max_length=500)
    text_en = models.CharField(
        _("fråga på engelska"),
        max_length=500,
        blank=True,
        help_text=_("Visas på den engelska resultatsidan."),
    )
    help_text = models.CharField(_("hjälptext"), max_length=500, blank=True)
    required = models.BooleanField(_("obligatorisk"), default=True)
    options = models.JSONField(_("svarsalternativ"), default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("följdfråga till"),
    )
    show_if = models.CharField(_("visas om svaret är"), max_length=200, blank=True)
    reported_share = models.FloatField(
        _("publicerad andel (procent)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    reported_answer = models.CharField(_("svaret som andelen gäller"), max_length=200, blank=True)
    reported_note = models.TextField(_("citat och kommentar till andelen"), blank=True)
    removed = models.BooleanField(_("borttagen"), default=False)

    history = tracked(HistoricalRecords())
    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["survey_id", "position", "id"]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")

    def __str__(self) -> str:
        return self.text

    def can_edit(self, user) -> bool:
        return self.survey.can_edit(user)

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"

    @property
    def localised_text(self) -> str:
        if (get_language() or "sv").startswith("en") and self.text_en:
            return self.text_en
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS

    def answer_values(self) -> list[str]:
        """The stored answers a choice question can have, in order."""
        if self.kind == QuestionKind.YES_NO:
            return [YES, NO]
        return list(self.options or [])

    def answer_label(self, value: str) -> str:
        if self.kind == QuestionKind.YES_NO:
            return str(_("Ja")) if value == YES else str(_("Nej")) if value == NO else value
        return value

    def applies_to(self, answers: dict) -> bool:
        """A follow-up is asked only when its parent question got the answer it depends on."""
        if self.parent_id is None:
            return True
        given = answers.get(f"q{self.parent_id}")
        if isinstance(given, list):
            return self.show_if in given
        return given == self.show_if


class InvitationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(withdrawn_at__isnull=True)

    def submitted(self):
        return self.current().filter(submitted_at__isnull=False)

    def waiting(self):
        return self.current().filter(submitted_at__isnull=True)


class Invitation(models.Model):
    """One invited municipality and its answer: a draft until it is submitted, once."""

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("enkät")
    )
    municipality = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Level.KOMMUN},
        verbose_name=_("kommun"),
    )
    email = models.EmailField(_("e-post"), blank=True)
    link_version = models.PositiveSmallIntegerField(
        _("länkversion"),
        default=1,
        help_text=_(
            "Höjs när en ny länk skickas ut på begäran; äldre länkar slutar då att fungera."
        ),
    )
    sent_at = models.DateTimeField(_("inbjudan skickad"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("senaste påminnelse"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("antal påminnelser"), default=0)
    answers = models.JSONField(_("svar"), default=dict, blank=True)
    draft_saved_at = models.DateTimeField(_("utkast sparat"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("svar inskickat"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("inbjudan återkallad"), null=True, blank=True)
    created = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)

    history = tracked(HistoricalRecords())
    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["survey_id", "municipality__name"]
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "municipality"], name="survey_one_invitation_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey.title}: {self.municipality.name}"

    @property
    def state(self) -> str:
        if self.withdrawn_at:
            return "withdrawn"
        if self.submitted_at:
            return "submitted"
        if self.draft_saved_at:
            return "draft"
        return "waiting"

    @property
    def state_label(self) -> str:
        return {
            "withdrawn": _("Återkallad"),
            "submitted": _("Svar inskickat"),
            "draft": _("Utkast sparat"),
            "waiting": _("Inte påbörjad"),
        }[self.state]

    @property
    def last_contact(self):
        return max((t for t in (self.sent_at, self.reminded_at) if t), default=None)


class PublishedShare(models.Model):
    """A question's share published as a county figure: which answer, into which indicator, which import."""

    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="publications", verbose_name=_("fråga")
    )
    answer = models.CharField(_("svar"), max_length=200)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indikator"),
    )
    batch = models.ForeignKey(
        "indicators.ImportBatch",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("importomgång"),
    )
    period = models.PositiveSmallIntegerField(_("år"))
    value = models.FloatField(_("andel (procent)"))
    numerator = models.PositiveIntegerField(_("antal kommuner med svaret"), null=True, blank=True)
    denominator = models.PositiveIntegerField(
        _("antal kommuner som svarat på frågan"), null=True, blank=True
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("publicerad av"),
    )
    published_at = models.DateTimeField(_("publicerad"), default=timezone.now)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("publicerad andel")
        verbose_name_plural = _("publicerade andelar")

    def __str__(self) -> str:
        return f"{self.question} → {self.indicator_id} {self.period}: {self.value:g} %"
