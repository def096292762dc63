"""One document model, three formats: the HTML page, the PDF and the Word file carry the same
sections with the same numbers, and the same numbered figures and tables."""

import re

from lagesbild.reports.document import NBSP

from .reading import (
    docx_captions,
    docx_headings,
    html_captions,
    html_headings,
    pdf_headings,
    pdf_page_count,
    pdf_text,
)


def expected_headings(document) -> list[str]:
    return [s.heading.replace(NBSP, " ") for s in document.walk()]


def test_sections_are_numbered_identically_in_html_pdf_and_word(stockholm_2018):
    expected = expected_headings(stockholm_2018.document)
    assert expected[:3] == ["1 Sammanfattning", "2 Om rapporten", "3 Länsstyrelsens verksamhet"]
    assert "4.2.3 Andel individer utsatta för sexualbrott föregående kalenderår" in expected
    assert html_headings(stockholm_2018.html) == expected
    assert pdf_headings(stockholm_2018.pdf) == expected
    assert docx_headings(stockholm_2018.docx) == expected


def test_figures_and_tables_are_numbered_in_reading_order_in_every_format(stockholm_2018):
    document = stockholm_2018.document
    figures, tables = document.figures(), document.tables()
    assert [f.number for f in figures] == list(range(1, len(figures) + 1)) and len(figures) >= 12
    assert [t.number for t in tables] == list(range(1, len(tables) + 1))
    labels = [c.split(".")[0] + "." for c in docx_captions(stockholm_2018.docx)]
    assert labels == [c.split(".")[0] + "." for c in html_captions(stockholm_2018.html)]
    assert (
        labels.count("Figur 1.") == 1
        and f"Figur {len(figures)}." in labels
        and f"Tabell {len(tables)}." in labels
    )
    in_pdf = re.findall(r"(Figur|Tabell) (\d+)\. ", pdf_text(stockholm_2018.pdf))
    assert [f"{kind} {n}." for kind, n in in_pdf] == labels


def test_the_pdf_has_a_title_page_contents_and_page_numbers(stockholm_2018):
    text = pdf_text(stockholm_2018.pdf)
    assert text.startswith(
        "Länsstyrelsen i Stockholms län Att förebygga och bekämpa mäns våld mot kvinnor "
        "Regional lägesrapport 2018 – Stockholms län"
    )
    assert "Innehåll 1 Sammanfattning" in text
    last_page = pdf_page_count(stockholm_2018.pdf)
    assert text.endswith(str(last_page))


def test_the_word_file_has_contents_page_numbers_and_real_footnotes(stockholm_2018):
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(stockholm_2018.docx)) as archive:
        body = archive.read("word/document.xml").decode()
        footer = archive.read("word/footer1.xml").decode()
        footnotes = archive.read("word/footnotes.xml").decode()
        svgs = [n for n in archive.namelist() if n.endswith(".svg")]
    assert "TOC \\o" in body and "PAGE" in footer
    assert (
        '<w:footnoteReference w:id="1"/>' in body
        and "Socialstyrelsen, Förslag på indikatorer" in footnotes
    )
    assert len(svgs) == len(stockholm_2018.document.figures())  # every figure as a vector graphic


def test_figures_are_the_labs_vega_lite_charts_as_vector_graphics(stockholm_2018):
    figure = stockholm_2018.document.figures()[0]
    assert figure.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    html = stockholm_2018.html.decode()
    figures = stockholm_2018.document.figures()
    assert html.count("<svg ") == len(figures), (
        "the file draws each figure once; it scales to the screen"
    )
    assert (
        "<img" not in html
        and "<script" not in html
        and "http://" not in html.split("<body", 1)[1].split("<svg")[0]
    )
