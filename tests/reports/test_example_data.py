"""A report that shows example data says "Exempeldata – fiktiva värden" on its title page and next to
each figure and table with such values, and never draws a county's real figures together with
invented ones for the same county."""

from lagesbild.reports.content.county import build_county_report
from lagesbild.reports.render import render
from lagesbild.territories.models import Territory

from .figures import county_figures, routines
from .reading import docx_text, html_text

NOTICE = "Exempeldata – fiktiva värden"


def table_of(section):
    return next(b for b in section.blocks if hasattr(b, "rows"))


def test_example_values_for_riket_mark_the_title_page_and_only_the_affected_figure_and_table(
    tmp_path,
):
    county_figures(
        tmp_path, [routines("00", "2016", "55"), routines("00", "2018", "61")], example=True
    )
    document = build_county_report(Territory.objects.get(code="01"), 2018)
    assert document.example and document.example_notice == NOTICE
    section = document.section("indikator-oj-rutin-indikation-vald")
    figure, table = document.figures(), document.tables()
    marked = [b for b in section.blocks if getattr(b, "example", False)]
    assert len(marked) == 2  # the figure and the table of this indicator
    assert sum(f.example for f in figure) == 1
    assert {t.caption for t in table if t.example} == {
        table_of(section).caption,
        "Länet jämfört med riket per målsättning, 2014–2018",
        "Rapportens indikatorer i korthet, Stockholms län",
    }, "the indicator's own table and the summary's two tables, which show its riket value"
    page = render(document, "html").decode()
    title_page = page.split('<nav class="report-contents"')[0]
    assert NOTICE in title_page
    figure_html = page.split(f'id="figur-{marked[0].number}"')[1].split("</figure>")[0]
    assert NOTICE in figure_html
    assert NOTICE in docx_text(render(document, "docx"))[:400]  # on the Word title page too


def test_a_report_without_example_values_never_mentions_them(stockholm_2018):
    assert not stockholm_2018.document.example
    assert NOTICE not in html_text(stockholm_2018.html)


def test_a_countys_real_figures_are_never_mixed_with_its_example_figures(tmp_path):
    county_figures(
        tmp_path, [routines("01", "2017", "12"), routines("01", "2018", "99")], example=True
    )
    document = build_county_report(Territory.objects.get(code="01"), 2018)
    table = next(
        b
        for b in document.section("indikator-oj-rutin-indikation-vald").blocks
        if hasattr(b, "rows")
    )
    cells = [c.text for row in table.rows for c in row]
    assert "50\u00a0%" in cells and "99\u00a0%" not in cells and "12\u00a0%" not in cells
    assert not table.example
