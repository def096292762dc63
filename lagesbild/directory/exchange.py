"""What the spreadsheet and HSDS importers share: a parsed row (`ServiceRecord`), the checks that
need the database (permissions, approvals, duplicates) and the all-or-nothing writer.

Like indicator imports (lagesbild.sources.importing), an import either writes every row or nothing:
all rows are parsed and checked first, every problem is reported as file, row, field and reason
(`RowError`), and the writing runs in one transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from lagesbild.accounts.scope import scope_of
from lagesbild.sources.importing import ImportRejected
from lagesbild.sources.records import RowError
from lagesbild.territories.models import RIKET_CODE, Level, UnknownTerritory, fold

from .catchment import territory_index
from .editing import ServiceChanges, save_organization, save_service
from .models import Language, Organization, Service, ServiceStatus, TaxonomyTerm, looks_like_shelter

MAX_ERRORS = 200
# The words a yes/no cell may hold (docs/directory.md); anything else is refused with row and column.
YES = ("ja", "yes", "true", "sant", "1", "x")
NO = ("nej", "no", "false", "falskt", "0")
STATUS_WORDS = {
    "utkast": ServiceStatus.DRAFT,
    "draft": ServiceStatus.DRAFT,
    "publicerad": ServiceStatus.PUBLISHED,
    "published": ServiceStatus.PUBLISHED,
    "publicera": ServiceStatus.PUBLISHED,
    "arkiverad": ServiceStatus.ARCHIVED,
    "archived": ServiceStatus.ARCHIVED,
}
LANGUAGE_ALIASES = {"teckensprak": "swl", "teckensprak (svenskt)": "swl", "sign language": "swl"}


@dataclass
class ServiceRecord:
    file: str
    row: int
    values: dict = field(default_factory=dict)  # Service field name -> value
    relations: dict = field(default_factory=dict)  # relation name -> list of objects
    service_id: uuid.UUID | None = None
    county: str | None = None
    organization: dict = field(default_factory=dict)  # id?, name, and optional details
    keep_address: bool = (
        False  # a protected address is never exported: an empty one keeps the stored one
    )
    # What the file says about a protected address: True, False, or None when it says nothing (no
    # column, empty cell, HSDS without the extension). None never clears a stored protection.
    protection: bool | None = None
    columns: dict = field(default_factory=dict)  # field -> column name as written in the file


@dataclass
class ExchangeSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False

    def describe(self) -> str:
        verb = _("skulle ge") if self.dry_run else _("gav")
        return _(
            "%(rows)s verksamheter %(verb)s %(created)s nya, %(updated)s ändrade och %(unchanged)s oförändrade"
        ) % {
            "rows": self.rows,
            "verb": verb,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


class Vocabulary:
    """Terms and languages looked up by any of their names, codes or ids, case- and å/ä/ö-blind."""

    def __init__(self):
        self.terms: dict[str, dict[str, TaxonomyTerm]] = {}
        self.by_uuid: dict[str, TaxonomyTerm] = {}
        for term in TaxonomyTerm.objects.select_related("taxonomy"):
            lookup = self.terms.setdefault(term.taxonomy_id, {})
            for key in (term.code, term.name_sv, term.name_en, term.name_easy, str(term.uuid)):
                if key:
                    lookup.setdefault(fold(key), term)
            self.by_uuid[str(term.uuid)] = term
        self.languages: dict[str, Language] = {}
        for language in Language.objects.all():
            for key in (language.code, language.name_sv, language.name_en, language.native):
                self.languages.setdefault(fold(key), language)
        for alias, code in LANGUAGE_ALIASES.items():
            if code in self.languages:
                self.languages[alias] = self.languages[code]

    def term(self, taxonomy: str, text: str) -> TaxonomyTerm:
        found = self.terms.get(taxonomy, {}).get(fold(text))
        if found is None:
            known = ", ".join(sorted({t.name_sv for t in self.terms.get(taxonomy, {}).values()}))
            raise ValueError(
                _("okänt värde %(value)r (kända värden: %(known)s)")
                % {"value": text, "known": known}
            )
        return found

    def language(self, text: str) -> Language:
        found = self.languages.get(fold(text))
        if found is None:
            raise ValueError(
                _("okänt språk %(value)r: ange ett språk från listan eller dess ISO 639-kod")
                % {"value": text}
            )
        return found


def yes_no_or_unset(text) -> bool | None:
    """True or False from one of the documented words, None for an empty cell; refuses the rest."""
    if isinstance(text, bool):
        return text
    folded = fold(str(text if text is not None else ""))
    if folded == "":
        return None
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise ValueError(
        _("%(value)r är inte ja eller nej (skriv något av: %(words)s)")
        % {"value": str(text), "words": ", ".join(YES + NO)}
    )


def resolve_protection(record: ServiceRecord, existing: Service | None) -> tuple[bool, str | None]:
    """The protection a service gets from an import, and a problem when the file tries to clear it.

    A stored protection is never dropped by an import: only the edit form can do that. A new service
    the file says nothing about is protected when it looks like sheltered housing."""
    if existing is not None and existing.location_confidential:
        if record.protection is False:
            return True, _(
                "adressen är skyddad och kan bara göras publik i redigeringsformuläret av det ägande länets "
                "redaktör; ange ja eller lämna cellen tom"
            )
        return True, None
    if record.protection is not None:
        return record.protection, None
    if existing is not None:
        return False, None
    values = record.values
    return looks_like_shelter(
        values.get("name", ""), values.get("alternate_name", ""), values.get("description", "")
    ), None


def checked_url(text: str) -> str:
    text = (text or "").strip()
    if text and "://" not in text:
        text = "https://" + text
    if text:
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            raise ValueError(_("%(value)r är ingen webbadress") % {"value": text}) from None
    return text


def checked_email(text: str) -> str:
    text = (text or "").strip()
    if text:
        try:
            EmailValidator()(text)
        except ValidationError:
            raise ValueError(_("%(value)r är ingen e-postadress") % {"value": text}) from None
    return text


def owning_county(text: str) -> str:
    territory = territory_index().resolve(text)
    if territory.level == Level.KOMMUN:
        raise UnknownTerritory(
            _("%(name)s är en kommun; ange länet som ansvarar") % {"name": territory.name}
        )
    return territory.code


def status_of(text: str) -> str:
    found = STATUS_WORDS.get(fold(text or "utkast"))
    if found is None:
        raise ValueError(
            _("okänd status %(value)r (utkast, publicerad eller arkiverad)") % {"value": text}
        )
    return found


def default_county(user, fallback: str | None) -> str | None:
    return scope_of(user).county or fallback


class Checker:
    """The checks that need the database, per record and across the file."""

    def __init__(self, user):
        self.user = user
        self.scope = scope_of(user)
        self.trusted = user is None or self.scope.national  # the command line runs as the platform
        self.seen_ids: dict[uuid.UUID, int] = {}
        self.seen_keys: dict[tuple, int] = {}

    def problems(self, record: ServiceRecord, existing: Service | None) -> list[tuple[str, str]]:
        problems = []
        if record.county is None:
            problems.append(("county", _("ägande län saknas (ange kolumnen län eller --county)")))
            return problems
        if not self.trusted and not self.scope.may_edit_county(record.county):
            problems.append(
                ("county", _("du kan bara importera verksamheter som ditt län ansvarar för"))
            )
        if existing is not None and not self.trusted and not existing.can_edit(self.user):
            problems.append(
                ("id", _("verksamheten ägs av ett annat län och kan inte ändras av dig"))
            )
        if existing is not None and existing.county_id != record.county and not self.trusted:
            problems.append(
                (
                    "county",
                    _(
                        "bara den nationella administratören kan flytta en verksamhet till ett annat län"
                    ),
                )
            )
        problems += self._duplicates(record)
        problems += self._publishing(record, existing)
        protected, problem = resolve_protection(record, existing)
        record.values["location_confidential"] = protected
        record.keep_address = protected and not any(
            record.values.get(k) for k in ("street_address", "city")
        )
        if problem:
            problems.append(("location_confidential", problem))
        return problems

    def _duplicates(self, record: ServiceRecord) -> list[tuple[str, str]]:
        if record.service_id is not None:
            if record.service_id in self.seen_ids:
                return [
                    (
                        "id",
                        _("samma id som rad %(row)s") % {"row": self.seen_ids[record.service_id]},
                    )
                ]
            self.seen_ids[record.service_id] = record.row
            return []
        key = (
            record.county,
            fold(record.values.get("name", "")),
            fold(record.organization.get("name", "")),
        )
        if key in self.seen_keys:
            return [
                (
                    "name",
                    _("samma verksamhet (namn, huvudman och län) som rad %(row)s")
                    % {"row": self.seen_keys[key]},
                )
            ]
        self.seen_keys[key] = record.row
        return []

    def _publishing(self, record: ServiceRecord, existing: Service | None) -> list[tuple[str, str]]:
        if self.trusted or record.values.get("status") != ServiceStatus.PUBLISHED:
            return []
        areas = [t.code for t in record.relations.get("catchment_areas", [])]
        level = record.values.get("catchment_level")
        needed = Service.foreign_counties_for(record.county, level, areas)
        missing = (
            sorted(needed)
            if existing is None
            else existing.missing_approvals(needed, level=level, area_codes=areas)
        )
        if missing:
            return [
                (
                    "status",
                    _(
                        "kan inte publiceras: upptagningsområdet når in i län %(counties)s som inte har godkänt "
                        "det (importera som utkast och begär godkännande)"
                    )
                    % {"counties": ", ".join(missing)},
                )
            ]
        return []


class Existing:
    """Stored services and organizations, found by id or by folded name within their county, each
    county loaded once per import."""

    def __init__(self):
        self.services: dict[str, dict[tuple, Service]] = {}
        self.organizations: dict[str, dict[str, Organization]] = {}

    def service(self, record: ServiceRecord) -> Service | None:
        if record.service_id is not None:
            return Service.objects.filter(pk=record.service_id).first()
        if record.county is None:
            return None
        if record.county not in self.services:
            stored = Service.objects.filter(county_id=record.county).select_related("organization")
            self.services[record.county] = {
                (fold(s.name), fold(s.organization.name)): s for s in stored
            }
        key = (fold(record.values.get("name", "")), fold(record.organization.get("name", "")))
        return self.services[record.county].get(key)

    def organization(self, record: ServiceRecord, user, reason: str) -> Organization:
        details = {k: v for k, v in record.organization.items() if k not in ("id", "name") and v}
        found = (
            Organization.objects.filter(pk=record.organization["id"]).first()
            if record.organization.get("id")
            else None
        )
        if found is None:
            if record.county not in self.organizations:
                stored = Organization.objects.filter(county_id=record.county)
                self.organizations[record.county] = {fold(o.name): o for o in stored}
            found = self.organizations[record.county].get(fold(record.organization["name"]))
        if found is None:
            found = Organization(
                name=record.organization["name"],
                county_id=record.county,
                is_example=record.values.get("is_example", False),
                **details,
            )
            if record.organization.get("id"):
                found.id = record.organization["id"]
            self.organizations.setdefault(record.county, {})[fold(found.name)] = found
            return save_organization(found, user, reason)
        changed = {k: v for k, v in details.items() if getattr(found, k) != v}
        if changed and (user is None or found.can_edit(user)):
            for name, value in changed.items():
                setattr(found, name, value)
            save_organization(found, user, reason)
        return found


def write_records(
    records: list[ServiceRecord],
    errors: list[RowError],
    *,
    user=None,
    reason: str,
    dry_run: bool = False,
    file_name: str = "",
) -> ExchangeSummary:
    """Checks every record against the database, then writes them all, or raises ImportRejected."""
    checker = Checker(user)
    stored = Existing()
    plan: list[tuple[ServiceRecord, Service | None]] = []
    for record in records:
        existing = stored.service(record)
        for name, problem in checker.problems(record, existing):
            errors.append(
                RowError(record.file, record.row, record.columns.get(name, name), problem)
            )
        plan.append((record, existing))
        if len(errors) >= MAX_ERRORS:
            break
    if not errors and not records:
        errors.append(RowError(file_name, 0, "", _("filen innehåller inga verksamheter")))
    if errors:
        raise ImportRejected(errors[:MAX_ERRORS], truncated=len(errors) >= MAX_ERRORS)
    summary = ExchangeSummary(rows=len(records), dry_run=dry_run)
    with transaction.atomic():
        for record, existing in plan:
            _write(record, existing, stored, user, reason, summary)
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _write(
    record: ServiceRecord,
    existing: Service | None,
    stored: Existing,
    user,
    reason: str,
    summary: ExchangeSummary,
) -> None:
    service = existing or Service(id=record.service_id or uuid.uuid4())
    values = dict(record.values)
    if record.keep_address and existing is not None:
        for name in ("street_address", "postal_code", "city", "latitude", "longitude"):
            values.pop(name, None)
    values["organization"] = stored.organization(record, user, reason)
    values["county_id"] = record.county
    if save_service(
        service, ServiceChanges(fields=values, relations=record.relations, reason=reason), user
    ):
        if existing is None:
            summary.created += 1
        else:
            summary.updated += 1
    else:
        summary.unchanged += 1


def parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value if not hasattr(value, "date") else value.date()
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(
            _("%(value)r är inget datum (skriv ÅÅÅÅ-MM-DD)") % {"value": value}
        ) from None


def county_of_catchment(territories) -> str | None:
    counties = {t.code[:2] if t.level == Level.KOMMUN else t.code for t in territories}
    return counties.pop() if len(counties) == 1 and RIKET_CODE not in counties else None
