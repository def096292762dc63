"""The report pages on the web site: the index, a page per county and year with the downloads, in
Swedish and English, and clear pages for addresses that name no report."""

import pytest
from django.urls import reverse

from .reading import html_text, pdf_text


def test_the_index_lists_a_report_for_every_county_and_the_national_compilation(anonymous_visitor):
    page = anonymous_visitor.get(reverse("reports:index"))
    text = html_text(page.content)
    assert page.status_code == 200 and "Regionala lägesrapporter" in text
    assert text.count("Lägesrapport 2018,") == 21 and "Norrbottens län" in text
    assert reverse("reports:report", args=["riket", 2018]) in page.content.decode()


def test_the_index_for_another_year(anonymous_visitor):
    page = anonymous_visitor.get(reverse("reports:index") + "?ar=2017")
    assert "Lägesrapport 2017, Stockholms län" in html_text(page.content)
    assert anonymous_visitor.get(reverse("reports:index") + "?ar=x").status_code == 400


def test_the_stockholm_page_shows_the_report_and_offers_pdf_word_and_html(anonymous_visitor):
    page = anonymous_visitor.get(reverse("reports:report", args=["01", 2018]))
    text = html_text(page.content)
    assert page.status_code == 200
    assert "ökade från 82 procent 2016 till 88 procent 2017" in text
    for fmt in ("pdf", "docx", "html"):
        assert reverse("reports:download", args=["01", 2018, fmt]) in page.content.decode()
    body = page.content.decode()
    assert (
        body.count('class="report-chart chart-narrow"')
        == body.count('class="report-chart chart-wide"')
        > 0
    ), "the web page draws every figure for a narrow screen too"


@pytest.mark.parametrize(
    ("fmt", "media_type", "name"),
    [
        ("pdf", "application/pdf", "lagesrapport-2018-01-stockholms-lan.pdf"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "lagesrapport-2018-01-stockholms-lan.docx",
        ),
        ("html", "text/html; charset=utf-8", "lagesrapport-2018-01-stockholms-lan.html"),
    ],
)
def test_the_downloads_are_the_report_files(anonymous_visitor, fmt, media_type, name):
    response = anonymous_visitor.get(reverse("reports:download", args=["01", 2018, fmt]))
    assert response.status_code == 200 and response["Content-Type"] == media_type
    assert name in response["Content-Disposition"]
    if fmt == "pdf":
        assert "11,7 %" in pdf_text(response.content)


def test_the_page_is_in_english_for_an_english_visitor(client):
    page = client.get("/en" + reverse("reports:report", args=["01", 2018]))
    text = html_text(page.content)
    assert '<html lang="en">' in page.content.decode()
    assert (
        "Download the report" in text and "Regional situation report 2018 – Stockholms län" in text
    )


def test_riket_is_the_national_compilation_and_00_leads_there(anonymous_visitor):
    page = anonymous_visitor.get(reverse("reports:report", args=["riket", 2018]))
    assert "Nationell sammanställning av de regionala lägesrapporterna 2018" in html_text(
        page.content
    )
    moved = anonymous_visitor.get("/rapporter/00/2018/")
    assert moved.status_code == 302 and moved["Location"] == reverse(
        "reports:report", args=["riket", 2018]
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/rapporter/99/2018/", "okänt län"),
        ("/rapporter/01/1850/", "året 1850 ligger utanför"),
        ("/rapporter/99/2018/rapport.pdf", "okänt län"),
    ],
)
def test_an_address_that_names_no_report_gets_a_page_that_says_why(anonymous_visitor, url, message):
    response = anonymous_visitor.get(url)
    assert response.status_code == 404 and message in html_text(response.content)


def test_the_navigation_links_to_the_reports(anonymous_visitor):
    assert reverse("reports:index") in anonymous_visitor.get("/").content.decode()
