"""What the audit log reads: one `Kind` per kind of change an editor can make, each built on the
records the change already leaves behind (django-simple-history's historical records: who, when,
before and after; an import's batch; a survey share's publication), so no write path has to
remember to log anything.

Each kind knows how to find its records (filtered by time, person and county in the database), which
county a record belongs to, and how to tell a record as an `Entry` with its changes in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.accounts.models import Membership
from lagesbild.activities.models import Activity
from lagesbild.core.history import record_changes, record_values
from lagesbild.directory.history import SERVICE_WORDS
from lagesbild.directory.models import CatchmentApproval, Organization, Service
from lagesbild.indicators.models import ImportBatch, Observation, ObservationRevision
from lagesbild.publications.models import Publication
from lagesbild.reports.models import Commentary, Edition, ReportSettings
from lagesbild.surveys.models import Invitation, PublishedShare, Question, Survey

CREATED, CHANGED, DELETED, IMPORTED, PUBLISHED = "+", "~", "-", "import", "publish"
ACTIONS = {
    CREATED: gettext_lazy("skapad"),
    CHANGED: gettext_lazy("ändrad"),
    DELETED: gettext_lazy("borttagen"),
    IMPORTED: gettext_lazy("importerad"),
    PUBLISHED: gettext_lazy("publicerad"),
}
# How many observation changes an import's entry spells out (the rest are counted).
IMPORT_DETAIL = 20


@dataclass
class Entry:
    when: datetime
    who: str
    kind: str
    kind_label: str
    action: str
    subject: str
    county: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reason: str = ""

    @property
    def action_label(self) -> str:
        return str(ACTIONS[self.action])


@dataclass(frozen=True)
class Criteria:
    """What the viewer asked for; `county` is forced to their own for a county editor."""

    kinds: tuple[str, ...] = ()
    county: str | None = None
    user: str = ""
    start: datetime | None = None
    end: datetime | None = None  # exclusive


def _who(user) -> str:
    if user is None:
        return _("ingen inloggad användare (kommandoraden eller en svarslänk)")
    return user.get_username()


def _narrowed(found: QuerySet, criteria: Criteria, user_field: str, time_field: str) -> QuerySet:
    """The records a viewer's user name and dates select, whatever the fields are called."""
    if criteria.user:
        found = found.filter(**{f"{user_field}__username__icontains": criteria.user})
    if criteria.start:
        found = found.filter(**{f"{time_field}__gte": criteria.start})
    if criteria.end:
        found = found.filter(**{f"{time_field}__lt": criteria.end})
    return found


class Kind:
    """A kind of change read from a model's historical records."""

    def __init__(
        self,
        key: str,
        label,
        model,
        county_of: str,
        *,
        county_filter: Callable[[str], Q] | None = None,
        words: dict | None = None,
    ):
        self.key, self.label, self.model = key, label, model
        self.county_path = county_of
        self.county_filter = county_filter or (lambda code: Q(**{county_of: code}))
        self.words = words or {}

    # --- finding records ---------------------------------------------------------------------
    @property
    def history(self):
        return self.model.history.model

    def records(self, criteria: Criteria) -> QuerySet:
        found = self.history.objects.all()
        if criteria.county:
            found = found.filter(self.county_filter(criteria.county))
        found = _narrowed(found, criteria, "history_user", "history_date")
        return found.annotate(audit_county=self.county_expression()).order_by(
            "-history_date", "-history_id"
        )

    def county_expression(self):
        return F(self.county_path)

    def when(self, record) -> datetime:
        return record.history_date

    # --- telling a record --------------------------------------------------------------------
    def entry(self, record) -> Entry:
        if record.history_type == CHANGED:
            previous = record.prev_record
            changes = (
                record_changes(self.model, record, previous, self.words)
                if previous is not None
                else []
            )
        else:
            changes = [
                (label, "–", words) if record.history_type == CREATED else (label, words, "–")
                for label, words in record_values(self.model, record, self.words)
            ]
        return Entry(
            when=record.history_date,
            who=_who(record.history_user),
            kind=self.key,
            kind_label=str(self.label),
            action=record.history_type,
            subject=self.subject(record),
            county=record.audit_county or "",
            changes=changes,
            reason=record.history_change_reason or "",
        )

    def subject(self, record) -> str:
        try:
            return str(record.instance)
        except Exception:  # a related row of an old record that no longer exists
            return f"{self.model._meta.verbose_name} {record.pk}"


class ImportKind(Kind):
    """Imports of observations: the batch says who, when, from what and how much; the revisions say
    what each changed observation held before."""

    def records(self, criteria: Criteria) -> QuerySet:
        found = ImportBatch.objects.select_related("user")
        if criteria.county:
            found = found.filter(self.county_filter(criteria.county))
        found = _narrowed(found, criteria, "user", "imported_at")
        county = Value(criteria.county) if criteria.county else self.county_expression()
        return found.annotate(audit_county=county).order_by("-imported_at", "-id")

    def county_expression(self):
        return F("user__membership__county_id")

    def when(self, record) -> datetime:
        return record.imported_at

    def entry(self, batch) -> Entry:
        summary = _(
            "%(rows)s rader: %(created)s nya, %(updated)s ändrade, %(unchanged)s oförändrade"
        ) % {
            "rows": batch.rows,
            "created": batch.created,
            "updated": batch.updated,
            "unchanged": batch.unchanged,
        }
        details = [batch.file_name or batch.url or "", batch.note]
        return Entry(
            when=batch.imported_at,
            who=_who(batch.user),
            kind=self.key,
            kind_label=str(self.label),
            action=IMPORTED,
            subject=f"{batch.get_kind_display()}: {batch.source}",
            county=batch.audit_county or "",
            changes=self.observation_changes(batch),
            reason="; ".join(part for part in [summary, *details] if part),
        )

    @staticmethod
    def observation_changes(batch) -> list[tuple[str, str, str]]:
        changes = []
        revisions = (
            ObservationRevision.objects.filter(batch=batch)
            .select_related("observation")
            .order_by("id")[:IMPORT_DETAIL]
        )
        for revision in revisions:
            observation = revision.observation
            later = (
                ObservationRevision.objects.filter(observation=observation, id__gt=revision.id)
                .order_by("id")
                .first()
            )
            after = (
                (later.old_value, later.old_status)
                if later
                else (observation.value, observation.status)
            )
            changes.append(
                (
                    str(observation),
                    _figure(revision.old_value, revision.old_status),
                    _figure(*after),
                )
            )
        if batch.updated > len(changes):
            changes.append(
                (_("… och fler ändrade observationer"), "", str(batch.updated - len(changes)))
            )
        return changes


