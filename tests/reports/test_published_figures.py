"""The Stockholm 2018 report, generated from the bundled data, says what Rapport 2019:6 published in
Figures 1–4 and its text, in the PDF an analyst sends out and in the Word file they edit."""

import pytest

from .reading import docx_text, html_text, pdf_text

# Every figure below is quoted from the seed report, written the way the generated report prints it:
# tables with a non-breaking space before "%", sentences with "procent".
PUBLISHED = [
    "11,7 %",  # Figure 1 text: sexual offences, women 2017
    "1,7 %",  # … men 2017
    "2017 var andelen 11,7 procent bland kvinnor och 1,7 procent bland män i Stockholms län",
    "ökade från 26 år 2016 till 50 år 2017",  # lethal violence, persons
    "ökade från 82 procent 2016 till 88 procent 2017",  # maternity care asked about violence
    "9,0–10,0 %",  # threats 2016–2017, "ca 9–10 procent"
    "Kvinnojour 34 %",  # Figure 2: most common partner
    "Polisen 24 %",
    "Akutmottagning 8 %",
    "50 %",  # Figure 2: routines and support talks, "ca 50 %"
    "80–100 %",  # Figure 2: sheltered housing
    "ökade från 8 procent 2016 till 21 procent 2018",  # Figure 2: schooling in sheltered housing
    "Köp av sexuell tjänst (vuxen) 40 %",  # Figure 3: personuppklaring 2017
    "Köp av sexuell handling av barn 36 %",
    "Grov kvinnofridskränkning 14 %",
    "Våldtäkt 12 %",
    "Koppleri 11 %",
    "Kontakt med barn i sexuellt syfte (grooming) 0 %",
    "92–100 %",  # Figure 4: standardised assessment method
    "Fortbildning 69–90 %",  # Figure 4: training of caseworkers
    "Högskoleutbildning 17–21 %",
]


@pytest.fixture(scope="module")
def texts(stockholm_2018):
    return {
        "pdf": pdf_text(stockholm_2018.pdf),
        "docx": _table_rows_joined(stockholm_2018.docx),
        "html": html_text(stockholm_2018.html),
    }


def _table_rows_joined(content: bytes) -> str:
    """Word keeps table cells apart; joined row by row they read like the PDF's table lines."""
    from .reading import docx_document, normalised

    document = docx_document(content)
    rows = [
        " ".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows
    ]
    return normalised(docx_text(content) + " " + " ".join(rows))


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
@pytest.mark.parametrize("figure", PUBLISHED)
def test_the_stockholm_2018_report_contains_the_published_figure(texts, fmt, figure):
    assert figure in texts[fmt]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_published_figures_are_credited_to_the_report_and_not_marked_as_example_data(
    texts, fmt
):
    assert "Länsstyrelsen Stockholm, Rapport 2019:6" in texts[fmt]
    assert "Exempeldata" not in texts[fmt]


def test_where_the_report_contradicts_itself_the_note_under_the_table_says_so(texts):
    assert "anger i stället 11,6 procent" in texts["pdf"]


def test_the_report_has_the_structure_of_rapport_2019_6(stockholm_2018):
    top = [s.title for s in stockholm_2018.document.sections]
    assert top == [
        "Sammanfattning",
        "Om rapporten",
        "Länsstyrelsens verksamhet",
        "Läget per målsättning",
        "Länets egen strategi",
        "Särskilda verksamheter i länet",
        "Enkätresultat",
        "Indikatortäckning",
        "Källor",
    ], "no foreword or analysis is written yet, so the published report leaves them out"
    goals = [s.title for s in stockholm_2018.document.section("regional-lagesbild").sections]
    assert [g.split(":")[0] for g in goals] == ["Mål 1", "Mål 2", "Mål 3", "Mål 4"]


def test_the_coverage_section_counts_indicators_readable_at_regional_level_per_goal(texts):
    assert (
        "Enligt källan går 26 av totalt 82 indikatorer att läsa på regional nivå." in texts["pdf"]
    )
    assert "Minst antal indikatorer på regional nivå finns för mål 1 (1 av 20)." in texts["pdf"]


def test_indicators_without_figures_for_the_county_are_named_not_silently_dropped(texts):
    assert "Indikatorer för mål 2 utan värden för Stockholms län, 2014–2018" in texts["pdf"]
    assert "Andel individer utsatta för misshandel föregående kalenderår" in texts["pdf"]


def test_without_riket_figures_the_report_says_there_is_nothing_to_compare_with(texts):
    assert "Det finns inga värden för riket att jämföra med för 2014–2018." in texts["pdf"]
