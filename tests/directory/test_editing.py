"""Editing with roles: a national administrator edits everything, a county editor only their own
county's services, anonymous visitors only see what is published; every change is in the history and
archived services stay."""

from lagesbild.directory.editing import ServiceChanges, archive, save_service
from lagesbild.directory.history import changes_of
from lagesbild.directory.models import Service, ServiceStatus

from .builders import a_filled_in_form, a_service


def test_who_may_edit_a_stockholm_service(
    stockholm_editor, skane_editor, national_admin, municipal_respondent
):
    service = a_service(county="01")
    assert service.can_edit(stockholm_editor)
    assert service.can_edit(national_admin)
    assert not service.can_edit(skane_editor)
    assert not service.can_edit(municipal_respondent)


def test_a_county_editor_creates_services_only_for_their_own_county(as_person, stockholm_editor):
    client = as_person(stockholm_editor)
    response = client.post("/verksamheter/ny/", a_filled_in_form(county="12"))
    assert response.status_code == 302
    assert Service.objects.get(name="Mottagningen Exempla").county_id == "01"


def test_the_national_administrator_chooses_the_owning_county(as_person, national_admin):
    client = as_person(national_admin)
    response = client.post("/verksamheter/ny/", a_filled_in_form(county="12", catchment="Malmö"))
    assert response.status_code == 302
    assert Service.objects.get(name="Mottagningen Exempla").county_id == "12"


def test_the_form_reads_hours_and_languages_and_remembers_the_huvudman(as_person, stockholm_editor):
    client = as_person(stockholm_editor)
    client.post("/verksamheter/ny/", a_filled_in_form())
    service = Service.objects.get(name="Mottagningen Exempla")
    assert (
        service.hours_text() == "mån–tis 09.00–16.00; tor 09.00–12.00, 13.00–16.00; fre 09.00–15.00"
    )
    assert sorted(service.languages.values_list("code", flat=True)) == ["ar", "sv"]
    assert service.organization.name == "Botkyrka kommun" and service.organization.county_id == "01"
    client.post(
        "/verksamheter/ny/",
        a_filled_in_form("Andra mottagningen", new_organization="botkyrka kommun"),
    )
    assert Service.objects.get(name="Andra mottagningen").organization == service.organization


def test_bad_input_is_explained_field_by_field_and_nothing_is_saved(as_person, stockholm_editor):
    client = as_person(stockholm_editor)
    response = client.post(
        "/verksamheter/ny/",
        a_filled_in_form(catchment="Atlantis", day_0="nio till fem", exposure_types=[]),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "okänt territorium" in page
    assert "nio till fem går inte att läsa som tider" in page
    assert 'href="#id_exposure_types_0"' in page
    assert not Service.objects.exists()


def test_a_skane_editor_is_told_who_owns_a_stockholm_service(as_person, skane_editor):
    service = a_service()
    client = as_person(skane_editor)
    for url in (f"/verksamheter/{service.pk}/", f"/verksamheter/{service.pk}/historik/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Stockholms län" in response.content.decode()
    assert client.post(f"/verksamheter/{service.pk}/arkivera/").status_code == 403
    service.refresh_from_db()
    assert service.status == ServiceStatus.PUBLISHED


def test_a_county_editor_lists_only_their_own_services(as_person, stockholm_editor):
    a_service("Stockholms tjänst")
    a_service("Skånes tjänst", county="12", catchment=("kommuner", ["1280"]))
    page = as_person(stockholm_editor).get("/verksamheter/").content.decode()
    assert "Stockholms tjänst" in page and "Skånes tjänst" not in page


def test_editing_requires_login_and_an_editor_role(client, municipal_respondent):
    assert client.get("/verksamheter/").status_code == 302
    client.force_login(municipal_respondent)
    assert client.get("/verksamheter/ny/").status_code == 403


def test_anonymous_visitors_see_only_published_services(client, stockholm_editor):
    draft = a_service("Utkastet", status=ServiceStatus.DRAFT)
    archived = a_service("Det arkiverade", status=ServiceStatus.ARCHIVED)
    published = a_service("Den publicerade")
    listing = client.get("/hitta-stod/", {"kommun": "Botkyrka"}).content.decode()
    assert (
        "Den publicerade" in listing
        and "Utkastet" not in listing
        and "Det arkiverade" not in listing
    )
    assert client.get(f"/hitta-stod/verksamhet/{draft.pk}/").status_code == 404
    assert client.get(f"/hitta-stod/verksamhet/{archived.pk}/").status_code == 404
    assert client.get(f"/hitta-stod/verksamhet/{published.pk}/").status_code == 200
    client.force_login(stockholm_editor)
    preview = client.get(f"/hitta-stod/verksamhet/{draft.pk}/")
    assert preview.status_code == 200 and "visas inte publikt" in preview.content.decode()


def test_every_change_is_kept_with_who_when_and_what(as_person, stockholm_editor):
    client = as_person(stockholm_editor)
    client.post("/verksamheter/ny/", a_filled_in_form())
    service = Service.objects.get(name="Mottagningen Exempla")
    client.post(
        f"/verksamheter/{service.pk}/",
        a_filled_in_form(
            "Mottagningen Exempla Syd", exposures=("vald-i-nara-relation", "hedersrelaterat-vald")
        ),
    )
    client.post(f"/verksamheter/{service.pk}/kontrollerad/")
    entries = changes_of(service)
    assert [e.who for e in entries] == ["stina.stockholm"] * 3
    assert entries[-1].created
    renamed = {label: (old, new) for label, old, new in entries[1].changes}
    assert renamed["namn på verksamhet"] == ("Mottagningen Exempla", "Mottagningen Exempla Syd")
    assert renamed["målgrupp efter utsatthet"] == (
        "Våld i nära relation",
        "Hedersrelaterat våld och förtryck, Våld i nära relation",
    )
    assert "senast kontrollerad" in [label for label, _, _ in entries[0].changes]
    page = client.get(f"/verksamheter/{service.pk}/historik/").content.decode()
    assert "Mottagningen Exempla Syd" in page and "stina.stockholm" in page


def test_saving_without_changes_leaves_no_history(stockholm_editor):
    service = a_service()
    assert (
        save_service(service, ServiceChanges(fields={"name": service.name}), stockholm_editor)
        is False
    )
    assert service.history.count() == 1


def test_archived_services_are_kept_and_cannot_be_deleted(stockholm_editor, admin_client):
    service = a_service()
    archive(service, stockholm_editor)
    service.refresh_from_db()
    assert service.status == ServiceStatus.ARCHIVED
    assert Service.objects.filter(pk=service.pk).exists()
    assert admin_client.get(f"/admin/directory/service/{service.pk}/delete/").status_code == 403


def test_marking_as_verified_records_the_day_and_the_person(as_person, stockholm_editor):
    service = a_service()
    as_person(stockholm_editor).post(f"/verksamheter/{service.pk}/kontrollerad/")
    service.refresh_from_db()
    assert service.verified_by == stockholm_editor and service.verified_at is not None
