"""A visitor reads figures through /api/v1/observations: filters, pages, CSV and example-data marks."""

from __future__ import annotations

import csv
import io

import pytest

from lagesbild.api.observations import page_rows, selection
from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.disclosure import public_rows
from lagesbild.indicators.selection import COLUMNS, observation_rows

from ..lab.builders import published_figures
from .conftest import example_figures_for, get_json

REPORT = "Länsstyrelsen Stockholm, Rapport 2019:6"


def test_the_report_s_published_share_of_women_exposed_to_sexual_offences_comes_with_its_source(
    anonymous_visitor,
):
    response, body = get_json(
        anonymous_visitor,
        "/api/v1/observations?indicator=ntu-sexualbrott&territory=01&period=2017&sex=K",
    )
    assert response.status_code == 200
    assert body["count"] == 1
    [figure] = body["observations"]
    assert figure["value"] == 11.7
    assert figure["source"].startswith(REPORT)
    assert (figure["territory_name"], figure["unit"], figure["example_data"]) == (
        "Stockholms län",
        "procent",
        False,
    )
    assert "notice" not in body


def test_every_row_has_the_columns_of_lagesbild_export(anonymous_visitor):
    _, body = get_json(anonymous_visitor, "/api/v1/observations?territory=01")
    assert body["observations"]
    assert all(list(row) == list(COLUMNS) for row in body["observations"])


def test_a_published_range_is_given_as_lower_and_upper_bounds(anonymous_visitor):
    _, body = get_json(
        anonymous_visitor, "/api/v1/observations?indicator=ntu-hot&territory=01&sex=K"
    )
    [figure] = body["observations"]
    assert (figure["value"], figure["lower"], figure["upper"]) == (None, 9, 10)
    assert (figure["period_start"], figure["period_end"]) == (2016, 2017)


def test_several_indicators_can_be_asked_for_repeated_or_comma_separated(anonymous_visitor):
    _, repeated = get_json(
        anonymous_visitor,
        "/api/v1/observations?indicator=dodligt-vald&indicator=ntu-sexualbrott&territory=01",
    )
    _, commas = get_json(
        anonymous_visitor,
        "/api/v1/observations?indicator=dodligt-vald,ntu-sexualbrott&territory=01",
    )
    assert repeated["observations"] == commas["observations"]
    assert {row["indicator"] for row in repeated["observations"]} == {
        "dodligt-vald",
        "ntu-sexualbrott",
    }
    assert repeated["count"] == 4


def test_territories_are_found_by_code_or_by_name_and_several_can_be_compared(anonymous_visitor):
    example_figures_for("ntu-sexualbrott", territories=("01", "03", "12"))
    _, by_code = get_json(
        anonymous_visitor,
        "/api/v1/observations?indicator=ntu-sexualbrott&territory=03&territory=12",
    )
    _, by_name = get_json(
        anonymous_visitor,
        "/api/v1/observations",
        {"indicator": "ntu-sexualbrott", "territory": "Uppsala län,Skåne"},
    )
    assert {row["territory"] for row in by_code["observations"]} == {"03", "12"}
    assert by_code["observations"] == by_name["observations"]


def test_the_level_filter_keeps_only_that_level(anonymous_visitor):
    example_figures_for("ntu-sexualbrott", territories=("00", "01", "03"))
    _, counties = get_json(
        anonymous_visitor, "/api/v1/observations?indicator=ntu-sexualbrott&level=lan"
    )
    _, nation = get_json(
        anonymous_visitor, "/api/v1/observations?indicator=ntu-sexualbrott&level=riket"
    )
    assert {row["territory"] for row in counties["observations"]} == {"01", "03"}
    assert {row["territory"] for row in nation["observations"]} == {"00"}
    assert {row["level"] for row in counties["observations"]} == {"lan"}


