"""The HSDS Tabular Data Package: one CSV per HSDS object and a `datapackage.json` describing them.

Tables, their file names and their columns come from the official compiled schema (each nested
object there carries its table `name`, `path` and field types), so the package follows the standard
rather than a hand-kept list. Nested service documents are flattened into the tables; the child
rows already carry their parents' ids (`service_id`, `location_id`, `link_id` …), which is also how
`service_documents_of_package` puts the documents together again when a package is imported."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django.utils.translation import gettext as _

from lagesbild.core.errors import RowError
from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.core.outputs import neutralised, restored

from . import validation
from .documents import (
    VERSION,
    TermCache,
    service_document,
    services_for_documents,
    taxonomy_document,
)

# Profile extension columns (docs/hsds-profile.md), declared in datapackage.json like the standard ones.
EXTENSION_FIELDS = {
    "service": [
        ("catchment_level", "string"),
        ("county_code", "string"),
        ("location_confidential", "boolean"),
        ("example_data", "boolean"),
    ],
    "taxonomy_term": [("name_en", "string"), ("name_easy_to_read", "string")],
    "taxonomy": [("code", "string"), ("name_en", "string")],
}
FOREIGN_KEYS = {
    "service_id": "service",
    "organization_id": "organization",
    "location_id": "location",
    "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
}


@cache
def table_schemas() -> OrderedDict[str, dict]:
    """Every table reachable from a service, by HSDS object name, in the standard's order."""
    found: dict[str, dict] = {}

    def walk(schema: dict) -> None:
        name = schema.get("name")
        if name and "path" in schema and name not in found:
            found[name] = schema
        for value in schema.get("properties", {}).values():
            if value.get("type") == "array" and isinstance(value.get("items"), dict):
                walk(value["items"])
            elif value.get("type") == "object":
                walk(value)

    walk(validation.official("service.json"))
    ordered = sorted(
        found.items(), key=lambda item: item[1].get("datapackage_metadata", {}).get("order", 99)
    )
    return OrderedDict(ordered)


def _field_type(spec: dict) -> dict:
    kind = spec.get("datapackage_type") or spec.get("type", "string")
    field = {
        "type": kind
        if kind in ("string", "number", "integer", "boolean", "date", "time", "datetime")
        else "string"
    }
    if spec.get("format") in ("uuid", "email", "uri"):
        field["format"] = spec["format"]
    return field


def columns(table: str) -> list[tuple[str, dict]]:
    schema = table_schemas()[table]
    standard = [
        (name, _field_type(spec))
        for name, spec in schema["properties"].items()
        if spec.get("type") not in ("array", "object")
    ]
    return standard + [(name, {"type": kind}) for name, kind in EXTENSION_FIELDS.get(table, [])]


def flatten(documents: list[dict], taxonomies: list[dict]) -> dict[str, dict[str, dict]]:
    """Rows per table, keyed (and so de-duplicated) by id."""
    tables: dict[str, dict[str, dict]] = {name: {} for name in table_schemas()}

    def visit(document: dict, schema: dict) -> None:
        row = {k: v for k, v in document.items() if not isinstance(v, (list, dict))}
        tables[schema["name"]].setdefault(row["id"], {}).update(row)
        for key, value in document.items():
            spec = schema.get("properties", {}).get(key, {})
            if isinstance(value, list) and spec.get("type") == "array":
                for item in value:
                    visit(item, spec["items"])
            elif isinstance(value, dict) and spec.get("type") == "object" and "path" in spec:
                visit(value, spec)

    service_schema = table_schemas()["service"]
    for document in documents:
        visit(document, service_schema)
    for taxonomy in taxonomies:
        tables["taxonomy"][taxonomy["id"]] = taxonomy
    return tables


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralised(str(value))


