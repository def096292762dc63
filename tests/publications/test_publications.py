"""The knowledge bank: an editor adds a publication with its full text as a PDF, the public finds it
by search and filters in Swedish and English, bad files are refused, and the seed page's
publications are shipped."""

import csv
import io
import re

import pytest

from lagesbild.core.bootstrap import initialise
from lagesbild.publications.forms import MAX_PDF_BYTES
from lagesbild.publications.models import Publication, PublicationStatus

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def a_form(**overrides) -> dict:
    data = {
        "title": "Våld mot äldre i länet",
        "publisher": "Länsstyrelsen i Stockholms län",
        "series": "Rapport",
        "number": "2024:2",
        "year": "2024",
        "status": "publicerad",
        "topics": ["aldre"],
        "audiences": ["aldreomsorg"],
        "description_sv": "En kartläggning av stödet till äldre som utsätts för våld.",
        "description_en": "A survey of support to older people subjected to violence.",
    }
    data.update(overrides)
    return data


def an_upload(tmp_path, content: bytes = PDF, name: str = "rapport.pdf"):
    path = tmp_path / name
    path.write_bytes(content)
    return path.open("rb")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_an_editor_adds_a_publication_with_a_pdf_and_the_public_reads_it(
    client, stockholm_editor, media, tmp_path
):
    client.force_login(stockholm_editor)
    with an_upload(tmp_path) as upload:
        saved = client.post("/publikationer/hantera/ny/", {**a_form(), "file": upload})
    assert saved.status_code == 302
    publication = Publication.objects.get(number="2024:2")
    assert publication.county_id == "01" and publication.series_label == "Rapport 2024:2"
    assert (
        publication.file.name.startswith("publikationer/2024/")
        and (media / publication.file.name).read_bytes() == PDF
    )
    client.logout()
    page = client.get(f"/publikationer/{publication.pk}/").content.decode()
    pdf_path = re.search(r'<a href="([^"]+\.pdf)">Läs fulltexten \(PDF\)</a>', page).group(1)
    assert pdf_path == f"/publikationer/{publication.pk}/rapport-2024-2-vald-mot-aldre-i-lanet.pdf"
    full_text = client.get(pdf_path)
    assert full_text.status_code == 200 and full_text["Content-Type"] == "application/pdf"
    assert b"".join(full_text.streaming_content) == PDF


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04 this is a word document", "rapport.pdf", "är ingen PDF"),
        (b"", "tom.pdf", "är tom"),
        (b"<html>not a pdf</html>", "sida.html", "är ingen PDF"),
    ],
)
def test_a_file_that_is_not_a_pdf_is_refused_and_the_stored_publication_is_unchanged(
    client, stockholm_editor, media, tmp_path, content, name, message
):
    client.force_login(stockholm_editor)
    with an_upload(tmp_path) as upload:
        client.post("/publikationer/hantera/ny/", {**a_form(), "file": upload})
    publication = Publication.objects.get(number="2024:2")
    stored_file = publication.file.name
    with an_upload(tmp_path, content, name) as upload:
        refused = client.post(
            f"/publikationer/hantera/{publication.pk}/",
            {**a_form(title="Ny titel"), "file": upload},
        )
    text = refused.content.decode()
    assert refused.status_code == 400 and message in text and (name in text or not content)
    assert "välj filen på nytt" in text
    publication.refresh_from_db()
    assert (publication.title, publication.file.name) == ("Våld mot äldre i länet", stored_file)


def test_a_file_larger_than_the_limit_is_refused(
    client, stockholm_editor, media, tmp_path, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    client.force_login(stockholm_editor)
    with an_upload(tmp_path, PDF + b"0" * MAX_PDF_BYTES) as upload:
        refused = client.post("/publikationer/hantera/ny/", {**a_form(), "file": upload})
    assert (
        refused.status_code == 400
        and "största tillåtna storlek är 25 MB" in refused.content.decode()
    )
    assert not Publication.objects.filter(number="2024:2").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"number": "4/2024"}, "år och löpnummer"),
        ({"series": ""}, "Ange serien"),
        ({"number": "2023:4"}, "stämmer inte med utgivningsåret"),
        ({"year": "tjugotjugofyra"}, "fyra siffror"),
        ({"description_sv": ""}, "behöver en beskrivning"),
        ({"url": "inte en länk"}, "Fyll i en giltig URL"),
    ],
)
def test_bad_bibliographic_input_is_refused_with_the_reason(
    client, stockholm_editor, overrides, message
):
    client.force_login(stockholm_editor)
    refused = client.post("/publikationer/hantera/ny/", a_form(**overrides))
    assert refused.status_code == 400 and message in refused.content.decode()
    assert not Publication.objects.filter(title="Våld mot äldre i länet").exists()


