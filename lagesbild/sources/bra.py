"""Brå's statistics tables (CSV or Excel) for the catalogue's Brå indicators.

Brå has no API; its tables are downloaded as files. A table has a few title rows, then a header with a
region column (Region, Län, Område), optionally a crime-type column (Brottstyp, Brott) and a sex column
(Kön), and then either one column per year ("2023", "2023*" or "2023 prel." for preliminary figures) or
an År column with a value column. Cells use Brå's conventions: ".." for a figure suppressed because it
is too uncertain or too small, "-" for zero, decimal commas and spaces between thousands. CSV files may
start with a byte-order mark and may be saved in Windows-1252.

Brå's table 300 ("Utredning och beslut", handlagda brott) has another layout: one file per region and
year (`300La-2021.xlsx` is Hela landet 2021), one row per crime type (one text column, or two: Lagrum and
Brottstyp) and one column per measure ("Personuppklaringsprocent (%)", …). The measure columns that
belong to an indicator are named in `mappings/bra.yml` (`measures`), the region and year are read from
the title rows or the file name.

Since 2015 Brå reports by polisregion; those regions are not län, and rows (or whole tables) for them are
refused with a message rather than matched to a county of a similar name.

A file whose title rows say "Exempeldata – fiktiva värden" is imported as example data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators import parsing
from lagesbild.indicators.models import BatchKind, Indicator, ObservationStatus, Sex
from lagesbild.territories.models import fold

from .fetching import BadRequest, Fetched, FetchOutcome, import_collected
from .importing import BatchInfo
from .mappings import load_mapping
from .records import FileRejected, RowError, sha256_of
from .tables import (
    Sheet,
    addresses_in,
    cell_text,
    find_header,
    folded,
    marks_example,
    read_sheets,
    years_in,
)

REGION_HEADERS = {"region", "lan", "omrade", "kommun", "lan/kommun", "region/lan"}
CODE_HEADERS = {"kod", "lanskod", "kommunkod", "regionkod"}
CRIME_HEADERS = {"brottstyp", "brott", "brottskategori", "brottstyp/brott"}
LAW_HEADERS = {
    "lagrum"
}  # table 300: the law section, or (with one text column) the crime type itself
HANDLED_HEADERS = {"handlagda brott, totalt", "handlagda brott"}
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
# Brå's file names for table 300 and its kin: table number, region (La = Hela landet, Rn01–Rn07 the
# police regions) and year, e.g. 300La-2021.xlsx.
_TABLE_FILE = re.compile(r"^(\d{3})(La|Rn\d\d)[-_](\d{4})", re.IGNORECASE)
WHOLE_COUNTRY = ("hela landet", "riket")
UNMAPPED_CRIMES = "rader för brottstyper utan indikator i mappningen (mappings/bra.yml)"
SUPPRESSED, ZERO = "..", "-"


@dataclass
class Layout:
    header_cells: list
    region: int | None = None
    code: int | None = None
    crime: int | None = None
    law: int | None = None
    handled: int | None = None
    sex: int | None = None
    year: int | None = None
    value: int | None = None
    years: dict[int, tuple[int, bool]] = field(
        default_factory=dict
    )  # column -> (year, preliminary)
    measures: dict[int, str] = field(default_factory=dict)  # column -> indicator (table 300)

    def header(self, index: int | None) -> str:
        return cell_text(self.header_cells[index]) if index is not None else ""

    @property
    def is_measure_table(self) -> bool:
        """Table 300's layout: crime types down, measures across, one region and year per file."""
        return bool(self.measures) and not self.years and self.region is None and self.code is None

    def crime_column(self) -> int | None:
        return self.crime if self.crime is not None else self.law

    def crime_of(self, cells: list) -> tuple[str, str]:
        """The row's crime type and, in table 300 with two text columns, its law section."""
        crime = _cell_text(cells, self.crime_column())
        law = _cell_text(cells, self.law) if self.crime is not None else ""
        return crime, law


def _cell_text(cells: list, index: int | None) -> str:
    return cell_text(cells[index]) if index is not None and index < len(cells) else ""


def _year_header(key: str) -> tuple[int, bool] | None:
    match = _YEAR_HEADER.match(key)
    if match and 1900 <= int(match.group(1)) <= 2100:
        return int(match.group(1)), bool(match.group(2))
    return None


def _header_test(measure_names: dict[str, str]):
    def is_header(cells: list[str]) -> bool:
        has_place = any(c in REGION_HEADERS or c in CODE_HEADERS for c in cells)
        has_years = any(_year_header(c) for c in cells) or (
            any(c in YEAR_HEADERS for c in cells) and any(c in VALUE_HEADERS for c in cells)
        )
        has_crime = any(c in CRIME_HEADERS or c in LAW_HEADERS for c in cells)
        has_measure = any(c in measure_names for c in cells)
        return (has_place and has_years) or (has_crime and has_measure)

    return is_header


