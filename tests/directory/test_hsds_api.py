"""The HSDS 3.0 API under /hsds: every answer validates against the official schemas (the response
schemas of the official openapi.json, resolved through a referencing Registry), lists use the Page
envelope, and the parameters narrow the results."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lagesbild.directory.editing import archive
from lagesbild.directory.hsds import validation
from lagesbild.directory.models import CatchmentLevel, Service, ServiceStatus, Taxonomy

from .builders import a_service, an_organization, term


def valid(path: str, response) -> dict:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    problems = [validation.describe(e) for e in validation.response_errors(path, body)]
    assert problems == [], problems
    return body


@pytest.fixture
def directory():
    """Two published services with different huvudmän, terms and areas, and one draft."""
    jour = a_service(
        "Kvinnojouren Exempla",
        exposures=("vald-i-nara-relation", "sexualiserat-vald"),
        targets=("kvinnor", "flickor"),
        languages=("sv", "ar", "swl"),
        easy_to_read=True,
        street_address="Storgatan 1",
        postal_code="147 30",
        city="Tumba",
        description="Stöd och boende",
    )
    mottagning = a_service(
        "Mansmottagningen",
        organization=an_organization("Botkyrka kommun"),
        sector="kommun",
        exposures=("utovar-vald-narstaende",),
        targets=("man",),
        opening="dygnet runt",
        catchment=(CatchmentLevel.COUNTIES, ["01"]),
    )
    a_service("Utkastet", status=ServiceStatus.DRAFT)
    return jour, mottagning


def test_the_root_names_version_profile_and_openapi(client):
    body = valid("/", client.get("/hsds/"))
    assert body["version"] == "3.0"
    assert body["profile"].endswith("/hsds/profile/") and body["openapi_url"].endswith(
        "/hsds/openapi.json"
    )
    assert client.get("/hsds/profile/").json()["name"] == "lagesbild"
    openapi = client.get("/hsds/openapi.json").json()
    assert (
        openapi["info"]["title"] == "Lägesbild HSDS API"
        and "/service_at_locations" not in openapi["paths"]
    )


def test_services_come_in_the_page_envelope_and_validate(client, directory):
    body = valid("/services", client.get("/hsds/services"))
    assert (
        body["total_items"] == 2 and body["size"] == 2 and body["first_page"] and body["last_page"]
    )
    assert not body["empty"]
    assert sorted(s["name"] for s in body["contents"]) == [
        "Kvinnojouren Exempla",
        "Mansmottagningen",
    ]
    assert all(
        "attributes" not in s for s in body["contents"]
    )  # list items carry one-to-one fields only


def test_full_services_and_a_single_service_validate_fully_nested(client, directory):
    jour, _ = directory
    valid("/services", client.get("/hsds/services", {"full": "true"}))
    body = valid("/services/{id}", client.get(f"/hsds/services/{jour.pk}"))
    links = {a["link_type"]: [] for a in body["attributes"]}
    for attribute in body["attributes"]:
        links[attribute["link_type"]].append(attribute["taxonomy_term"]["code"])
    assert links == {
        "sector": ["civilsamhalle"],
        "exposure_type": ["vald-i-nara-relation", "sexualiserat-vald"],
        "target_group": ["kvinnor", "flickor"],
        "information_format": ["lattlast"],
    }
    assert [a["uri"] for a in body["service_areas"]] == ["urn:se:scb:kommun:0127"]
    assert {lang["code"] for lang in body["languages"]} == {"sv", "ar", "swl"}
    assert (
        body["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
        and body["schedules"][0]["opens_at"] == "09:00"
    )
    assert body["service_at_locations"][0]["location"]["addresses"][0]["city"] == "Tumba"
    assert body["catchment_level"] == "kommuner" and body["county_code"] == "01"


def test_a_service_open_around_the_clock_is_all_days_midnight_to_23_59(client, directory):
    _, mottagning = directory
    [schedule] = client.get(f"/hsds/services/{mottagning.pk}").json()["schedules"]
    assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "MO,TU,WE,TH,FR,SA,SU",
        "00:00",
        "23:59",
    )


def test_paging(client, directory):
    first = valid("/services", client.get("/hsds/services", {"per_page": 1}))
    second = valid("/services", client.get("/hsds/services", {"per_page": 1, "page": 2}))
    beyond = valid("/services", client.get("/hsds/services", {"per_page": 1, "page": 3}))
    assert (first["total_pages"], first["first_page"], first["last_page"]) == (2, True, False)
    assert (second["page_number"], second["last_page"]) == (2, True)
    assert {first["contents"][0]["name"], second["contents"][0]["name"]} == {
        "Kvinnojouren Exempla",
        "Mansmottagningen",
    }
    assert beyond["size"] == 0 and beyond["contents"] == [] and not beyond["empty"]


def test_parameters_combine_as_and(client, directory):
    jour, _mottagning = directory
    exposure = term("utsatthet", "utovar-vald-narstaende")
    assert names(client, taxonomy_term_id=exposure.uuid) == ["Mansmottagningen"]
    assert names(client, taxonomy_term_id=term("informationsformat", "lattlast").uuid) == [
        "Kvinnojouren Exempla"
    ]
    assert names(client, taxonomy_term_id=term("sektor", "kommun").uuid) == ["Mansmottagningen"]
    assert names(client, organization_id=jour.organization_id) == ["Kvinnojouren Exempla"]
    assert names(client, search="STÖD och") == ["Kvinnojouren Exempla"]
    assert names(client, search="boende", taxonomy_term_id=exposure.uuid) == []
    assert names(client, municipality="0127") == ["Kvinnojouren Exempla", "Mansmottagningen"]
    assert names(client, municipality="0126") == ["Mansmottagningen"]
    assert names(client, taxonomy_id=Taxonomy.objects.get(id="informationsformat").uuid) == [
        "Kvinnojouren Exempla"
    ]


def test_modified_after(client, directory):
    jour, _ = directory
    Service.objects.filter(pk=jour.pk).update(modified=timezone.now() - timedelta(days=30))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert names(client, modified_after=since) == ["Mansmottagningen"]
    assert names(client, modified_after="2000-01-01") == [
        "Kvinnojouren Exempla",
        "Mansmottagningen",
    ]


def names(client, **query) -> list[str]:
    return sorted(
        s["name"] for s in valid("/services", client.get("/hsds/services", query))["contents"]
    )


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"page": "x"}, "page"),
        ({"per_page": 0}, "per_page"),
        ({"per_page": 10_000}, "per_page"),
        ({"taxonomy_term_id": "våld"}, "taxonomy_term_id"),
        ({"modified_after": "igår"}, "modified_after"),
        ({"full": "kanske"}, "full"),
        ({"municipality": "Botkyrka"}, "municipality"),
        ({"format": "xml"}, "format"),
    ],
)
def test_a_bad_parameter_gets_400_naming_it(client, query, parameter):
    response = client.get("/hsds/services", query)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{parameter}:")


def test_drafts_and_unknown_ids_are_404(client, directory):
    draft = Service.objects.get(name="Utkastet")
    for url in (
        f"/hsds/services/{draft.pk}",
        "/hsds/services/not-a-uuid",
        "/hsds/organizations/00000000-0000-0000-0000-000000000000",
        "/hsds/taxonomies/x",
        "/hsds/taxonomy_terms/00000000-0000-0000-0000-000000000000",
    ):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["detail"] == "finns inte"


def test_ndjson_streams_every_service(client, directory):
    response = client.get("/hsds/services", {"format": "ndjson"})
    lines = [
        json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()
    ]
    assert sorted(d["name"] for d in lines) == ["Kvinnojouren Exempla", "Mansmottagningen"]
    assert all(validation.service_errors(d) == [] for d in lines)


def test_organizations_validate_and_list_their_published_services(client, directory):
    jour, _ = directory
    body = valid("/organizations", client.get("/hsds/organizations"))
    assert sorted(o["name"] for o in body["contents"]) == [
        "Botkyrka kommun",
        "Kvinnojouren Exempla",
    ]
    organization = valid(
        "/organizations/{id}", client.get(f"/hsds/organizations/{jour.organization_id}")
    )
    assert [s["name"] for s in organization["services"]] == ["Kvinnojouren Exempla"]
    full = valid(
        "/organizations/{id}",
        client.get(f"/hsds/organizations/{jour.organization_id}", {"full_service": "true"}),
    )
    assert full["services"][0]["attributes"]


def test_taxonomies_and_terms_validate(client):
    taxonomies = valid("/taxonomies", client.get("/hsds/taxonomies"))
    assert {t["code"] for t in taxonomies["contents"]} == {
        "utsatthet",
        "malgrupp",
        "sektor",
        "informationsformat",
    }
    exposure = next(t for t in taxonomies["contents"] if t["code"] == "utsatthet")
    valid("/taxonomies/{id}", client.get(f"/hsds/taxonomies/{exposure['id']}"))
    terms = valid(
        "/taxonomy_terms", client.get("/hsds/taxonomy_terms", {"taxonomy_id": exposure["id"]})
    )
    assert terms["total_items"] == 6
    assert next(t["code"] for t in terms["contents"]) == "vald-i-nara-relation"
    one = valid(
        "/taxonomy_terms/{id}", client.get(f"/hsds/taxonomy_terms/{terms['contents'][0]['id']}")
    )
    assert (
        one["name"] == "Våld i nära relation"
        and one["name_en"] == "Violence in close relationships"
    )


def test_term_ids_are_the_same_on_every_installation():
    # Derived from the codes, so two county boards' exports can be merged by id.
    assert (
        str(term("utsatthet", "vald-i-nara-relation").uuid)
        == "dad87fbc-1c0e-5bc0-97ff-fa50f2df6a9e"
    )


def test_example_data_is_marked_in_the_answers(client):
    service = a_service("Exempeljouren (exempel)", is_example=True)
    body = client.get(f"/hsds/services/{service.pk}").json()
    assert body["example_data"] is True and body["alert"] == "Exempeldata – fiktiva värden"


def test_totals_follow_every_change_to_the_directory(client, directory, national_admin):
    assert client.get("/hsds/services").json()["total_items"] == 2
    a_service("Nytillkommen")
    assert client.get("/hsds/services").json()["total_items"] == 3
    archive(Service.objects.get(name="Nytillkommen"), national_admin)
    assert client.get("/hsds/services").json()["total_items"] == 2
    assert "2 verksamheter" in client.get("/hitta-stod/", {"kommun": "Botkyrka"}).content.decode()
