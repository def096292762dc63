"""The matrix as a spreadsheet: one row per service, the report's eight variables first, then what a
directory needs besides. The same columns are written by the export and read by the import, so an
exported file can be edited and imported again."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from lagesbild.core.errors import FileRejected, RowError
from lagesbild.core.outputs import Output, restored
from lagesbild.core.spreadsheets import open_workbook, sheet_rows
from lagesbild.sources.records import sha256_of
from lagesbild.territories.models import UnknownTerritory, fold

from . import hours
from .catchment import CatchmentError, catchment_text, read_catchment_text
from .exchange import (
    ExchangeSummary,
    ServiceRecord,
    Vocabulary,
    checked_email,
    checked_url,
    county_of_catchment,
    default_county,
    owning_county,
    parse_date,
    status_of,
    write_records,
    yes_no_or_unset,
)
from .models import EXPOSURE, SECTOR, TARGET_GROUP, Service, ServiceStatus


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    public: bool = True


COLUMNS = [
    Column("id", "id"),
    # The eight variables of the report's matrix.
    Column(
        "name", "namn på verksamhet", ("namn", "verksamhet", "name", "service name"), required=True
    ),
    Column(
        "organization",
        "huvudman",
        ("principal organisation", "organisation", "organization"),
        required=True,
    ),
    Column("sector", "sektor", ("sector",), required=True),
    Column(
        "target_groups",
        "målgrupp/kön",
        ("målgrupp kön", "målgrupp", "target group by sex"),
        required=True,
    ),
    Column(
        "exposure_types",
        "målgrupp/utsatthet",
        ("utsatthet", "målgrupp utsatthet", "target group by exposure"),
        required=True,
    ),
    Column(
        "catchment",
        "upptagningsområde",
        ("upptagningsomrade", "catchment area", "catchment"),
        required=True,
    ),
    Column("hours", "öppettider", ("oppettider", "opening hours")),
    Column(
        "languages", "information på olika språk/lättläst", ("språk/lättläst", "språk", "languages")
    ),
    # Besides.
    Column(
        "opening_notes",
        "öppettider, kommentar",
        ("kommentar till öppettider", "opening hours note"),
    ),
    Column("alternate_name", "annat namn", ("alternate name",)),
    Column("description", "beskrivning", ("description",)),
    Column("website", "webbplats", ("webb", "website", "url")),
    Column("phone", "telefon", ("phone",)),
    Column("email", "e-post", ("epost", "email", "e-mail")),
    Column("street_address", "gatuadress", ("adress", "address")),
    Column("postal_code", "postnummer", ("postal code",)),
    Column("city", "ort", ("postort", "city")),
    Column("location_confidential", "skyddad adress", ("confidential address", "confidential")),
    Column("status", "status"),
    Column("county", "ägande län", ("län", "lan", "county")),
    Column("verified_at", "senast kontrollerad", ("kontrollerad", "last verified")),
    Column("verified_by", "kontrollerad av", ("verified by",), public=False),
    Column("is_example", "exempeldata", ("example data",)),
]
_BY_ALIAS = {
    fold(alias): column
    for column in COLUMNS
    for alias in (column.header, column.key, *column.aliases)
}


# --- export ------------------------------------------------------------------------------------
def export_queryset(queryset):
    return (
        queryset.select_related("organization", "sector", "county", "verified_by")
        .prefetch_related(
            "exposure_types",
            "target_groups",
            "languages",
            "catchment_areas",
        )
        .order_by("county_id", "name", "id")
    )


def _languages_cell(service: Service) -> str:
    items = [language.name_sv for language in service.languages.all()]
    if service.easy_to_read:
        items.append("lättläst svenska")
    return ", ".join(items)


def row_of(service: Service, public: bool = True) -> dict:
    """A service as a row; a protected address is left out whoever asks."""
    address = service.public_address() or {}
    return {
        "id": str(service.id),
        "name": service.name,
        "organization": service.organization.name,
        "sector": service.sector.name_sv,
        "target_groups": ", ".join(t.name_sv for t in service.target_groups.all()),
        "exposure_types": ", ".join(t.name_sv for t in service.exposure_types.all()),
        "catchment": catchment_text(service.catchment_level, service.catchment_areas.all()),
        "hours": hours.notation(service.always_open, service.periods),
        "languages": _languages_cell(service),
        "opening_notes": service.opening_notes,
        "alternate_name": service.alternate_name,
        "description": service.description,
        "website": service.website,
        "phone": service.phone,
        "email": service.email,
        "street_address": address.get("street_address", ""),
        "postal_code": address.get("postal_code", ""),
        "city": address.get("city", ""),
        "location_confidential": "ja" if service.location_confidential else "nej",
        "status": service.status,
        "county": service.county.name if service.county_id != "00" else "hela landet",
        "verified_at": service.verified_at.isoformat() if service.verified_at else "",
        "verified_by": (service.verified_by.get_username() if service.verified_by else "")
        if not public
        else "",
        "is_example": service.is_example,
    }


def columns_for(public: bool) -> list[Column]:
    return [c for c in COLUMNS if public is False or c.public]


def matrix_output(services, public: bool = True, name: str = "stodverksamheter") -> Output:
    """The matrix for the publishing pipeline: one row per service under the Swedish headers that the
    import reads back, so an exported file can be edited and imported again."""
    columns = columns_for(public)
    rows = []
    for service in services:
        row = row_of(service, public)
        rows.append({c.header: row[c.key] for c in columns})
    return Output(
        rows=rows,
        columns=[c.header for c in columns],
        name=name,
        sheet="Matris",
        about=[
            "Stödverksamheter från Lägesbild: en rad per verksamhet, matrisens åtta variabler först.",
            "Skyddade adresser (till exempel skyddade boenden) lämnas aldrig ut.",
        ],
        disposition="attachment",
        example_column="exempeldata",
    )


# --- import ------------------------------------------------------------------------------------
def _map_headers(file_name: str, headers: list) -> dict[int, Column]:
    mapping: dict[int, Column] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        text = str(header if header is not None else "").strip()
        if not text:
            continue
        column = _BY_ALIAS.get(fold(text))
        if column is None:
            known = ", ".join(c.header for c in COLUMNS)
            raise FileRejected(
                RowError(
                    file_name,
                    1,
                    text,
                    _("okänd kolumn (kända kolumner: %(known)s)") % {"known": known},
                )
            )
        if column.key in seen:
            raise FileRejected(
                RowError(
                    file_name,
                    1,
                    text,
                    _("kolumnen finns redan som %(other)r") % {"other": seen[column.key]},
                )
            )
        seen[column.key] = text
        mapping[index] = column
    for column in COLUMNS:
        if column.required and column.key not in seen:
            raise FileRejected(
                RowError(file_name, 1, column.header, _("obligatorisk kolumn saknas"))
            )
    return mapping


def _rows_of_csv(path: Path, name: str) -> Iterator[tuple[int, list]]:
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            sample = handle.readline()
            delimiter = max(";,\t", key=sample.count) if sample else ";"
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            for row in reader:
                yield reader.line_num, row
    except UnicodeDecodeError:
        raise FileRejected(
            RowError(name, 0, "", _("filen är inte kodad som UTF-8 (spara som 'CSV UTF-8')"))
        ) from None
    except csv.Error as error:
        raise FileRejected(
            RowError(name, 0, "", _("felaktig CSV: %(error)s") % {"error": error})
        ) from None


def _rows_of_xlsx(path: Path, name: str) -> Iterator[tuple[int, list]]:
    with open_workbook(path, name) as workbook:
        yield from sheet_rows(workbook.worksheets[0], name)


def read_rows(path: Path, name: str) -> Iterator[tuple[int, dict[str, object], dict[str, str]]]:
    """(row number, values by column key, headers as written) for each non-empty row."""
    suffix = path.suffix.casefold()
    if suffix in (".csv", ".txt"):
        rows = _rows_of_csv(path, name)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _rows_of_xlsx(path, name)
    else:
        raise FileRejected(
            RowError(name, 0, "", _("filtypen stöds inte: använd CSV (.csv) eller Excel (.xlsx)"))
        )
    header = next(rows, None)
    if header is None:
        raise FileRejected(RowError(name, 0, "", _("filen är tom")))
    mapping = _map_headers(name, header[1])
    written = {column.key: str(header[1][index]).strip() for index, column in mapping.items()}
    for number, row in rows:
        if all(cell in (None, "") or (isinstance(cell, str) and not cell.strip()) for cell in row):
            continue
        values = {
            column.key: row[index] if index < len(row) else None
            for index, column in mapping.items()
        }
        yield number, values, written


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return restored(str(value).strip())  # our own CSV export marks "+46 8 …" as text: read it back


class RowReader:
    """Turns one spreadsheet row into a ServiceRecord, collecting a problem per bad cell."""

    def __init__(self, file_name: str, user, county: str | None):
        self.file_name = file_name
        self.user = user
        self.county = county
        self.vocabulary = Vocabulary()

    def read(self, number: int, cells: dict, headers: dict) -> tuple[ServiceRecord, list[RowError]]:
        record = ServiceRecord(self.file_name, number, columns=headers)
        problems: list[tuple[str, str]] = []

        def attempt(key: str, function):
            try:
                return function()
            except (ValueError, CatchmentError, UnknownTerritory, hours.HoursError) as error:
                problems.append((key, str(error)))
                return None

        text = {key: _text(value) for key, value in cells.items()}
        for key in (
            "name",
            "organization",
            "sector",
            "target_groups",
            "exposure_types",
            "catchment",
        ):
            if not text.get(key):
                problems.append((key, _("värde saknas")))
        if text.get("id"):
            record.service_id = attempt("id", lambda: uuid.UUID(text["id"]))
        values = record.values
        values["name"] = text.get("name", "")[:200]
        record.organization = {"name": text.get("organization", "")[:200]}
        if text.get("sector"):
            values["sector"] = attempt(
                "sector", lambda: self.vocabulary.term(SECTOR, text["sector"])
            )
        for key, taxonomy in (("target_groups", TARGET_GROUP), ("exposure_types", EXPOSURE)):
            if text.get(key):
                record.relations[key] = (
                    attempt(
                        key,
                        lambda key=key, taxonomy=taxonomy: [
                            self.vocabulary.term(taxonomy, part) for part in _parts(text[key])
                        ],
                    )
                    or []
                )
        if text.get("catchment"):
            found = attempt("catchment", lambda: read_catchment_text(text["catchment"]))
            if found:
                values["catchment_level"], record.relations["catchment_areas"] = found
        week = attempt("hours", lambda: hours.parse_week(text.get("hours", "")))
        if week is not None:
            values["always_open"], values["weekly_hours"] = week.always_open, week.as_json()
        languages, easy = attempt(
            "languages", lambda: self._languages(text.get("languages", ""))
        ) or ([], False)
        record.relations["languages"], values["easy_to_read"] = languages, easy
        for key in (
            "opening_notes",
            "alternate_name",
            "description",
            "phone",
            "street_address",
            "postal_code",
            "city",
        ):
            values[key] = text.get(key, "")
        values["website"] = attempt("website", lambda: checked_url(text.get("website", ""))) or ""
        values["email"] = attempt("email", lambda: checked_email(text.get("email", ""))) or ""
        record.protection = attempt(
            "location_confidential", lambda: yes_no_or_unset(text.get("location_confidential", ""))
        )
        values["status"] = (
            attempt("status", lambda: status_of(text.get("status", ""))) or ServiceStatus.DRAFT
        )
        values["verified_at"] = attempt("verified_at", lambda: parse_date(cells.get("verified_at")))
        values["is_example"] = bool(text.get("is_example")) and fold(text["is_example"]) not in (
            "nej",
            "no",
            "0",
            "false",
        )
        record.county = self._county(text, record, attempt)
        errors = [
            RowError(self.file_name, number, headers.get(key, key), reason)
            for key, reason in problems
        ]
        return record, errors

    def _county(self, text: dict, record: ServiceRecord, attempt) -> str | None:
        if text.get("county"):
            return attempt("county", lambda: owning_county(text["county"]))
        return default_county(self.user, self.county) or county_of_catchment(
            record.relations.get("catchment_areas", [])
        )

    def _languages(self, text: str):
        languages, easy = [], False
        for part in _parts(text):
            if fold(part) in EASY_WORDS:
                easy = True
            else:
                languages.append(self.vocabulary.language(part))
        return languages, easy


EASY_WORDS = {
    "lattlast",
    "lattlast svenska",
    "lattlasta",
    "easy-to-read",
    "easy-to-read swedish",
    "easy to read",
}


def _parts(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def import_matrix(
    path: Path, *, user=None, county: str | None = None, dry_run: bool = False
) -> ExchangeSummary:
    """Imports a matrix spreadsheet; any error anywhere means nothing is written."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise FileRejected(RowError(str(path), 0, "", _("filen finns inte")))
    reader = RowReader(name, user, county)
    records, errors = [], []
    for number, cells, headers in read_rows(path, name):
        record, problems = reader.read(number, cells, headers)
        records.append(record)
        errors += problems
    reason = _("importerad från %(file)s (SHA-256 %(checksum)s)") % {
        "file": name,
        "checksum": sha256_of(path)[:12],
    }
    return write_records(records, errors, user=user, reason=reason, dry_run=dry_run, file_name=name)
