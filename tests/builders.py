"""Builders with intention-revealing names for the files and data the stories need."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

TEMPLATE_HEADER = [
    "indikator",
    "territorium",
    "period",
    "kön",
    "uppdelning",
    "värde",
    "nedre",
    "övre",
    "status",
    "kommentar",
]


def a_row(
    indicator="ntu-hot",
    territory="01",
    period="2019",
    sex="K",
    breakdown="",
    value="9,4",
    lower="",
    upper="",
    status="",
    note="",
) -> list:
    return [indicator, territory, period, sex, breakdown, value, lower, upper, status, note]


def a_template_csv(
    directory: Path,
    rows: list[list],
    name: str = "lan-siffror.csv",
    header=TEMPLATE_HEADER,
    delimiter: str = ";",
) -> Path:
    path = directory / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def a_template_xlsx(
    directory: Path, rows: list[list], name: str = "lan-siffror.xlsx", header=TEMPLATE_HEADER
) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = directory / name
    workbook.save(path)
    return path


def with_stale_dimension(path: Path, ref: str = "A1:B2") -> Path:
    """Rewrites the first sheet's stored dimension to claim fewer rows and columns than it holds, as
    files saved by other tools often do; readers that trust it silently miss rows."""
    import re
    import zipfile

    members = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            members[info.filename] = archive.read(info.filename)
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet], count = re.subn(
        rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), members[sheet]
    )
    assert count == 1, "the sheet has no dimension to make stale"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path
