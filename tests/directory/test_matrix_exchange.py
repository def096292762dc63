"""The matrix as a spreadsheet: one row per service with the report's eight variables as its first
columns; exported files import again unchanged; a file with any error changes nothing and every
error names file, row, column and reason."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.core.outputs import render
from lagesbild.directory import matrix
from lagesbild.directory.models import CatchmentLevel, Service, ServiceStatus
from lagesbild.sources.importing import ImportRejected

from .builders import MATRIX_HEADER, a_matrix_csv, a_matrix_row, a_matrix_xlsx, a_service


def test_the_eight_variables_come_first(client):
    a_service("Kvinnojouren Exempla", languages=("sv", "ar"), easy_to_read=True)
    rows = list(
        csv.reader(
            io.StringIO(client.get("/hitta-stod/matris.csv").content.decode("utf-8")),
        )
    )
    assert rows[0][1:9] == MATRIX_HEADER
    assert rows[1][1:9] == [
        "Kvinnojouren Exempla",
        "Kvinnojouren Exempla",
        "Civilsamhälle",
        "Kvinnor",
        "Våld i nära relation",
        "Botkyrka",
        "mån–fre 09:00–16:00",
        "svenska, arabiska, lättläst svenska",
    ]
    assert "kontrollerad av" not in rows[0]  # editors' names stay out of the public download


def test_a_new_matrix_is_imported_from_excel_with_tolerant_spelling(tmp_path, stockholm_editor):
    path = a_matrix_xlsx(
        tmp_path,
        [
            a_matrix_row(),
            a_matrix_row(
                "Länsjouren",
                "Länsjouren",
                "CIVILSAMHALLE",
                "kvinnor",
                "vald i nara relation",
                "Stockholms län",
                "dygnet runt",
                "sv, ar, teckenspråk",
            ),
            a_matrix_row(
                "Rikslinjen",
                "Exempelmyndigheten",
                "Statlig myndighet",
                "Kvinnor, Män",
                "Hedersrelaterat våld och förtryck",
                "hela landet",
                "",
                "",
            ),
        ],
    )
    summary = matrix.import_matrix(path, user=stockholm_editor)
    assert (summary.created, summary.updated) == (3, 0)
    tjejjouren = Service.objects.get(name="Tjejjouren Exempla")
    assert tjejjouren.county_id == "01" and tjejjouren.status == ServiceStatus.DRAFT
    assert tjejjouren.catchment_codes() == ["0126", "0127"] and tjejjouren.easy_to_read
    assert sorted(tjejjouren.target_groups.values_list("code", flat=True)) == ["flickor", "hbtqi"]
    assert Service.objects.get(name="Länsjouren").always_open
    assert sorted(
        Service.objects.get(name="Länsjouren").languages.values_list("code", flat=True)
    ) == ["ar", "sv", "swl"]
    assert Service.objects.get(name="Rikslinjen").catchment_level == CatchmentLevel.NATION


def test_every_error_is_reported_and_nothing_is_saved(tmp_path, stockholm_editor):
    path = a_matrix_csv(
        tmp_path,
        [
            a_matrix_row(),
            a_matrix_row("Andra", sector="kyrka", catchment="Atlantis"),
            a_matrix_row("Tredje", opening="ibland", languages="klingonska", exposures=""),
        ],
    )
    with pytest.raises(ImportRejected) as rejected:
        matrix.import_matrix(path, user=stockholm_editor)
    messages = [str(e) for e in rejected.value.errors]
    assert messages[0].startswith(
        "matris.csv: rad 3, kolumn 'sektor': okänt värde 'kyrka' (kända värden: "
    )
    assert any(
        m.startswith("matris.csv: rad 3, kolumn 'upptagningsområde': okänt territorium 'Atlantis'")
        for m in messages
    )
    assert "matris.csv: rad 4, kolumn 'målgrupp/utsatthet': värde saknas" in messages
    assert any(m.startswith("matris.csv: rad 4, kolumn 'öppettider'") for m in messages)
    assert any("okänt språk 'klingonska'" in m for m in messages)
    assert not Service.objects.exists()


def test_unknown_or_missing_columns_refuse_the_file(tmp_path):
    with pytest.raises(Exception, match="okänd kolumn"):
        matrix.import_matrix(
            a_matrix_csv(tmp_path, [["x"]], header=[*MATRIX_HEADER[:7], "favoritfärg"])
        )
    with pytest.raises(Exception, match="obligatorisk kolumn saknas"):
        matrix.import_matrix(a_matrix_csv(tmp_path, [["x"]], header=MATRIX_HEADER[:3]))


def test_an_exported_matrix_imports_again_without_changes(tmp_path):
    a_service(
        "Kvinnojouren Exempla", languages=("sv", "fa"), opening="mån–fre 09:00–12:00, 13:00–16:00"
    )
    a_service(
        "Mansmottagningen", catchment=(CatchmentLevel.COUNTIES, ["01"]), opening="dygnet runt"
    )
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"matris.{fmt}"
        call_command(
            "directory", "export", "--format", fmt, "--out", str(out), stdout=io.StringIO()
        )
        summary = matrix.import_matrix(out)
        assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)


def test_an_edited_row_updates_its_service_and_records_the_file_in_the_history(
    tmp_path, stockholm_editor
):
    service = a_service("Kvinnojouren Exempla")
    out = tmp_path / "matris.csv"
    out.write_bytes(
        render(
            matrix.matrix_output(matrix.export_queryset(Service.objects.all()), public=False), "csv"
        )
    )
    out.write_text(
        out.read_text(encoding="utf-8-sig").replace("mån–fre 09:00–16:00", "mån–fre 08:00–17:00"),
        encoding="utf-8",
    )
    summary = matrix.import_matrix(out, user=stockholm_editor)
    assert summary.updated == 1
    service.refresh_from_db()
    assert service.hours_text() == "mån–fre 08.00–17.00"
    latest = service.history.first()
    assert (
        latest.history_user == stockholm_editor
        and "importerad från matris.csv" in latest.history_change_reason
    )


def test_a_county_editor_cannot_import_rows_of_another_county(tmp_path, skane_editor):
    a_service("Stockholms tjänst")
    out = tmp_path / "matris.csv"
    out.write_bytes(
        render(
            matrix.matrix_output(matrix.export_queryset(Service.objects.all()), public=False), "csv"
        )
    )
    with pytest.raises(ImportRejected, match="kolumn 'ägande län': du kan bara importera"):
        matrix.import_matrix(out, user=skane_editor)


def test_the_web_upload_checks_everything_first(as_person, stockholm_editor, tmp_path):
    client = as_person(stockholm_editor)
    bad = a_matrix_csv(tmp_path, [a_matrix_row(sector="kyrka")], name="fel.csv")
    with bad.open("rb") as handle:
        response = client.post("/verksamheter/importera/", {"fil": handle})
    assert (
        response.status_code == 400
        and "fel.csv: rad 2, kolumn &#x27;sektor&#x27;" in response.content.decode()
    )
    good = a_matrix_csv(tmp_path, [a_matrix_row()], name="ratt.csv")
    with good.open("rb") as handle:
        response = client.post("/verksamheter/importera/", {"fil": handle, "provkor": "1"})
    assert (
        "1 verksamheter skulle ge 1 nya" in response.content.decode()
        and not Service.objects.exists()
    )
    with good.open("rb") as handle:
        client.post("/verksamheter/importera/", {"fil": handle})
    assert Service.objects.get().county_id == "01"


def test_the_command_line_import_reports_the_outcome(tmp_path):
    out = io.StringIO()
    call_command(
        "directory",
        "import",
        str(a_matrix_csv(tmp_path, [a_matrix_row()])),
        "--county",
        "Stockholms län",
        "--dry-run",
        stdout=out,
    )
    assert "skulle ge 1 nya" in out.getvalue() and "Provkörning" in out.getvalue()
    assert not Service.objects.exists()
    with pytest.raises(
        CommandError, match=r"Importen avvisades; inget sparades\.\nmatris\.csv: rad 2"
    ):
        call_command(
            "directory", "import", str(a_matrix_csv(tmp_path, [a_matrix_row(sector="kyrka")]))
        )
    with pytest.raises(CommandError, match="filtypen stöds inte"):
        call_command("directory", "import", str(tmp_path / "matris.pdf"))


def test_a_matrix_workbook_with_a_stale_dimension_imports_every_row(tmp_path, stockholm_editor):
    from tests.builders import with_stale_dimension

    from .builders import a_matrix_row, a_matrix_xlsx

    rows = [
        a_matrix_row(name=f"Jouren {number}", organization=f"Förening {number}")
        for number in range(1, 6)
    ]
    path = with_stale_dimension(a_matrix_xlsx(tmp_path, rows), ref="A1:B2")
    summary = matrix.import_matrix(path, user=stockholm_editor)
    assert summary.created == 5
    assert set(
        Service.objects.filter(name__startswith="Jouren ").values_list("name", flat=True)
    ) == {f"Jouren {n}" for n in range(1, 6)}
