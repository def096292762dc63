"""Whatever file an editor uploads, the import either succeeds or is refused with reasons, and a
refused import leaves every table of the database exactly as it was (row counts and contents of all
tables compared). Hypothesis generates the files: other encodings and byte-order marks, huge and
non-finite numbers, formulas, repeated columns and rows, unknown codes, empty and truncated files,
XLSX that is not a zip at all or a zip bomb."""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from lagesbild.core.backup import _plain, stored_models
from lagesbild.sources.importing import ImportRejected, import_file
from tests.builders import TEMPLATE_HEADER

MB = 1024 * 1024
GOOD_ROW = ["ntu-hot", "01", "2019", "K", "", "9,4", "", "", "", ""]

awkward_cells = st.sampled_from(
    [
        "",
        "1e400",
        "-1e400",
        "9" * 400,
        "NaN",
        "nan",
        "inf",
        "-Infinity",
        "∞",
        "=1+1",
        '=HYPERLINK("https://example.org","klicka")',
        "+46 8 123",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "okänd-indikator",
        "9999",
        "99",
        "Atlantis",
        "X",
        "2019-2016",
        "1850",
        "101",
        "-5",
        "\x00",
        "\ufeff01",
        "\u00a0",
        "12,5,3",
        "1 234,5",
        "a" * 5000,
    ]
)


@st.composite
def template_rows(draw) -> list[list[str]]:
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        row = list(GOOD_ROW)
        for _change in range(draw(st.integers(0, 3))):
            row[draw(st.integers(0, len(row) - 1))] = draw(awkward_cells)
        rows.append(row)
    if rows and draw(st.booleans()):
        rows.append(list(draw(st.sampled_from(rows))))  # the same observation twice
    return rows


@st.composite
def template_headers(draw) -> list[str]:
    header = list(TEMPLATE_HEADER)
    change = draw(st.sampled_from(["as is", "repeated", "missing", "unknown", "bom", "empty"]))
    if change == "repeated":
        header.append(draw(st.sampled_from(TEMPLATE_HEADER)))
    elif change == "missing":
        header.remove(draw(st.sampled_from(["indikator", "territorium", "period", "värde"])))
    elif change == "unknown":
        header.append("okänd kolumn")
    elif change == "bom":
        header[0] = "\ufeff" + header[0]
    elif change == "empty":
        header = []
    return header


def csv_bytes(header, rows, encoding: str, delimiter: str) -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return "\r\n".join(lines).encode(encoding, errors="replace")


def xlsx_bytes(header, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for line in [header, *rows]:
        sheet.append([_xlsx_value(cell) for cell in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(cell: str):
    """Numbers as numbers where they read as numbers (huge and non-finite ones too), else text."""
    try:
        number = float(cell.replace(",", "."))
    except ValueError:
        return cell.replace("\x00", "")
    return cell if number != number or number in (float("inf"), float("-inf")) else number


def an_xlsx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            for _ in range(300):
                handle.write(b" " * MB)
    return buffer.getvalue()


BOMB = an_xlsx_bomb()


@st.composite
def malformed_files(draw) -> tuple[str, bytes]:
    form = draw(st.sampled_from(["csv", "xlsx", "not a zip", "bomb", "truncated xlsx"]))
    header, rows = draw(template_headers()), draw(template_rows())
    if form == "csv":
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]))
        data = csv_bytes(header, rows, encoding, draw(st.sampled_from([";", ",", "\t"])))
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
        return "fil.csv", data
    if form == "xlsx":
        return "fil.xlsx", xlsx_bytes(header, rows)
    if form == "truncated xlsx":
        # A share, not a length: the workbook's bytes carry the time they were written.
        share = draw(st.floats(0, 1, exclude_max=True))
        data = xlsx_bytes(header, rows)
        return "fil.xlsx", data[: int(len(data) * share)]
    if form == "bomb":
        return "fil.xlsx", BOMB
    return "fil.xlsx", draw(st.binary(max_size=2000))


def every_table() -> dict[str, str]:
    """Each table's row count and a digest of its rows."""
    state = {}
    for model in stored_models():
        rows = model._base_manager.order_by("pk").values_list()
        digest = hashlib.sha256()
        count = 0
        for row in rows.iterator():
            digest.update(json.dumps(row, default=_plain).encode())
            count += 1
        state[model._meta.db_table] = f"{count}:{digest.hexdigest()}"
    return state


@pytest.mark.slow
@given(malformed_files())
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
def test_a_refused_import_leaves_every_table_as_it_was(file):
    name, data = file
    before = every_table()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(data)
        try:
            import_file(path)
        except ImportRejected as refused:
            assert refused.errors, "a refusal gives its reasons"
            assert every_table() == before, f"{name} was refused but changed the database"
