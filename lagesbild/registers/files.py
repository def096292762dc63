"""A register's tables as CSV or XLSX answers."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(columns: list[str], rows: list[list], notice: str = "") -> bytes:
    """UTF-8 with BOM and semicolons, so Excel with Swedish settings opens it as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if notice:
        writer.writerow([notice])
    writer.writerow(columns)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: list[tuple[str, list[str], list[list]]], notice: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        if notice:
            sheet.append([notice])
            sheet.cell(row=1, column=1).font = Font(bold=True)
        sheet.append(columns)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def table_response(
    fmt: str,
    filename: str,
    columns: list[str],
    rows: list[list],
    *,
    notice: str = "",
    sheets: list | None = None,
    disposition: str = "attachment",
) -> HttpResponse:
    """A CSV or XLSX answer; `sheets` adds further XLSX sheets as (title, columns, rows)."""
    if fmt == "xlsx":
        body = xlsx_bytes([(filename, columns, rows), *(sheets or [])], notice)
        response = HttpResponse(body, content_type=XLSX_TYPE)
    else:
        response = HttpResponse(
            csv_bytes(columns, rows, notice), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{fmt}"'
    return response
