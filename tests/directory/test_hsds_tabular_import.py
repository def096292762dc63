"""A directory that keeps its services in spreadsheets sends only the HSDS Tabular Data Package
(datapackage.json and one CSV per table). The platform puts the services together again from the
tables, with the same all-or-nothing rule and an error per file, row and column."""

import csv
import io
import zipfile

import pytest
from django.core.management import call_command

from lagesbild.directory.hsds.documents import service_document
from lagesbild.directory.hsds.importing import import_hsds
from lagesbild.directory.models import CatchmentLevel, Service
from lagesbild.sources.importing import ImportRejected

from .builders import a_service, a_sheltered_home


def exported_package(tmp_path) -> dict[str, bytes]:
    """The members of an HSDS export that belong to the tabular package (no service JSON files)."""
    out = tmp_path / "export.zip"
    call_command("directory", "export", "--format", "hsds", "--out", str(out), stdout=io.StringIO())
    with zipfile.ZipFile(out) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.startswith("datapackage/")
        }


def a_package_zip(tmp_path, members: dict[str, bytes], name="tabeller.zip"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return path


def edited_table(members: dict[str, bytes], table: str, change) -> dict[str, bytes]:
    """The package with one CSV changed by `change(rows)` (rows as dicts, header kept)."""
    member = f"datapackage/{table}"
    reader = csv.DictReader(io.StringIO(members[member].decode()))
    rows = list(reader)
    change(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return {**members, member: buffer.getvalue().encode()}


@pytest.fixture
def two_services():
    return [
        a_service(
            "Kvinnojouren Exempla",
            languages=("sv", "ar"),
            easy_to_read=True,
            street_address="Storgatan 1",
            postal_code="147 30",
            city="Tumba",
            opening="mån–fre 09:00–16:00; lör 10:00–14:00",
        ),
        a_service(
            "Rikslinjen",
            county="00",
            catchment=(CatchmentLevel.NATION, []),
            opening="dygnet runt",
            exposures=("vald-i-nara-relation", "prostitution-manniskohandel"),
            targets=("kvinnor", "hbtqi"),
        ),
    ]


def documents_without_modification_time() -> dict:
    return {
        s.pk: {k: v for k, v in service_document(s).items() if k != "last_modified"}
        for s in Service.objects.all()
    }


def test_services_sent_only_as_tables_come_back_exactly_as_they_were(two_services, tmp_path):
    members = exported_package(tmp_path)
    assert not any(name.endswith(".json") and "datapackage.json" not in name for name in members)
    before = documents_without_modification_time()
    Service.objects.all().delete()  # a fresh installation receiving another's directory

    summary = import_hsds(a_package_zip(tmp_path, members))

    assert summary.created == 2
    assert documents_without_modification_time() == before  # created now, so only the time differs
    jour = Service.objects.get(name="Kvinnojouren Exempla")
    assert sorted(jour.languages.values_list("code", flat=True)) == ["ar", "sv"]
    assert jour.easy_to_read and jour.city == "Tumba"
    assert Service.objects.get(name="Rikslinjen").always_open


def test_importing_the_tables_again_changes_nothing(two_services, tmp_path):
    summary = import_hsds(a_package_zip(tmp_path, exported_package(tmp_path)))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)


def test_a_cell_of_the_wrong_type_is_named_by_file_row_and_column_and_nothing_changes(
    two_services, tmp_path
):
    def spoil(rows):
        rows[1]["example_data"] = "kanske"
        rows[0]["name"] = "Namnet ändrat i tabellen"

    members = edited_table(exported_package(tmp_path), "services.csv", spoil)
    before = {s.pk: service_document(s) for s in Service.objects.all()}
    with pytest.raises(ImportRejected) as rejected:
        import_hsds(a_package_zip(tmp_path, members))
    (error,) = rejected.value.errors
    assert (error.file, error.row, error.column) == ("datapackage/services.csv", 3, "example_data")
    assert "boolean" in error.reason
    assert {s.pk: service_document(s) for s in Service.objects.all()} == before


def test_a_row_that_points_at_a_service_the_package_does_not_hold_is_refused(
    two_services, tmp_path
):
    def orphan(rows):
        rows[0]["service_id"] = "0b6c1f7e-1111-4c6e-8f5a-2a0e9d7c3b21"

    members = edited_table(exported_package(tmp_path), "phones.csv", orphan)
    with pytest.raises(ImportRejected) as rejected:
        import_hsds(a_package_zip(tmp_path, members))
    (error,) = rejected.value.errors
    assert (error.file, error.row, error.column) == ("datapackage/phones.csv", 2, "service_id")
    assert "0b6c1f7e-1111-4c6e-8f5a-2a0e9d7c3b21 finns inte i services.csv" in error.reason


def test_a_table_named_in_the_descriptor_but_missing_from_the_zip_is_named(two_services, tmp_path):
    members = {
        name: content
        for name, content in exported_package(tmp_path).items()
        if not name.endswith("/phones.csv")
    }
    with pytest.raises(ImportRejected, match=r"tabellen phones\.csv saknas i zip-filen"):
        import_hsds(a_package_zip(tmp_path, members))


def test_service_rows_keep_the_profile_rules_and_name_their_row(two_services, tmp_path):
    def no_catchment(rows):
        rows.clear()

    members = edited_table(exported_package(tmp_path), "service_areas.csv", no_catchment)
    with pytest.raises(ImportRejected) as rejected:
        import_hsds(a_package_zip(tmp_path, members))
    places = {(e.file, e.row, e.column) for e in rejected.value.errors}
    assert places == {
        ("datapackage/services.csv", 2, "service_areas"),
        ("datapackage/services.csv", 3, "service_areas"),
    }


def test_a_protected_address_is_not_in_the_tables(tmp_path):
    a_sheltered_home()
    tables = b"".join(exported_package(tmp_path).values()).decode()
    assert "Hemliga vägen" not in tables and "147 99" not in tables
