"""A visitor reads the lab: start, goal, indicator, territory, coverage, search and the accessibility
statement, in Swedish and English, with Swedish number formats and machine-readable twins."""

import json
import re

import pytest

from lagesbild.core.language import in_language
from lagesbild.core.marking import EXAMPLE_NOTICE

from .builders import example_figures_for, published_figures

NBSP = "\u00a0"


def visit(client, url, language="sv", **extra):
    """A page in Swedish or English: English pages live under /en/."""
    return client.get(in_language(url, language), **extra)


def text_of(response) -> str:
    return response.content.decode()


# --- Start, goal and coverage ------------------------------------------------------------------


def test_the_start_page_shows_the_four_goals_with_their_indicators_and_a_search(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/"))
    for number in (1, 2, 3, 4):
        assert f'href="/mal/{number}/"' in page
    assert "Förbättrad upptäckt av våld" in page
    assert 'role="search"' in page and 'name="q"' in page
    assert 'name="kod"' in page and "Södertälje" in page  # "min kommun" picker
    assert "26 av totalt 82 indikatorer" in page
    assert EXAMPLE_NOTICE not in page


def test_the_start_page_speaks_english_when_the_visitor_chooses_it(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/", "en"))
    assert '<html lang="en">' in page
    assert "The strategy&#x27;s four goals" in page or "The strategy's four goals" in page
    assert "Improved detection of violence" in page
    assert "Strategins fyra målsättningar" not in page


def test_a_goal_page_lists_its_indicators_with_status_source_and_levels(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/mal/2/"))
    assert "Andel individer utsatta för hot föregående kalenderår" in page
    assert "NTU-lokal" in page and "Brå" in page
    assert "Indikator" in page and "Län" in page
    assert 'href="/indikatorer/ntu-hot/"' in page


def test_the_coverage_page_gives_the_reports_count_and_what_has_data(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/tackning/"))
    assert "26 av totalt 82 indikatorer" in page
    document = visit(anonymous_visitor, "/tackning.json").json()
    goal_two = next(g for g in document["goals"] if g["number"] == 2)
    assert goal_two["with_data"]["lan"] >= 5 and goal_two["with_data"]["riket"] == 6
    mhv = next(i for i in document["indicators"] if i["id"] == "mhv-tillfragade-om-vald")
    assert mhv["levels"] == ["riket", "lan"] and mhv["levels_with_data"] == ["riket", "lan"]
    # the clearance figures, held by the combined series, count for each crime type's indicator
    rape = next(i for i in document["indicators"] if i["id"] == "personuppklaring-valdtakt")
    assert rape["levels_with_data"] == ["lan"]
    rows = text_of(visit(anonymous_visitor, "/tackning.csv")).splitlines()
    assert rows[0] == "goal,indicator,status,level,readable,with_data,with_example_data"
    assert "1,mhv-tillfragade-om-vald,indikator,lan,ja,ja,nej" in rows


def test_the_coverage_page_names_the_indicators_behind_each_difference_to_the_report(
    anonymous_visitor,
):
    page = text_of(visit(anonymous_visitor, "/tackning/"))
    assert (
        "Enligt källan 20 indikatorer, i katalogen 13: 7 har inte hittats i publika källor." in page
    )
    assert (
        "Läsbara på regional nivå enligt källan 12, i katalogen 10: Andel handlagda brott av kontakt"
        in page
    )
    assert "Andel utredda våldtäktsbrott som lett till en personuppklaring per år" in page
    document = visit(anonymous_visitor, "/tackning.json").json()
    goal_three = next(d for d in document["differences"] if d["goal"] == 3)
    assert goal_three["usable_not_regional"] == [
        "lagforing-misshandel-nara-relation",
        "lagforing-valdtakt",
    ]
    assert goal_three["combined_views"] == ["bra-personuppklaring"]
    assert goal_three["not_found"] == 4 and len(goal_three["national"]) == 20
    english = text_of(visit(anonymous_visitor, "/tackning/", "en"))
    assert "7 have not been found in public sources" in english


def test_coverage_counts_example_data_apart_from_published_figures(anonymous_visitor):
    example_figures_for("ntu-sexualbrott-ej-polisanmalda")
    document = visit(anonymous_visitor, "/tackning.json").json()
    goal_two = next(g for g in document["goals"] if g["number"] == 2)
    assert goal_two["with_data"]["riket"] == 6
    assert goal_two["with_example_data_only"]["riket"] == 1
    assert document["notice"] == EXAMPLE_NOTICE


# --- The indicator page --------------------------------------------------------------------------


def test_an_indicator_page_writes_figures_the_swedish_way(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/indikatorer/ntu-sexualbrott/?territory=01"))
    assert f"11,7{NBSP}%" in page and f"1,7{NBSP}%" in page
    assert f"9,0–10,0{NBSP}%" in text_of(
        visit(anonymous_visitor, "/indikatorer/ntu-hot/?territory=01")
    )  # a range


def test_an_indicator_page_in_english_writes_figures_the_english_way(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/indikatorer/ntu-sexualbrott/?territory=01", "en"))
    assert "11.7%" in page and "Share of individuals exposed to sexual offences" in page
    assert "Women" in page and "Kvinnor" not in page


def test_with_only_published_figures_the_page_opens_on_the_county_that_has_them(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/indikatorer/oj-stodsamtal-utan-bistandsbeslut/"))
    assert "Stockholms län över tid" in page
    assert "Andelen i Stockholms län ökade från 56 procent 2019 till 70 procent 2023." in page


def test_the_chart_is_an_svg_drawn_on_the_server_with_its_summary_as_name(anonymous_visitor):
    page = text_of(
        visit(anonymous_visitor, "/indikatorer/oj-stodsamtal-utan-bistandsbeslut/?territory=01")
    )
    assert (
        '<svg role="img" aria-label="Andelen i Stockholms län ökade från 56 procent 2019 till 70 procent 2023."'
        in page
    )
    assert 'id="spec-main" type="application/json"' in page
    assert "<figcaption>Andelen i Stockholms län ökade" in page


def test_notes_of_the_source_become_numbered_footnotes_in_chart_and_table(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/indikatorer/dodligt-vald/?territory=01"))
    assert 'href="#fotnot-1"' in page and 'id="fotnot-2"' in page
    assert "terrorattentatet på Drottninggatan" in page


def test_the_page_names_the_import_batch_and_retrieval_date_behind_its_figures(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/indikatorer/ntu-hot/?territory=01"))
    assert "Länsstyrelsen Stockholm, Rapport 2019:6" in page
    assert 'href="https://www.lansstyrelsen.se/stockholm/om-oss/pressrum/' in page
    document = visit(anonymous_visitor, "/indikatorer/ntu-hot.json?territory=01").json()
    batch = document["provenance"][0]
    assert (
        batch["file"] == "rapport-2019-6.csv"
        and batch["retrieved_at"]
        and batch["example_data"] is False
    )


def test_a_county_analyst_compares_stockholm_with_other_counties_and_the_nation(anonymous_visitor):
    example_figures_for("ntu-misshandel")
    response = visit(
        anonymous_visitor,
        "/indikatorer/ntu-misshandel/?territory=01&compare=12&compare=14&compare=00&sex=K",
    )
    page = text_of(response)
    assert "Skåne län" in page and "Västra Götalands län" in page
    assert (
        'href="/indikatorer/ntu-misshandel/?territory=01&amp;compare=14&amp;compare=00&amp;sex=K&amp;level=lan#jamforelse"'
        in page
    )
    assert "jämförda områden" in page
    document = visit(
        anonymous_visitor,
        "/indikatorer/ntu-misshandel.json?territory=01&compare=12&compare=14&compare=00&sex=K",
    ).json()
    assert {o["territory"] for o in document["comparison"]} == {"01", "12", "14", "00"}
    assert {o["sex"] for o in document["comparison"]} == {"K"}


def test_the_map_shows_every_county_for_the_chosen_year_with_links_to_them(anonymous_visitor):
    example_figures_for("ntu-misshandel")
    page = text_of(visit(anonymous_visitor, "/indikatorer/ntu-misshandel/?year=2015&level=lan"))
    assert "Karta över län 2015" in page
    assert page.count('xlink:href="/indikatorer/ntu-misshandel/?territory=') == 21
    assert "21 av 21 län har värden" in page


def test_the_kommun_map_is_offered_only_for_indicators_readable_in_kommuner(anonymous_visitor):
    response = visit(anonymous_visitor, "/indikatorer/ntu-hot/?level=kommun")
    assert response.status_code == 400
    assert "kan inte läsas på kommunnivå" in text_of(response)


def test_a_development_indicator_says_it_has_no_data_source_yet(anonymous_visitor):
    page = text_of(
        visit(anonymous_visitor, "/indikatorer/kommuner-foraldraskapsstod-valdsforebyggande/")
    )
    assert "utvecklingsindikator" in page and "ingen datakälla" in page


def same_site_links(page: str) -> list[str]:
    return [
        address.replace("&amp;", "&")
        for address in re.findall(r'href="(/[^"#]*)', page)
        if not address.startswith("/static/")
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_development_indicator_offers_no_picker_comparison_or_downloads_and_every_link_answers(
    anonymous_visitor, language
):
    url = "/indikatorer/kv-sexualbrottsklienter-program-sexualbrott/"
    page = text_of(visit(anonymous_visitor, url, language))
    why = {
        "sv": "Det här är en utvecklingsindikator: den har föreslagits",
        "en": "This is a development indicator: it has been proposed",
    }
    assert why[language] in page and 'id="inga-varden"' in page
    for absent in ('id="territory"', 'id="jamforelse"', 'id="nedladdning"', 'id="karta"'):
        assert absent not in page
    for address in same_site_links(page):
        assert anonymous_visitor.get(address).status_code == 200, address


def test_the_twins_of_a_page_without_figures_are_empty_but_valid_tables(anonymous_visitor):
    query = "?territory=00&level=lan"
    csv = visit(
        anonymous_visitor, f"/indikatorer/kommuner-foraldraskapsstod-valdsforebyggande.csv{query}"
    )
    assert csv.status_code == 200
    assert csv.content.decode().splitlines() == [
        "indicator,indicator_name,territory,territory_name,level,period_start,period_end,sex,"
        "breakdown,value,lower,upper,unit,status,note,source,example_data"
    ]
    document = visit(
        anonymous_visitor, f"/indikatorer/kommuner-foraldraskapsstod-valdsforebyggande.json{query}"
    ).json()
    assert document["observations"] == [] and document["indicator"]["levels"] == []


def test_an_indicator_awaiting_its_source_says_so_and_names_the_source(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/indikatorer/personuppklaring-koppleri/"))
    assert "inga värden har lästs in från källan (Officiell kriminalstatistik" in page
    assert "Det här är en utvecklingsindikator" not in page
    assert 'id="territory"' not in page and 'id="nedladdning"' not in page


def test_an_indicator_page_names_the_regional_strategy_goals_and_where_it_is_defined(
    anonymous_visitor,
):
    page = text_of(visit(anonymous_visitor, "/indikatorer/oj-stodsamtal-valdsutovare/"))
    assert "Stockholms läns regionala strategi: mål 2 – Förebygga återfall" in page
    assert 'href="https://www.operationkvinnofrid.se/strategi/uppfoljning-och-rapportering/' in page
    english = text_of(visit(anonymous_visitor, "/indikatorer/oj-stodsamtal-valdsutovare/", "en"))
    assert "Regional strategy of Stockholms län: goal 2 – Preventing reoffending" in english
    document = visit(anonymous_visitor, "/indikatorer/oj-stodsamtal-valdsutovare.json").json()
    assert document["indicator"]["regional_goals"][0]["number"] == 2
    assert document["indicator"]["references"]


def test_a_clearance_indicator_page_leads_to_the_series_that_holds_its_figures(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/indikatorer/personuppklaring-valdtakt/"))
    assert "Värdena för indikatorn redovisas i sammanställningen" in page
    assert 'href="/indikatorer/bra-personuppklaring/?breakdown=valdtakt"' in page


def test_small_counts_are_suppressed_on_the_page_and_in_its_twins(anonymous_visitor):
    published_figures(
        {"indicator": "dodligt-vald", "territory": "08", "period": "2017", "value": "3"},
        {"indicator": "dodligt-vald", "territory": "08", "period": "2018", "value": "12"},
    )
    page = text_of(visit(anonymous_visitor, "/indikatorer/dodligt-vald/?territory=08"))
    assert "skyddat (för få fall)" in page and ">12</td>" in page
    document = visit(anonymous_visitor, "/indikatorer/dodligt-vald.json?territory=08").json()
    hidden = next(o for o in document["observations"] if o["period_start"] == 2017)
    assert hidden["value"] is None and hidden["status"] == "suppressed"
    rows = text_of(
        visit(anonymous_visitor, "/indikatorer/dodligt-vald.csv?territory=08")
    ).splitlines()
    assert any(",2017,2017," in r and ",suppressed," in r for r in rows) and not any(
        ",3,," in r for r in rows
    )


# --- Example data --------------------------------------------------------------------------------


def test_the_example_notice_appears_only_where_example_figures_are_shown(anonymous_visitor):
    example_figures_for("ntu-hot")
    with_example = text_of(visit(anonymous_visitor, "/indikatorer/ntu-hot/"))
    only_published = text_of(
        visit(anonymous_visitor, "/indikatorer/mhv-tillfragade-om-vald/?territory=01")
    )
    assert f"<strong>{EXAMPLE_NOTICE}</strong>" in with_example
    assert EXAMPLE_NOTICE not in only_published
    assert f"<strong>{EXAMPLE_NOTICE}</strong>" in text_of(visit(anonymous_visitor, "/"))


# --- Twins --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, twin",
    [
        ("/", "/index"),
        ("/mal/2/", "/mal/2"),
        ("/indikatorer/ntu-hot/", "/indikatorer/ntu-hot"),
        ("/territorier/0181/", "/territorier/0181"),
        ("/territorier/", "/territorier"),
        ("/tackning/", "/tackning"),
        ("/sok/?q=hot", "/sok"),
    ],
)
def test_every_data_page_announces_its_json_and_csv_twins(anonymous_visitor, path, twin):
    response = visit(anonymous_visitor, path)
    query = path.partition("?")[2]
    suffix = f"?{query}" if query else ""
    assert f'<{twin}.json{suffix}>; rel="alternate"; type="application/json"' in response["Link"]
    assert f'<{twin}.csv{suffix}>; rel="alternate"; type="text/csv"' in response["Link"]
    assert f'<link rel="alternate" type="application/json" href="{twin}.json{suffix}">' in text_of(
        response
    )
    as_json = visit(anonymous_visitor, f"{twin}.json{suffix}")
    as_csv = visit(anonymous_visitor, f"{twin}.csv{suffix}")
    assert as_json.status_code == 200 and json.loads(as_json.content)
    assert (
        as_csv.status_code == 200
        and as_csv["Content-Type"].startswith("text/csv")
        and as_csv.content.count(b"\n") >= 2
    )


def test_the_indicator_twins_hold_what_the_page_shows(anonymous_visitor):
    document = visit(anonymous_visitor, "/indikatorer/ntu-sexualbrott.json?territory=01").json()
    assert document["indicator"]["name_en"].startswith(
        "Share of individuals exposed to sexual offences"
    )
    assert {(o["sex"], o["value"]) for o in document["observations"]} == {("K", 11.7), ("M", 1.7)}
    assert document["summaries"]["chart"] == (
        "I Stockholms län 2017 var andelen högst för kvinnor, 11,7 procent, "
        "och lägst för män, 1,7 procent."
    )
    csv_rows = text_of(
        visit(anonymous_visitor, "/indikatorer/ntu-sexualbrott.csv?territory=01")
    ).splitlines()
    assert csv_rows[0].startswith("indicator,indicator_name,territory") and len(csv_rows) == 3


# --- Territory pages -------------------------------------------------------------------------------


def test_a_municipal_coordinator_sees_every_indicator_for_sodertalje_next_to_its_county_and_the_nation(
    anonymous_visitor, municipal_respondent
):
    page = text_of(visit(anonymous_visitor, "/territorier/0181/"))
    assert "Södertälje" in page
    assert (
        '<th scope="col" class="number">Stockholms län</th>' in page
        and '<th scope="col" class="number">Riket</th>' in page
    )
    # Stockholm county's published figure, beside Södertälje's empty cell; the nation's latest
    assert f"70{NBSP}%" in page and f"4,5{NBSP}%" in page


def test_a_territory_can_be_found_by_name_and_the_picker_leads_to_its_page(anonymous_visitor):
    assert visit(anonymous_visitor, "/territorier/Malmö/")["Location"] == "/territorier/1280/"
    assert visit(anonymous_visitor, "/territorier/?kod=1280")["Location"] == "/territorier/1280/"
    assert visit(anonymous_visitor, "/territorier/?kod=Atlantis").status_code == 400


def test_a_county_page_lists_its_kommuner(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/territorier/09/"))
    assert "Gotlands län" in page and 'href="/territorier/0980/"' in page


# --- Search and accessibility statement -------------------------------------------------------------


def test_search_finds_indicators_and_places_without_caring_about_case_or_accents(anonymous_visitor):
    page = text_of(visit(anonymous_visitor, "/sok/?q=HOT"))
    assert 'href="/indikatorer/ntu-hot/"' in page
    assert 'href="/territorier/1280/"' in text_of(visit(anonymous_visitor, "/sok/?q=malmo"))
    assert "Inga träffar" in text_of(visit(anonymous_visitor, "/sok/?q=zzzz"))


def test_searching_vald_finds_violence_and_not_valdemarsvik(anonymous_visitor):
    """Å, ä and ö are letters of their own; typed as a and o they match more, not less."""
    with_letters = text_of(visit(anonymous_visitor, "/sok/?q=våld"))
    assert 'href="/indikatorer/dodligt-vald/"' in with_letters
    assert "Valdemarsvik" not in with_letters
    without = text_of(visit(anonymous_visitor, "/sok/?q=vald"))
    assert 'href="/indikatorer/dodligt-vald/"' in without and "Valdemarsvik" in without


@pytest.mark.parametrize(
    "language, words",
    [
        ("sv", ["Tillgänglighetsredogörelse", "delvis förenlig", "DIGG"]),
        ("en", ["Accessibility statement", "partially compliant", "DIGG"]),
    ],
)
def test_the_accessibility_statement_says_how_compliant_the_site_is_and_where_to_complain(
    anonymous_visitor, language, words
):
    page = text_of(visit(anonymous_visitor, "/tillganglighet/", language))
    for word in words:
        assert word in page
    assert 'href="https://www.digg.se/tdosanmalan"' in page


# --- Bad addresses ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, message",
    [
        ("/indikatorer/finns-inte/", "Det finns ingen indikator med id finns-inte."),
        ("/territorier/9999/", "Det finns inget område med koden 9999."),
        ("/mal/7/", "Det finns ingen målsättning 7"),
    ],
)
def test_unknown_indicators_territories_and_goals_get_a_404_page(anonymous_visitor, url, message):
    response = visit(anonymous_visitor, url)
    assert response.status_code == 404 and message in text_of(response)
    assert '<html lang="sv">' in text_of(response)


def test_the_twin_of_an_unknown_indicator_is_a_json_404(anonymous_visitor):
    response = visit(anonymous_visitor, "/indikatorer/finns-inte.json")
    assert response.status_code == 404 and "finns-inte" in response.json()["error"]


@pytest.mark.parametrize(
    "query, parameter, reason",
    [
        ("sex=X", "sex", "Okänt kön"),
        ("territory=9999", "territory", "okänt territorium"),
        (
            "compare=03&compare=04&compare=05&compare=06&compare=07&compare=08&compare=09&compare=10",
            "compare",
            "Högst 8",
        ),
        ("compare=02", "compare", "okänt territorium"),
        ("year=förra", "year", "inget år"),
        ("level=socken", "level", "inte &#x27;socken&#x27;"),
    ],
)
def test_bad_query_parameters_get_a_400_page_that_names_them(
    anonymous_visitor, query, parameter, reason
):
    response = visit(anonymous_visitor, f"/indikatorer/ntu-hot/?{query}")
    assert response.status_code == 400
    page = text_of(response)
    assert f"<code>{parameter}</code>" in page and reason in page
    twin = visit(anonymous_visitor, f"/indikatorer/ntu-hot.json?{query}")
    assert twin.status_code == 400 and parameter in twin.json()["parameters"]


def test_a_breakdown_must_be_one_of_the_indicators_categories(anonymous_visitor):
    assert (
        visit(
            anonymous_visitor, "/indikatorer/bra-personuppklaring/?breakdown=valdtakt"
        ).status_code
        == 200
    )
    response = visit(anonymous_visitor, "/indikatorer/bra-personuppklaring/?breakdown=stold")
    assert response.status_code == 400 and "valdtakt" in text_of(response)
    assert visit(anonymous_visitor, "/indikatorer/oj-skyddat-boende/?sex=K").status_code == 400


def test_a_warm_page_is_served_from_the_cache_with_its_own_addresses_and_no_token(
    anonymous_visitor, django_assert_num_queries
):
    url = "/indikatorer/ntu-hot/?territory=01"
    first = text_of(visit(anonymous_visitor, url))
    with django_assert_num_queries(1):  # the content version, read once per request
        again = visit(anonymous_visitor, url)
    assert 'class="language-switch" href="/en/indikatorer/ntu-hot/?territory=01"' in text_of(again)
    english = text_of(visit(anonymous_visitor, url, "en"))
    assert 'class="language-switch" href="/indikatorer/ntu-hot/?territory=01"' in english
    # no POST form on the page, so no visitor's token and no cookie: the page is the same for all
    assert "placeholder" not in text_of(again) and "csrfmiddlewaretoken" not in text_of(again)
    compared = text_of(visit(anonymous_visitor, url + "&compare=12"))
    assert "?next=/indikatorer/ntu-hot/%3Fterritory%3D01%26compare%3D12" in compared
    assert not again.cookies
    assert text_of(again).split("<main")[1] == first.split("<main")[1]


# --- Numbers and example data in the visitor's language ------------------------------------------


def generated_example_figures_for(*indicator_ids: str):
    """Example figures stored as `lagesbild example-data --seed 1` stores them."""
    from lagesbild.core.marking import example_source
    from lagesbild.indicators.models import BatchKind, Indicator
    from lagesbild.sources.example import example_records
    from lagesbild.sources.importing import BatchInfo, import_records
    from lagesbild.territories.models import Territory

    info = BatchInfo(
        kind=BatchKind.EXAMPLE,
        source=example_source(1),
        parameters={"seed": 1},
        is_example=True,
        note=EXAMPLE_NOTICE,
    )
    records = example_records(
        1,
        Indicator.objects.filter(id__in=indicator_ids),
        Territory.objects.filter(level__in=("riket", "lan")).order_by("code"),
    )
    return import_records(records, info, file_name="example-data")


def test_an_english_reader_sees_the_example_data_notice_and_its_source_in_english(
    anonymous_visitor,
):
    generated_example_figures_for("ntu-hot")
    page = text_of(visit(anonymous_visitor, "/indikatorer/ntu-hot/?territory=01", "en"))
    assert "Example data – fictitious values" in page
    assert "generated by lagesbild example-data --seed 1" in page
    assert "genererad med" not in page and "fiktiva värden" not in page
    start = text_of(visit(anonymous_visitor, "/", "en"))
    assert (
        "Example data – fictitious values (generated by lagesbild example-data --seed 1)" in start
    )
    swedish = text_of(visit(anonymous_visitor, "/indikatorer/ntu-hot/?territory=01"))
    assert "genererad med lagesbild example-data --seed 1" in swedish


def test_the_files_keep_the_swedish_marker_whatever_the_page_language(anonymous_visitor):
    generated_example_figures_for("ntu-hot")
    twin = visit(anonymous_visitor, "/indikatorer/ntu-hot.json?territory=01", "en").json()
    assert twin["notice"] == EXAMPLE_NOTICE == "Exempeldata – fiktiva värden"


@pytest.mark.parametrize(
    ("language", "shown"), [("sv", f"78{NBSP}120 rader"), ("en", "78,120 rows")]
)
def test_the_start_page_writes_a_large_row_count_with_thousands_grouping(
    anonymous_visitor, language, shown
):
    from lagesbild.indicators.models import BatchKind, ImportBatch

    ImportBatch.objects.create(kind=BatchKind.TEMPLATE, source="Testkälla", rows=78120)
    assert shown in text_of(visit(anonymous_visitor, "/", language))
