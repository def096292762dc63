"""A county editor publishes the report: the files are frozen with the data they were made from, the
public page serves them from then on, a re-import changes nothing published, and the draft lists
what would change. The edition carries the county's logo and series number and, when so chosen, no
generated-text labels; the Word file has real Title and Heading styles and a table-of-contents field."""

import hashlib
import io
import zipfile

import pytest

from lagesbild.reports.models import Edition, ImmutableError, ReportSettings
from lagesbild.reports.services import publish, report_key

from .figures import county_figures, routines
from .reading import docx_document, html_text, pdf_text

PNG_LOGO = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
REPORT = "/rapporter/01/2018/"


@pytest.fixture
def stockholm_settings(stockholm_editor):
    return ReportSettings.objects.create(
        territory_id="01",
        series="Länsstyrelsen Stockholms rapportserie",
        series_number="2019:6",
        isbn="978-91-7281-000-0",
        contact="Enheten för social hållbarhet, 010-223 10 00",
        logo=PNG_LOGO,
        logo_type="png",
        generated_labels=False,
        updated_by=stockholm_editor,
    )


def test_publishing_freezes_the_files_and_a_reimport_leaves_them_byte_identical(
    client, stockholm_editor, tmp_path
):
    client.force_login(stockholm_editor)
    response = client.post(REPORT + "publicera/", follow=True)
    assert "Utgåva 1 är publicerad" in response.content.decode()
    edition = Edition.objects.get(territory_id="01", year=2018, number=1)
    assert edition.published_by == stockholm_editor and edition.data_version
    assert len(edition.catalogue_fingerprint) == 64
    published = {f.format: bytes(f.content) for f in edition.files.all()}
    assert set(published) == {"html", "pdf", "docx"}
    for stored in edition.files.all():
        assert stored.sha256 == hashlib.sha256(bytes(stored.content)).hexdigest()

    county_figures(tmp_path, [routines("01", "2018", "75"), routines("00", "2018", "60")])

    for fmt in ("html", "pdf", "docx"):
        served = client.get(f"{REPORT}rapport.{fmt}")
        assert served.content == published[fmt], f"the published {fmt} is served as it was"
    page = html_text(client.get(REPORT).content)
    assert "Publicerad utgåva 1" in page and "75 procent" not in page
    draft = client.get(REPORT + "utkast/").content.decode()
    assert "75\u00a0%" in draft and "<del>50\u00a0%</del>" in draft, (
        "the draft lists the changed value"
    )


def test_a_new_edition_gets_a_new_number_and_nothing_published_is_overwritten(stockholm_editor):
    key = report_key("01", 2018)
    first = publish(key, stockholm_editor)
    second = publish(key, stockholm_editor)
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ImmutableError):
        first.save()
    with pytest.raises(ImmutableError):
        first.files.first().delete()
    assert Edition.objects.of_report("01", 2018).count() == 2


def test_the_archive_lists_every_edition_with_its_checksums(client, stockholm_editor):
    edition = publish(report_key("01", 2018), stockholm_editor)
    page = client.get(REPORT + "utgavor/").content.decode()
    assert "Utgåva 1" in page
    assert all(f.sha256 in page for f in edition.files.all())
    pdf = client.get(f"{REPORT}utgavor/1/rapport.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


def test_only_the_countys_editors_publish_or_see_the_draft(client, skane_editor):
    client.force_login(skane_editor)
    assert client.post(REPORT + "publicera/").status_code == 403
    assert client.get(REPORT + "utkast/").status_code == 403
    assert not Edition.objects.exists()


def test_the_published_edition_has_the_countys_imprint_a_summary_and_no_generated_labels(
    stockholm_editor, stockholm_settings
):
    edition = publish(report_key("01", 2018), stockholm_editor)
    files = {f.format: bytes(f.content) for f in edition.files.all()}
    text = pdf_text(files["pdf"])
    assert "Länsstyrelsen Stockholms rapportserie 2019:6" in text
    assert "ISBN 978-91-7281-000-0" in text and "Sammanfattning" in text
    assert "GENERERAD TEXT UR LÄGESBILDS DATA" not in text.upper()
    assert "Genererad text är inte markerad i den här utgåvan" in text  # the colophon says so
    assert "image/png" in files["html"].decode() or "data:image/png" in files["html"].decode()
    with zipfile.ZipFile(io.BytesIO(files["docx"])) as archive:
        assert any(name.endswith(".png") for name in archive.namelist())
        body = archive.read("word/document.xml").decode()
    assert "Genererad text ur Lägesbilds data" not in body
    assert 'TOC \\o "1-2"' in body and 'w:fldCharType="begin"' in body


def test_the_word_file_uses_title_heading_and_toc_styles(stockholm_2018):
    document = docx_document(stockholm_2018.docx)
    styles = {p.style.name for p in document.paragraphs}
    assert {
        "Title",
        "Subtitle",
        "TOC Heading",
        "TOC 1",
        "TOC 2",
        "Heading 1",
        "Heading 2",
    } <= styles
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text == "Att förebygga och bekämpa mäns våld mot kvinnor"


def test_the_countys_editor_sets_the_imprint_and_the_audit_log_sees_it(client, stockholm_editor):
    client.force_login(stockholm_editor)
    logo = io.BytesIO(PNG_LOGO)
    logo.name = "logga.png"
    response = client.post(
        "/rapporter/01/installningar/",
        {
            "series": "Rapportserie",
            "series_number": "2019:6",
            "isbn": "",
            "contact": "",
            "logo_file": logo,
        },
        follow=True,
    )
    assert "Inställningarna sparades." in response.content.decode()
    found = ReportSettings.objects.get(territory_id="01")
    assert found.logo_type == "png" and bytes(found.logo) == PNG_LOGO
    assert found.history.count() == 1
    from lagesbild.audit.kinds import KINDS

    assert {k.model for k in KINDS.values()} >= {ReportSettings, Edition}


def test_a_bad_isbn_and_a_file_that_is_no_picture_are_refused(client, stockholm_editor):
    client.force_login(stockholm_editor)
    fake = io.BytesIO(b"MZ not a picture")
    fake.name = "logga.png"
    response = client.post("/rapporter/01/installningar/", {"isbn": "12345", "logo_file": fake})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ett ISBN har 10 eller 13 siffror" in page and "PNG-, JPEG- eller SVG-fil" in page
    assert not ReportSettings.objects.exists()