def _figure(value, status) -> str:
    shown = "–" if value is None else f"{value:g}"
    return shown if status == "ok" else f"{shown} ({status})"


class ShareKind(Kind):
    """Survey results published as county figures."""

    def records(self, criteria: Criteria) -> QuerySet:
        found = PublishedShare.objects.select_related(
            "published_by", "question", "question__survey", "indicator"
        )
        if criteria.county:
            found = found.filter(question__survey__county_id=criteria.county)
        found = _narrowed(found, criteria, "published_by", "published_at")
        return found.annotate(audit_county=F("question__survey__county_id")).order_by(
            "-published_at", "-id"
        )

    def when(self, record) -> datetime:
        return record.published_at

    def entry(self, share) -> Entry:
        return Entry(
            when=share.published_at,
            who=_who(share.published_by),
            kind=self.key,
            kind_label=str(self.label),
            action=PUBLISHED,
            subject=f"{share.question.survey.title}: {share.question.text}",
            county=share.audit_county or "",
            changes=[
                (_("svar"), "–", share.answer),
                (_("indikator"), "–", f"{share.indicator_id} ({share.period})"),
                (_("andel (procent)"), "–", f"{share.value:g}"),
            ],
            reason=_("importomgång %(batch)s") % {"batch": share.batch_id},
        )


class EditionKind(Kind):
    """Published editions of a report: stored once, never changed, so the edition is the record."""

    def records(self, criteria: Criteria) -> QuerySet:
        found = Edition.objects.select_related("published_by", "territory")
        if criteria.county:
            found = found.filter(territory_id=criteria.county)
        found = _narrowed(found, criteria, "published_by", "published_at")
        return found.annotate(audit_county=F("territory_id")).order_by("-published_at", "-id")

    def when(self, record) -> datetime:
        return record.published_at

    def entry(self, edition) -> Entry:
        return Entry(
            when=edition.published_at,
            who=_who(edition.published_by),
            kind=self.key,
            kind_label=str(self.label),
            action=PUBLISHED,
            subject=str(edition),
            county=edition.audit_county or "",
            changes=[
                (_("utgåva"), "–", str(edition.number)),
                (_("katalogens fingeravtryck"), "–", edition.catalogue_fingerprint[:16]),
            ],
        )


def _batch_in_county(code: str) -> Q:
    """An import belongs to a county when its importer works there or it touched the county's rows."""
    in_county = Q(territory_id=code) | Q(
        territory__code__startswith=code, territory__level="kommun"
    )
    return (
        Q(user__membership__county_id=code)
        | Exists(Observation.objects.filter(in_county, batch=OuterRef("pk")))
        | Exists(
            ObservationRevision.objects.filter(batch=OuterRef("pk")).filter(
                Q(observation__territory_id=code)
                | Q(
                    observation__territory__code__startswith=code,
                    observation__territory__level="kommun",
                )
            )
        )
    )


class RoleKind(Kind):
    def county_expression(self):
        return Coalesce(F("county_id"), Substr(F("municipality_id"), 1, 2), Value(""))


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind(
            "service",
            gettext_lazy("Stödverksamhet"),
            Service,
            "county_id",
            words=SERVICE_WORDS,
        ),
        Kind("organization", gettext_lazy("Huvudman"), Organization, "county_id"),
        Kind(
            "approval",
            gettext_lazy("Godkännande av upptagningsområde"),
            CatchmentApproval,
            "county_id",
            county_filter=lambda code: Q(county_id=code) | Q(service__county_id=code),
        ),
        Kind("survey", gettext_lazy("Enkät"), Survey, "county_id"),
        Kind("question", gettext_lazy("Enkätfråga"), Question, "survey__county_id"),
        Kind(
            "invitation",
            gettext_lazy("Inbjudan och svar"),
            Invitation,
            "survey__county_id",
        ),
        ShareKind("share", gettext_lazy("Publicerat enkätresultat"), PublishedShare, "question"),
        Kind("activity", gettext_lazy("Aktivitet"), Activity, "county_id"),
        Kind("publication", gettext_lazy("Publikation"), Publication, "county_id"),
        Kind("commentary", gettext_lazy("Text i lägesrapport"), Commentary, "territory_id"),
        Kind(
            "report-settings",
            gettext_lazy("Inställningar för lägesrapport"),
            ReportSettings,
            "territory_id",
        ),
        EditionKind(
            "report-edition", gettext_lazy("Publicerad lägesrapport"), Edition, "territory_id"
        ),
        ImportKind(
            "import",
            gettext_lazy("Import av observationer"),
            ImportBatch,
            "user",
            county_filter=_batch_in_county,
        ),
        RoleKind(
            "role",
            gettext_lazy("Roll"),
            Membership,
            "county_id",
            county_filter=lambda code: Q(county_id=code) | Q(municipality__code__startswith=code),
        ),
    )
}
