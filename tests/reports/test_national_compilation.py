"""The national compilation for a year puts every county beside riket: per indicator, coverage per
county, services per county and which county reports have the county's own text."""

import pytest

from lagesbild.reports.content.national import build_national_report
from lagesbild.reports.document import Table
from lagesbild.reports.models import save_commentaries
from lagesbild.territories.models import Territory

from .figures import county_figures, routines


@pytest.fixture
def counties():
    return list(Territory.objects.lan().order_by("code").values_list("name", flat=True))


def tables_of(document, key):
    return [b for s in document.section(key).walk() for b in s.blocks if isinstance(b, Table)]


def test_every_indicator_table_lists_riket_and_all_21_counties(counties):
    document = build_national_report(2018)
    tables = tables_of(document, "indikatorer")
    assert len(tables) == 15  # every indicator the method selects
    for table in tables:
        assert [row[0].text for row in table.rows] == ["Riket", *counties]
    routines_table = tables_of(document, "indikator-oj-rutin-indikation-vald")[0]
    stockholm = next(row for row in routines_table.rows if row[0].text == "Stockholms län")
    assert [c.text for c in stockholm[1:]] == ["2016–2018", "50\u00a0%"]


def test_coverage_and_county_reports_are_listed_for_all_21_counties(counties, stockholm_editor):
    save_commentaries("01", 2018, {"analys": "Stockholms analys."}, stockholm_editor)
    document = build_national_report(2018)
    coverage = tables_of(document, "tackning")[0]
    assert [row[0].text for row in coverage.rows[:-1]] == counties
    assert coverage.rows[0][-1].text == "13"  # Stockholm: indicators with figures 2014–2018
    reports = tables_of(document, "lansrapporter")[0]
    assert [row[0].text for row in reports.rows] == counties
    assert [c.text for c in reports.rows[0]][2:5:2] == ["1", "Kommenterad"]
    assert reports.rows[1][4].text == "Endast genererad"


def test_a_figure_compares_the_counties_when_at_least_two_have_figures(tmp_path):
    county_figures(
        tmp_path,
        [
            routines("03", "2018", "40"),
            routines("04", "2018", "45"),
            routines("12", "2017", "70"),
            routines("00", "2018", "60"),
        ],
    )
    document = build_national_report(2018)
    section = document.section("indikator-oj-rutin-indikation-vald")
    assert any(b.__class__.__name__ == "Figure" for b in section.blocks)
    text = " ".join(p.text for b in section.blocks if hasattr(b, "blocks") for p in b.blocks)
    # The latest period that several counties have is 2018; Skåne's 2017 is in the table, not in the
    # sentence, and riket is not one of the counties compared.
    assert (
        "2018 var andelen högst i Södermanlands län, 45 procent, och lägst i Uppsala län, 40 procent"
        in text
    )
    assert "4 av 21 län har värden för perioden 2014–2018." in text
    table = next(b for b in section.blocks if hasattr(b, "rows"))
    assert [c.text for c in table.rows[10]] == ["Skåne län", "2017", "70\u00a0%"]


def _services_text(document) -> str:
    return " ".join(
        getattr(p, "text", "")
        for s in document.section("verksamheter").walk()
        for b in s.blocks
        for p in getattr(b, "blocks", [b])
    )


def test_with_no_services_the_compilation_says_so():
    document = build_national_report(2018)
    assert "Inga stödverksamheter är registrerade" in _services_text(document)
    assert tables_of(document, "verksamheter") == []


def test_the_services_section_lists_every_county_with_its_count(counties):
    from tests.directory.builders import a_service

    a_service("Jouren i Botkyrka", county="01")
    a_service("Jouren i Malmö", county="12", catchment=("kommuner", ["1280"]))
    document = build_national_report(2018)
    table = tables_of(document, "verksamheter")[0]
    assert [row[0].text for row in table.rows][:21] == counties
    totals = {row[0].text: row[-1].text for row in table.rows}
    assert (
        totals["Stockholms län"] == "1"
        and totals["Skåne län"] == "1"
        and totals["Uppsala län"] == "0"
    )
    assert "Matrisen innehåller 2 publicerade verksamheter." in _services_text(document)
