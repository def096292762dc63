"""Socialstyrelsen's Öppna jämförelser (ÖJ) – våld i nära relationer, as published in Excel.

The files hold one row per territory (kommun, län, riket, and for the large cities stadsdelar) and one
column per indicator, under a few title rows. Kommun rows answer Ja or Nej; län and riket rows give the
share of kommuner in percent. A kommun's Ja is stored as 100 and Nej as 0: the share of that one kommun,
which is what the catalogue's "andel kommuner" means at kommun level.

Columns are matched to indicators by the phrases in `mappings/oj.yml`. Stadsdel rows are left out
(the territory register has no stadsdelar). The year comes from an År column, from `--year`, or from the
single year in the title. A workbook whose first rows say "Exempeldata – fiktiva värden" (the sample in
`data/samples/`) is imported as example data, which never replaces a real figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators import parsing
from lagesbild.indicators.models import BatchKind, ObservationStatus
from lagesbild.territories.models import fold

from .fetching import Fetched, FetchOutcome, import_collected
from .importing import BatchInfo
from .mappings import load_mapping
from .records import FileRejected, RowError, sha256_of
from .tables import Sheet, cell_text, find_header, folded, marks_example, read_sheets, years_in

CODE_HEADERS = {"kod", "kommunkod", "lanskod", "regionkod", "omradeskod", "kommun-/lanskod"}
NAME_HEADERS = {
    "kommun",
    "lan",
    "region",
    "namn",
    "omrade",
    "kommun/lan",
    "kommun/stadsdel",
    "kommun, lan, riket",
}
LEVEL_HEADERS = {"niva", "typ", "regiontyp", "omradestyp"}
YEAR_HEADERS = {"ar", "matar", "year"}
ANSWERS = {"ja": 100.0, "nej": 0.0}
MISSING_WORDS = {
    "-",
    "..",
    "uppgift saknas",
    "saknas",
    "ej svar",
    "svar saknas",
    "ej aktuellt",
    "x",
}


@dataclass(frozen=True)
class Column:
    indicator: str
    breakdown: str
    header: str


def column_matchers(mapping: Path | None = None) -> list[tuple[set[str], set[str], dict]]:
    entries = load_mapping("oj", mapping)["columns"]
    return [
        ({fold(p) for p in e["contains"]}, {fold(p) for p in e.get("excludes", [])}, e)
        for e in entries
    ]


def match_column(header: str, matchers) -> list[dict]:
    text = fold(header)
    return [
        entry
        for contains, excludes, entry in matchers
        if all(p in text for p in contains) and not any(p in text for p in excludes)
    ]


def _is_header(cells: list[str]) -> bool:
    return any(c in CODE_HEADERS or c in NAME_HEADERS for c in cells)


@dataclass
class Layout:
    header_cells: list
    code: int | None = None
    name: int | None = None
    level: int | None = None
    year: int | None = None
    columns: dict[int, Column] | None = None

    def header(self, *attributes: str) -> str:
        """The header text of the first of these columns that the sheet has, for messages."""
        for attribute in attributes:
            index = getattr(self, attribute)
            if index is not None:
                return cell_text(self.header_cells[index])
        return ""


def _layout(
    sheet: Sheet, header_cells: list, header_row: int, matchers, fetched: Fetched
) -> Layout:
    layout = Layout(header_cells, columns={})
    for index, raw in enumerate(header_cells):
        text, key = cell_text(raw), folded(raw)
        if not text:
            continue
        for attribute, names in (
            ("code", CODE_HEADERS),
            ("name", NAME_HEADERS),
            ("level", LEVEL_HEADERS),
            ("year", YEAR_HEADERS),
        ):
            if key in names and getattr(layout, attribute) is None:
                setattr(layout, attribute, index)
                break
        else:
            found = match_column(text, matchers)
            if len(found) > 1:
                names = ", ".join(
                    f"{e['indicator']}:{e.get('breakdown', '')}".rstrip(":") for e in found
                )
                fetched.problem(
                    sheet.where,
                    header_row,
                    text,
                    f"rubriken passar flera indikatorer ({names}); "
                    "gör fraserna i mappningsfilen mer precisa",
                )
            elif found:
                layout.columns[index] = Column(
                    found[0]["indicator"], found[0].get("breakdown", ""), text
                )
            else:
                fetched.leave_out(f"kolumnen {text[:60]!r} har ingen indikator i mappningen")
    return layout


def _year(sheet: Sheet, header_row: int, given: int | None, path: Path) -> int | None:
    if given:
        return given
    found = years_in(sheet.title_text(header_row)) or years_in(sheet.name) or years_in(path.stem)
    return found.pop() if len(found) == 1 else None


def _value(raw) -> tuple[float | None, str, str]:
    """Ja/Nej, a share in percent, or a word for a missing answer; raises ValueError otherwise."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw), ObservationStatus.OK, ""
    text = cell_text(raw)
    key = fold(text)
    if key in ANSWERS:
        return ANSWERS[key], ObservationStatus.OK, f"Svar: {text}"
    if key == "" or key in MISSING_WORDS:
        return None, ObservationStatus.MISSING, f"ÖJ: {text}" if text else ""
    try:
        return parsing.parse_number(text), ObservationStatus.OK, ""
    except ValueError:
        raise ValueError(
            f"{text!r} är varken Ja, Nej, en andel i procent eller ett ord för saknat svar"
        ) from None


