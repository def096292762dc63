"""The HSDS Tabular Data Package: one CSV per HSDS object and a `datapackage.json` describing them.

Tables, their file names and their columns come from the official compiled schema (each nested
object there carries its table `name`, `path` and field types), so the package follows the standard
rather than a hand-kept list. Nested service documents are flattened into the tables; the child
rows already carry their parents' ids (`service_id`, `location_id`, `link_id` …)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import OrderedDict
from datetime import datetime, timezone
from functools import cache

from lagesbild.sources.models import EXAMPLE_NOTICE

from . import validation
from .documents import VERSION, services_for_documents, service_document, taxonomy_document, TermCache

# Profile extension columns (docs/hsds-profile.md), declared in datapackage.json like the standard ones.
EXTENSION_FIELDS = {
    "service": [("catchment_level", "string"), ("county_code", "string"), ("location_confidential", "boolean"),
                ("example_data", "boolean")],
    "taxonomy_term": [("name_en", "string"), ("name_easy_to_read", "string")],
    "taxonomy": [("code", "string"), ("name_en", "string")],
}
FOREIGN_KEYS = {"service_id": "service", "organization_id": "organization", "location_id": "location",
                "taxonomy_term_id": "taxonomy_term", "taxonomy_id": "taxonomy"}


@cache
def table_schemas() -> "OrderedDict[str, dict]":
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
    ordered = sorted(found.items(), key=lambda item: item[1].get("datapackage_metadata", {}).get("order", 99))
    return OrderedDict(ordered)


def _field_type(spec: dict) -> dict:
    kind = spec.get("datapackage_type") or spec.get("type", "string")
    field = {"type": kind if kind in ("string", "number", "integer", "boolean", "date", "time", "datetime") else "string"}
    if spec.get("format") in ("uuid", "email", "uri"):
        field["format"] = spec["format"]
    return field


def columns(table: str) -> list[tuple[str, dict]]:
    schema = table_schemas()[table]
    standard = [(name, _field_type(spec)) for name, spec in schema["properties"].items()
                if spec.get("type") not in ("array", "object")]
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
    return str(value)


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
        required = set(schemas[name].get("required", [])) | set(schemas[name].get("tabular_required", []))
        for field_name, field in columns(name):
            entry = {"name": field_name, **field}
            if field_name in required:
                entry["constraints"] = {"required": True}
            fields.append(entry)
        foreign = [{"fields": f, "reference": {"resource": _resource_name(target), "fields": "id"}}
                   for f, target in FOREIGN_KEYS.items()
                   if target in present and target != name and any(fn == f for fn, _ in columns(name))]
        resources.append({
            "name": _resource_name(name), "path": schemas[name]["path"], "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": fields, "primaryKey": ["id"], "foreignKeys": foreign},
        })
    description = "Stödverksamheter från Lägesbild i HSDS 3.0 (Open Referral), med Lägesbild-profilen."
    if any_example:
        description += f" {EXAMPLE_NOTICE}: verksamheter märkta example_data är genererade."
    return {
        "name": "lagesbild-stodverksamheter", "title": "Lägesbild – stödverksamheter (HSDS 3.0)",
        "description": description, "profile": "tabular-data-package", "hsds_version": VERSION,
        "created": datetime.now(tz=timezone.utc).isoformat(timespec="seconds"), "resources": resources,
    }


def _resource_name(table: str) -> str:
    return table_schemas()[table]["path"].removesuffix(".csv")


def write_export(queryset, handle, base_url: str | None = None) -> int:
    """Writes a zip: services/<id>.json for each service, and datapackage/ with the CSV tables."""
    terms = TermCache()
    documents = [service_document(s, base_url, terms) for s in services_for_documents(queryset).order_by("name", "id")]
    taxonomies = [taxonomy_document(t, base_url) for t in terms.taxonomies.values()]
    tables = flatten(documents, taxonomies)
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            archive.writestr(f"services/{document['id']}.json", json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr("datapackage/datapackage.json",
                         json.dumps(descriptor(tables, any(d["example_data"] for d in documents)), ensure_ascii=False, indent=2))
        for name, rows in tables.items():
            if rows:
                archive.writestr(f"datapackage/{table_schemas()[name]['path']}", table_csv(name, rows))
    return len(documents)
