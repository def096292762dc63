"""The support-service matrix: services with the report's eight variables and what a directory needs.

The eight variables of Rapport 2019:6 map onto these fields: name (`Service.name`), huvudman
(`Service.organization`), sector (`Service.sector`), target group by sex/gender
(`Service.target_groups`), target group by exposure type (`Service.exposure_types`), catchment area
(`Service.catchment_level` + `Service.catchment_areas`), opening hours (`always_open`,
`weekly_hours`, `opening_notes`) and information in other languages / easy-to-read (`languages`,
`easy_to_read`). The vocabularies are data (`Taxonomy`, `TaxonomyTerm`, `Language`).

Rules live here: who may edit (`can_edit`), who must approve a catchment in another county
(`foreign_counties`, `missing_approvals`) and what may be shown to the public (`public_address`).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lagesbild.accounts.scope import scope_of
from lagesbild.core.text import swedish_fold
from lagesbild.indicators.models import localised
from lagesbild.territories.models import RIKET_CODE, Level, fold

from . import hours

# Ids of taxonomy terms and of the parts of a service in HSDS are derived from stable codes under
# this namespace, so every installation publishes the same ids for the same terms.
HSDS_NAMESPACE = uuid.UUID("72497e3a-ac2f-4c9b-a1f6-9555611050ef")
EXPOSURE, TARGET_GROUP, SECTOR, INFORMATION_FORMAT = (
    "utsatthet",
    "malgrupp",
    "sektor",
    "informationsformat",
)
EASY_TO_READ_TERM = "lattlast"
STALE_AFTER = timedelta(days=365)
# Words that mark a service as sheltered housing or a shelter-like service whose address must stay
# hidden. A service that arrives from outside (an import) without saying whether its address is
# protected is protected when its name or description holds one of them (folded, see `fold`).
SHELTER_WORDS = (
    "skyddat boende",
    "skyddade boenden",
    "skyddsboende",
    "jourboende",
    "stodboende",
    "kvinnojour",
    "tjejjour",
    "ungdomsjour",
    "transjour",
    "kvinnohus",
    "shelter",
    "safe house",
    "sheltered housing",
)


def looks_like_shelter(*texts: str) -> bool:
    folded = fold(" ".join(text or "" for text in texts))
    return any(word in folded for word in SHELTER_WORDS)


def derived_uuid(*parts) -> uuid.UUID:
    return uuid.uuid5(HSDS_NAMESPACE, ":".join(str(p) for p in parts))


class Taxonomy(models.Model):
    id = models.SlugField(_("id"), max_length=40, primary_key=True)
    uuid = models.UUIDField(_("HSDS-id"), unique=True)
    name_sv = models.CharField(_("namn (svenska)"), max_length=200)
    name_en = models.CharField(_("namn (engelska)"), max_length=200)
    description_sv = models.TextField(_("beskrivning (svenska)"), blank=True)
    description_en = models.TextField(_("beskrivning (engelska)"), blank=True)
    version = models.CharField(_("version"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("taxonomi")
        verbose_name_plural = _("taxonomier")

    def __str__(self) -> str:
        return self.name_sv

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


class TermQuerySet(models.QuerySet):
    def of(self, taxonomy: str):
        return self.filter(taxonomy_id=taxonomy)


class TaxonomyTerm(models.Model):
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, related_name="terms", verbose_name=_("taxonomi")
    )
    code = models.SlugField(_("kod"), max_length=60)
    uuid = models.UUIDField(_("HSDS-id"), unique=True)
    name_sv = models.CharField(_("namn (svenska)"), max_length=200)
    name_en = models.CharField(_("namn (engelska)"), max_length=200)
    name_easy = models.CharField(_("namn (lättläst)"), max_length=200, blank=True)
    description_sv = models.TextField(_("beskrivning (svenska)"), blank=True)
    description_en = models.TextField(_("beskrivning (engelska)"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["taxonomy_id", "order"]
        verbose_name = _("term")
        verbose_name_plural = _("termer")
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="directory_term_code_unique")
        ]

    def __str__(self) -> str:
        return self.name_sv

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


class Language(models.Model):
    code = models.CharField(_("ISO 639-kod"), max_length=3, primary_key=True)
    name_sv = models.CharField(_("namn (svenska)"), max_length=100)
    name_en = models.CharField(_("namn (engelska)"), max_length=100)
    native = models.CharField(_("namn på språket självt"), max_length=100)
    rtl = models.BooleanField(_("skrivs från höger till vänster"), default=False)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("språk")
        verbose_name_plural = _("språk")

    def __str__(self) -> str:
        return self.name_sv

    @property
    def name(self) -> str:
        return localised(self, "name")


class Organization(models.Model):
    """A huvudman: the principal organisation responsible for one or more services."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    website = models.URLField(_("webbplats"), blank=True, max_length=500)
    email = models.EmailField(_("e-post"), blank=True)
    org_number = models.CharField(_("organisationsnummer"), max_length=20, blank=True)
    county = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": [Level.LAN, Level.RIKET]},
        verbose_name=_("ägande län"),
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)
    modified = models.DateTimeField(_("ändrad"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("huvudman")
        verbose_name_plural = _("huvudmän")

    def __str__(self) -> str:
        return self.name

    def can_edit(self, user) -> bool:
        return scope_of(user).may_edit_county(self.county_id)


class ServiceStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    PUBLISHED = "publicerad", _("Publicerad")
    ARCHIVED = "arkiverad", _("Arkiverad")


class CatchmentLevel(models.TextChoices):
    MUNICIPALITIES = "kommuner", _("En eller flera kommuner")
    COUNTIES = "lan", _("Ett eller flera hela län")
    NATION = "riket", _("Hela landet")


# Kept as a name of its own so the editing path can write one history record per edit (see
# editing.save_service) rather than one per saved row and per changed relation.
SERVICE_HISTORY = HistoricalRecords(
    m2m_fields=["target_groups", "exposure_types", "catchment_areas", "languages"],
    excluded_fields=["search_text", "link_ok", "link_checked_at", "link_problem"],
)
HISTORY_M2M = ("target_groups", "exposure_types", "catchment_areas", "languages")


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ServiceStatus.PUBLISHED)

    def editable_by(self, user):
        return scope_of(user).filter(self)

    def covering(self, municipality):
        """Services whose catchment includes the municipality: named, its whole län, or the nation.
        Written as `id IN (catchment rows for three codes)`, the most selective way into the table."""
        areas = [municipality.code, municipality.code[:2], RIKET_CODE]
        through = Service.catchment_areas.through
        return self.filter(
            id__in=through.objects.filter(territory_id__in=areas).values("service_id")
        )

    def not_verified_since(self, day: date):
        return self.exclude(status=ServiceStatus.ARCHIVED).filter(
            models.Q(verified_at__isnull=True) | models.Q(verified_at__lt=day)
        )


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    county = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": [Level.LAN, Level.RIKET]},
        verbose_name=_("ägande län"),
        help_text=_(
            "Länsstyrelsen som ansvarar för uppgifterna, eller riket för nationella verksamheter."
        ),
    )
    # The eight variables of the matrix.
    name = models.CharField(_("namn på verksamhet"), max_length=200)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services", verbose_name=_("huvudman")
    )
    sector = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        related_name="services_by_sector",
        limit_choices_to={"taxonomy_id": SECTOR},
        verbose_name=_("sektor"),
    )
    target_groups = models.ManyToManyField(
        TaxonomyTerm,
        related_name="services_by_target_group",
        limit_choices_to={"taxonomy_id": TARGET_GROUP},
        verbose_name=_("målgrupp efter kön"),
    )
    exposure_types = models.ManyToManyField(
        TaxonomyTerm,
        related_name="services_by_exposure",
        limit_choices_to={"taxonomy_id": EXPOSURE},
        verbose_name=_("målgrupp efter utsatthet"),
    )
    catchment_level = models.CharField(
        _("upptagningsområde"), max_length=8, choices=CatchmentLevel.choices
    )
    catchment_areas = models.ManyToManyField(
        "territories.Territory",
        related_name="services_in_catchment",
        verbose_name=_("kommuner eller län i upptagningsområdet"),
    )
    always_open = models.BooleanField(_("öppet dygnet runt"), default=False)
    weekly_hours = models.JSONField(_("öppettider per veckodag"), default=list, blank=True)
    opening_notes = models.TextField(_("öppettider, kommentar"), blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="services", verbose_name=_("språk")
    )
    easy_to_read = models.BooleanField(_("information på lättläst svenska"), default=False)
    # What a directory needs besides.
    alternate_name = models.CharField(_("annat namn"), max_length=200, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    website = models.URLField(_("webbplats"), blank=True, max_length=500)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    street_address = models.CharField(_("gatuadress"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=10, blank=True)
    city = models.CharField(_("ort"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    location_confidential = models.BooleanField(
        _("skyddad adress"),
        default=False,
        help_text=_(
            "Till exempel skyddat boende: adressen och platsen visas aldrig publikt, exporteras inte och lämnas inte ut i API:et."
        ),
    )
    # Not indexed alone: nearly every service is published, and an index on status by itself tempts
    # SQLite's planner to scan by status instead of starting from the (selective) catchment. The
    # (status, id) index below serves both `status = ? AND id IN (…)` and pages of ids in order.
    status = models.CharField(
        _("status"), max_length=12, choices=ServiceStatus.choices, default=ServiceStatus.DRAFT
    )
    verified_at = models.DateField(_("senast kontrollerad"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kontrollerad av"),
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)
    created = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    modified = models.DateTimeField(
        _("ändrad"), default=timezone.now, editable=False, db_index=True
    )
    # Derived, not part of the history: a folded text for free-text search and the last link check.
    search_text = models.TextField(editable=False, blank=True)
    link_ok = models.BooleanField(_("webbplatsen svarar"), null=True, editable=False)
    link_checked_at = models.DateTimeField(_("webbplatsen kontrollerad"), null=True, editable=False)
    link_problem = models.CharField(
        _("problem med webbplatsen"), max_length=300, blank=True, editable=False
    )

    history = SERVICE_HISTORY
    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("stödverksamhet")
        verbose_name_plural = _("stödverksamheter")
        indexes = [models.Index(fields=["status", "id"]), models.Index(fields=["county", "status"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.modified = timezone.now()
        self.search_text = self.folded_text()
        super().save(*args, **kwargs)
        OpeningPeriod.replace_for(self)

    def folded_text(self) -> str:
        """Name, other name, huvudman and description; never the address (it may be protected)."""
        organization = self.organization.name if self.organization_id else ""
        return swedish_fold(
            " ".join([self.name, self.alternate_name, organization, self.description])
        )

    # --- rules ---------------------------------------------------------------------------------
    def can_edit(self, user) -> bool:
        return scope_of(user).may_edit_county(self.county_id)

    def may_clear_protection(self, user) -> bool:
        """Only an editor of the owning county (the national administrator for national services)
        may make a protected address public, and only in the edit form."""
        scope = scope_of(user)
        if self.county_id == RIKET_CODE:
            return scope.national
        return scope.county == self.county_id

    def is_public(self) -> bool:
        return self.status == ServiceStatus.PUBLISHED

    def can_view(self, user) -> bool:
        return self.is_public() or self.can_edit(user)

    @staticmethod
    def counties_of(level: str, area_codes) -> set[str]:
        """The län (or "00" for the nation) a catchment reaches into."""
        if level == CatchmentLevel.NATION:
            return {RIKET_CODE}
        return {code[:2] for code in area_codes}

    @classmethod
    def foreign_counties_for(cls, county_code: str, level: str, area_codes) -> set[str]:
        """Counties other than the owner whose approval the catchment needs ("00" = national admin)."""
        if county_code == RIKET_CODE:
            return set()
        return cls.counties_of(level, area_codes) - {county_code}

    @staticmethod
    def areas_within(county: str, level: str, area_codes) -> set[str]:
        """The part of a catchment that lies in one county: the kommuner named there, the whole län,
        or the nation ("00"). An approval covers exactly these areas."""
        if level == CatchmentLevel.NATION or county == RIKET_CODE:
            return {RIKET_CODE}
        return {code for code in area_codes if code[:2] == county}

    def catchment_codes(self) -> list[str]:
        return sorted(t.code for t in self.catchment_areas.all())

    def foreign_counties(self) -> set[str]:
        return self.foreign_counties_for(
            self.county_id, self.catchment_level, self.catchment_codes()
        )

    def missing_approvals(
        self, counties: set[str] | None = None, *, level: str | None = None, area_codes=None
    ) -> list[str]:
        """Counties whose approval does not cover the part of the catchment that lies in them. An
        approval names the areas it approved, so widening the catchment needs a new approval."""
        level = level or self.catchment_level
        codes = self.catchment_codes() if area_codes is None else list(area_codes)
        needed = (
            self.foreign_counties_for(self.county_id, level, codes)
            if counties is None
            else counties
        )
        if not needed or self._state.adding:
            return sorted(needed)
        approvals = self.approvals.filter(status=ApprovalStatus.APPROVED, county_id__in=needed)
        covered = {
            a.county_id for a in approvals if a.covers(self.areas_within(a.county_id, level, codes))
        }
        return sorted(set(needed) - covered)

    def publish_blockers(
        self, user, counties: set[str] | None = None, *, level: str | None = None, area_codes=None
    ) -> list[str]:
        """Counties whose approval is still missing before this user may publish the service. The
        national administrator edits everything, so their publishing needs no one else's consent."""
        if scope_of(user).national:
            return []
        return self.missing_approvals(counties, level=level, area_codes=area_codes)

    # --- what the public may see -----------------------------------------------------------------
    def public_address(self) -> dict | None:
        """The visiting address for public pages, exports and the API; None when protected or absent."""
        if self.location_confidential or not (self.street_address or self.city):
            return None
        return {
            "street_address": self.street_address,
            "postal_code": self.postal_code,
            "city": self.city,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }

    # --- opening hours -------------------------------------------------------------------------
    @property
    def periods(self) -> list[hours.Period]:
        return hours.from_json(self.weekly_hours)

    def hours_text(self) -> str:
        return hours.describe_week(self.always_open, self.periods)

    def hours_groups(self) -> list[tuple[str, str]]:
        """[('mån–fre', '09.00–16.00'), …] for tables of opening hours."""
        language = hours.current_language()
        return [
            (hours.day_span(days, language), hours.describe_intervals(ps, language))
            for days, ps in hours.grouped(self.periods)
        ]

    def is_open(self, now=None) -> bool:
        return hours.is_open(self.always_open, self.periods, now)

    def has_hours(self) -> bool:
        return self.always_open or bool(self.weekly_hours)


class OpeningPeriod(models.Model):
    """One period of the weekly schedule, kept in step with `Service.weekly_hours` for "open now"
    queries; derived data, rebuilt on every save."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField()
    opens = models.PositiveSmallIntegerField()
    closes = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["weekday", "opens", "closes"])]

    def __str__(self) -> str:
        return f"{self.service_id} {self.weekday} {self.opens}–{self.closes}"

    @classmethod
    def replace_for(cls, service: Service) -> None:
        cls.objects.filter(service=service).delete()
        cls.objects.bulk_create(
            [
                cls(service=service, weekday=p.day, opens=p.opens, closes=p.closes)
                for p in service.periods
            ]
        )


class ApprovalStatus(models.TextChoices):
    REQUESTED = "begard", _("Begärt")
    APPROVED = "godkand", _("Godkänt")
    DECLINED = "avslagen", _("Avslaget")


class CatchmentApproval(models.Model):
    """Another county's consent to a service being published into its area.

    Requested by an editor of the owning county, decided by an editor of the other county or the
    national administrator ("00": a catchment of the whole nation is decided nationally)."""

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="approvals",
        verbose_name=_("stödverksamhet"),
    )
    county = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("län som ska godkänna"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("begärt av"),
    )
    requested_at = models.DateTimeField(_("begärt"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("beslutat av"),
    )
    decided_at = models.DateTimeField(_("beslutat"), null=True, blank=True)
    reason = models.TextField(_("motivering"), blank=True)
    # The SCB codes of the areas in this county that were approved (kommuner, the län itself, or "00").
    areas = models.JSONField(_("godkända områden"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("godkännande av upptagningsområde")
        verbose_name_plural = _("godkännanden av upptagningsområden")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "county"], name="directory_one_approval_per_county"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} → {self.county_id}: {self.get_status_display()}"

    def can_decide(self, user) -> bool:
        return scope_of(user).may_edit_county(self.county_id)

    def covers(self, areas: set[str]) -> bool:
        """An approval of a whole län covers any kommun in it; otherwise each area must be named."""
        approved = set(self.areas)
        return self.status == ApprovalStatus.APPROVED and (
            self.county_id in approved or set(areas) <= approved
        )