def table_csv(table: str, rows: dict[str, dict]) -> str:
    names = [name for name, _ in columns(table)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows.values():
        writer.writerow([_cell(row.get(name)) for name in names])
    return buffer.getvalue()


def descriptor(tables: dict[str, dict], any_example: bool) -> dict:
    schemas = table_schemas()
    present = {name for name, rows in tables.items() if rows}
    resources = []
    for name in schemas:
        if name not in present:
            continue
        fields = []
        required = set(schemas[name].get("required", [])) | set(
            schemas[name].get("tabular_required", [])
        )
        for field_name, field in columns(name):
            entry = {"name": field_name, **field}
            if field_name in required:
                entry["constraints"] = {"required": True}
            fields.append(entry)
        foreign = [
            {"fields": f, "reference": {"resource": _resource_name(target), "fields": "id"}}
            for f, target in FOREIGN_KEYS.items()
            if target in present and target != name and any(fn == f for fn, _ in columns(name))
        ]
        resources.append(
            {
                "name": _resource_name(name),
                "path": schemas[name]["path"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["id"], "foreignKeys": foreign},
            }
        )
    description = (
        "Stödverksamheter från Lägesbild i HSDS 3.0 (Open Referral), med Lägesbild-profilen."
    )
    if any_example:
        description += f" {EXAMPLE_NOTICE}: verksamheter märkta example_data är genererade."
    return {
        "name": "lagesbild-stodverksamheter",
        "title": "Lägesbild – stödverksamheter (HSDS 3.0)",
        "description": description,
        "profile": "tabular-data-package",
        "hsds_version": VERSION,
        "created": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "resources": resources,
    }


def _resource_name(table: str) -> str:
    return table_schemas()[table]["path"].removesuffix(".csv")


def write_export(queryset, handle, base_url: str | None = None) -> int:
    """Writes a zip: services/<id>.json for each service, and datapackage/ with the CSV tables."""
    terms = TermCache()
    documents = [
        service_document(s, base_url, terms)
        for s in services_for_documents(queryset).order_by("name", "id")
    ]
    taxonomies = [taxonomy_document(t, base_url) for t in terms.taxonomies.values()]
    tables = flatten(documents, taxonomies)
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            archive.writestr(
                f"services/{document['id']}.json",
                json.dumps(document, ensure_ascii=False, indent=2),
            )
        archive.writestr(
            "datapackage/datapackage.json",
            json.dumps(
                descriptor(tables, any(d["example_data"] for d in documents)),
                ensure_ascii=False,
                indent=2,
            ),
        )
        for name, rows in tables.items():
            if rows:
                archive.writestr(
                    f"datapackage/{table_schemas()[name]['path']}", table_csv(name, rows)
                )
    return len(documents)


# --- Reading a package back ----------------------------------------------------------------------

PACKAGE_DESCRIPTOR = "datapackage.json"
# Tables whose rows point at their parent through link_id (attributes) or resource_id (metadata).
POLYMORPHIC_PARENT = {"attribute": "link_id", "metadata": "resource_id"}


@dataclass
class PackageRow:
    member: str
    number: int  # the CSV row, header = 1
    values: dict


def is_package(names: list[str]) -> bool:
    return any(name.rsplit("/", 1)[-1] == PACKAGE_DESCRIPTOR for name in names)


def service_documents_of_package(
    archive: zipfile.ZipFile,
) -> tuple[list[tuple[str, int, dict]], list[RowError]]:
    """Reassembles nested service documents from a Tabular Data Package (the inverse of `flatten`).

    Returns (services.csv member, row, document) for each service and every problem found in the tables,
    each naming the CSV file, row and column."""
    tables, errors = _read_tables(archive)
    if errors:
        return [], errors
    by_id = {
        table: {row.values["id"]: row for row in rows if row.values.get("id")}
        for table, rows in tables.items()
    }
    for table, rows in tables.items():
        errors += _dangling_references(table, rows, by_id)
    if errors:
        return [], errors
    service_schema = table_schemas()["service"]
    documents = [
        (row.member, row.number, _nest(row.values, "service", service_schema, tables, by_id))
        for row in tables.get("service", [])
    ]
    return documents, []


def _read_tables(archive: zipfile.ZipFile) -> tuple[dict[str, list[PackageRow]], list[RowError]]:
    names = archive.namelist()
    descriptor_name = next(name for name in names if name.rsplit("/", 1)[-1] == PACKAGE_DESCRIPTOR)
    folder = descriptor_name[: -len(PACKAGE_DESCRIPTOR)]
    try:
        package = json.loads(archive.read(descriptor_name).decode("utf-8-sig"))
        resources = [resource["path"] for resource in package["resources"]]
    except (ValueError, KeyError, TypeError, RecursionError):
        return {}, [
            RowError(
                descriptor_name,
                0,
                "",
                _("datapaketets beskrivning går inte att läsa (resources med path saknas)"),
            )
        ]
    by_path = {schema["path"]: table for table, schema in table_schemas().items()}
    tables: dict[str, list[PackageRow]] = {}
    errors: list[RowError] = []
    for path in resources:
        member = folder + path
        table = by_path.get(path)
        if table is None:
            continue  # a table outside HSDS: nothing of ours reads it
        if member not in names:
            errors.append(
                RowError(
                    descriptor_name,
                    0,
                    "",
                    _("tabellen %(path)s saknas i zip-filen") % {"path": path},
                )
            )
            continue
        rows, problems = _read_table(archive, member, table)
        tables[table], errors = rows, errors + problems
    if "service" not in tables and not errors:
        errors.append(
            RowError(descriptor_name, 0, "", _("datapaketet har ingen tabell services.csv"))
        )
    return tables, errors


def _read_table(
    archive: zipfile.ZipFile, member: str, table: str
) -> tuple[list[PackageRow], list[RowError]]:
    try:
        text = archive.read(member).decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(member, 0, "", _("filen är inte kodad som UTF-8"))]
    reader = csv.reader(io.StringIO(text))
    headers = next(reader, [])
    if "id" not in headers:
        return [], [RowError(member, 1, "id", _("kolumnen id saknas"))]
    kinds = _cell_kinds(table)
    rows, errors = [], []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [restored(cell) for cell in row]
        values = {}
        for header, cell in zip(headers, cells):
            if cell == "" or header not in kinds:
                continue
            try:
                values[header] = _typed_cell(cell, kinds[header])
            except ValueError:
                errors.append(
                    RowError(
                        member,
                        number,
                        header,
                        _("%(value)r är inte ett värde av typen %(kind)s")
                        % {"value": cell, "kind": kinds[header]},
                    )
                )
        if not values.get("id"):
            errors.append(RowError(member, number, "id", _("id saknas")))
        rows.append(PackageRow(member, number, values))
    return rows, errors


