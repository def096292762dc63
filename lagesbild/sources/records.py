"""Reading the import template (CSV or XLSX) into numbered records with canonical field names."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from lagesbild.core.errors import FileRejected, RowError
from lagesbild.core.spreadsheets import open_workbook, sheet_rows

FIELDS = (
    "indicator",
    "territory",
    "period",
    "sex",
    "breakdown",
    "value",
    "lower",
    "upper",
    "status",
    "note",
)
HEADER_ALIASES = {
    "indicator": ("indikator", "indikator-id", "indicator", "indicator_id"),
    "territory": (
        "territorium",
        "område",
        "omrade",
        "territory",
        "region",
        "kod",
        "territoriumkod",
    ),
    "period": ("period", "år", "ar", "year"),
    "sex": ("kön", "kon", "sex"),
    "breakdown": ("uppdelning", "breakdown", "dimension"),
    "value": ("värde", "varde", "value"),
    "lower": ("nedre", "nedre gräns", "lower"),
    "upper": ("övre", "ovre", "övre gräns", "upper"),
    "status": ("status",),
    "note": ("kommentar", "not", "note", "anmärkning"),
}
_ALIAS_TO_FIELD = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
REQUIRED = ("indicator", "territory", "period")


@dataclass(slots=True)
class Record:
    row: int
    values: dict
    columns: dict  # canonical field -> header as written in the file, for messages


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def map_headers(file_name: str, headers: list) -> dict[int, str]:
    """Column index -> canonical field; rejects unknown, repeated and missing columns."""
    mapping: dict[int, str] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        text = str(header if header is not None else "").strip()
        if text == "":
            continue
        field = _ALIAS_TO_FIELD.get(text.casefold())
        if field is None:
            known = ", ".join(FIELDS)
            raise FileRejected(
                RowError(file_name, 1, text, f"okänd kolumn (kända kolumner: {known})")
            )
        if field in seen:
            raise FileRejected(
                RowError(file_name, 1, text, f"kolumnen finns redan som {seen[field]!r}")
            )
        seen[field] = text
        mapping[index] = field
    missing = [f for f in REQUIRED if f not in seen]
    if missing:
        raise FileRejected(RowError(file_name, 1, missing[0], "obligatorisk kolumn saknas"))
    if not {"value", "lower", "upper"} & seen.keys():
        raise FileRejected(
            RowError(
                file_name, 1, "value", "filen saknar kolumn för värde (value eller lower/upper)"
            )
        )
    return mapping


def read_records(path: Path, file_name: str | None = None) -> Iterator[Record]:
    name = file_name or path.name
    suffix = path.suffix.casefold()
    if suffix == ".csv" or suffix == ".txt":
        yield from _read_csv(path, name)
    elif suffix in (".xlsx", ".xlsm"):
        yield from _read_xlsx(path, name)
    else:
        raise FileRejected(
            RowError(name, 0, "", "filtypen stöds inte: använd CSV (.csv) eller Excel (.xlsx)")
        )


def _records(
    rows: Iterator[tuple[int, list]], name: str, *, all_text: bool = False
) -> Iterator[Record]:
    """`all_text`: every cell is a string (CSV), so a blank row can be recognised by joining it."""
    try:
        _first_row, headers = next(rows)
    except StopIteration:
        raise FileRejected(RowError(name, 0, "", "filen är tom")) from None
    mapping = map_headers(name, headers)
    columns = {field: str(headers[index]).strip() for index, field in mapping.items()}
    width = len(headers)
    indices, fields = list(mapping), list(mapping.values())
    pick = itemgetter(*indices)
    single = len(indices) == 1
    for number, cells in rows:
        if all_text and len(cells) == width:
            picked = (pick(cells),) if single else pick(cells)
            if "".join(picked).strip():
                yield Record(number, dict(zip(fields, picked)), columns)
            continue
        if len(cells) == width:
            picked = pick(cells)
            values = dict(zip(fields, (picked,) if single else picked))
        else:
            if not any(c is not None and str(c).strip() for c in cells):
                continue
            if len(cells) > width and any(str(c).strip() for c in cells[width:] if c is not None):
                raise FileRejected(
                    RowError(
                        name, number, "", f"raden har {len(cells)} fält men rubrikraden {width}"
                    )
                )
            values = {
                field: cells[index] if index < len(cells) else None
                for index, field in mapping.items()
            }
        if not any(
            v is not None and (not isinstance(v, str) or v.strip()) for v in values.values()
        ):
            continue
        yield Record(number, values, columns)


def _read_csv(path: Path, name: str) -> Iterator[Record]:
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            sample = handle.readline()
            delimiter = max(";,\t", key=sample.count) if sample else ","
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            yield from _records(((reader.line_num, row) for row in reader), name, all_text=True)
    except UnicodeDecodeError as error:
        raise FileRejected(
            RowError(
                name,
                _line_of_byte(path, error.start),
                "",
                "filen är inte kodad som UTF-8 (spara som 'CSV UTF-8')",
            )
        ) from None
    except csv.Error as error:
        raise FileRejected(RowError(name, 0, "", f"felaktig CSV: {error}")) from None


def _line_of_byte(path: Path, offset: int) -> int:
    with path.open("rb") as handle:
        return handle.read(offset).count(b"\n") + 1


def _read_xlsx(path: Path, name: str) -> Iterator[Record]:
    with open_workbook(path, name) as workbook:
        yield from _records(sheet_rows(workbook.worksheets[0], name), name)


def records_from_text(text: str, file_name: str) -> Iterator[Record]:
    """For data that arrives as text (uploads in the web interface, tests)."""
    reader = csv.reader(
        io.StringIO(text.lstrip("\ufeff")), delimiter=max(";,\t", key=text.split("\n", 1)[0].count)
    )
    yield from _records(((reader.line_num, row) for row in reader), file_name)
