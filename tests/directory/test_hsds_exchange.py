"""HSDS 3.0 exchange: the export (one JSON per service and a tabular data package) validates against
the official schemas, and an HSDS import is all-or-nothing with an error per file, service and field."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from lagesbild.directory.hsds import tabular, validation
from lagesbild.directory.hsds.documents import service_document
from lagesbild.directory.hsds.importing import import_hsds
from lagesbild.directory.models import CatchmentLevel, Service, ServiceStatus
from lagesbild.sources.importing import ImportRejected

from .builders import a_service, an_hsds_file


@pytest.fixture
def exported(tmp_path):
    a_service(
        "Kvinnojouren Exempla",
        languages=("sv", "ar"),
        easy_to_read=True,
        street_address="Storgatan 1",
        postal_code="147 30",
        city="Tumba",
        opening="mån–fre 09:00–16:00; lör 10:00–14:00",
    )
    a_service(
        "Rikslinjen",
        county="00",
        catchment=(CatchmentLevel.NATION, []),
        opening="dygnet runt",
        exposures=("vald-i-nara-relation", "prostitution-manniskohandel"),
        targets=("kvinnor", "hbtqi"),
    )
    a_service("Utkastet", status=ServiceStatus.DRAFT)
    out = tmp_path / "hsds.zip"
    call_command("directory", "export", "--format", "hsds", "--out", str(out), stdout=io.StringIO())
    return zipfile.ZipFile(out)


def test_one_json_per_published_service_each_valid(exported):
    services = [name for name in exported.namelist() if name.startswith("services/")]
    assert len(services) == 2
    for name in services:
        document = json.loads(exported.read(name))
        assert validation.service_errors(document) == []


def _typed(value: str, field: dict):
    if field["type"] == "number":
        return float(value)
    if field["type"] == "boolean":
        return value == "true"
    return value


def test_the_tabular_data_package_follows_the_official_tables(exported):
    package = json.loads(exported.read("datapackage/datapackage.json"))
    assert package["profile"] == "tabular-data-package"
    ids: dict[str, set] = {}
    rows_by_resource = {}
    for resource in package["resources"]:
        table = next(
            name
            for name, schema in tabular.table_schemas().items()
            if schema["path"] == resource["path"]
        )
        official = tabular.table_schemas()[table]
        rows = list(
            csv.DictReader(io.StringIO(exported.read(f"datapackage/{resource['path']}").decode()))
        )
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert list(rows[0]) == list(fields)
        standard = [n for n in fields if n not in dict(tabular.EXTENSION_FIELDS.get(table, []))]
        assert set(standard) <= set(official["properties"])
        row_validator = Draft202012Validator(
            validation.one_to_one(official), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        for row in rows:
            typed = {k: _typed(v, fields[k]) for k, v in row.items() if v != ""}
            assert list(row_validator.iter_errors(typed)) == [], (resource["name"], row)
            for required in official.get("tabular_required", []):
                assert row[required], (resource["name"], required)
        ids[resource["name"]] = {row["id"] for row in rows}
        assert len(ids[resource["name"]]) == len(rows)
        rows_by_resource[resource["name"]] = (resource, rows)
    for resource, rows in rows_by_resource.values():
        for key in resource["schema"]["foreignKeys"]:
            target = ids[key["reference"]["resource"]]
            assert {row[key["fields"]] for row in rows if row[key["fields"]]} <= target, (
                resource["name"],
                key,
            )
    assert {
        "services",
        "organizations",
        "attributes",
        "taxonomy_terms",
        "taxonomies",
        "schedules",
        "service_areas",
        "languages",
        "phones",
        "locations",
        "addresses",
        "service_at_location",
    } <= set(ids)


def test_export_then_import_gives_back_the_same_services(exported, tmp_path):
    archive = tmp_path / "again.zip"
    archive.write_bytes(Path(exported.filename).read_bytes())
    before = {s.pk: service_document(s) for s in Service.objects.published()}
    summary = import_hsds(archive)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    after = {s.pk: service_document(s) for s in Service.objects.published()}
    assert after == before


def test_an_hsds_feed_creates_new_services(tmp_path, stockholm_editor):
    template = service_document(a_service("Mallen"))
    Service.objects.all().update(name="Mallen (oförändrad)")
    fresh = json.loads(
        json.dumps(template).replace(template["id"], "2f1d8a3e-96c5-4d3b-9d55-5d9e8c1f0a11")
    )
    fresh["name"] = "Ny från flödet"
    fresh.pop("county_code")
    summary = import_hsds(an_hsds_file(tmp_path, {"contents": [fresh]}), user=stockholm_editor)
    assert summary.created == 1
    created = Service.objects.get(name="Ny från flödet")
    assert created.county_id == "01" and created.history.get().history_user == stockholm_editor
    assert [t.code for t in created.exposure_types.all()] == ["vald-i-nara-relation"]


def test_a_file_with_any_error_changes_nothing_and_names_service_and_field(tmp_path):
    good = service_document(a_service("Bra tjänst"))
    good_changed = dict(good, name="Bra tjänst, ändrad")
    broken = dict(good, id="ej-ett-id", status="öppen")
    unknown_area = dict(good, id="5b1f6f7e-0c1d-4c6e-8f5a-2a0e9d7c3b21")
    unknown_area["service_areas"] = [
        dict(good["service_areas"][0], uri="urn:se:scb:kommun:9999", name="Atlantis")
    ]
    with pytest.raises(ImportRejected) as rejected:
        import_hsds(an_hsds_file(tmp_path, [good_changed, broken, unknown_area]))
    messages = [str(e) for e in rejected.value.errors]
    assert "tjanster.json: rad 2, kolumn 'id': 'ej-ett-id' is not a 'uuid'" in messages
    assert any(m.startswith("tjanster.json: rad 2, kolumn 'status'") for m in messages)
    assert any(m.startswith("tjanster.json: rad 3, kolumn 'service_areas[0]'") for m in messages)
    assert Service.objects.get().name == "Bra tjänst"


def test_unreadable_files_are_refused_with_a_reason(tmp_path):
    broken = tmp_path / "trasig.json"
    broken.write_text('{"id": ', encoding="utf-8")
    with pytest.raises(Exception, match="ogiltig JSON"):
        import_hsds(broken)
    with pytest.raises(Exception, match="filtypen stöds inte"):
        import_hsds(an_hsds_file(tmp_path, [], name="tjanster.xml"))


def test_a_county_editor_cannot_import_into_another_county(tmp_path, skane_editor):
    document = service_document(a_service("Stockholms tjänst"))
    with pytest.raises(
        ImportRejected, match="du kan bara importera verksamheter som ditt län ansvarar för"
    ):
        import_hsds(an_hsds_file(tmp_path, document), user=skane_editor)