def _layout(header_cells: list, measure_names: dict[str, str]) -> Layout:
    layout = Layout(header_cells)
    for index, raw in enumerate(header_cells):
        key = folded(raw)
        year = _year_header(key)
        if year:
            layout.years[index] = year
            continue
        if key in measure_names:
            layout.measures[index] = measure_names[key]
            continue
        for attribute, names in (
            ("region", REGION_HEADERS),
            ("code", CODE_HEADERS),
            ("crime", CRIME_HEADERS),
            ("law", LAW_HEADERS),
            ("handled", HANDLED_HEADERS),
            ("sex", SEX_HEADERS),
            ("year", YEAR_HEADERS),
            ("value", VALUE_HEADERS),
        ):
            if key in names and getattr(layout, attribute) is None:
                setattr(layout, attribute, index)
                break
    if not layout.is_measure_table:
        layout.measures = {}
    return layout


@dataclass
class Targets:
    """Which indicator (and category) a row goes to."""

    table_indicator: str | None
    crime_types: dict[str, tuple[str, str]]
    explicit: bool

    def for_crime(self, crime: str, law: str = "") -> tuple[str, str] | None:
        mapped = self._mapped(crime, law)
        if self.explicit:
            return (
                mapped
                if mapped and mapped[0] == self.table_indicator
                else (self.table_indicator, crime)
            )
        if crime:
            return mapped
        return (self.table_indicator, "") if self.table_indicator else None

    def for_measure(self, indicator: str, crime: str, law: str) -> str | None:
        """The category of the measure's indicator that a table-300 row holds, if any."""
        mapped = self._mapped(crime, law)
        return mapped[1] if mapped and mapped[0] == indicator else None

    def _mapped(self, crime: str, law: str) -> tuple[str, str] | None:
        if not crime:
            return None
        found = self.crime_types.get(fold(crime))
        if found is None and law:
            found = self.crime_types.get(fold(f"{law} / {crime}"))
        return found


def _mapping_document(mapping: Path | None) -> tuple[dict, dict[str, str]]:
    document = load_mapping("bra", mapping)
    measures = {
        fold(name): entry["indicator"]
        for entry in document.get("measures", [])
        for name in entry["columns"]
    }
    return document, measures


def _targets(
    document: dict,
    sheet: Sheet,
    header_row: int,
    path: Path,
    indicator: str | None,
) -> Targets:
    crime_types = {
        fold(name): (e["indicator"], e["breakdown"])
        for e in document["crime_types"]
        for name in e["names"]
    }
    # A category's own id and Swedish name are always understood (a table made by hand, or by Brå in
    # the category's words).
    mentioned = {e["indicator"] for e in document["crime_types"]} | {
        e["indicator"] for e in document.get("measures", [])
    }
    for found in Indicator.objects.filter(pk__in=mentioned | ({indicator} if indicator else set())):
        for category_id, category in found.breakdown_categories().items():
            crime_types.setdefault(fold(category_id), (found.id, category_id))
            crime_types.setdefault(fold(category["sv"]), (found.id, category_id))
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


def _table_place_and_year(sheet: Sheet, header_row: int, path: Path) -> tuple[str, int]:
    """Table 300 holds one region and one year, named in its title rows or its file name."""
    title = sheet.title_text(header_row)
    match = _TABLE_FILE.match(path.name)
    region = match.group(2).casefold() if match else ""
    if region.startswith("rn") or any(fold(title).find(p) >= 0 for p in POLICE_REGIONS):
        raise FileRejected(
            RowError(
                sheet.where,
                header_row,
                "",
                "tabellen gäller en polisregion, som inte är ett län; importera tabellen för "
                "Hela landet (La)",
            )
        )
    if region != "la" and not any(word in fold(title) for word in WHOLE_COUNTRY):
        raise FileRejected(
            RowError(
                sheet.where,
                header_row,
                "",
                "tabellen anger inte sitt område: rubriken ska säga Hela landet eller filnamnet "
                "börja som Brås, t.ex. 300La-2021",
            )
        )
    years = years_in(title) or ({int(match.group(3))} if match else set())
    if len(years) != 1:
        raise FileRejected(
            RowError(
                sheet.where,
                header_row,
                "",
                "året framgår inte av rubriken eller filnamnet (t.ex. 300La-2021.xlsx)",
            )
        )
    return "00", years.pop()


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
    crime, law = layout.crime_of(cells)
    target = targets.for_crime(crime, law)
    if target is None:
        if crime:
            fetched.leave_out(UNMAPPED_CRIMES)
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
                "breakdown": layout.header(layout.crime_column()) or "brottstyp",
                "indicator": layout.header(layout.crime_column()) or "indikator",
                "value": header,
            },
        )


