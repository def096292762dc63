"""Whatever a client sends, the API answers with data or a JSON message, never a server error."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PARAMETERS = [
    "indicator",
    "territory",
    "level",
    "period",
    "sex",
    "breakdown",
    "limit",
    "cursor",
    "format",
    "goal",
    "status",
    "q",
    "parent",
]
ENDPOINTS = [
    "/api/v1/observations",
    "/api/v1/indicators",
    "/api/v1/territories",
    "/api/v1/coverage",
    "/api/v1/goals",
]
EXPECTED = {200, 400, 404, 422}
PLAUSIBLE = [
    "01",
    "0180",
    "ntu-sexualbrott",
    "2017",
    "2015-2018",
    "K",
    "lan",
    "csv",
    "json",
    "0",
    "-1",
    "1e9",
    "99999999999999999999",
    "",
    " ",
    ",",
    "%",
    "_",
    "'",
    '"',
    "\x00",
    "ö",
    "😀",
    "None",
    "null",
    "[]",
]

values = st.one_of(
    st.sampled_from(PLAUSIBLE),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
names = st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=12))
queries = st.lists(st.tuples(names, values), max_size=6)
JUST_ENOUGH = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_answered(response) -> None:
    assert response.status_code in EXPECTED, (response.status_code, response.content[:300])
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/csv"):
        b"".join(response.streaming_content)
        return
    body = response.json()
    if response.status_code != 200:
        assert response["Content-Type"] == "application/problem+json"
        assert isinstance(body["detail"], str) and body["detail"]


@JUST_ENOUGH
@given(endpoint=st.sampled_from(ENDPOINTS), query=queries)
def test_any_query_string_gets_data_or_a_json_message(anonymous_visitor, endpoint, query):
    response = anonymous_visitor.get(f"{endpoint}?{urlencode(query)}")
    assert_answered(response)


@JUST_ENOUGH
@given(
    collection=st.sampled_from(["indicators", "territories"]),
    identifier=st.text(min_size=1, max_size=60),
)
def test_any_identifier_in_the_path_gets_data_or_a_json_message(
    anonymous_visitor, collection, identifier
):
    response = anonymous_visitor.get(f"/api/v1/{collection}/{quote(identifier, safe='')}")
    if response.status_code == 404 and not response.get("Content-Type", "").startswith(
        "application/problem+json"
    ):
        # An id with a slash in it does not reach the API at all: the site's own 404 page answers.
        assert "/" in identifier or identifier in (".", "..")
        return
    assert_answered(response)
