"""Reading published tables (Excel or CSV) as the agencies ship them: title rows above the header,
several sheets, byte-order marks, Windows encodings, and percentages stored as fractions in Excel.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from lagesbild.core.errors import FileRejected, RowError
from lagesbild.core.spreadsheets import open_workbook, sheet_rows
from lagesbild.territories.models import fold

HEADER_SEARCH_ROWS = 30
_YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")


@dataclass
class Sheet:
    """One sheet (or the whole CSV file): numbered rows of cell values."""

    name: str
    where: str
    rows: list[tuple[int, list]]

    def title_text(self, before_row: int) -> str:
        """The text of the rows above the header, where agencies put the table's title."""
        return " ".join(
            str(c)
            for number, cells in self.rows
            if number < before_row
            for c in cells
            if c not in (None, "")
        )


def read_sheets(path: Path) -> list[Sheet]:
    path = Path(path)
    if not path.is_file():
        raise FileRejected(RowError(str(path), 0, "", "filen finns inte"))
    suffix = path.suffix.casefold()
    if suffix in (".csv", ".txt"):
        return [Sheet(path.name, path.name, _csv_rows(path))]
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_sheets(path)
    raise FileRejected(
        RowError(path.name, 0, "", "filtypen stöds inte: använd Excel (.xlsx) eller CSV (.csv)")
    )


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with a mark, or Windows-1252 as Excel saves it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise FileRejected(
                RowError(name, 0, "", "filen är varken UTF-8 eller Windows-1252")
            ) from None


def _csv_rows(path: Path) -> list[tuple[int, list]]:
    text = decode_text(path.read_bytes(), path.name)
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    sample = max(lines, key=lambda line: max(line.count(d) for d in ";\t,"), default="")
    delimiter = max(";\t,", key=sample.count) if sample else ";"
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise FileRejected(RowError(path.name, 0, "", f"felaktig CSV: {error}")) from None


def _xlsx_sheets(path: Path) -> list[Sheet]:
    with open_workbook(path) as workbook:
        several = len(workbook.worksheets) > 1
        return [
            Sheet(
                sheet.title,
                f"{path.name}, blad {sheet.title!r}" if several else path.name,
                [
                    (number, [_cell_value(c) for c in row])
                    for number, row in sheet_rows(sheet, path.name, values_only=False)
                ],
            )
            for sheet in workbook.worksheets
        ]


def _cell_value(cell):
    """A number shown as a percentage in Excel is stored as a fraction (0,72 for 72 %): give the percent."""
    value = cell.value
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", "") or "")
    ):
        return round(value * 100, 10)
    return value


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def folded(value) -> str:
    return fold(cell_text(value))


def find_header(sheet: Sheet, is_header) -> int | None:
    """Position in `sheet.rows` of the first row, among the first ones, that `is_header` accepts."""
    for position, (_, cells) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if is_header([folded(c) for c in cells]):
            return position
    return None


def years_in(text: str) -> set[int]:
    return {int(y) for y in _YEAR.findall(text)}


_ADDRESS = re.compile(r"https?://[^\s,;()<>\"']+")


def addresses_in(text: str) -> list[str]:
    """Web addresses in a text (a table's title or source line), in order."""
    return [address.rstrip(".") for address in _ADDRESS.findall(text or "")]


def marks_example(sheets: list[Sheet], notice: str) -> bool:
    """Whether the rows at the top of any sheet say the file holds example data."""
    key = fold(notice)
    return any(
        isinstance(cell, str) and key in fold(cell)
        for sheet in sheets
        for _, cells in sheet.rows[:HEADER_SEARCH_ROWS]
        for cell in cells
    )
