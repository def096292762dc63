"""Brå's statistics tables (CSV or Excel) for the catalogue's Brå indicators.

Brå has no API; its tables are downloaded as files. A table has a few title rows, then a header with a
region column (Region, Län, Område), optionally a crime-type column (Brottstyp, Brott) and a sex column
(Kön), and then either one column per year ("2023", "2023*" or "2023 prel." for preliminary figures) or
an År column with a value column. Cells use Brå's conventions: ".." for a figure suppressed because it
is too uncertain or too small, "-" for zero, decimal commas and spaces between thousands. CSV files may
start with a byte-order mark and may be saved in Windows-1252.

Since 2015 Brå reports by polisregion; those regions are not län, and rows for them are refused with a
message rather than matched to a county of a similar name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lagesbild.indicators import parsing
from lagesbild.indicators.models import BatchKind, Indicator, ObservationStatus, Sex
from lagesbild.territories.models import fold

from .fetching import BadRequest, Fetched, FetchOutcome, import_collected
from .importing import BatchInfo
from .mappings import load_mapping
from .records import FileRejected, RowError, sha256_of
from .tables import Sheet, cell_text, find_header, folded, read_sheets

REGION_HEADERS = {"region", "lan", "omrade", "kommun", "lan/kommun", "region/lan"}
CODE_HEADERS = {"kod", "lanskod", "kommunkod", "regionkod"}
CRIME_HEADERS = {"brottstyp", "brott", "brottskategori", "brottstyp/brott"}
SEX_HEADERS = {"kon", "offrets kon", "brottsoffrets kon"}
YEAR_HEADERS = {"ar", "year", "period"}
VALUE_HEADERS = {"varde", "andel", "antal", "procent", "andel (%)", "personuppklaringsprocent"}
SEX_WORDS = {
    "mot kvinna": Sex.WOMEN,
    "mot kvinnor": Sex.WOMEN,
    "mot man": Sex.MEN,
    "mot man.": Sex.MEN,
    "samtliga": Sex.TOTAL,
    "bada konen": Sex.TOTAL,
}
# The police's seven regions since 2015; "Region Stockholm" (Stockholm and Gotland) would otherwise be
# taken for Stockholms län.
POLICE_REGIONS = {
    "region nord",
    "region mitt",
    "region stockholm",
    "region vast",
    "region ost",
    "region syd",
    "region bergslagen",
}
_YEAR_HEADER = re.compile(r"^(\d{4})\s*(\*|prel\.?|preliminar)?$")
SUPPRESSED, ZERO = "..", "-"


@dataclass
class Layout:
    header_cells: list
    region: int | None = None
    code: int | None = None
    crime: int | None = None
    sex: int | None = None
    year: int | None = None
    value: int | None = None
    years: dict[int, tuple[int, bool]] = field(
        default_factory=dict
    )  # column -> (year, preliminary)

    def header(self, index: int | None) -> str:
        return cell_text(self.header_cells[index]) if index is not None else ""


def _year_header(key: str) -> tuple[int, bool] | None:
    match = _YEAR_HEADER.match(key)
    if match and 1900 <= int(match.group(1)) <= 2100:
        return int(match.group(1)), bool(match.group(2))
    return None


def _is_header(cells: list[str]) -> bool:
    has_place = any(c in REGION_HEADERS or c in CODE_HEADERS for c in cells)
    has_years = any(_year_header(c) for c in cells) or (
        any(c in YEAR_HEADERS for c in cells) and any(c in VALUE_HEADERS for c in cells)
    )
    return has_place and has_years


def _layout(header_cells: list) -> Layout:
    layout = Layout(header_cells)
    for index, raw in enumerate(header_cells):
        key = folded(raw)
        year = _year_header(key)
        if year:
            layout.years[index] = year
            continue
        for attribute, names in (
            ("region", REGION_HEADERS),
            ("code", CODE_HEADERS),
            ("crime", CRIME_HEADERS),
            ("sex", SEX_HEADERS),
            ("year", YEAR_HEADERS),
            ("value", VALUE_HEADERS),
        ):
            if key in names and getattr(layout, attribute) is None:
                setattr(layout, attribute, index)
                break
    return layout


@dataclass
class Targets:
    """Which indicator (and category) a row goes to."""

    table_indicator: str | None
    crime_types: dict[str, tuple[str, str]]
    explicit: bool

    def for_crime(self, crime: str) -> tuple[str, str] | None:
        mapped = self.crime_types.get(fold(crime)) if crime else None
        if self.explicit:
            return (
                mapped
                if mapped and mapped[0] == self.table_indicator
                else (self.table_indicator, crime)
            )
        if crime:
            return mapped
        return (self.table_indicator, "") if self.table_indicator else None


def _targets(
    sheet: Sheet, header_row: int, path: Path, indicator: str | None, mapping: Path | None
) -> Targets:
    document = load_mapping("bra", mapping)
    crime_types = {
        fold(name): (e["indicator"], e["breakdown"])
        for e in document["crime_types"]
        for name in e["names"]
    }
    if indicator:
        return Targets(indicator, crime_types, explicit=True)
    title = fold(
        " ".join(
            (
                sheet.title_text(header_row),
                sheet.name,
                path.stem.replace("-", " ").replace("_", " "),
            )
        )
    )
    matched = [
        t["indicator"]
        for t in document["tables"]
        if all(fold(p) in title for p in t["title_contains"])
    ]
    return Targets(matched[0] if len(matched) == 1 else None, crime_types, explicit=False)


def _value(raw, preliminary: bool) -> tuple[float | None, str, str]:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return (
            float(raw),
            ObservationStatus.PRELIMINARY if preliminary else ObservationStatus.OK,
            "",
        )
    text = cell_text(raw)
    if text == SUPPRESSED:
        return None, ObservationStatus.SUPPRESSED, "Brå: '..' (för osäkert eller för få fall)"
    if text == "":
        return None, ObservationStatus.MISSING, ""
    number = 0.0 if text == ZERO else parsing.parse_number(text)
    return number, ObservationStatus.PRELIMINARY if preliminary else ObservationStatus.OK, ""


def _territory(layout: Layout, cells: list) -> tuple[str, str]:
    """The territory text of a row and the header of the column it came from; polisregioner are refused."""
    code = (
        cell_text(cells[layout.code])
        if layout.code is not None and layout.code < len(cells)
        else ""
    )
    name = (
        cell_text(cells[layout.region])
        if layout.region is not None and layout.region < len(cells)
        else ""
    )
    if (
        fold(name).startswith(("polisregion", "polisomrade", "lokalpolisomrade"))
        or fold(name) in POLICE_REGIONS
    ):
        raise ValueError(
            f"{name!r} är en polisregion eller ett polisområde, inte ett län; hämta tabellen per län"
        )
    if code:
        return code, layout.header(layout.code)
    return name, layout.header(layout.region)


def _sex(layout: Layout, cells: list) -> str:
    if layout.sex is None or layout.sex >= len(cells):
        return Sex.TOTAL
    text = cell_text(cells[layout.sex])
    return SEX_WORDS.get(fold(text)) or parsing.parse_sex(text)


def _cells_to_read(layout: Layout, cells: list) -> list[tuple[int, object, bool, str]]:
    """(year, cell, preliminary, header) for each figure in the row, wide or long."""
    if layout.years:
        return [
            (year, cells[i] if i < len(cells) else None, prel, layout.header(i))
            for i, (year, prel) in layout.years.items()
        ]
    year_text = cell_text(cells[layout.year]) if layout.year < len(cells) else ""
    match = _year_header(fold(year_text))
    year, prel = match if match else (year_text, False)
    return [
        (
            year,
            cells[layout.value] if layout.value < len(cells) else None,
            prel,
            layout.header(layout.value),
        )
    ]


def _read_row(
    fetched: Fetched, sheet: Sheet, layout: Layout, targets: Targets, number: int, cells: list
) -> None:
    if all(cell_text(c) == "" for c in cells):
        return
    crime = (
        cell_text(cells[layout.crime])
        if layout.crime is not None and layout.crime < len(cells)
        else ""
    )
    target = targets.for_crime(crime)
    if target is None:
        if crime:
            fetched.leave_out(f"brottstypen {crime!r} har ingen indikator i mappningen")
            return
        raise FileRejected(
            RowError(
                sheet.where,
                0,
                "",
                "rubriken avgör inte vilken indikator tabellen gäller "
                "(se mappings/bra.yml); ange den med --indicator",
            )
        )
    indicator, breakdown = target
    try:
        territory, territory_header = _territory(layout, cells)
    except ValueError as error:
        fetched.problem(sheet.where, number, layout.header(layout.region), str(error))
        return
    try:
        sex = _sex(layout, cells)
    except ValueError as error:
        fetched.problem(sheet.where, number, layout.header(layout.sex), str(error))
        return
    for year, raw, preliminary, header in _cells_to_read(layout, cells):
        try:
            value, status, note = _value(raw, preliminary)
        except ValueError as error:
            fetched.problem(sheet.where, number, header, str(error))
            continue
        fetched.add(
            sheet.where,
            number,
            {
                "indicator": indicator,
                "territory": territory,
                "period": year,
                "sex": sex,
                "breakdown": breakdown,
                "value": value,
                "status": status,
                "note": note,
            },
            {
                "territory": territory_header,
                "period": header if layout.years else layout.header(layout.year),
                "sex": layout.header(layout.sex) or "kön",
                "breakdown": layout.header(layout.crime) or "brottstyp",
                "indicator": layout.header(layout.crime) or "indikator",
                "value": header,
            },
        )


def _read_sheet(
    fetched: Fetched, sheet: Sheet, path: Path, indicator: str | None, mapping: Path | None
) -> bool:
    position = find_header(sheet, _is_header)
    if position is None:
        return False
    header_row, header_cells = sheet.rows[position]
    layout = _layout(header_cells)
    targets = _targets(sheet, header_row, path, indicator, mapping)
    for number, cells in sheet.rows[position + 1 :]:
        if _is_footnote(layout, cells):
            continue
        _read_row(fetched, sheet, layout, targets, number, cells)
    return True


def _is_footnote(layout: Layout, cells: list) -> bool:
    """Source lines and notes under the table: text in the first column and no figure."""
    figures = list(layout.years) or [layout.value]
    return all(i is None or i >= len(cells) or cell_text(cells[i]) == "" for i in figures)


def import_bra(
    path: Path,
    *,
    indicator: str | None = None,
    mapping: Path | None = None,
    dry_run: bool = False,
    user=None,
) -> FetchOutcome:
    """Imports every sheet with a Brå table, or nothing."""
    path = Path(path)
    if indicator and not Indicator.objects.filter(pk=indicator).exists():
        raise BadRequest(f"indikatorn {indicator!r} finns inte i katalogen")
    sheets = read_sheets(path)
    fetched = Fetched()
    read = [sheet.name for sheet in sheets if _read_sheet(fetched, sheet, path, indicator, mapping)]
    if not read:
        raise FileRejected(
            RowError(
                path.name,
                0,
                "",
                "ingen tabell hittades: rubrikraden ska ha en kolumn för region "
                "eller län och kolumner för år (eller År och Värde)",
            )
        )
    if not fetched.records and not fetched.problems:
        raise FileRejected(
            RowError(path.name, 0, "", "tabellen har inga rader för indikatorer i katalogen")
        )
    info = BatchInfo(
        kind=BatchKind.BRA,
        source=f"Brå: {path.name}"[:400],
        file_name=path.name,
        checksum=sha256_of(path),
        user=user,
        parameters={
            "sheets": read,
            "indicator": indicator,
            "mapping": str(mapping) if mapping else "bra.yml",
        },
    )
    summary = import_collected(fetched, info, label=path.name, dry_run=dry_run)
    return FetchOutcome(path.name, summary, fetched.left_out, [])
