"""Plain first pages of /api/v1/observations take the short way (lagesbild.api.plain_page: one SQL
statement before django-ninja runs); the answers must be exactly the view's, whatever is asked."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagesbild.api.plain_page import plain_page
from lagesbild.core.versioning import clear_caches

from ..lab.builders import published_figures
from .conftest import example_figures_for

HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "ETag",
    "Cache-Control",
    "Vary",
    "X-Data-Version",
    "Access-Control-Allow-Origin",
)


@pytest.fixture
def varied_figures():
    """Example and real figures side by side: small counts, ranges, missing and suppressed values,
    breakdowns, decimals, and notes with quotes, new lines and non-ASCII text."""
    example_figures_for("ntu-sexualbrott", territories=("00", "01", "03"))
    example_figures_for(
        "oj-stodsamtal-valdsutovare", territories=("12", "0180", "1280"), first_year=2012, years=4
    )
    published_figures(
        {"indicator": "dodligt-vald", "territory": "08", "period": "2017", "value": "3"},
        {"indicator": "dodligt-vald", "territory": "08", "period": "2018", "value": "12"},
        {"indicator": "dodligt-vald", "territory": "08", "period": "2019", "value": "4.5"},
        {
            "indicator": "dodligt-vald",
            "territory": "13",
            "period": "2016-2018",
            "lower": "2",
            "upper": "9",
        },
        {
            "indicator": "dodligt-vald",
            "territory": "13",
            "period": "2019",
            "status": "saknas",
            "note": 'Uppgift "saknas"\nför året – se källan',
        },
        {"indicator": "dodligt-vald", "territory": "13", "period": "2020", "status": "skyddad"},
        {"indicator": "ntu-hot", "territory": "14", "period": "2017", "value": "0.1"},
        {"indicator": "ntu-hot", "territory": "14", "period": "2018", "value": "99.95"},
        {"indicator": "ntu-hot", "territory": "14", "period": "2019", "value": "14.0"},
        {
            "indicator": "ntu-hot",
            "territory": "12",
            "period": "2017",
            "sex": "K",
            "lower": "1.25",
            "upper": "33.3333",
            "status": "preliminär",
        },
        {
            "indicator": "oj-stodsamtal-valdsutovare",
            "territory": "0180",
            "period": "2018",
            "value": "12.5",
        },
        source='Testkälla "Malmö" – sammanställning\\2019',
    )


def answered(client, url: str, *, short: bool):
    """The answer to `url` from an empty cache, the short way allowed or not."""
    clear_caches()
    with override_settings(API_SHORTCUTS=short):
        response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    return response.status_code, {name: response.get(name) for name in HEADERS}, body


def assert_same_both_ways(client, url: str) -> None:
    assert answered(client, url, short=True) == answered(client, url, short=False), url


PLAIN_FIRST_PAGES = [
    "",
    "indicator=ntu-sexualbrott&level=lan&sex=K",
    "indicator=dodligt-vald",
    "indicator=dodligt-vald&territory=08,13",
    "indicator=ntu-hot&territory=14&territory=12&real_only=true",
    "indicator=ntu-sexualbrott,ntu-hot&territory=Stockholms+l%C3%A4n&period=2016-2018&format=json",
    "indicator=oj-stodsamtal-valdsutovare&level=kommun",
    "territory=Malm%C3%B6&sex=kvinnor&real_only=false",
    "indicator=bra-personuppklaring&breakdown=valdtakt,koppleri&level=riket",
    "indicator=ntu-sexualbrott&level=L%C3%A4N&period=2018-2015&limit=10000",
    "level=kommun&limit=30",
    "indicator=dodligt-vald&territory=01&period=1990",
]


@pytest.mark.parametrize("query", PLAIN_FIRST_PAGES)
def test_a_plain_first_page_is_answered_the_short_way_with_exactly_the_view_s_answer(
    anonymous_visitor, varied_figures, query
):
    url = f"/api/v1/observations?{query}"
    clear_caches()
    short = plain_page(RequestFactory().get(url))
    assert short is not None and short.status_code == 200
    status, _, body = answered(anonymous_visitor, url, short=False)
    assert (status, body) == (200, short.content)
    assert_same_both_ways(anonymous_visitor, url)


@pytest.mark.parametrize(
    "query",
    [
        "indicator=ntu-sexualbrott&limit=5",  # more than a page: counted, with a next link
        "indicator=ntu-sexualbrott&limit=5&cursor=WyJudHUiXQ",
        "indicator=ntu-sexualbrott&format=csv",
        "indicator=ntu-sexualbrott&limit=05",
        "indicator=ntu-sexualbrott&limit=1&limit=2",
        "indicator=ntu-sexualbrott&real_only=1",
        "indicator=ntu-sexualbrott&utan=betydelse",
        "indicator=finns-inte",
        "territory=Atlantis",
        "period=sommaren",
        "sex=X",
        "level=stadsdel",
        "limit=0",
        "limit=10001",
        "sex=%00",
    ],
)
def test_anything_else_is_left_to_the_view(anonymous_visitor, varied_figures, query):
    url = f"/api/v1/observations?{query}"
    assert plain_page(RequestFactory().get(url)) is None
    assert_same_both_ways(anonymous_visitor, url)


def test_a_small_count_stays_hidden_on_the_short_way(anonymous_visitor, varied_figures):
    url = "/api/v1/observations?indicator=dodligt-vald&territory=08,13"
    clear_caches()
    body = anonymous_visitor.get(url).json()
    shown = {
        (row["territory"], row["period_start"]): (
            row["value"],
            row["lower"],
            row["upper"],
            row["status"],
        )
        for row in body["observations"]
    }
    assert shown == {
        ("08", 2017): (None, None, None, "suppressed"),
        ("08", 2018): (12, None, None, "ok"),
        ("08", 2019): (None, None, None, "suppressed"),
        ("13", 2016): (None, None, None, "suppressed"),
        ("13", 2019): (None, None, None, "missing"),
        ("13", 2020): (None, None, None, "suppressed"),
    }


def test_example_data_is_marked_on_the_short_way(anonymous_visitor, varied_figures):
    clear_caches()
    body = anonymous_visitor.get(
        "/api/v1/observations?territory=1280&indicator=oj-stodsamtal-valdsutovare"
    ).json()
    assert body["notice"] == "Exempeldata – fiktiva värden"
    assert all(row["example_data"] is True for row in body["observations"])
    assert all(
        row["source"] == "Exempeldata – fiktiva värden (genererad i test)"
        for row in body["observations"]
    )


# Every parameter of /api/v1/observations, with good values and the mistakes clients make.
VALUES = {
    "indicator": [
        "ntu-sexualbrott",
        "dodligt-vald",
        "ntu-hot",
        "oj-stodsamtal-valdsutovare",
        "bra-personuppklaring",
        "ntu-hot,dodligt-vald",
        "finns-inte",
        "",
    ],
    "territory": [
        "01",
        "08",
        "13",
        "14",
        "0180",
        "1280",
        "Skåne",
        "Malmö",
        "Atlantis",
        "00,12",
        "",
    ],
    "level": ["riket", "lan", "län", "KOMMUN", "stadsdel", "lan,kommun", ""],
    "period": ["2017", "2015-2018", "2018-2015", "2017–2020", "1990", "sommaren", "3000", ""],
    "sex": ["K", "M", "T", "kvinnor", "män", "X", ""],
    "breakdown": ["valdtakt", "koppleri", "valdtakt,koppleri", "", "okand"],
    "limit": ["1", "2", "3", "10", "1000", "10000", "0", "10001", "05", "tre", ""],
    "format": ["json", "csv", "xml", ""],
    "real_only": ["true", "false", "1", "no", ""],
    "cursor": ["WyJudHUiXQ", "inte-en-markör"],
    "okand": ["1"],
}
queries = st.lists(
    st.sampled_from(sorted(VALUES)).flatmap(
        lambda name: st.tuples(st.just(name), st.sampled_from(VALUES[name]))
    ),
    max_size=6,
)


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries)
def test_any_combination_of_parameters_gets_the_same_answer_either_way(
    anonymous_visitor, varied_figures, query
):
    assert_same_both_ways(anonymous_visitor, f"/api/v1/observations?{urlencode(query)}")
