"""Builders for the directory stories: services written through the real editing path (so they have a
history), spreadsheets and HSDS files as a county board would send them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import Workbook

from lagesbild.directory import hours
from lagesbild.directory.editing import ServiceChanges, save_organization, save_service
from lagesbild.directory.models import (
    EXPOSURE,
    SECTOR,
    TARGET_GROUP,
    CatchmentLevel,
    Language,
    Organization,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)
from lagesbild.territories.models import RIKET_CODE, Territory

MATRIX_HEADER = [
    "namn på verksamhet",
    "huvudman",
    "sektor",
    "målgrupp/kön",
    "målgrupp/utsatthet",
    "upptagningsområde",
    "öppettider",
    "information på olika språk/lättläst",
]


def term(taxonomy: str, code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(taxonomy_id=taxonomy, code=code)


def an_organization(name="Kvinnojouren Exempla", county="01") -> Organization:
    found = Organization.objects.filter(name=name, county_id=county).first()
    return found or save_organization(Organization(name=name, county_id=county), None)


def a_service(
    name="Kvinnojouren Exempla",
    *,
    county="01",
    organization=None,
    sector="civilsamhalle",
    exposures=("vald-i-nara-relation",),
    targets=("kvinnor",),
    catchment=(CatchmentLevel.MUNICIPALITIES, ["0127"]),
    status=ServiceStatus.PUBLISHED,
    opening="mån–fre 09:00–16:00",
    languages=("sv",),
    user=None,
    **fields,
) -> Service:
    """A service saved the way the web form saves one. Botkyrka (0127) is its catchment unless told."""
    level, codes = catchment
    if level == CatchmentLevel.NATION:
        codes = [RIKET_CODE]
    week = hours.parse_week(opening)
    values = {
        "county_id": county,
        "name": name,
        "organization": organization or an_organization(county=county),
        "sector": term(SECTOR, sector),
        "catchment_level": level,
        "status": status,
        "always_open": week.always_open,
        "weekly_hours": week.as_json(),
        "phone": "000-11 22 33",
        "website": "https://example.org/jour",
        **fields,
    }
    service = Service()
    save_service(
        service,
        ServiceChanges(
            fields=values,
            relations={
                "exposure_types": [term(EXPOSURE, code) for code in exposures],
                "target_groups": [term(TARGET_GROUP, code) for code in targets],
                "catchment_areas": list(Territory.objects.filter(code__in=codes)),
                "languages": list(Language.objects.filter(code__in=languages)),
            },
        ),
        user,
    )
    return service


def a_sheltered_home(**fields) -> Service:
    """A shelter: its address must never reach anything public."""
    values = {
        "street_address": "Hemliga vägen 7",
        "postal_code": "147 99",
        "city": "Tumba",
        "latitude": 59.2,
        "longitude": 17.83,
        "location_confidential": True,
        **fields,
    }
    return a_service(
        "Skyddat boende Exempla",
        exposures=("vald-i-nara-relation", "hedersrelaterat-vald"),
        opening="dygnet runt",
        **values,
    )


def a_matrix_csv(directory: Path, rows: list[list], header=None, name="matris.csv") -> Path:
    path = directory / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header or MATRIX_HEADER)
        writer.writerows(rows)
    return path


def a_matrix_xlsx(directory: Path, rows: list[list], header=None, name="matris.xlsx") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header or MATRIX_HEADER)
    for row in rows:
        sheet.append(row)
    path = directory / name
    workbook.save(path)
    return path


def a_matrix_row(
    name="Tjejjouren Exempla",
    organization="Tjejjouren Exempla",
    sector="civilsamhälle",
    targets="flickor, hbtqi-personer",
    exposures="Våld i nära relation, Sexualiserat våld oberoende av relation",
    catchment="Botkyrka, Huddinge",
    opening="mån–tor 18–21",
    languages="svenska, engelska, lättläst",
) -> list:
    return [name, organization, sector, targets, exposures, catchment, opening, languages]


def an_hsds_file(directory: Path, documents, name="tjanster.json") -> Path:
    path = directory / name
    path.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
    return path


def a_filled_in_form(
    name="Mottagningen Exempla",
    *,
    new_organization="Botkyrka kommun",
    sector="kommun",
    exposures=("vald-i-nara-relation",),
    targets=("kvinnor", "man"),
    catchment_level="kommuner",
    catchment="Botkyrka",
    status="publicerad",
    **fields,
) -> dict:
    """What an editor types into the service form; every field can be overridden."""
    data = {
        "name": name,
        "new_organization": new_organization,
        "sector": term(SECTOR, sector).pk,
        "exposure_types": [term(EXPOSURE, code).pk for code in exposures],
        "target_groups": [term(TARGET_GROUP, code).pk for code in targets],
        "catchment_level": catchment_level,
        "catchment": catchment,
        "day_0": "09:00–16:00",
        "day_1": "9-16",
        "day_2": "",
        "day_3": "9–12, 13–16",
        "day_4": "09.00-15.00",
        "day_5": "",
        "day_6": "",
        "opening_notes": "Stängt helgdagar",
        "languages": ["sv", "ar"],
        "website": "https://example.org/mottagningen",
        "phone": "000-123 45 67",
        "email": "mottagningen@example.org",
        "street_address": "Exempelvägen 1",
        "postal_code": "147 30",
        "city": "Tumba",
        "status": status,
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}
