"""Whatever a service answers, cut off or mangled, the analyst gets a message and nothing is written."""

import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagesbild.indicators.models import Observation
from lagesbild.sources.fetching import BadRequest
from lagesbild.sources.http import HttpClient, SourceError
from lagesbild.sources.importing import ImportRejected
from lagesbild.sources.kolada import KoladaQuery, fetch_kolada
from lagesbild.sources.pxweb import PxMapping, PxQuery, Variable, fetch_pxweb

from .service import recorded, recorded_json

EXPECTED = (SourceError, ImportRejected, BadRequest)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def kolada_answering(body: bytes) -> HttpClient:
    return HttpClient(
        transport=httpx.MockTransport(lambda request: httpx.Response(200, content=body)), attempts=1
    )


def scb_answering(body: bytes) -> HttpClient:
    def scb(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/config"):
            return httpx.Response(200, content=recorded("pxweb/v2-config.json"))
        return httpx.Response(200, content=body)

    return HttpClient(transport=httpx.MockTransport(scb), attempts=1)


def fetch_from_kolada(body: bytes):
    query = KoladaQuery(["U90002"], ["0114", "0180", "0000"], [2023])
    return fetch_kolada(
        query, indicator="oj-skyddat-boende", dry_run=True, client=kolada_answering(body)
    )


def fetch_from_scb(body: bytes):
    query = PxQuery(
        "TAB9001",
        [
            Variable("Region", ["00", "01", "03"]),
            Variable("ContentsCode", ["XX0001A1"]),
            Variable("Tid", ["2021", "2022"]),
        ],
    )
    return fetch_pxweb(
        query,
        PxMapping(indicator="mhv-tillfragade-om-vald"),
        dry_run=True,
        client=scb_answering(body),
    )


@pytest.mark.parametrize(
    ("fetch", "name"),
    [(fetch_from_kolada, "kolada/sheltered-housing.json"), (fetch_from_scb, "pxweb/v1-data.json")],
)
def test_an_answer_cut_off_anywhere_is_refused_with_a_message(fetch, name):
    whole = recorded(name)
    for end in range(0, len(whole) - 1, 23):
        with pytest.raises(EXPECTED) as error:
            fetch(whole[:end])
        assert str(error.value)
    assert not Observation.objects.filter(batch__kind__in=["kolada", "pxweb"]).exists()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(row=json_values, position=st.integers(0, 2))
def test_any_row_kolada_could_send_is_imported_or_named(row, position):
    page = recorded_json("kolada/sheltered-housing.json")
    page["values"][position] = row
    try:
        fetch_from_kolada(json.dumps(page).encode())
    except EXPECTED as error:
        assert str(error)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=st.sampled_from(["id", "size", "dimension", "value", "status", "role", "version"]),
    replacement=json_values,
)
def test_any_json_stat_field_scb_could_send_is_imported_or_named(key, replacement):
    document = recorded_json("pxweb/v1-data.json")
    document[key] = replacement
    try:
        fetch_from_scb(json.dumps(document).encode())
    except EXPECTED as error:
        assert str(error)
