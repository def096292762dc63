"""The matrix counted as in the report's appendix (figures 5 and 6), municipalities without a service
for an exposure type, and counties side by side; every table downloads as CSV, XLSX and JSON."""

import io

from openpyxl import load_workbook

from lagesbild.directory.models import CatchmentLevel, ServiceStatus

from .builders import a_service


def stockholm_matrix():
    a_service(
        "Jouren",
        sector="civilsamhalle",
        exposures=("vald-i-nara-relation", "hedersrelaterat-vald"),
        targets=("kvinnor", "flickor"),
    )
    a_service(
        "Kommunens team",
        sector="kommun",
        exposures=("vald-i-nara-relation",),
        targets=("kvinnor", "man"),
        catchment=(CatchmentLevel.COUNTIES, ["01"]),
    )
    a_service(
        "KAST-mottagningen",
        sector="kommun",
        exposures=("risk-sexualbrott",),
        targets=("man",),
        catchment=(CatchmentLevel.MUNICIPALITIES, ["0180"]),
    )
    a_service("Utkast räknas inte", status=ServiceStatus.DRAFT)
    a_service("Skånes jour", county="12", catchment=(CatchmentLevel.MUNICIPALITIES, ["1280"]))


def table(document: dict, key: str) -> dict:
    found = next(t for t in document["tables"] if t["key"] == key)
    return {row["key"]: row for row in found["rows"]}


def test_exposure_by_sector_and_by_target_group_for_a_county(client):
    stockholm_matrix()
    document = client.get("/hitta-stod/analys/01.json").json()
    by_sector = table(document, "utsatthet-sektor")
    assert by_sector["vald-i-nara-relation"]["values"] == {
        "kommun": 1,
        "region": 0,
        "statlig-myndighet": 0,
        "civilsamhalle": 1,
        "privat": 0,
        "samverkan": 0,
        "totalt": 2,
    }
    assert by_sector["risk-sexualbrott"]["values"]["kommun"] == 1
    assert by_sector["prostitution-manniskohandel"]["values"]["totalt"] == 0
    by_group = table(document, "utsatthet-malgrupp")
    assert by_group["vald-i-nara-relation"]["values"] == {
        "kvinnor": 2,
        "man": 1,
        "flickor": 1,
        "pojkar": 0,
        "hbtqi": 0,
        "totalt": 2,
    }


def test_the_nation_counts_every_county(client):
    stockholm_matrix()
    nation = table(client.get("/hitta-stod/analys/00.json").json(), "utsatthet-sektor")
    assert nation["vald-i-nara-relation"]["values"]["totalt"] == 3


def test_which_exposure_types_have_no_service_covering_a_municipality(client):
    stockholm_matrix()
    coverage = table(client.get("/hitta-stod/analys/01.json").json(), "kommuner-utan-stod")
    assert len(coverage) == 26
    assert (
        coverage["0127"]["values"]["vald-i-nara-relation"] == 2
    )  # Jouren (Botkyrka) and the county-wide team
    assert coverage["0127"]["values"]["hedersrelaterat-vald"] == 1
    assert coverage["0126"]["missing"] == [
        "hedersrelaterat-vald",
        "sexualiserat-vald",
        "prostitution-manniskohandel",
        "utovar-vald-narstaende",
        "risk-sexualbrott",
    ]
    assert "risk-sexualbrott" not in coverage["0180"]["missing"]
    page = client.get("/hitta-stod/analys/01/").content.decode()
    assert "Huddinge" in page and 'class="number zero"' in page


def test_counties_side_by_side(client):
    stockholm_matrix()
    a_service("Rikslinjen", county="00", catchment=(CatchmentLevel.NATION, []))
    counties = table(client.get("/hitta-stod/analys.json").json(), "lan")
    assert len(counties) == 22
    assert counties["01"]["values"]["totalt"] == 3 and counties["12"]["values"]["totalt"] == 1
    assert (
        counties["00"]["label"] == "Nationella verksamheter"
        and counties["00"]["values"]["totalt"] == 1
    )


def test_the_pages_announce_their_twins_and_download_as_csv_and_xlsx(client):
    stockholm_matrix()
    page = client.get("/hitta-stod/analys/01/")
    assert '</hitta-stod/analys/01.json>; rel="alternate"' in page["Link"]
    assert 'href="/hitta-stod/analys/01.xlsx"' in page.content.decode()
    lines = client.get("/hitta-stod/analys/01.csv").content.decode("utf-8").splitlines()
    assert lines[0] == "tabell,rad,radnamn,kolumn,kolumnnamn,antal"
    assert "utsatthet-sektor,vald-i-nara-relation,Våld i nära relation,kommun,Kommun,1" in lines
    book = load_workbook(io.BytesIO(client.get("/hitta-stod/analys/01.xlsx").content))
    assert book.sheetnames == [
        "utsatthet-sektor",
        "utsatthet-malgrupp",
        "kommuner-utan-stod",
        "Om filen",
    ]
    assert client.get("/hitta-stod/analys/?omrade=12")["Location"] == "/hitta-stod/analys/12/"
    assert client.get("/hitta-stod/analys/0127/").status_code == 404


def test_example_data_is_marked_in_the_tables_and_downloads(client):
    a_service("Exempeljouren (exempel)", is_example=True)
    assert "Exempeldata – fiktiva värden" in client.get("/hitta-stod/analys/01/").content.decode()
    assert (
        client.get("/hitta-stod/analys/01.json").json()["notice"] == "Exempeldata – fiktiva värden"
    )
    lines = client.get("/hitta-stod/analys/01.csv").content.decode("utf-8").splitlines()
    assert lines[0].endswith(",example_data") and lines[1].endswith(",ja")
