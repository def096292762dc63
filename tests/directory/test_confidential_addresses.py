"""A sheltered home's address is never shown, exported or returned by any public page or API. Its
editors see it; everyone else learns only that the address is protected."""

import io
import zipfile

from django.core.management import call_command

from lagesbild.core.outputs import render
from lagesbild.directory import matrix
from lagesbild.directory.hsds.documents import service_document
from lagesbild.directory.models import Service

from .builders import a_sheltered_home

SECRETS = ("Hemliga vägen 7", "147 99", "59.2", "17.83")


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked"


def test_no_public_page_or_api_answer_carries_the_address(client):
    home = a_sheltered_home()
    urls = [
        "/hitta-stod/?kommun=Botkyrka",
        "/hitta-stod/?q=skyddat",
        f"/hitta-stod/verksamhet/{home.pk}/",
        "/hitta-stod/lattlast/?kommun=Botkyrka",
        "/hitta-stod/kommun/0127/",
        "/hitta-stod/matris.csv",
        "/hitta-stod/matris.xlsx",
        "/hitta-stod/analys/01/",
        "/hitta-stod/analys/01.json",
        f"/hsds/services/{home.pk}",
        "/hsds/services",
        "/hsds/services?full=true",
        "/hsds/services?format=ndjson",
        f"/hsds/organizations/{home.organization_id}?full_service=true",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if url.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(body)) as book:
                body = b"".join(book.read(name) for name in book.namelist())
        assert_no_secret(body.decode("utf-8", "replace"))
    detail = client.get(f"/hitta-stod/verksamhet/{home.pk}/").content.decode()
    assert "Adressen är skyddad" in detail


def test_the_address_is_not_searchable_either(client):
    a_sheltered_home()
    by_name = client.get("/hitta-stod/", {"q": "skyddat"}).content.decode()
    assert "Skyddat boende Exempla" in by_name, "the shelter itself can be found, by its name"
    by_address = client.get("/hitta-stod/", {"q": "hemliga"}).content.decode()
    assert "Skyddat boende Exempla" not in by_address


def test_exports_from_the_command_line_leave_it_out(tmp_path):
    a_sheltered_home()
    for fmt in ("csv", "xlsx", "hsds"):
        out = tmp_path / f"export.{'zip' if fmt == 'hsds' else fmt}"
        call_command(
            "directory", "export", "--format", fmt, "--out", str(out), stdout=io.StringIO()
        )
        raw = out.read_bytes()
        if fmt != "csv":
            with zipfile.ZipFile(out) as archive:
                raw = b"".join(archive.read(name) for name in archive.namelist())
        assert_no_secret(raw.decode("utf-8", "replace"))


def test_the_hsds_document_says_the_address_is_protected_without_giving_it():
    document = service_document(a_sheltered_home())
    assert document["location_confidential"] is True
    assert "service_at_locations" not in document


def test_an_ordinary_address_is_published(client):
    home = a_sheltered_home(location_confidential=False)
    assert "Hemliga vägen 7" in client.get(f"/hitta-stod/verksamhet/{home.pk}/").content.decode()
    address = service_document(home)["service_at_locations"][0]["location"]["addresses"][0]
    assert (
        address["address_1"] == "Hemliga vägen 7" and address["state_province"] == "Stockholms län"
    )


def test_its_editors_still_see_it(as_person, stockholm_editor):
    home = a_sheltered_home()
    assert (
        "Hemliga vägen 7"
        in as_person(stockholm_editor).get(f"/verksamheter/{home.pk}/").content.decode()
    )


def test_re_importing_an_export_keeps_the_stored_address(tmp_path, stockholm_editor):
    home = a_sheltered_home()
    out = tmp_path / "matris.csv"
    out.write_bytes(
        render(
            matrix.matrix_output(matrix.export_queryset(Service.objects.all()), public=False), "csv"
        )
    )
    summary = matrix.import_matrix(out, user=stockholm_editor)
    assert summary.unchanged == 1
    home.refresh_from_db()
    assert home.street_address == "Hemliga vägen 7"
