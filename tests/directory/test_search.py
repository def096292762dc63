"""Hitta stöd: a visitor searches by municipality (name or code, any case, with or without å/ä/ö),
exposure type, target group, language, "open now" and free text."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from lagesbild.directory.models import CatchmentLevel
from lagesbild.directory.search import Query, search
from lagesbild.territories.models import Territory

from .builders import a_service, term

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def names(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("typed", ["Malmö", "malmo", "MALMÖ", "1280", " malmö kommun "])
def test_a_municipality_is_found_however_it_is_typed(client, typed):
    a_service("Malmöjouren", county="12", catchment=(CatchmentLevel.MUNICIPALITIES, ["1280"]))
    response = client.get("/hitta-stod/", {"kommun": typed})
    assert response.status_code == 200
    assert "Malmöjouren" in names(response)


def test_a_municipality_search_includes_county_wide_and_national_services(client):
    a_service("Botkyrkas egen", catchment=(CatchmentLevel.MUNICIPALITIES, ["0127"]))
    a_service("Hela Stockholms län", catchment=(CatchmentLevel.COUNTIES, ["01"]))
    a_service("Hela landet", county="00", catchment=(CatchmentLevel.NATION, []))
    a_service("Huddinges egen", catchment=(CatchmentLevel.MUNICIPALITIES, ["0126"]))
    a_service("Uppsala läns", county="03", catchment=(CatchmentLevel.COUNTIES, ["03"]))
    page = names(client.get("/hitta-stod/", {"kommun": "botkyrka"}))
    for found in ("Botkyrkas egen", "Hela Stockholms län", "Hela landet"):
        assert found in page
    assert "Huddinges egen" not in page and "Uppsala läns" not in page


def test_an_unknown_municipality_gets_suggestions(client):
    response = client.get("/hitta-stod/", {"kommun": "Sodertaljee"})
    assert response.status_code == 400
    assert "Menade du Södertälje?" in names(response)


def test_a_county_is_not_taken_for_a_municipality(client):
    response = client.get("/hitta-stod/", {"kommun": "Skåne län"})
    assert response.status_code == 400 and "är inte en kommun" in names(response)


def test_filters_by_exposure_type_and_target_group(client):
    a_service("För våldsutsatta kvinnor", exposures=("vald-i-nara-relation",), targets=("kvinnor",))
    a_service("För män som utövar våld", exposures=("utovar-vald-narstaende",), targets=("man",))
    a_service("För unga hbtqi", exposures=("vald-i-nara-relation",), targets=("hbtqi", "flickor"))
    by_exposure = names(
        client.get("/hitta-stod/", {"kommun": "0127", "utsatthet": "utovar-vald-narstaende"})
    )
    assert (
        "För män som utövar våld" in by_exposure and "För våldsutsatta kvinnor" not in by_exposure
    )
    by_group = names(
        client.get("/hitta-stod/", {"utsatthet": "vald-i-nara-relation", "malgrupp": "hbtqi"})
    )
    assert "För unga hbtqi" in by_group and "För våldsutsatta kvinnor" not in by_group


def test_filters_by_language_sign_language_and_easy_to_read(client):
    a_service("Arabisktalande stöd", languages=("sv", "ar"))
    a_service("Teckenspråkigt stöd", languages=("sv", "swl"))
    a_service("Lättläst stöd", languages=("sv",), easy_to_read=True)
    assert "Arabisktalande stöd" in names(client.get("/hitta-stod/", {"sprak": "ar"}))
    signing = names(client.get("/hitta-stod/", {"sprak": "swl"}))
    assert "Teckenspråkigt stöd" in signing and "Arabisktalande stöd" not in signing
    easy = names(client.get("/hitta-stod/", {"sprak": "lattlast"}))
    assert "Lättläst stöd" in easy and "Teckenspråkigt stöd" not in easy


def test_open_now_uses_swedish_local_time():
    a_service("Dagöppen", opening="mån–fre 09:00–16:00")
    a_service("Kvällsjour", opening="mån–fre 18:00–22:00; lör 22:00–02:00")
    a_service("Alltid öppen", opening="dygnet runt")
    a_service("Utan tider", opening="")
    # 16:30 UTC on a Monday in June is 18:30 in Stockholm (summer time): only the evening service is open.
    summer_evening = datetime(2025, 6, 2, 16, 30, tzinfo=ZoneInfo("UTC"))
    assert {s.name for s in search(Query(open_now=True), now=summer_evening)} == {
        "Kvällsjour",
        "Alltid öppen",
    }
    # 01:00 on Sunday morning: the Saturday night shift, split at midnight, is still open.
    sunday_night = datetime(2025, 6, 8, 1, 0, tzinfo=STOCKHOLM)
    assert {s.name for s in search(Query(open_now=True), now=sunday_night)} == {
        "Kvällsjour",
        "Alltid öppen",
    }
    # 10:00 on a Tuesday in January (winter time).
    winter_morning = datetime(2025, 1, 7, 10, 0, tzinfo=STOCKHOLM)
    assert {s.name for s in search(Query(open_now=True), now=winter_morning)} == {
        "Dagöppen",
        "Alltid öppen",
    }


def test_free_text_ignores_case_and_diacritics_and_searches_the_huvudman(client):
    a_service("Kvinnojouren Nyckelpigan", description="Stöd och skyddat boende")
    a_service("Mansmottagningen", organization=None)
    assert "Kvinnojouren Nyckelpigan" in names(client.get("/hitta-stod/", {"q": "nyckelpigan"}))
    assert "Kvinnojouren Nyckelpigan" in names(client.get("/hitta-stod/", {"q": "SKYDDAT boende"}))
    assert "Mansmottagningen" in names(client.get("/hitta-stod/", {"q": "exempla"}))
    assert "Kvinnojouren Nyckelpigan" not in names(
        client.get("/hitta-stod/", {"q": "mansmottagningen"})
    )


def test_results_show_hours_languages_and_how_to_get_in_touch(client):
    a_service(
        "Jouren",
        languages=("sv", "ar"),
        opening="mån–fre 09:00–16:00",
        phone="000-11 22 33",
        email="jouren@example.org",
        opening_notes="Stängt helgdagar",
    )
    page = names(client.get("/hitta-stod/", {"kommun": "Botkyrka"}))
    assert "mån–fre 09.00–16.00" in page and "Stängt helgdagar" in page
    assert '<span lang="ar" dir="rtl">العربية</span> (arabiska)' in page
    assert 'href="tel:000112233"' in page and "mailto:jouren@example.org" in page


def test_the_english_page_speaks_english(client):
    a_service("Jouren", opening="mån–fre 09:00–16:00")
    page = names(client.get("/en/hitta-stod/", {"kommun": "Botkyrka"}))
    assert (
        "Find support" in page
        and "Mon–Fri 09:00–16:00" in page
        and "Violence in close relationships" in page
    )


def test_results_are_paged(client):
    for number in range(23):
        a_service(f"Tjänst {number:02d}")
    first = names(client.get("/hitta-stod/", {"kommun": "Botkyrka"}))
    second = names(client.get("/hitta-stod/", {"kommun": "Botkyrka", "sida": 2}))
    assert "23 verksamheter" in first and "Tjänst 00" in first and "Tjänst 22" not in first
    assert "Tjänst 22" in second and "Sida 2 av 2" in second


def test_the_easy_to_read_page_asks_two_questions_in_simple_swedish(client):
    a_service("Jouren", exposures=("vald-i-nara-relation",))
    page = names(
        client.get(
            "/hitta-stod/lattlast/", {"kommun": "botkyrka", "utsatthet": "vald-i-nara-relation"}
        )
    )
    assert "Var bor du?" in page and "Vad har hänt?" in page
    assert term("utsatthet", "vald-i-nara-relation").name_easy in page
    assert "Här kan du få hjälp" in page and "Jouren" in page


def test_the_easy_to_read_page_stays_swedish_for_an_english_visitor(client):
    page = names(client.get("/en/hitta-stod/lattlast/", {"kommun": "xyz"}))
    assert 'lang="en"' in page and '<div lang="sv" class="easy">' in page
    assert "Hittar ingen kommun som heter xyz" in page


def test_the_info_sheet_lists_a_municipalitys_services_by_exposure_type(client):
    a_service("Jouren", exposures=("vald-i-nara-relation", "hedersrelaterat-vald"))
    a_service("Utanför", catchment=(CatchmentLevel.MUNICIPALITIES, ["0126"]))
    page = names(client.get("/hitta-stod/kommun/0127/"))
    assert "Här kan du få stöd – Botkyrka" in page
    assert page.count("<strong>Jouren</strong>") == 2
    assert "Utanför" not in page
    assert "Ingen verksamhet i registret täcker kommunen." in page
    assert client.get("/hitta-stod/kommun/01/").status_code == 404


def test_the_search_query_covers_a_municipality_in_one_statement(django_assert_max_num_queries):
    a_service("Jouren")
    botkyrka = Territory.objects.get(code="0127")
    with django_assert_max_num_queries(6):
        assert [
            s.name
            for s in search(
                Query(municipality=botkyrka, exposure=term("utsatthet", "vald-i-nara-relation"))
            )
        ] == ["Jouren"]
