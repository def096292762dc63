"""Importing HSDS 3.0 services: one service document, a JSON list of them, an HSDS API page
(`{"contents": [...]}`), newline-delimited JSON, or a zip of such files (as `lagesbild directory
export --format hsds` writes), or a zip holding only the Tabular Data Package (datapackage.json and
its CSV tables). Every service is validated against the official schema and then read
through the Lägesbild profile; any problem anywhere means nothing is written."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from lagesbild.core.errors import FileRejected, ImportRejected, RowError
from lagesbild.core.spreadsheets import checked_archive, parse_json, read_json_file
from lagesbild.sources.importing import MAX_ERRORS
from lagesbild.sources.records import sha256_of
from lagesbild.territories.models import RIKET_CODE, Level, fold

from .. import hours
from ..catchment import NATION_WORDS, territory_index
from ..exchange import (
    ExchangeSummary,
    ServiceRecord,
    Vocabulary,
    checked_email,
    checked_url,
    county_of_catchment,
    default_county,
    owning_county,
    parse_date,
    write_records,
)
from ..models import (
    EXPOSURE,
    INFORMATION_FORMAT,
    SECTOR,
    TARGET_GROUP,
    CatchmentLevel,
    ServiceStatus,
)
from . import tabular, validation
from .documents import LINK_TYPE

STATUS = {
    "active": ServiceStatus.PUBLISHED,
    "inactive": ServiceStatus.DRAFT,
    "temporarily closed": ServiceStatus.DRAFT,
    "defunct": ServiceStatus.ARCHIVED,
}
TAXONOMY_OF_LINK_TYPE = {link_type: taxonomy for taxonomy, link_type in LINK_TYPE.items()}
LEVEL_OF_TERRITORY = {
    Level.KOMMUN: CatchmentLevel.MUNICIPALITIES,
    Level.LAN: CatchmentLevel.COUNTIES,
    Level.RIKET: CatchmentLevel.NATION,
}


class _Problems(list):
    def add(self, where: str, reason: str) -> None:
        self.append((where, reason))


def documents_in(path: Path) -> Iterator[tuple[str, int, object]]:
    """(file name, position, document) for every service in the file."""
    suffix = path.suffix.casefold()
    if suffix == ".zip":
        with checked_archive(path, path.name) as archive:
            names = sorted(archive.namelist())
            documents = [
                m
                for m in names
                if m.endswith((".json", ".ndjson")) and not m.endswith(tabular.PACKAGE_DESCRIPTOR)
            ]
            for member in documents:
                yield from _documents_of_text(
                    member, archive.read(member), member.endswith(".ndjson")
                )
            if not documents and tabular.is_package(names):
                # Only the tabular data package: put the service documents together from its tables.
                found, errors = tabular.service_documents_of_package(archive)
                if errors:
                    raise ImportRejected(errors[:MAX_ERRORS], truncated=len(errors) > MAX_ERRORS)
                yield from found
        return
    if suffix not in (".json", ".ndjson"):
        raise FileRejected(
            RowError(
                path.name,
                0,
                "",
                _("filtypen stöds inte: använd HSDS som .json, .ndjson eller .zip"),
            )
        )
    yield from _documents_of_text(path.name, read_json_file(path), suffix == ".ndjson")


def _documents_of_text(name: str, raw: bytes, lines: bool) -> Iterator[tuple[str, int, object]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRejected(RowError(name, 0, "", _("filen är inte kodad som UTF-8"))) from None
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield name, number, _json(name, line, number)
        return
    document = _json(name, text, 0)
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        document = document["contents"]
    if isinstance(document, list):
        for number, item in enumerate(document, start=1):
            yield name, number, item
    else:
        yield name, 1, document


def _json(name: str, text: str, number: int):
    return parse_json(text, name, number)


class ServiceReader:
    """One validated HSDS service document into a ServiceRecord, through the Lägesbild profile."""

    def __init__(self, user, county: str | None):
        self.user = user
        self.county = county
        self.vocabulary = Vocabulary()

    def read(self, name: str, number: int, document) -> tuple[ServiceRecord | None, list[RowError]]:
        if not isinstance(document, dict):
            return None, [RowError(name, number, "", _("en tjänst måste vara ett JSON-objekt"))]
        schema_errors = validation.service_errors(document)
        if schema_errors:
            return None, [
                RowError(name, number, *validation.describe(e)) for e in schema_errors[:20]
            ]
        problems = _Problems()
        record = ServiceRecord(name, number, service_id=uuid.UUID(document["id"]))
        values = record.values
        values["name"] = document["name"][:200]
        values["alternate_name"] = document.get("alternate_name", "")[:200]
        values["description"] = document.get("description", "")
        values["status"] = STATUS[document["status"]]
        values["is_example"] = bool(document.get("example_data", False))
        self._contact(document, values, problems)
        self._organization(document, record, problems)
        self._attributes(document, record, problems)
        self._catchment(document, record, problems)
        self._schedules(document, values, problems)
        self._languages(document, record, problems)
        self._location(document, record, problems)
        self._county(document, record, problems)
        return record, [RowError(name, number, where, reason) for where, reason in problems]

    def _contact(self, document: dict, values: dict, problems: _Problems) -> None:
        for key, field, check in (
            ("url", "website", checked_url),
            ("email", "email", checked_email),
        ):
            try:
                values[field] = check(document.get(key, ""))
            except ValueError as error:
                problems.add(key, str(error))
        phones = document.get("phones") or []
        values["phone"] = phones[0]["number"][:40] if phones else ""
        try:
            values["verified_at"] = parse_date(document.get("assured_date"))
        except ValueError as error:
            problems.add("assured_date", str(error))

    def _organization(self, document: dict, record: ServiceRecord, problems: _Problems) -> None:
        organization = document.get("organization")
        if not organization:
            problems.add(
                "organization",
                _("huvudman saknas: ta med organisationen i tjänsten (organization)"),
            )
            return
        identifiers = organization.get("organization_identifiers") or []
        number = next(
            (
                i["identifier"]
                for i in identifiers
                if fold(i.get("identifier_type", "")) == "organisationsnummer"
            ),
            "",
        )
        record.organization = {
            "id": uuid.UUID(organization["id"]),
            "name": organization["name"][:200],
            "description": organization.get("description", ""),
            "website": organization.get("website", ""),
            "email": organization.get("email", ""),
            "org_number": number[:20],
        }

    def _attributes(self, document: dict, record: ServiceRecord, problems: _Problems) -> None:
        chosen: dict[str, list] = {
            EXPOSURE: [],
            TARGET_GROUP: [],
            SECTOR: [],
            INFORMATION_FORMAT: [],
        }
        for index, attribute in enumerate(document.get("attributes") or []):
            term = self._term(attribute)
            if term is None:
                problems.add(
                    f"attributes[{index}]",
                    _(
                        "okänd term: använd en term från /hsds/taxonomy_terms "
                        "(id eller kod) med link_type exposure_type, target_group, sector "
                        "eller information_format"
                    ),
                )
                continue
            chosen[term.taxonomy_id].append(term)
        if len(chosen[SECTOR]) != 1:
            problems.add("attributes", _("ange exakt en sektor (link_type sector)"))
        else:
            record.values["sector"] = chosen[SECTOR][0]
        for taxonomy, label in ((EXPOSURE, "exposure_type"), (TARGET_GROUP, "target_group")):
            if not chosen[taxonomy]:
                problems.add(
                    "attributes",
                    _("minst ett attribut med link_type %(type)s behövs") % {"type": label},
                )
        record.relations["exposure_types"] = chosen[EXPOSURE]
        record.relations["target_groups"] = chosen[TARGET_GROUP]
        record.values["easy_to_read"] = bool(chosen[INFORMATION_FORMAT])

    def _term(self, attribute: dict):
        term_id = attribute.get("taxonomy_term_id") or (attribute.get("taxonomy_term") or {}).get(
            "id"
        )
        if term_id and term_id in self.vocabulary.by_uuid:
            return self.vocabulary.by_uuid[term_id]
        taxonomy = TAXONOMY_OF_LINK_TYPE.get(attribute.get("link_type", ""))
        code = (attribute.get("taxonomy_term") or {}).get("code") or attribute.get("value")
        if taxonomy and code:
            return self.vocabulary.terms.get(taxonomy, {}).get(fold(code))
        return None

    def _catchment(self, document: dict, record: ServiceRecord, problems: _Problems) -> None:
        index = territory_index()
        territories = []
        for position, area in enumerate(document.get("service_areas") or []):
            uri, name = area.get("uri", ""), area.get("name", "")
            code = uri.rsplit(":", 1)[-1] if uri.startswith("urn:se:scb:") else ""
            territory = index.by_code.get(code) if code else None
            if territory is None and name:
                folded = fold(name)
                territory = (
                    index.by_code[RIKET_CODE]
                    if folded in NATION_WORDS
                    else index.by_name.get(folded)
                )
            if territory is None:
                problems.add(
                    f"service_areas[{position}]",
                    _(
                        "okänt område: ange uri urn:se:scb:kommun:KOD, "
                        "urn:se:scb:lan:KOD eller urn:se:scb:riket:00"
                    ),
                )
                continue
            territories.append(territory)
        levels = {t.level for t in territories}
        if not territories:
            problems.add("service_areas", _("upptagningsområde saknas (service_areas)"))
        elif len(levels) > 1:
            problems.add(
                "service_areas",
                _("blanda inte kommuner, län och hela landet i samma upptagningsområde"),
            )
        else:
            record.values["catchment_level"] = LEVEL_OF_TERRITORY[levels.pop()]
            record.relations["catchment_areas"] = sorted(
                {t.code: t for t in territories}.values(), key=lambda t: t.code
            )

    def _schedules(self, document: dict, values: dict, problems: _Problems) -> None:
        periods, notes, always = [], "", False
        for position, schedule in enumerate(document.get("schedules") or []):
            notes = notes or schedule.get("notes") or schedule.get("description", "")
            if not (
                schedule.get("byday") and schedule.get("opens_at") and schedule.get("closes_at")
            ):
                continue
            try:
                opens = hours.minutes_of(schedule["opens_at"][:5])
                closes = hours.minutes_of(schedule["closes_at"][:5])
                days = [
                    hours.HSDS_DAYS.index(day.strip()[-2:]) for day in schedule["byday"].split(",")
                ]
            except ValueError:
                problems.add(
                    f"schedules[{position}]",
                    _("läser bara veckoscheman med byday (MO–SU), opens_at och closes_at (HH:MM)"),
                )
                continue
            closes = hours.END_OF_DAY if schedule["closes_at"][:5] == "23:59" else closes
            if len(days) == 7 and opens == 0 and closes == hours.END_OF_DAY:
                always = True
            for day in days:
                periods += hours.periods_for_day(day, [(opens, closes)])
        values["always_open"] = always
        values["weekly_hours"] = [] if always else [p.as_dict() for p in hours.normalise(periods)]
        values["opening_notes"] = "" if notes == "Öppet dygnet runt" else notes

    def _languages(self, document: dict, record: ServiceRecord, problems: _Problems) -> None:
        languages = []
        for position, language in enumerate(document.get("languages") or []):
            try:
                languages.append(
                    self.vocabulary.language(language.get("code") or language.get("name", ""))
                )
            except ValueError as error:
                problems.add(f"languages[{position}]", str(error))
        record.relations["languages"] = languages

    def _location(self, document: dict, record: ServiceRecord, problems: _Problems) -> None:
        values = record.values
        # The profile's extension; a document from another HSDS system lacks it, which says nothing
        # (a stored protection is kept, see exchange.resolve_protection). Only a JSON boolean counts.
        flag = document.get("location_confidential")
        if flag is not None and not isinstance(flag, bool):
            problems.add(
                "location_confidential",
                _("ska vara true eller false (JSON-booleskt värde), inte %(value)r")
                % {"value": flag},
            )
        record.protection = flag if isinstance(flag, bool) else None
        locations = [s.get("location") or {} for s in document.get("service_at_locations") or []]
        location = next((loc for loc in locations if loc.get("location_type") == "physical"), {})
        address = (location.get("addresses") or [{}])[0]
        values["street_address"] = address.get("address_1", "")[:200]
        values["postal_code"] = address.get("postal_code", "")[:10]
        values["city"] = address.get("city", "")[:100]
        values["latitude"], values["longitude"] = (
            location.get("latitude"),
            location.get("longitude"),
        )

    def _county(self, document: dict, record: ServiceRecord, problems: _Problems) -> None:
        if document.get("county_code"):
            try:
                record.county = owning_county(str(document["county_code"]))
            except ValueError as error:
                problems.add("county_code", str(error))
            return
        record.county = default_county(self.user, self.county) or county_of_catchment(
            record.relations.get("catchment_areas", [])
        )


def import_hsds(
    path: Path, *, user=None, county: str | None = None, dry_run: bool = False
) -> ExchangeSummary:
    path = Path(path)
    if not path.is_file():
        raise FileRejected(RowError(str(path), 0, "", _("filen finns inte")))
    reader = ServiceReader(user, county)
    records, errors = [], []
    for name, number, document in documents_in(path):
        record, problems = reader.read(name, number, document)
        errors += problems
        if record is not None:
            records.append(record)
    reason = _("importerad från HSDS-filen %(file)s (SHA-256 %(checksum)s)") % {
        "file": path.name,
        "checksum": sha256_of(path)[:12],
    }
    return write_records(
        records, errors, user=user, reason=reason, dry_run=dry_run, file_name=path.name
    )