def _is_stadsdel(code: str, level: str) -> bool:
    return level.startswith("stadsdel") or (len(code) > 4 and not code.isalpha())


def _read_sheet(fetched: Fetched, sheet: Sheet, path: Path, matchers, year: int | None) -> bool:
    position = find_header(sheet, _is_header)
    if position is None:
        return False
    header_row, header_cells = sheet.rows[position]
    layout = _layout(sheet, header_cells, header_row, matchers, fetched)
    sheet_year = _year(sheet, header_row, year, path)
    if sheet_year is None and layout.year is None:
        raise FileRejected(
            RowError(
                sheet.where,
                header_row,
                "",
                "året framgår inte av filen (ingen kolumn År och "
                "inget enskilt år i rubriken); ange det med --year",
            )
        )
    for number, cells in sheet.rows[position + 1 :]:
        _read_row(fetched, sheet, layout, number, cells, sheet_year)
    return True


def _cell(cells: list, index: int | None):
    return cells[index] if index is not None and index < len(cells) else None


def _read_row(
    fetched: Fetched, sheet: Sheet, layout: Layout, number: int, cells: list, year: int | None
) -> None:
    values = {index: _cell(cells, index) for index in layout.columns}
    if all(cell_text(v) == "" for v in values.values()):
        return  # blank rows and the footnotes under the table
    code, name = cell_text(_cell(cells, layout.code)), cell_text(_cell(cells, layout.name))
    if _is_stadsdel(code, folded(_cell(cells, layout.level))):
        fetched.leave_out("rader för stadsdelar, som inte finns i territorieregistret")
        return
    territory = code or name
    period = _cell(cells, layout.year) if layout.year is not None else year
    for index, column in layout.columns.items():
        try:
            value, status, note = _value(values[index])
        except ValueError as error:
            fetched.problem(sheet.where, number, column.header, str(error))
            continue
        fetched.add(
            sheet.where,
            number,
            {
                "indicator": column.indicator,
                "territory": territory,
                "period": period,
                "sex": "T",
                "breakdown": column.breakdown,
                "value": value,
                "status": status,
                "note": note,
            },
            {
                "territory": layout.header("code", "name"),
                "period": layout.header("year") or "år",
                "value": column.header,
                "indicator": column.header,
                "breakdown": column.header,
            },
        )


def import_oj(
    path: Path,
    *,
    year: int | None = None,
    mapping: Path | None = None,
    dry_run: bool = False,
    user=None,
) -> FetchOutcome:
    """Imports every mapped column of every sheet with a table, or nothing."""
    path = Path(path)
    sheets = read_sheets(path)
    matchers = column_matchers(mapping)
    fetched = Fetched()
    read = [sheet.name for sheet in sheets if _read_sheet(fetched, sheet, path, matchers, year)]
    if not read:
        raise FileRejected(
            RowError(
                path.name,
                0,
                "",
                "inget blad har en tabell med en kolumn för kod eller namn på "
                "kommun, län eller riket",
            )
        )
    if not fetched.records and not fetched.problems:
        raise FileRejected(
            RowError(
                path.name,
                0,
                "",
                "ingen kolumn i filen motsvarar en indikator i mappningen för "
                "Öppna jämförelser (se mappings/oj.yml)",
            )
        )
    is_example = marks_example(sheets, EXAMPLE_NOTICE)
    if is_example:
        for record in fetched.records:
            record.values["note"] = EXAMPLE_NOTICE
    info = BatchInfo(
        kind=BatchKind.OJ,
        source=(
            f"Exempelfil i samma form som Öppna jämförelser: {path.name}"
            if is_example
            else f"Socialstyrelsen, Öppna jämförelser: {path.name}"
        )[:400],
        file_name=path.name,
        checksum=sha256_of(path),
        user=user,
        is_example=is_example,
        note=EXAMPLE_NOTICE if is_example else "",
        parameters={"sheets": read, "year": year, "mapping": str(mapping) if mapping else "oj.yml"},
    )
    summary = import_collected(fetched, info, label=path.name, dry_run=dry_run)
    return FetchOutcome(path.name, summary, fetched.left_out, [])
