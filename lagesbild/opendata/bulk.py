"""All public data in one zip: observations, indicators and territories as CSV (through the publishing
pipeline, so small counts are suppressed and example data is marked exactly as in every other file),
described by a Frictionless Data Package (`datapackage.json`: the tabular data package profile, a
schema per table with field types, primary and foreign keys, and the licence).

The zip is built once per content version of the public data and kept in the data directory, so
every server sharing that directory serves the same file and a new version is built at the first
request after a change."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings

from lagesbild.core.outputs import Output, write_to
from lagesbild.core.versioning import PUBLIC_DATA, version_of
from lagesbild.indicators.models import Indicator
from lagesbild.indicators.selection import (
    COLUMNS,
    ObservationFilter,
    observation_rows,
    observations_output,
)
from lagesbild.territories.models import Territory

NAME = "lagesbild-data"
INDICATOR_COLUMNS = (
    "id",
    "goal",
    "name_sv",
    "name_en",
    "status",
    "unit",
    "decimals",
    "levels",
    "by_sex",
    "data_source",
    "agency",
    "scope",
)
TERRITORY_COLUMNS = ("code", "name", "level", "parent")
OBSERVATION_TYPES = {
    "period_start": "integer",
    "period_end": "integer",
    "value": "number",
    "lower": "number",
    "upper": "number",
    "example_data": "boolean",
}
BOOLEAN = {"trueValues": ["ja"], "falseValues": ["nej"]}


def folder() -> Path:
    path = Path(settings.DATA_DIR) / "opendata"
    path.mkdir(parents=True, exist_ok=True)
    return path


def field(name: str, kind: str = "string", **extra) -> dict:
    found = {"name": name, "type": kind, **extra}
    if kind == "boolean":
        found |= BOOLEAN
    return found


def data_package() -> dict:
    observation_fields = [field(name, OBSERVATION_TYPES.get(name, "string")) for name in COLUMNS]
    for item in observation_fields:
        if item["name"] in ("indicator", "territory", "level", "period_start", "sex"):
            item["constraints"] = {"required": True}
    dialect = {"delimiter": ",", "quoteChar": '"', "lineTerminator": "\r\n", "header": True}
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Lägesbild – alla öppna data",
        "description": "Observationer, indikatorer och territorier för uppföljningen av strategin mot "
        "mäns våld mot kvinnor. Rader med example_data = ja är genererade exempeldata "
        "(Exempeldata – fiktiva värden). Small counts are suppressed as in official statistics.",
        "licenses": [{"name": settings.DATA_LICENSE_NAME, "path": settings.DATA_LICENSE}],
        "contributors": [{"title": settings.PUBLISHER_NAME, "role": "publisher"}],
        "resources": [
            {
                "name": "observations",
                "path": "observations.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": dialect,
                "schema": {
                    "fields": observation_fields,
                    "missingValues": [""],
                    "foreignKeys": [
                        {
                            "fields": "indicator",
                            "reference": {"resource": "indicators", "fields": "id"},
                        },
                        {
                            "fields": "territory",
                            "reference": {"resource": "territories", "fields": "code"},
                        },
                    ],
                },
            },
            {
                "name": "indicators",
                "path": "indicators.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": dialect,
                "schema": {
                    "fields": [
                        field(
                            name,
                            {"goal": "integer", "decimals": "integer", "by_sex": "boolean"}.get(
                                name, "string"
                            ),
                        )
                        for name in INDICATOR_COLUMNS
                    ],
                    "primaryKey": ["id"],
                    "missingValues": [""],
                },
            },
            {
                "name": "territories",
                "path": "territories.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": dialect,
                "schema": {
                    "fields": [field(name) for name in TERRITORY_COLUMNS],
                    "primaryKey": ["code"],
                    "missingValues": [""],
                },
            },
        ],
    }


def indicator_rows():
    for indicator in Indicator.objects.order_by("id"):
        yield {
            "id": indicator.id,
            "goal": indicator.goal_id,
            "name_sv": indicator.name_sv,
            "name_en": indicator.name_en,
            "status": indicator.status,
            "unit": indicator.unit,
            "decimals": indicator.decimals,
            "levels": " ".join(indicator.levels or []),
            "by_sex": indicator.by_sex,
            "data_source": indicator.data_source,
            "agency": indicator.agency,
            "scope": indicator.scope,
        }


def territory_rows():
    for place in Territory.objects.order_by("code"):
        yield {
            "code": place.code,
            "name": place.name,
            "level": place.level,
            "parent": place.parent_id or "",
        }


def write_package(path: Path) -> None:
    observations = observations_output(observation_rows(ObservationFilter().queryset()))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("observations.csv", "w", force_zip64=True) as stream:
            write_to(observations, "csv", stream)
        with archive.open("indicators.csv", "w") as stream:
            write_to(Output(rows=indicator_rows(), columns=INDICATOR_COLUMNS), "csv", stream)
        with archive.open("territories.csv", "w") as stream:
            write_to(Output(rows=territory_rows(), columns=TERRITORY_COLUMNS), "csv", stream)
        archive.writestr(
            "datapackage.json", json.dumps(data_package(), ensure_ascii=False, indent=1) + "\n"
        )


def current_package() -> Path:
    """The zip of the current content version, built now if it is not there yet."""
    version = version_of(*PUBLIC_DATA)
    target = folder() / f"{NAME}-{version}.zip"
    if target.exists():
        return target
    descriptor, temporary = tempfile.mkstemp(dir=folder(), suffix=".part")
    os.close(descriptor)
    try:
        write_package(Path(temporary))
        os.replace(temporary, target)  # atomic: another server sees the whole file or none
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    for old in folder().glob(f"{NAME}-*.zip"):
        if old != target:
            old.unlink(missing_ok=True)
    return target
