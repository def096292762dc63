"""A visitor explores what the platform holds: goals, indicators, territories and coverage."""

from __future__ import annotations

import pytest

from lagesbild.core.marking import EXAMPLE_NOTICE

from .conftest import example_figures_for, get_json


def test_the_index_links_to_every_endpoint_and_the_documentation(anonymous_visitor):
    response, body = get_json(anonymous_visitor, "/api/v1/")
    assert response.status_code == 200
    assert body["version"] == "1.0.0"
    assert body["docs"] == "http://testserver/api/v1/docs"
    for name, url in body["endpoints"].items():
        assert anonymous_visitor.get(url).status_code == 200, name


def test_the_four_goals_come_with_the_totals_the_report_declares(anonymous_visitor):
    _, body = get_json(anonymous_visitor, "/api/v1/goals")
    assert [goal["number"] for goal in body["goals"]] == [1, 2, 3, 4]
    assert body["count"] == 4
    assert sum(goal["declared_regional"] or 0 for goal in body["goals"]) == 26
    assert all(goal["name_sv"] and goal["name_en"] for goal in body["goals"])
    assert sum(goal["indicators"] for goal in body["goals"]) == len(
        get_json(anonymous_visitor, "/api/v1/indicators")[1]["indicators"]
    )


def test_the_goals_answer_holds_the_counties_own_strategy_goals_beside_the_national_four(
    anonymous_visitor,
):
    _, body = get_json(anonymous_visitor, "/api/v1/goals")
    stockholm = [g for g in body["regional_goals"] if g["county"] == "01"]
    assert [g["number"] for g in stockholm] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert stockholm[1]["name_sv"] == "Förebygga återfall"
    assert "oj-stodsamtal-valdsutovare" in stockholm[1]["indicators"]
    assert stockholm[0]["strategy_sv"].startswith("Strategi för att förebygga och bekämpa våld")


def ids(body) -> set[str]:
    return {indicator["id"] for indicator in body["indicators"]}


def test_indicators_can_be_narrowed_by_goal_status_level_and_text(anonymous_visitor):
    _, everything = get_json(anonymous_visitor, "/api/v1/indicators")
    _, goal_three = get_json(anonymous_visitor, "/api/v1/indicators?goal=3")
    _, development = get_json(anonymous_visitor, "/api/v1/indicators?status=utvecklingsindikator")
    _, municipal = get_json(anonymous_visitor, "/api/v1/indicators?level=kommun")
    _, sexual = get_json(anonymous_visitor, "/api/v1/indicators", {"q": "Sexualbrott"})
    assert goal_three["count"] == len(goal_three["indicators"]) > 0
    assert {i["goal"] for i in goal_three["indicators"]} == {3}
    assert {i["status"] for i in development["indicators"]} == {"utvecklingsindikator"}
    assert all("kommun" in i["levels"] for i in municipal["indicators"])
    assert "ntu-sexualbrott" in ids(sexual) and ids(sexual) < ids(everything)
    _, combined = get_json(
        anonymous_visitor, "/api/v1/indicators", {"goal": 2, "level": "lan", "q": "sexualbrott"}
    )
    assert ids(combined) == ids(sexual) & {
        i["id"] for i in everything["indicators"] if i["goal"] == 2 and "lan" in i["levels"]
    }


def test_an_indicator_links_to_its_observations(anonymous_visitor):
    _, body = get_json(anonymous_visitor, "/api/v1/indicators?q=ntu-sexualbrott")
    indicator = next(i for i in body["indicators"] if i["id"] == "ntu-sexualbrott")
    _, observations = get_json(anonymous_visitor, indicator["links"]["observations"])
    assert {row["indicator"] for row in observations["observations"]} == {"ntu-sexualbrott"}
    _, detail = get_json(anonymous_visitor, indicator["links"]["self"])
    assert detail["id"] == "ntu-sexualbrott"


def test_one_indicator_describes_itself_and_summarises_its_data(anonymous_visitor):
    response, body = get_json(anonymous_visitor, "/api/v1/indicators/bra-personuppklaring")
    assert response.status_code == 200
    assert body["agency"] == "Brå" and body["unit"] == "procent"
    assert len(body["breakdown"]["categories"]) == 15
    rape = next(c for c in body["breakdown"]["categories"] if c["id"] == "valdtakt")
    assert rape["indicator"] == "personuppklaring-valdtakt"
    assert body["references"] and body["scope"] == "nationell"
    assert body["regional_goals"][0]["county"] == "01" and body["regional_goals"][0]["number"] == 5
    assert body["data"] == {
        "count": 26,  # Rapport 2019:6's ten crime types for 2017, Operation Kvinnofrid's 2019–2022
        "first_year": 2017,
        "last_year": 2022,
        "territories": 1,
        "example_data": False,
    }
    assert "notice" not in body


