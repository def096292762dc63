"""The sample files in `data/samples/`: small files in the published layout of the file-based sources, so
`lagesbild refresh lagesbild/sources/config/refresh-example.yml` imports something on a fresh machine
without network, and a new user sees what each importer reads.

- `300La-2021-urval.xlsx`: rows chosen from Brå's table 300 ("Utredning och beslut") for Hela landet 2021.
  The figures are Brå's, copied from a public normalisation of Brå's file; the title rows and the choice
  of rows are ours and say so. Imported as real figures with that source.
- `oj-vinr-2023-exempel.xlsx`: generated example data (marked "Exempeldata – fiktiva värden" in its title
  rows, so it is imported as example data) in the form the Öppna jämförelser importer reads: riket, every
  län, all kommuner of Blekinge län, Stockholm and one of its stadsdelar. Socialstyrelsen's own column
  headers have not been confirmed from a public source; the headers here are the indicators' wordings.

`write_samples(directory)` writes both files again (run it in `lagesbild shell` after changing them).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.models import Indicator
from lagesbild.territories.models import Level, Territory

from .example import example_records

SAMPLES_DIR = Path(__file__).parent / "data" / "samples"
BRA_SAMPLE = "300La-2021-urval.xlsx"
OJ_SAMPLE = "oj-vinr-2023-exempel.xlsx"

BRA_PAGE = "https://bra.se/statistik_sidor/300/2021/300La-2021.html"
BRA_COPY = (
    "https://github.com/Lulea-statistik/BR-brottsstatistik/blob/main/"
    "docs/data/handlagda/300/2021/La.json"
)
BRA_SHEET = "Samtliga handlagda brott"
BRA_HEADER = [
    "Lagrum",
    "Handlagda brott, totalt",
    "Utredda brott",
    "Direktavskrivna brott",
    "Lagföringsprocent (%)",
    "Personuppklaringsprocent (%)",
]
# Rows of 300La-2021.xlsx, sheet "Samtliga handlagda brott", in table order, as in BRA_COPY.
BRA_ROWS = [
    ["SAMTLIGA BROTT", 1517073, 763380, 753693, 29.70643129, 13.29290021],
    ["3 kap. Brott mot liv och hälsa", 90607, 73578, 17029, 13.51182891, 10.76627634],
    ["Misshandel mot kvinna 18 år eller äldre", 30003, 25824, 4179, 15.35054767, 12.93870613],
    ["Närstående genom parrelation", 13998, 12689, 1309, 16.42240355, 14.80925847],
    ["4 kap. Brott mot frihet och frid", 177457, 103556, 73901, 12.36337463, 6.77572595],
    ["Människohandel (1 a §)", 175, 143, 32, 6.99300699, 5.71428571],
    ["Människohandel för sexuella ändamål", 86, 71, 15, 5.63380282, 4.65116279],
    ["Grov fridskränkning (4 a §)", 1336, 1286, 50, 12.45136187, 11.9760479],
    ["Grov kvinnofridskränkning (4 a §)", 1501, 1406, 95, 19.28825623, 18.05463025],
    ["Äktenskapstvång (4 c § 1-2 st.)", 57, 54, 3, 3.7037037, 3.50877193],
    ["6 kap. Sexualbrott", 27510, 23968, 3542, 24.30132114, 20.86150491],
    [
        "Våldtäkt inkl. grov, våldtäkt mot barn inkl. grov, oaktsam våldtäkt (1, 1 a, 4 §)",
        10157,
        9544,
        613,
        18.25995807,
        17.15073348,
    ],
    [
        "Utnyttjande av barn under 18 år genom köp av sexuell handling (9 §)",
        203,
        184,
        19,
        30.05464481,
        27.09359606,
    ],
    [
        'Kontakt med barn i sexuellt syfte, sk. "grooming" (10 a §)',
        221,
        192,
        29,
        13.54166667,
        11.76470588,
    ],
    ["Köp av sexuell tjänst (11 §)", 1648, 1586, 62, 64.42866365, 60.55825243],
    ["Koppleri, grovt koppleri (12 §)", 195, 169, 26, 18.07228916, 15.38461538],
    ["8 kap. Stöld, rån m.m.", 392331, 108819, 283512, 23.81015919, 5.91286439],
]

OJ_YEAR = 2023
OJ_SEED = 1
# (indicator, category, column header): the headers are the indicators' wordings as questions.
OJ_COLUMNS = [
    (
        "oj-skyddat-boende",
        "",
        "Erbjuder skyddat boende med biståndsbeslut till våldsutsatta vuxna",
    ),
    (
        "oj-skolgang-skyddat-boende",
        "",
        "Aktuell skriftlig rutin för att säkra skolgången för barn i skyddat boende",
    ),
    (
        "oj-rutin-indikation-vald",
        "",
        "Aktuella skriftliga rutiner vid indikation på att en vuxen utsatts för våld i nära relation",
    ),
    (
        "oj-standardiserad-bedomningsmetod",
        "",
        "Använder minst en standardiserad bedömningsmetod vid utredning av våldsutsatta vuxnas behov",
    ),
    (
        "oj-stodsamtal-valdsutovare",
        "",
        "Erbjuder stödsamtal med biståndsbeslut till våldsutövare",
    ),
    *[
        (
            "oj-overenskommelse-extern-samverkan",
            category,
            f"Aktuell skriftlig överenskommelse om samverkan i enskilda ärenden med {partner}",
        )
        for category, partner in (
            ("kvinnojour", "kvinnojour"),
            ("polisen", "polisen"),
            ("ungdomsmottagning", "ungdomsmottagning"),
            ("vuxenpsykiatri", "vuxenpsykiatri"),
            ("primarvard", "primärvård"),
            ("akutmottagning", "akutmottagning"),
        )
    ],
    *[
        (
            f"oj-utbildning-handlaggare-{who}",
            category,
            f"Handläggare som utreder {whom} har fått {training} om våld i nära relationer "
            "det senaste året",
        )
        for who, whom in (("barn", "barn"), ("vuxna", "vuxna"))
        for category, training in (
            ("fortbildning", "fortbildning"),
            ("hogskoleutbildning", "högskoleutbildning"),
        )
    ],
]
OJ_SAMPLE_LAN = "10"  # Blekinge län: all its kommuner are in the file, so its share can be checked
OJ_SAMPLE_KOMMUN = "0180"  # Stockholm, with one stadsdel below it
OJ_STADSDEL = "Stockholm – Rinkeby-Kista"


def write_bra_sample(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = BRA_SHEET
    sheet.append(
        [f"Urval ur Brås tabell 300 (Utredning och beslut), Hela landet 2021, bladet {BRA_SHEET}."]
    )
    sheet.append(
        [
            f"Källa: Brå, {BRA_PAGE} (filen 300La-2021.xlsx). Siffrorna är Brås, avskrivna ur en "
            f"offentlig normalisering av filen ({BRA_COPY}); rubrikraderna och urvalet av rader "
            "är Lägesbilds."
        ]
    )
    sheet.append([])
    sheet.append(BRA_HEADER)
    for row in BRA_ROWS:
        sheet.append(row)
    workbook.save(path)
    return path


def oj_sample_rows(seed: int = OJ_SEED, year: int = OJ_YEAR) -> list[list]:
    """Kod, Namn, Nivå and one answer per column: Ja/Nej for a kommun, the share for län and riket."""
    codes = ["00", *Territory.objects.lan().values_list("code", flat=True)]
    codes += list(
        Territory.objects.kommuner().filter(parent_id=OJ_SAMPLE_LAN).values_list("code", flat=True)
    )
    codes.append(OJ_SAMPLE_KOMMUN)
    territories = {t.code: t for t in Territory.objects.filter(code__in=codes)}
    indicators = Indicator.objects.filter(id__in={c[0] for c in OJ_COLUMNS}).order_by("id")
    values = {
        (r.values["indicator"], r.values["breakdown"], r.values["territory"]): r.values["value"]
        for r in example_records(seed, indicators, list(territories.values()))
        if r.values["period"] == year
    }
    levels = {Level.RIKET: "Riket", Level.LAN: "Län", Level.KOMMUN: "Kommun"}
    rows = []
    for code in codes:
        territory = territories[code]
        answers = []
        for indicator, category, _ in OJ_COLUMNS:
            value = values[(indicator, category, code)]
            if territory.level == Level.KOMMUN:
                answers.append("Ja" if value == 100 else "Nej")
            else:
                answers.append(value)
        rows.append([code, territory.name, levels[territory.level], *answers])
        if code == OJ_SAMPLE_KOMMUN:
            rows.append(["", OJ_STADSDEL, "Stadsdel", *answers])
    return rows


def write_oj_sample(path: Path, seed: int = OJ_SEED, year: int = OJ_YEAR) -> Path:
    workbook = Workbook()
    information = workbook.active
    information.title = "Information"
    information.append([f"EXEMPELFIL. {EXAMPLE_NOTICE}."])
    information.append(
        [
            "Filen visar i vilken form Lägesbild läser Socialstyrelsens Öppna jämförelser – våld i "
            "nära relationer: en rad per kommun, län och riket och en kolumn per fråga."
        ]
    )
    sheet = workbook.create_sheet("Resultat")
    sheet.append(
        [f"Öppna jämförelser – våld i nära relationer {year}: resultat för kommuner, län och riket"]
    )
    sheet.append(
        [
            f"{EXAMPLE_NOTICE}. Genererade med lagesbild example-data (seed {seed}): en kommun "
            "svarar Ja eller Nej, ett län och riket visar andelen kommuner som svarat Ja. "
            "Kolumnrubrikerna är indikatorernas formuleringar, inte rubriker ur Socialstyrelsens fil."
        ]
    )
    sheet.append([])
    sheet.append(["Kod", "Namn", "Nivå", *(header for _, _, header in OJ_COLUMNS)])
    for row in oj_sample_rows(seed, year):
        sheet.append(row)
    workbook.save(path)
    return path


def write_samples(directory: Path = SAMPLES_DIR) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return [
        write_bra_sample(directory / BRA_SAMPLE),
        write_oj_sample(directory / OJ_SAMPLE),
    ]
