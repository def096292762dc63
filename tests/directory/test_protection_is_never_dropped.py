"""A sheltered home's protection cannot be dropped by any import: an empty or missing cell, or an HSDS
document from another system, says nothing, and nothing is taken from it. Only the owning county's
editor can make the address public, in the edit form, with a confirmation and a reason."""

import pytest

from lagesbild.core.errors import ImportRejected
from lagesbild.directory import matrix
from lagesbild.directory.editing import ProtectionKept, ServiceChanges, save_service
from lagesbild.directory.hsds.documents import service_document
from lagesbild.directory.hsds.importing import import_hsds
from lagesbild.directory.models import Service

from .builders import (
    MATRIX_HEADER,
    a_filled_in_form,
    a_matrix_csv,
    a_matrix_row,
    a_sheltered_home,
    an_hsds_file,
)


def the_home_row(home, protection_cell=None):
    """The shelter as another tool would write it back: with its id, and its address typed in again."""
    row = [
        str(home.pk),
        *a_matrix_row(
            name=home.name,
            organization=home.organization.name,
            exposures="Våld i nära relation",
            catchment="Botkyrka",
        ),
        "Hemliga vägen 7",
        "Tumba",
    ]
    header = ["id", *MATRIX_HEADER, "gatuadress", "ort"]
    if protection_cell is not None:
        row.append(protection_cell)
        header.append("skyddad adress")
    return header, row


def assert_still_protected(client, home):
    home.refresh_from_db()
    assert home.location_confidential is True
    assert home.public_address() is None
    assert (
        "Hemliga vägen 7" not in client.get(f"/hitta-stod/verksamhet/{home.pk}/").content.decode()
    )
    assert "Hemliga vägen 7" not in client.get(f"/hsds/services/{home.pk}").content.decode()


@pytest.mark.parametrize("cell", ["", None], ids=["empty cell", "no column"])
def test_a_matrix_without_a_protection_value_keeps_the_shelter_protected(
    tmp_path, client, stockholm_editor, cell
):
    home = a_sheltered_home()
    header, row = the_home_row(home, cell)
    matrix.import_matrix(a_matrix_csv(tmp_path, [row], header=header), user=stockholm_editor)
    assert_still_protected(client, home)


def test_a_matrix_that_says_no_is_refused_with_row_and_column_and_changes_nothing(
    tmp_path, client, stockholm_editor
):
    home = a_sheltered_home()
    header, row = the_home_row(home, "nej")
    with pytest.raises(ImportRejected) as rejected:
        matrix.import_matrix(a_matrix_csv(tmp_path, [row], header=header), user=stockholm_editor)
    [error] = rejected.value.errors
    assert (error.file, error.row, error.column) == ("matris.csv", 2, "skyddad adress")
    assert "redigeringsformuläret" in error.reason
    assert_still_protected(client, home)


def test_a_yes_no_cell_takes_only_the_documented_words(tmp_path, stockholm_editor):
    header = [*MATRIX_HEADER, "skyddad adress"]
    with pytest.raises(ImportRejected) as rejected:
        matrix.import_matrix(
            a_matrix_csv(tmp_path, [[*a_matrix_row(), "kanske"]], header=header),
            user=stockholm_editor,
        )
    [error] = rejected.value.errors
    assert error.column == "skyddad adress" and "'kanske' är inte ja eller nej" in error.reason
    assert not Service.objects.filter(name="Tjejjouren Exempla").exists()


def test_a_new_shelter_from_a_file_that_says_nothing_is_protected(
    tmp_path, client, stockholm_editor
):
    header = [*MATRIX_HEADER, "gatuadress", "ort"]
    row = [
        *a_matrix_row(name="Skyddat boende Norrsken", organization="Stiftelsen Norrsken"),
        "Gömda gatan 3",
        "Tumba",
    ]
    matrix.import_matrix(a_matrix_csv(tmp_path, [row], header=header), user=stockholm_editor)
    shelter = Service.objects.get(name="Skyddat boende Norrsken")
    assert shelter.location_confidential is True and shelter.street_address == "Gömda gatan 3"
    ordinary = a_matrix_row(
        name="Familjecentralen Exempla", organization="Botkyrka kommun", sector="kommun"
    )
    matrix.import_matrix(
        a_matrix_csv(tmp_path, [[*ordinary, "Torget 1", "Tumba"]], header=header, name="b.csv"),
        user=stockholm_editor,
    )
    assert Service.objects.get(name="Familjecentralen Exempla").location_confidential is False