def test_a_period_range_returns_every_period_that_overlaps_it(anonymous_visitor):
    example_figures_for("dodligt-vald", territories=("03",), first_year=2010, years=10)
    _, body = get_json(
        anonymous_visitor,
        "/api/v1/observations?indicator=dodligt-vald&territory=03&sex=T&period=2012-2014",
    )
    assert [row["period_start"] for row in body["observations"]] == [2012, 2013, 2014]
    _, with_dash = get_json(
        anonymous_visitor,
        "/api/v1/observations",
        {"indicator": "ntu-hot", "territory": "01", "period": "2017–2020"},
    )
    assert {(row["period_start"], row["period_end"]) for row in with_dash["observations"]} == {
        (2016, 2017)
    }


def test_sex_filter_takes_codes_and_words(anonymous_visitor):
    url = "/api/v1/observations?indicator=ntu-sexualbrott&territory=01"
    _, women = get_json(anonymous_visitor, f"{url}&sex=K")
    _, kvinnor = get_json(anonymous_visitor, f"{url}&sex=kvinnor")
    _, men = get_json(anonymous_visitor, f"{url}&sex=M")
    assert [row["value"] for row in women["observations"]] == [11.7]
    assert women["observations"] == kvinnor["observations"]
    assert [row["value"] for row in men["observations"]] == [1.7]


def test_breakdown_filter_picks_crime_types(anonymous_visitor):
    _, body = get_json(
        anonymous_visitor,
        "/api/v1/observations?indicator=bra-personuppklaring&breakdown=valdtakt&breakdown=koppleri",
    )
    assert {row["breakdown"]: row["value"] for row in body["observations"]} == {
        "valdtakt": 12,
        "koppleri": 11,
    }