def _cell_kinds(table: str) -> dict[str, str]:
    """Column -> JSON type (the standard's JSON schema, so the rebuilt document validates like an exported one)."""
    properties = table_schemas()[table]["properties"]
    kinds = {
        name: properties[name].get("type", "string") if name in properties else field["type"]
        for name, field in columns(table)
    }
    return {name: kind if isinstance(kind, str) else "string" for name, kind in kinds.items()}


def _typed_cell(cell: str, kind: str):
    if kind == "boolean":
        folded = cell.strip().casefold()
        if folded in ("true", "1"):
            return True
        if folded in ("false", "0"):
            return False
        raise ValueError(cell)
    if kind == "integer":
        return int(cell)
    if kind == "number":
        number = float(cell.replace(",", "."))
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(cell)
        return (
            int(number)
            if number.is_integer() and "." not in cell and "e" not in cell.casefold()
            else number
        )
    return cell


def _dangling_references(
    table: str, rows: list[PackageRow], by_id: dict[str, dict]
) -> list[RowError]:
    """A row that points at a parent (service_id, location_id …) the package does not hold."""
    errors = []
    for row in rows:
        for column, target in FOREIGN_KEYS.items():
            value = row.values.get(column)
            if value and target in by_id and value not in by_id[target]:
                errors.append(
                    RowError(
                        row.member,
                        row.number,
                        column,
                        _("%(value)s finns inte i %(path)s")
                        % {"value": value, "path": table_schemas()[target]["path"]},
                    )
                )
            elif (
                value
                and target not in by_id
                and target in ("service", "location", "organization", "taxonomy_term")
            ):
                errors.append(
                    RowError(
                        row.member,
                        row.number,
                        column,
                        _("%(path)s saknas i datapaketet")
                        % {"path": table_schemas()[target]["path"]},
                    )
                )
    return errors


def _nest(
    values: dict,
    table: str,
    schema: dict,
    tables: dict[str, list[PackageRow]],
    by_id: dict[str, dict],
) -> dict:
    document = dict(values)
    for key, spec in schema.get("properties", {}).items():
        if (
            spec.get("type") == "array"
            and isinstance(spec.get("items"), dict)
            and spec["items"].get("name") in tables
        ):
            child_table = spec["items"]["name"]
            parent_column = POLYMORPHIC_PARENT.get(child_table, f"{table}_id")
            children = [
                row.values
                for row in tables[child_table]
                if row.values.get(parent_column) == values["id"]
                and row.values.get("link_entity", table) == table
            ]
            if children:
                document[key] = [
                    _nest(child, child_table, spec["items"], tables, by_id) for child in children
                ]
        elif spec.get("type") == "object" and spec.get("name") in tables:
            target = spec["name"]
            found = by_id[target].get(values.get(f"{target}_id") or "")
            if found is not None:
                document[key] = _nest(found.values, target, spec, tables, by_id)
    return document
