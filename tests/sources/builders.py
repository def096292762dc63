"""Builders for the files agencies publish, shaped like the real downloads, with illustrative numbers."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from lagesbild.indicators.models import Indicator, Origin

OJ_TITLE = "Öppna jämförelser 2023 – Våld i nära relationer. Resultat för kommuner, län och riket"
OJ_SOURCE = "Källa: Socialstyrelsen. Rekonstruerat exempel; värdena är illustrativa."
SHELTER = "Erbjuder skyddat boende med biståndsbeslut till våldsutsatta vuxna"
SCHOOLING = (
    "Aktuell skriftlig rutin för hur handläggaren ska säkra skolgången för barn i skyddat boende"
)
WOMENS_SHELTER = "Skriftlig överenskommelse om samverkan i enskilda ärenden med kvinnojour"
POLICE = "Skriftlig överenskommelse om samverkan i enskilda ärenden med polisen"
STAFF = "Antal handläggare inom våld i nära relationer"
OJ_HEADER = ["Kod", "Namn", "Nivå", SHELTER, SCHOOLING, WOMENS_SHELTER, POLICE, STAFF]
PERCENT = object()  # marks a share stored as an Excel percentage (a fraction shown with %)


def oj_rows() -> list[list]:
    """Riket and län give the share of kommuner; kommuner answer Ja or Nej; stadsdelar come last."""
    return [
        [
            "00",
            "Riket",
            "Riket",
            (PERCENT, 0.81),
            (PERCENT, 0.35),
            (PERCENT, 0.42),
            (PERCENT, 0.30),
            2400,
        ],
        ["01", "Stockholms län", "Län", (PERCENT, 0.88), (PERCENT, 0.46), "38 %", 27, 310],
        ["0114", "Upplands Väsby", "Kommun", "Ja", "Nej", "Ja", "Nej", 4],
        ["0180", "Stockholm", "Kommun", "Ja", "Ja", "ja", "Ja", 95],
        ["018010", "Stockholm – Rinkeby-Kista", "Stadsdel", "Ja", "Nej", "Nej", "Nej", 6],
        ["0181", "Södertälje", "Kommun", "Ja", "Uppgift saknas", "Nej", "Ja", 8],
    ]


def an_oj_workbook(
    directory: Path,
    rows: list[list] | None = None,
    *,
    name: str = "oj-vinr-2023.xlsx",
    title: str = OJ_TITLE,
    header: list | None = None,
    with_information_sheet: bool = True,
) -> Path:
    """Socialstyrelsen's ÖJ Excel file: an information sheet, then the results under two title rows."""
    workbook = Workbook()
    if with_information_sheet:
        information = workbook.active
        information.title = "Information"
        information.append(["Om Öppna jämförelser"])
        information.append(["Uppgifterna kommer från en enkät till landets kommuner."])
        sheet = workbook.create_sheet("Resultat")
    else:
        sheet = workbook.active
        sheet.title = "Resultat"
    sheet.append([title])
    sheet.append([OJ_SOURCE])
    sheet.append([])
    sheet.append(header or OJ_HEADER)
    for row in oj_rows() if rows is None else rows:
        sheet.append([cell[1] if isinstance(cell, tuple) else cell for cell in row])
        for column, cell in enumerate(row, start=1):
            if isinstance(cell, tuple) and cell[0] is PERCENT:
                sheet.cell(row=sheet.max_row, column=column).number_format = "0%"
    sheet.append([])
    sheet.append(["Uppgift saknas = kommunen har inte svarat på frågan."])
    path = directory / name
    workbook.save(path)
    return path


def a_bra_table_xlsx(
    directory: Path,
    rows: list[list],
    *,
    name: str = "dodligt-vald-lan.xlsx",
    title: str = "Konstaterade fall av dödligt våld efter län. Antal",
    header: list | None = None,
) -> Path:
    """A Brå table saved as Excel: a title, a blank row, the header with years, the rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tabell"
    sheet.append([title])
    sheet.append(["Källa: Brå. Rekonstruerat exempel; siffrorna är illustrativa."])
    sheet.append([])
    sheet.append(header or ["Län", 2022, 2023])
    for row in rows:
        sheet.append(row)
    path = directory / name
    workbook.save(path)
    return path


def a_bra_csv(
    directory: Path, lines: list[str], *, name: str = "bra.csv", encoding: str = "utf-8-sig"
) -> Path:
    path = directory / name
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def a_population_indicator() -> Indicator:
    """An analyst adds population, by sex, as a denominator to follow from SCB."""
    return Indicator.objects.create(
        id="befolkning",
        goal_id=2,
        name_sv="Folkmängd",
        name_en="Population",
        status="indikator",
        data_source="SCB",
        agency="SCB",
        unit="antal",
        levels=["riket", "lan", "kommun"],
        by_sex=True,
        origin=Origin.USER,
    )
