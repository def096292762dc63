"""Subscribing, embedding and downloading everything: Atom feeds that feed readers accept (RFC 4287's
required elements), a chart another site can frame or show as an image, and one zip of all public data
that validates against its own Frictionless metadata."""

from __future__ import annotations

import io
import json
import zipfile
from xml.etree import ElementTree

import pytest

from lagesbild.sources.importing import import_file
from tests.builders import a_row, a_template_csv

ATOM = "{http://www.w3.org/2005/Atom}"


def atom(anonymous_visitor, address: str) -> ElementTree.Element:
    response = anonymous_visitor.get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    return feed


def assert_valid_atom(feed: ElementTree.Element) -> None:
    """RFC 4287 §4.1.1 and §4.1.2: a feed has exactly one id, title and updated, an author (or every
    entry has one), and each entry one id, title and updated, and a link or content."""
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert entry.find(f"{ATOM}summary") is not None or entry.find(f"{ATOM}content") is not None


@pytest.mark.parametrize(
    "address",
    [
        "/flode/data.atom",
        "/flode/indikatorer/ntu-hot.atom",
        "/flode/lan/01.atom",
        "/flode/rapporter.atom",
    ],
)
def test_every_feed_is_valid_atom(anonymous_visitor, address):
    assert_valid_atom(atom(anonymous_visitor, address))


def test_an_import_appears_in_the_feeds_of_its_indicator_and_county_but_not_others(
    anonymous_visitor, tmp_path
):
    before = len(atom(anonymous_visitor, "/flode/lan/01.atom").findall(f"{ATOM}entry"))
    import_file(
        a_template_csv(
            tmp_path,
            [a_row(territory="01", indicator="ntu-hot", period="2021", value="9,1")],
            name="sthlm.csv",
        ),
        source="Stockholms stads enkät",
    )
    for address in ("/flode/data.atom", "/flode/indikatorer/ntu-hot.atom", "/flode/lan/01.atom"):
        feed = atom(anonymous_visitor, address)
        assert_valid_atom(feed)
        newest = feed.find(f"{ATOM}entry")
        assert "Stockholms stads enkät" in newest.find(f"{ATOM}title").text, address
    assert len(atom(anonymous_visitor, "/flode/lan/01.atom").findall(f"{ATOM}entry")) == before + 1
    skane = atom(anonymous_visitor, "/flode/lan/12.atom")
    assert all(
        "Stockholms stads" not in e.find(f"{ATOM}title").text for e in skane.findall(f"{ATOM}entry")
    )


def test_unknown_feeds_are_404(anonymous_visitor):
    assert anonymous_visitor.get("/flode/indikatorer/finns-inte.atom").status_code == 404
    assert anonymous_visitor.get("/flode/lan/0180.atom").status_code == 404


def test_a_chart_can_be_framed_and_shown_as_an_image_with_title_source_and_a_link_back(
    anonymous_visitor,
):
    page = anonymous_visitor.get("/inbaddning/indikatorer/dodligt-vald/?territory=00")
    html = page.content.decode()
    assert page.status_code == 200 and "X-Frame-Options" not in page
    assert "<svg" in html and "<script" not in html and "style=" not in html.split("<svg")[0]
    assert "/indikatorer/dodligt-vald/?territory=00" in html and "Källa" in html
    image = anonymous_visitor.get("/inbaddning/indikatorer/dodligt-vald/diagram.svg?territory=00")
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    assert image.content.lstrip().startswith(b"<svg")


def test_the_indicator_page_offers_the_embed_code(anonymous_visitor):
    page = anonymous_visitor.get("/indikatorer/dodligt-vald/").content.decode()
    assert "/indikatorer/dodligt-vald/inbaddning/?" in page
    code = anonymous_visitor.get(
        "/indikatorer/dodligt-vald/inbaddning/?territory=00"
    ).content.decode()
    assert "&lt;iframe src=&quot;http://testserver/inbaddning/indikatorer/dodligt-vald/?" in code
    assert (
        "&lt;img src=&quot;http://testserver/inbaddning/indikatorer/dodligt-vald/diagram.svg?"
        in code
    )


def test_other_pages_still_may_not_be_framed(anonymous_visitor):
    assert anonymous_visitor.get("/indikatorer/dodligt-vald/")["X-Frame-Options"] == "DENY"


def bulk_zip(anonymous_visitor) -> zipfile.ZipFile:
    response = anonymous_visitor.get("/oppna-data/lagesbild-data.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_bulk_download_validates_against_its_frictionless_metadata(anonymous_visitor, tmp_path):
    from frictionless import Package

    bulk_zip(anonymous_visitor).extractall(tmp_path)
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    with (tmp_path / "observations.csv").open(encoding="utf-8") as handle:
        assert sum(1 for _ in handle) > 200  # the shipped published figures


def test_the_bulk_download_is_rebuilt_when_the_data_changes(anonymous_visitor, tmp_path):
    first = bulk_zip(anonymous_visitor).read("observations.csv")
    import_file(a_template_csv(tmp_path, [a_row(value="47,5")], name="ny.csv"))
    second = bulk_zip(anonymous_visitor).read("observations.csv")
    assert b"47.5" in second and b"47.5" not in first
    package = json.loads(bulk_zip(anonymous_visitor).read("datapackage.json"))
    assert package["licenses"][0]["path"] == "http://creativecommons.org/licenses/by/4.0/"


def test_a_published_report_appears_in_the_feed_of_reports(anonymous_visitor, stockholm_editor):
    from lagesbild.reports.services import publish, report_key

    before = atom(anonymous_visitor, "/flode/rapporter.atom").findall(f"{ATOM}entry")
    publish(report_key("01", 2018), stockholm_editor)
    feed = atom(anonymous_visitor, "/flode/rapporter.atom")
    assert_valid_atom(feed)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(before) + 1
    newest = entries[0]
    assert "Stockholms län" in newest.find(f"{ATOM}title").text
    assert newest.find(f"{ATOM}link[@rel='alternate']").get("href").endswith("/rapporter/01/2018/")
