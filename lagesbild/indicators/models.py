"""Goals, indicators and observations: the core of the follow-up."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lagesbild.core.marking import example_notice, readable_source


def localised(obj, field: str) -> str:
    """The Swedish or English variant of a field, following the active language."""
    if (get_language() or "sv").startswith("en"):
        return getattr(obj, f"{field}_en") or getattr(obj, f"{field}_sv")
    return getattr(obj, f"{field}_sv")


class Goal(models.Model):
    """One of the strategy's four målsättningar, with the totals the seed report gives for it."""

    number = models.PositiveSmallIntegerField(_("nummer"), primary_key=True)
    name_sv = models.CharField(_("namn (svenska)"), max_length=200)
    name_en = models.CharField(_("namn (engelska)"), max_length=200)
    description_sv = models.TextField(_("beskrivning (svenska)"), blank=True)
    description_en = models.TextField(_("beskrivning (engelska)"), blank=True)
    declared_total = models.PositiveIntegerField(
        _("antal indikatorer enligt källa"), null=True, blank=True
    )
    declared_regional = models.PositiveIntegerField(
        _("antal läsbara på regional nivå enligt källa"), null=True, blank=True
    )
    declared_source = models.CharField(_("källa för antalen"), max_length=300, blank=True)
    notes = models.TextField(_("kommentar"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("målsättning")
        verbose_name_plural = _("målsättningar")

    def __str__(self) -> str:
        return f"{self.number}. {self.name_sv}"

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


class Status(models.TextChoices):
    CORE = "karnindikator", _("Kärnindikator")
    INDICATOR = "indikator", _("Indikator")
    DEVELOPMENT = "utvecklingsindikator", _("Utvecklingsindikator")


class Unit(models.TextChoices):
    PERCENT = "procent", _("procent")
    COUNT = "antal", _("antal")
    PER_1000 = "per_1000", _("per 1 000")
    PER_10000 = "per_10000", _("per 10 000")
    PER_100000 = "per_100000", _("per 100 000")


class Sex(models.TextChoices):
    TOTAL = "T", _("Totalt")
    WOMEN = "K", _("Kvinnor")
    MEN = "M", _("Män")


class Scope(models.TextChoices):
    NATIONAL = "nationell", _("Nationellt rekommenderad")
    REGIONAL = "regional", _("Regionalt tillägg")


class Origin(models.TextChoices):
    CATALOGUE = "catalogue", _("Katalogfil")
    USER = "user", _("Tillagd av användare")


class Indicator(models.Model):
    id = models.SlugField(_("id"), max_length=80, primary_key=True)
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("målsättning")
    )
    name_sv = models.CharField(_("namn (svenska)"), max_length=300)
    name_en = models.CharField(_("namn (engelska)"), max_length=300)
    description_sv = models.TextField(_("beskrivning (svenska)"), blank=True)
    description_en = models.TextField(_("beskrivning (engelska)"), blank=True)
    area = models.CharField(_("indikatorområde"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices)
    status_note = models.TextField(_("kommentar om status"), blank=True)
    scope = models.CharField(
        _("rekommenderad"), max_length=12, choices=Scope.choices, default=Scope.NATIONAL
    )
    data_source = models.CharField(_("datakälla"), max_length=200)
    agency = models.CharField(_("ansvarig myndighet"), max_length=200)
    unit = models.CharField(_("enhet"), max_length=16, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(_("decimaler"), default=0)
    levels = models.JSONField(_("nivåer"), default=list, blank=True)
    by_sex = models.BooleanField(_("uppdelad på kön"), default=False)
    dimension = models.JSONField(_("extra dimension"), null=True, blank=True)
    higher_is_better = models.BooleanField(_("högre är bättre"), null=True, blank=True)
    references = models.JSONField(
        _("referenser"),
        default=list,
        blank=True,
        help_text=_("Adresser där indikatorns definition är publicerad."),
    )
    notes = models.TextField(
        _("kommentar"), blank=True, help_text=_("Till exempel var en källa är ofullständig.")
    )
    origin = models.CharField(
        _("ursprung"), max_length=12, choices=Origin.choices, default=Origin.CATALOGUE
    )
    catalogue_file = models.CharField(_("katalogfil"), max_length=200, blank=True)

    class Meta:
        ordering = ["goal_id", "id"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")

    def __str__(self) -> str:
        return self.name_sv

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")

    def readable_at(self, level: str) -> bool:
        return level in self.levels

    def breakdown_categories(self) -> dict[str, dict]:
        """Category id → category, empty when the indicator has no extra dimension."""
        if not self.dimension:
            return {}
        return {c["id"]: c for c in self.dimension.get("categories", [])}

    def published_indicators(self) -> dict[str, str]:
        """Category id → the published indicator the category's series belongs to (a combined view
        such as bra-personuppklaring gathers several published indicators in one dimension)."""
        return {
            c["id"]: c["indicator"]
            for c in (self.dimension or {}).get("categories", [])
            if c.get("indicator")
        }

    @property
    def is_combined_view(self) -> bool:
        """Gathers published indicators in one series: not counted as an indicator of its own."""
        return bool(self.published_indicators())

    def combined_in(self) -> list[tuple[Indicator, list[str]]]:
        """The combined views holding this indicator's figures, with the categories that hold them."""
        found = []
        for other in Indicator.objects.exclude(dimension=None).exclude(pk=self.pk):
            categories = [c for c, i in other.published_indicators().items() if i == self.id]
            if categories:
                found.append((other, categories))
        return found

    def breakdown_label(self, category_id: str) -> str:
        category = self.breakdown_categories().get(category_id)
        if not category:
            return category_id
        if (get_language() or "sv").startswith("en"):
            return category.get("en") or category["sv"]
        return category["sv"]


class RegionalGoal(models.Model):
    """A goal of a county's own strategy, beside the national four, with the indicators that follow it."""

    county = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="regional_goals",
        verbose_name=_("län"),
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    name_sv = models.CharField(_("namn (svenska)"), max_length=300)
    name_en = models.CharField(_("namn (engelska)"), max_length=300)
    description_sv = models.TextField(_("beskrivning (svenska)"), blank=True)
    description_en = models.TextField(_("beskrivning (engelska)"), blank=True)
    strategy_sv = models.CharField(_("strategi (svenska)"), max_length=300)
    strategy_en = models.CharField(_("strategi (engelska)"), max_length=300)
    references = models.JSONField(_("referenser"), default=list, blank=True)
    notes = models.TextField(_("kommentar"), blank=True)
    indicators = models.ManyToManyField(
        Indicator, related_name="regional_goals", blank=True, verbose_name=_("indikatorer")
    )
    catalogue_file = models.CharField(_("katalogfil"), max_length=200, blank=True)

    class Meta:
        ordering = ["county_id", "number"]
        verbose_name = _("regionalt mål")
        verbose_name_plural = _("regionala mål")
        constraints = [
            models.UniqueConstraint(fields=["county", "number"], name="regional_goal_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.county_id} mål {self.number}: {self.name_sv}"

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")

    @property
    def strategy(self) -> str:
        return localised(self, "strategy")


# --- Provenance: every observation belongs to the import batch that brought it in. ---------------


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
        # The table keeps the name it had when provenance lived in the sources app.
        db_table = "sources_importbatch"
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
    def source_text(self) -> str:
        """The source for people, without the example notice (generated data in the reader's language)."""
        return readable_source(self.source, self.is_example, self.parameters)

    @property
    def source_label(self) -> str:
        """The source as shown next to every figure; example data always says so (in the reader's language)."""
        if self.is_example:
            return f"{example_notice()} ({self.source_text})"
        return self.source


class ObservationStatus(models.TextChoices):
    OK = "ok", _("ok")
    MISSING = "missing", _("saknas")
    SUPPRESSED = "suppressed", _("skyddad (för få fall)")
    PRELIMINARY = "preliminary", _("preliminär")


class Observation(models.Model):
    """One figure: indicator × territory × period × sex × breakdown, with its provenance."""

    # No single-column indexes on these two: the unique key (indicator first) and the territory index
    # (territory first) already serve those lookups, and every extra index slows bulk imports.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="observations",
        db_index=False,
    )
    period_start = models.PositiveSmallIntegerField(_("första år"))
    period_end = models.PositiveSmallIntegerField(_("sista år"))
    sex = models.CharField(_("kön"), max_length=1, choices=Sex.choices, default=Sex.TOTAL)
    breakdown = models.CharField(_("uppdelning"), max_length=80, blank=True, default="")
    value = models.FloatField(_("värde"), null=True, blank=True)
    lower = models.FloatField(_("nedre gräns"), null=True, blank=True)
    upper = models.FloatField(_("övre gräns"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ObservationStatus.choices, default=ObservationStatus.OK
    )
    note = models.TextField(_("kommentar"), blank=True, default="")
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="observations")
    is_example = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "territory", "period_start", "period_end", "sex", "breakdown"],
                name="observation_unique_key",
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="observation_period_order",
            ),
        ]
        indexes = [
            models.Index(fields=["territory", "indicator"], name="observation_territory_idx")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.territory_id} {self.period_label} {self.sex}"

    @property
    def period_label(self) -> str:
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"

    @property
    def is_range(self) -> bool:
        return self.lower is not None and self.upper is not None


class ObservationRevision(models.Model):
    """What an observation held before an import changed it."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="revisions")
    old_value = models.FloatField(null=True, blank=True)
    old_lower = models.FloatField(null=True, blank=True)
    old_upper = models.FloatField(null=True, blank=True)
    old_status = models.CharField(max_length=12)
    old_note = models.TextField(blank=True, default="")
    old_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("ändring av observation")
        verbose_name_plural = _("ändringar av observationer")

    def __str__(self) -> str:
        return f"{self.observation_id} före importomgång {self.batch_id}"


class ObservationSummary(models.Model):
    """How many observations there are per indicator × territory level × period × sex × breakdown ×
    example × import batch, and how many of them carry a figure: what the catalogue overview,
    coverage, counted selections and the feeds of new data need, without scanning every observation. Kept exactly right by the import path, which
    recomputes the rows of every indicator it touched in the same transaction
    (lagesbild.indicators.summaries)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    level = models.CharField(_("nivå"), max_length=10)
    period_start = models.PositiveSmallIntegerField(_("första år"))
    period_end = models.PositiveSmallIntegerField(_("sista år"))
    sex = models.CharField(_("kön"), max_length=1)
    breakdown = models.CharField(_("uppdelning"), max_length=80, blank=True, default="")
    is_example = models.BooleanField(_("exempeldata"), default=False)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    observations = models.PositiveIntegerField(_("observationer"))
    figures = models.PositiveIntegerField(_("med värde eller intervall"))

    class Meta:
        verbose_name = _("sammanfattning av observationer")
        verbose_name_plural = _("sammanfattningar av observationer")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "indicator",
                    "level",
                    "period_start",
                    "period_end",
                    "sex",
                    "breakdown",
                    "is_example",
                    "batch",
                ],
                name="observation_summary_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.level} {self.period_start}–{self.period_end} {self.sex}"


class IndicatorLevelSummary(models.Model):
    """The observation summary summed over periods and sexes: per indicator × territory level ×
    breakdown × example × import batch, how many observations and figures there are and the latest
    period with a figure. Its size follows the catalogue, not the years stored, so the start page and
    the feeds cost the same however much history is kept. Recounted with ObservationSummary."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    level = models.CharField(_("nivå"), max_length=10)
    breakdown = models.CharField(_("uppdelning"), max_length=80, blank=True, default="")
    is_example = models.BooleanField(_("exempeldata"), default=False)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    observations = models.PositiveIntegerField(_("observationer"))
    figures = models.PositiveIntegerField(_("med värde eller intervall"))
    # The latest period with a figure as end × 10000 + start (which orders periods by end, then
    # start), or null when none has a figure.
    latest = models.PositiveIntegerField(_("senaste period med värde"), null=True, blank=True)

    class Meta:
        verbose_name = _("sammanfattning per indikator och nivå")
        verbose_name_plural = _("sammanfattningar per indikator och nivå")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "level", "breakdown", "is_example", "batch"],
                name="indicator_level_summary_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.level} {self.breakdown}"