def test_an_indicator_with_example_data_says_so(anonymous_visitor):
    example_figures_for("dodligt-vald", territories=("03",))
    _, body = get_json(anonymous_visitor, "/api/v1/indicators/dodligt-vald")
    assert body["data"]["example_data"] is True
    assert body["notice"] == EXAMPLE_NOTICE


def test_an_unknown_indicator_is_a_json_404(anonymous_visitor):
    response, body = get_json(anonymous_visitor, "/api/v1/indicators/finns-inte")
    assert response.status_code == 404
    assert body == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "indicator: okänd indikator 'finns-inte' (se /api/v1/indicators)",
        "instance": "/api/v1/indicators/finns-inte",
        "parameter": "indicator",
    }


def test_territories_list_the_nation_the_counties_and_the_municipalities(anonymous_visitor):
    _, everything = get_json(anonymous_visitor, "/api/v1/territories")
    _, counties = get_json(anonymous_visitor, "/api/v1/territories?level=lan")
    assert everything["count"] == 312
    assert counties["count"] == 21
    assert everything["territories"][0] == {
        "code": "00",
        "name": "Riket",
        "level": "riket",
        "parent": None,
    }


def test_a_county_s_municipalities_are_found_by_its_code_or_its_name(anonymous_visitor):
    _, by_code = get_json(anonymous_visitor, "/api/v1/territories?parent=12")
    _, by_name = get_json(anonymous_visitor, "/api/v1/territories", {"parent": "Skåne"})
    assert by_code == by_name
    assert by_code["count"] == 33
    assert {t["level"] for t in by_code["territories"]} == {"kommun"}


def test_one_territory_lists_the_territories_under_it(anonymous_visitor):
    _, stockholm_county = get_json(anonymous_visitor, "/api/v1/territories/01")
    _, sodertalje = get_json(anonymous_visitor, "/api/v1/territories/0181")
    assert len(stockholm_county["children"]) == 26 and "0181" in stockholm_county["children"]
    assert sodertalje == {
        "code": "0181",
        "name": "Södertälje",
        "level": "kommun",
        "parent": "01",
        "children": [],
    }
    response, body = get_json(anonymous_visitor, "/api/v1/territories/9999")
    assert response.status_code == 404 and body["detail"].startswith("territory: ")


def test_coverage_counts_like_the_report(anonymous_visitor):
    _, body = get_json(anonymous_visitor, "/api/v1/coverage")
    assert body["declared"] == {"regional": 26, "total": 82}
    assert [goal["goal"] for goal in body["goals"]] == [1, 2, 3, 4]
    assert body["territory"] is None and "notice" not in body
    goal_two = body["goals"][1]
    assert goal_two["with_data"]["lan"] <= goal_two["readable"]["lan"] <= goal_two["in_catalogue"]
    goal_three = body["goals"][2]["difference"]
    assert goal_three["not_found"] == 4 and goal_three["combined_views"] == ["bra-personuppklaring"]


def test_coverage_for_a_county_counts_only_its_data_and_flags_example_data(anonymous_visitor):
    _, before = get_json(anonymous_visitor, "/api/v1/coverage?territory=03")
    example_figures_for("dodligt-vald", territories=("03",))
    _, after = get_json(anonymous_visitor, "/api/v1/coverage", {"territory": "Uppsala län"})
    assert after["territory"] == "03"
    goal = next(g for g in after["goals"] if g["goal"] == 2)
    assert (
        goal["with_data"]["lan"]
        == next(g for g in before["goals"] if g["goal"] == 2)["with_data"]["lan"] + 1
    )
    assert after["notice"] == EXAMPLE_NOTICE and "notice" not in before


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/api/v1/indicators?goal=fem", 422, "goal"),
        ("/api/v1/indicators?goal=0", 422, "goal"),
        ("/api/v1/indicators?status=viktig", 400, "status"),
        ("/api/v1/indicators?level=planet", 400, "level"),
        ("/api/v1/territories?level=planet", 400, "level"),
        ("/api/v1/territories?parent=Atlantis", 404, "parent"),
        ("/api/v1/coverage?territory=Atlantis", 404, "territory"),
    ],
)
def test_bad_catalogue_parameters_get_a_json_message_naming_them(
    anonymous_visitor, url, status, parameter
):
    response, body = get_json(anonymous_visitor, url)
    assert response.status_code == status
    assert body["detail"].startswith(f"{parameter}: ")