def _read_measure_row(
    fetched: Fetched,
    sheet: Sheet,
    layout: Layout,
    targets: Targets,
    number: int,
    cells: list,
    place: tuple[str, int],
    only: str | None,
) -> None:
    """A table-300 row: one figure per measure column whose indicator has a category for the crime."""
    crime, law = layout.crime_of(cells)
    if not crime:
        return
    read = False
    for index, indicator in layout.measures.items():
        if only and indicator != only:
            continue
        breakdown = targets.for_measure(indicator, crime, law)
        if breakdown is None:
            continue
        read = True
        header = layout.header(index)
        try:
            value, status, note = _value(cells[index] if index < len(cells) else None, False)
        except ValueError as error:
            fetched.problem(sheet.where, number, header, str(error))
            continue
        handled = _cell_text(cells, layout.handled)
        if value is not None and handled in ("0", ZERO):
            value, status, note = None, ObservationStatus.MISSING, "Brå: inga handlagda brott"
        fetched.add(
            sheet.where,
            number,
            {
                "indicator": indicator,
                "territory": place[0],
                "period": place[1],
                "sex": Sex.TOTAL,
                "breakdown": breakdown,
                "value": value,
                "status": status,
                "note": note,
            },
            {
                "territory": "rubrik eller filnamn",
                "period": "rubrik eller filnamn",
                "sex": "kön",
                "breakdown": layout.header(layout.crime_column()),
                "indicator": header,
                "value": header,
            },
        )
    if not read:
        fetched.leave_out(UNMAPPED_CRIMES)


def _read_sheet(
    fetched: Fetched,
    sheet: Sheet,
    path: Path,
    indicator: str | None,
    document: dict,
    measure_names: dict[str, str],
) -> int | None:
    """Reads the sheet's table, if it has one; returns the row of its header."""
    position = find_header(sheet, _header_test(measure_names))
    if position is None:
        return None
    header_row, header_cells = sheet.rows[position]
    layout = _layout(header_cells, measure_names)
    targets = _targets(document, sheet, header_row, path, indicator)
    place = _table_place_and_year(sheet, header_row, path) if layout.is_measure_table else None
    for number, cells in sheet.rows[position + 1 :]:
        if _is_footnote(layout, cells):
            continue
        if place:
            _read_measure_row(fetched, sheet, layout, targets, number, cells, place, indicator)
        else:
            _read_row(fetched, sheet, layout, targets, number, cells)
    return header_row


def _is_footnote(layout: Layout, cells: list) -> bool:
    """Source lines and notes under the table: text in the first column and no figure."""
    figures = list(layout.years) or list(layout.measures) or [layout.value]
    return all(i is None or i >= len(cells) or cell_text(cells[i]) == "" for i in figures)


def _title(sheets: list[Sheet], headers: dict[str, int]) -> str:
    """The first line above the first table, where Brå (and a sample file) name the table."""
    for sheet in sheets:
        for number, cells in sheet.rows:
            if number >= headers[sheet.name]:
                break
            text = " ".join(cell_text(c) for c in cells if cell_text(c))
            if text:
                return text
    return ""


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
    document, measure_names = _mapping_document(mapping)
    sheets = read_sheets(path)
    fetched = Fetched()
    headers = {
        sheet.name: _read_sheet(fetched, sheet, path, indicator, document, measure_names)
        for sheet in sheets
    }
    read = [sheet for sheet in sheets if headers[sheet.name] is not None]
    if not read:
        raise FileRejected(
            RowError(
                path.name,
                0,
                "",
                "ingen tabell hittades: rubrikraden ska ha en kolumn för region "
                "eller län och kolumner för år (eller År och Värde), eller som Brås tabell 300 "
                "en kolumn för brottstyp och en för personuppklaringsprocent",
            )
        )
    if not fetched.records and not fetched.problems:
        raise FileRejected(
            RowError(path.name, 0, "", "tabellen har inga rader för indikatorer i katalogen")
        )
    is_example = marks_example(sheets, EXAMPLE_NOTICE)
    title = _title(read, headers)
    if is_example:
        for record in fetched.records:
            record.values["note"] = EXAMPLE_NOTICE
    found = addresses_in(" ".join(sheet.title_text(headers[sheet.name]) for sheet in read))
    info = BatchInfo(
        kind=BatchKind.BRA,
        source=(f"Brå: {title} ({path.name})" if title else f"Brå: {path.name}")[:400],
        file_name=path.name,
        url=found[0] if found else "",
        checksum=sha256_of(path),
        user=user,
        is_example=is_example,
        note=EXAMPLE_NOTICE if is_example else "",
        parameters={
            "sheets": [sheet.name for sheet in read],
            "indicator": indicator,
            "mapping": str(mapping) if mapping else "bra.yml",
        },
    )
    summary = import_collected(fetched, info, label=path.name, dry_run=dry_run)
    return FetchOutcome(path.name, summary, fetched.left_out, [])