def test_the_public_searches_without_diacritics_and_filters_by_year_topic_audience_and_series(
    anonymous_visitor,
):
    found = anonymous_visitor.get("/publikationer/", {"q": "manniskohandel barn"}).content.decode()
    assert "Människohandel med barn – Nationell kartläggning 2012–2015" in found
    assert "Välj att sluta" not in found
    by_year = anonymous_visitor.get("/publikationer/", {"ar": "2019"}).content.decode()
    assert "Rapport 2019:6" in by_year and "1 publikation" in by_year
    elderly = anonymous_visitor.get(
        "/publikationer/", {"amne": "aldre", "malgrupp": "aldreomsorg"}
    ).content.decode()
    assert "Det slutar inte vid 65" in elderly and "Kunskap hjälper våldsutsatta äldre" in elderly
    series = anonymous_visitor.get("/publikationer/", {"serie": "Rapport"}).content.decode()
    assert "2 publikationer" in series


def test_a_search_with_swedish_letters_matches_only_those_letters(anonymous_visitor):
    def found(query: str) -> int:
        document = anonymous_visitor.get("/publikationer.json", {"q": query}).json()
        return len(document["publications"])

    assert found("välj") == 2 and found("valj") >= 2
    assert found("vålj") == 0


def test_the_list_is_in_english_with_english_descriptions_and_swedish_titles_marked(
    anonymous_visitor,
):
    page = anonymous_visitor.get("/en/publikationer/", {"q": "sheltered"}).content.decode()
    assert "Publications" in page and "A 2015 survey of sheltered housing" in page
    assert (
        '<a href="/en/publikationer/' in page and 'lang="sv">Kartläggning av skyddat boende' in page
    )
    by_topic = anonymous_visitor.get(
        "/en/publikationer/", {"amne": "skyddat-boende"}
    ).content.decode()
    assert "Sheltered housing" in by_topic


def test_the_list_answers_as_csv_and_json(anonymous_visitor):
    rows = list(
        csv.DictReader(
            io.StringIO(anonymous_visitor.get("/publikationer.csv").content.decode("utf-8-sig")),
        )
    )
    assert len(rows) == 18 and {r["example_data"] for r in rows} == {"nej"}
    report = next(r for r in rows if r["number"] == "2019:6")
    assert (report["series"], report["year"], report["publisher"]) == (
        "Rapport",
        "2019",
        "Länsstyrelsen Stockholm",
    )
    document = anonymous_visitor.get("/publikationer.json", {"q": "välj att sluta"}).json()
    assert len(document["publications"]) == 2
    assert anonymous_visitor.get("/publikationer.json", {"ar": "1066"}).status_code == 400


def test_the_seed_pages_publications_are_shipped_with_their_facts():
    shipped = Publication.objects.filter(key__isnull=False)
    assert shipped.count() == 18 and not shipped.filter(is_example=True).exists()
    numbered = {p.series_label: p.year for p in shipped if p.series_label}
    assert numbered == {"Rapport 2023:4": 2023, "Rapport 2019:6": 2019}
    assert shipped.get(key="kan-det-vara-manniskohandel").year == 2016
    assert shipped.filter(year__isnull=True).count() == 15
    assert all(p.description_sv and p.description_en for p in shipped)


def test_another_county_cannot_change_a_publication_and_archiving_keeps_it(
    client, stockholm_editor, skane_editor
):
    publication = Publication.objects.get(key="rapport-2019-6")
    client.force_login(skane_editor)
    refused = client.post(f"/publikationer/hantera/{publication.pk}/", a_form(title="Skånes titel"))
    assert refused.status_code == 403 and "Stockholms län" in refused.content.decode()
    client.force_login(stockholm_editor)
    client.post(f"/publikationer/hantera/{publication.pk}/arkivera/")
    publication.refresh_from_db()
    assert (
        publication.status == PublicationStatus.ARCHIVED
        and publication.title == "Att förebygga och bekämpa mäns våld mot kvinnor"
    )
    client.logout()
    assert client.get(f"/publikationer/{publication.pk}/").status_code == 404
    assert "Rapport 2019:6" not in client.get("/publikationer/").content.decode()


def test_an_edit_is_recorded_with_who_and_what(client, stockholm_editor):
    publication = Publication.objects.get(key="rapport-2019-6")
    client.force_login(stockholm_editor)
    form = a_form(
        title=publication.title,
        subtitle="Ny undertitel",
        series="Rapport",
        number="2019:6",
        year="2019",
        publisher=publication.publisher,
        description_sv=publication.description_sv,
        topics=[],
        audiences=[],
    )
    client.post(f"/publikationer/hantera/{publication.pk}/", form)
    history = client.get(f"/publikationer/hantera/{publication.pk}/historik/").content.decode()
    assert (
        "Ny undertitel" in history
        and "Redovisning av arbetet med uppdrag 62" in history
        and "stina.stockholm" in history
    )
    assert "Strategi, samverkan och uppföljning" in history  # the topics it had before the edit


def test_loading_the_shipped_publications_again_changes_nothing():
    before = Publication.history.count()
    assert initialise() == []
    assert Publication.history.count() == before