def test_pages_follow_next_links_through_the_whole_selection_without_gaps_or_repeats(
    anonymous_visitor,
):
    _, whole = get_json(anonymous_visitor, "/api/v1/observations?territory=01")
    url, seen, pages = "/api/v1/observations?territory=01&limit=4", [], 0
    while url:
        _, page = get_json(anonymous_visitor, url)
        assert page["count"] == whole["count"] and page["limit"] == 4
        assert len(page["observations"]) <= 4
        seen += page["observations"]
        url, pages = page["next"], pages + 1
    assert seen == whole["observations"]
    assert pages == -(-whole["count"] // 4)


def test_next_links_keep_the_filters_and_are_absolute(anonymous_visitor):
    _, page = get_json(
        anonymous_visitor, "/api/v1/observations?indicator=bra-personuppklaring&limit=3"
    )
    assert page["next"].startswith("http://testserver/api/v1/observations?")
    assert "indicator=bra-personuppklaring" in page["next"] and "limit=3" in page["next"]
    _, second = get_json(anonymous_visitor, page["next"])
    assert {row["indicator"] for row in second["observations"]} == {"bra-personuppklaring"}
    assert second["observations"][0] != page["observations"][-1]


def test_csv_streams_the_whole_selection_with_the_same_rows_as_json(anonymous_visitor):
    _, body = get_json(anonymous_visitor, "/api/v1/observations?territory=01&limit=5")
    response = anonymous_visitor.get(body["csv"])
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "observationer.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == body["count"] > 5
    assert list(rows[0]) == list(COLUMNS)
    assert {row["example_data"] for row in rows} == {"nej"}
    sexual = next(r for r in rows if r["indicator"] == "ntu-sexualbrott" and r["sex"] == "K")
    assert sexual["value"] == "11.7" and sexual["source"].startswith(REPORT)


def test_example_data_is_marked_on_every_row_with_a_notice_in_json_and_in_csv(anonymous_visitor):
    example_figures_for("dodligt-vald", territories=("03",))
    _, body = get_json(
        anonymous_visitor, "/api/v1/observations?indicator=dodligt-vald&territory=03"
    )
    assert body["notice"] == EXAMPLE_NOTICE
    assert body["observations"] and all(row["example_data"] for row in body["observations"])
    assert all(row["source"].startswith(EXAMPLE_NOTICE) for row in body["observations"])
    response = anonymous_visitor.get(
        "/api/v1/observations?indicator=dodligt-vald&territory=03&format=csv"
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows and {row["example_data"] for row in rows} == {"ja"}
    assert all(row["source"].startswith(EXAMPLE_NOTICE) for row in rows)


def test_real_figures_next_to_example_data_stay_unmarked(anonymous_visitor):
    example_figures_for("dodligt-vald", territories=("03",))
    _, body = get_json(
        anonymous_visitor, "/api/v1/observations?indicator=dodligt-vald&territory=01,03"
    )
    marks = {row["territory"]: row["example_data"] for row in body["observations"]}
    assert marks == {"01": False, "03": True}
    assert body["notice"] == EXAMPLE_NOTICE


def test_pages_hold_exactly_what_lagesbild_export_would_write_as_the_public_sees_it():
    example_figures_for("ntu-hot", territories=("01", "03"))
    chosen = selection(None, ["01", "03"], None, None, None, None)
    assert page_rows(chosen) == list(public_rows(observation_rows(chosen)))


def test_a_small_count_hidden_in_the_lab_is_hidden_in_the_api_too(anonymous_visitor):
    published_figures(
        {"indicator": "dodligt-vald", "territory": "08", "period": "2017", "value": "3"},
        {"indicator": "dodligt-vald", "territory": "08", "period": "2018", "value": "12"},
    )
    _, body = get_json(
        anonymous_visitor, "/api/v1/observations?indicator=dodligt-vald&territory=08"
    )
    shown = {row["period_start"]: (row["value"], row["status"]) for row in body["observations"]}
    assert shown == {2017: (None, "suppressed"), 2018: (12, "ok")}
    response = anonymous_visitor.get(
        "/api/v1/observations?indicator=dodligt-vald&territory=08&format=csv"
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {(row["period_start"], row["value"], row["status"]) for row in rows} == {
        ("2017", "", "suppressed"),
        ("2018", "12", "ok"),
    }


def test_answers_are_cached_until_the_data_changes(anonymous_visitor, django_assert_num_queries):
    url = "/api/v1/observations?indicator=dodligt-vald"
    first, body = get_json(anonymous_visitor, url)
    with django_assert_num_queries(1):  # the content version, read once per request
        again = anonymous_visitor.get(url)
    assert again.content == first.content
    example_figures_for("dodligt-vald", territories=("03",))
    _, changed = get_json(anonymous_visitor, url)
    assert changed["count"] == body["count"] + 9  # three years, for women, men and in total
    assert changed["notice"] == EXAMPLE_NOTICE


def test_a_client_that_has_the_answer_gets_not_modified(anonymous_visitor):
    first = anonymous_visitor.get("/api/v1/observations?indicator=dodligt-vald")
    assert first["ETag"] and first["X-Data-Version"]
    assert first["Access-Control-Allow-Origin"] == "*"
    again = anonymous_visitor.get(
        "/api/v1/observations?indicator=dodligt-vald", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize(
    ("query", "status", "parameter"),
    [
        ("indicator=finns-inte", 404, "indicator"),
        ("territory=Atlantis", 404, "territory"),
        ("period=sommaren", 400, "period"),
        ("period=2018%E2%80%932016", 400, "period"),
        ("sex=X", 400, "sex"),
        ("level=stadsdel", 400, "level"),
        ("limit=m%C3%A5nga", 422, "limit"),
        ("limit=0", 422, "limit"),
        ("limit=100000", 422, "limit"),
        ("format=xml", 422, "format"),
        ("cursor=inte-en-mark%C3%B6r", 404, "cursor"),
        ("cursor=WzFd", 404, "cursor"),
        ("sex=%00", 400, "sex"),
    ],
)
def test_a_bad_parameter_gets_a_json_message_that_names_it(
    anonymous_visitor, query, status, parameter
):
    response, body = get_json(anonymous_visitor, f"/api/v1/observations?{query}")
    assert response.status_code == status
    assert body["parameter"] == parameter
    assert body["detail"].startswith(f"{parameter}: ")


def test_a_range_of_years_reads_the_same_in_either_order(anonymous_visitor):
    address = "/api/v1/observations?indicator=dodligt-vald&period="
    _, forwards = get_json(anonymous_visitor, address + "2012-2016")
    _, backwards = get_json(anonymous_visitor, address + "2016-2012")
    assert forwards["observations"] and forwards["observations"] == backwards["observations"]


def test_error_messages_follow_the_visitor_s_language(anonymous_visitor):
    _, swedish = get_json(anonymous_visitor, "/api/v1/observations?limit=0")
    _, english = get_json(
        anonymous_visitor, "/api/v1/observations?limit=0", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert swedish["detail"] == "limit: värdet måste vara minst 1"
    assert english["detail"] == "limit: the value must be at least 1"


def test_only_reading_is_answered_from_the_cache(anonymous_visitor):
    url = "/api/v1/observations?indicator=dodligt-vald"
    assert anonymous_visitor.get(url).status_code == 200
    assert anonymous_visitor.post(url).status_code == 405


def test_real_only_leaves_the_example_data_out(anonymous_visitor):
    """A report or a journalist can ask for published figures alone."""
    example_figures_for("dodligt-vald", territories=("03",))
    _, everything = get_json(anonymous_visitor, "/api/v1/observations?indicator=dodligt-vald")
    _, real = get_json(
        anonymous_visitor, "/api/v1/observations?indicator=dodligt-vald&real_only=true"
    )
    assert any(row["example_data"] for row in everything["observations"])
    assert real["observations"] and not any(row["example_data"] for row in real["observations"])
    assert "notice" not in real
    csv_text = b"".join(
        anonymous_visitor.get(
            "/api/v1/observations?indicator=dodligt-vald&real_only=true&format=csv"
        ).streaming_content
    ).decode()
    assert "ja" not in {line.rsplit(",", 1)[-1].strip() for line in csv_text.splitlines()[1:]}


def test_a_large_answer_is_cached_compressed_and_served_whole(anonymous_visitor, monkeypatch):
    """Large slices (a kommun slice is 2.2 MB) are cached too, kept compressed; a client that accepts
    gzip gets the compressed bytes, any other the same answer as the first."""
    import gzip

    from lagesbild.api import caching

    monkeypatch.setattr(caching, "COMPRESS_FROM", 1000)
    url = "/api/v1/observations?indicator=dodligt-vald&limit=9999"  # an address no test cached
    first = anonymous_visitor.get(url)
    again = anonymous_visitor.get(url)
    packed = anonymous_visitor.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert len(first.content) > 1000 and again.content == first.content
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == first.content
    assert packed["ETag"] == first["ETag"]


def test_large_answers_for_clients_without_gzip_are_inflated_once_and_kept_within_a_limit():
    """Each worker keeps the most recently asked-for large answers inflated, up to a byte limit."""
    import zlib

    from lagesbild.api.caching import GZIP, InflatedBodies

    def packed(body: bytes) -> bytes:
        packer = zlib.compressobj(1, zlib.DEFLATED, GZIP)
        return packer.compress(body) + packer.flush()

    kept = InflatedBodies(limit=3000)
    first, second, third = (bytes([n]) * 1200 for n in (1, 2, 3))
    assert kept.get("v1:first", packed(first)) == first
    assert kept.get("v1:second", packed(second)) == second
    assert kept.get("v1:third", packed(third)) == third
    assert list(kept.bodies) == ["v1:second", "v1:third"] and kept.size == 2400
    # A kept answer is served as it is, without inflating again.
    assert kept.get("v1:second", b"not gzip at all") == second
    too_large = bytes(4000)
    assert kept.get("v1:large", packed(too_large)) == too_large
    assert "v1:large" not in kept.bodies and kept.size == 2400