def test_an_hsds_document_without_the_extension_keeps_the_protection(
    tmp_path, client, national_admin
):
    home = a_sheltered_home()
    document = service_document(home)
    for extension in ("location_confidential", "catchment_level", "county_code", "example_data"):
        document.pop(extension, None)
    document["service_at_locations"] = [
        {
            "id": "5c5e3f5e-8c5d-4bb8-9a57-1c1f0f2d6a10",
            "location": {
                "id": "0f0b7f3e-3a55-4d0e-9d3c-6b7a0f7f2c11",
                "location_type": "physical",
                "addresses": [
                    {
                        "id": "8d1b0c6e-3c11-4a3c-9fd1-44c0f49a2b12",
                        "address_1": "Hemliga vägen 7",
                        "city": "Tumba",
                        "region": "",
                        "state_province": "Stockholms län",
                        "postal_code": "147 99",
                        "country": "SE",
                        "address_type": "physical",
                    }
                ],
            },
        }
    ]
    import_hsds(an_hsds_file(tmp_path, [document]), user=national_admin, county="01")
    assert_still_protected(client, home)


def test_an_hsds_flag_must_be_a_json_boolean(tmp_path, national_admin):
    home = a_sheltered_home()
    document = service_document(home) | {"location_confidential": "false"}
    with pytest.raises(ImportRejected) as rejected:
        import_hsds(an_hsds_file(tmp_path, [document]), user=national_admin)
    assert any(
        e.column == "location_confidential" and "true eller false" in e.reason
        for e in rejected.value.errors
    )


def test_no_write_path_clears_it_by_accident(stockholm_editor):
    home = a_sheltered_home()
    with pytest.raises(ProtectionKept):
        save_service(
            home, ServiceChanges(fields={"location_confidential": False}), stockholm_editor
        )
    home.refresh_from_db()
    assert home.location_confidential is True


def the_form_of(home, **fields):
    return a_filled_in_form(
        home.name,
        new_organization=None,
        organization=home.organization_id,
        catchment="Botkyrka",
        street_address="Hemliga vägen 7",
        postal_code="147 99",
        city="Tumba",
        **fields,
    )


def test_the_owning_editor_clears_it_only_with_confirmation_and_reason(
    as_person, client, stockholm_editor
):
    home = a_sheltered_home(user=stockholm_editor)
    editor = as_person(stockholm_editor)
    form_page = editor.get(f"/verksamheter/{home.pk}/").content.decode()
    assert "Jag bekräftar att adressen ska visas publikt" in form_page

    unconfirmed = editor.post(f"/verksamheter/{home.pk}/", the_form_of(home))
    assert unconfirmed.status_code == 400
    assert "Bekräfta att adressen ska visas publikt" in unconfirmed.content.decode()
    home.refresh_from_db()
    assert home.location_confidential is True

    confirmed = editor.post(
        f"/verksamheter/{home.pk}/",
        the_form_of(
            home,
            unprotect_confirm="on",
            unprotect_reason="Verksamheten har flyttat till en öppen mottagning",
        ),
    )
    assert confirmed.status_code == 302
    home.refresh_from_db()
    assert home.location_confidential is False
    latest = home.history.order_by("-history_date").first()
    assert latest.history_user == stockholm_editor
    assert "öppen mottagning" in latest.history_change_reason


def test_the_national_administrator_cannot_clear_a_countys_protection(as_person, national_admin):
    home = a_sheltered_home()
    response = as_person(national_admin).post(
        f"/verksamheter/{home.pk}/",
        the_form_of(home, county="01", unprotect_confirm="on", unprotect_reason="test"),
    )
    assert response.status_code == 400
    assert "Bara en redaktör i det län som ansvarar" in response.content.decode()
    home.refresh_from_db()
    assert home.location_confidential is True
