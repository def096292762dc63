"""The issue's "done when", as one story: a Stockholm county editor adds a service through the web
interface, an anonymous visitor finds it by municipality and exposure type, a Skåne editor cannot
change it, its confidential address appears nowhere public, its HSDS export validates, and the
matrix analysis counts it."""

import io
import json
import zipfile

from django.core.management import call_command

from lagesbild.directory.hsds import validation
from lagesbild.directory.models import Service

from .builders import a_filled_in_form

SECRET_STREET = "Gömda gränd 3"


def test_a_service_added_by_stockholm_is_found_protected_exported_and_counted(
    client, stockholm_editor, skane_editor, tmp_path
):
    client.force_login(stockholm_editor)
    form = a_filled_in_form(
        "Skyddat boende Tumba",
        sector="civilsamhalle",
        new_organization="Kvinnojouren i Tumba",
        exposures=("vald-i-nara-relation", "hedersrelaterat-vald"),
        catchment="botkyrka, SALEM",
        street_address=SECRET_STREET,
        postal_code="147 99",
        location_confidential="on",
    )
    saved = client.post("/verksamheter/ny/", form)
    assert saved.status_code == 302
    service = Service.objects.get(name="Skyddat boende Tumba")
    assert service.county_id == "01" and service.is_public()
    client.logout()

    # An anonymous visitor finds it by municipality (typed without å/ä/ö) and exposure type.
    found = client.get("/hitta-stod/", {"kommun": "salem", "utsatthet": "hedersrelaterat-vald"})
    assert "Skyddat boende Tumba" in found.content.decode()

    # Skåne's editor is refused, and told why.
    client.force_login(skane_editor)
    refused = client.post(f"/verksamheter/{service.pk}/", a_filled_in_form("Ändrat av Skåne"))
    assert refused.status_code == 403
    assert "Stockholms län" in refused.content.decode()
    service.refresh_from_db()
    assert service.name == "Skyddat boende Tumba"
    client.logout()

    # The protected address is on no public page, download or API answer.
    public = [
        client.get("/hitta-stod/", {"kommun": "Botkyrka"}),
        client.get(f"/hitta-stod/verksamhet/{service.pk}/"),
        client.get("/hitta-stod/kommun/0127/"),
        client.get("/hitta-stod/matris.csv"),
        client.get(f"/hsds/services/{service.pk}"),
        client.get("/hsds/services", {"full": "true"}),
    ]
    for answer in public:
        assert answer.status_code == 200
        assert SECRET_STREET not in answer.content.decode("utf-8", "replace")

    # Its HSDS export validates against the official schema.
    out = tmp_path / "hsds.zip"
    call_command("directory", "export", "--format", "hsds", "--out", str(out), stdout=io.StringIO())
    with zipfile.ZipFile(out) as archive:
        document = json.loads(archive.read(f"services/{service.pk}.json"))
        assert (
            SECRET_STREET
            not in b"".join(archive.read(name) for name in archive.namelist()).decode()
        )
    assert validation.service_errors(document) == []
    assert document["location_confidential"] is True and "service_at_locations" not in document

    # The matrix analysis for Stockholm counts it under both its exposure types, as civil society.
    counts = client.get("/hitta-stod/analys/01.json").json()
    by_sector = next(t for t in counts["tables"] if t["key"] == "utsatthet-sektor")
    rows = {row["key"]: row["values"] for row in by_sector["rows"]}
    assert rows["vald-i-nara-relation"]["civilsamhalle"] == 1
    assert rows["hedersrelaterat-vald"]["civilsamhalle"] == 1
