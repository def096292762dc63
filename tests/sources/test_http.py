"""When a service is busy, slow, gone or strange, the analyst gets a clear message, never a traceback."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from lagesbild.sources.http import HttpClient, SourceError, retry_after

URL = "https://api.kolada.se/v3/kpi"


def answers(*responses):
    """A transport that gives the responses in turn and remembers how often it was asked."""
    queue = list(responses)
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return httpx.MockTransport(handler), asked


def test_a_busy_service_is_asked_again_with_growing_pauses(waits):
    transport, asked = answers(
        httpx.Response(503), httpx.Response(502), httpx.Response(200, json={"values": []})
    )
    assert HttpClient(transport=transport).get_json(URL) == {"values": []}
    assert len(asked) == 3 and waits == [1.0, 2.0]


def test_429_waits_as_long_as_retry_after_says(waits):
    transport, _asked = answers(
        httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, json=[])
    )
    HttpClient(transport=transport).get_json(URL)
    assert waits == [7.0]


def test_retry_after_may_be_an_http_date():
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= retry_after(later) <= 30
    assert retry_after("soon") is None and retry_after(None) is None


def test_a_service_that_asks_for_a_very_long_wait_is_not_waited_for(waits):
    transport, _ = answers(httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(SourceError, match="ber oss vänta 3600 s"):
        HttpClient(transport=transport).get_json(URL)
    assert waits == []


def test_a_service_that_keeps_answering_429_is_named_after_the_last_try(waits):
    transport, asked = answers(httpx.Response(429))
    with pytest.raises(SourceError) as error:
        HttpClient(transport=transport, attempts=3).get_json(URL)
    assert len(asked) == 3 and "för många anrop (429) även efter 3 försök" in str(error.value)
    assert str(error.value).startswith(f"GET {URL}")


def test_a_timeout_is_retried_and_then_explained():
    transport, asked = answers(httpx.ReadTimeout("slow"))
    with pytest.raises(SourceError) as error:
        HttpClient(transport=transport, attempts=2, timeout=5).get_json(URL, {"title": "våld"})
    assert len(asked) == 2
    assert str(error.value).startswith(f"{URL}?title=v%C3%A5ld: inget svar inom 5 s efter 2 försök")


def test_a_connection_cut_midway_is_explained():
    transport, _ = answers(
        httpx.RemoteProtocolError("peer closed connection without sending complete message body")
    )
    with pytest.raises(SourceError, match="anslutningen bröts innan hela svaret kom"):
        HttpClient(transport=transport, attempts=1).get_json(URL)


def test_a_refused_request_shows_the_services_own_problem_text():
    problem = {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": "Non-existent value: Region=99",
    }
    transport, asked = answers(
        httpx.Response(400, json=problem, headers={"Content-Type": "application/problem+json"})
    )
    with pytest.raises(SourceError) as error:
        HttpClient(transport=transport).post_json(
            "https://statistikdatabasen.scb.se/api/v2/tables/TAB1/data", {}
        )
    assert len(asked) == 1, "a client error is not retried"
    assert str(error.value) == (
        "POST https://statistikdatabasen.scb.se/api/v2/tables/TAB1/data: svarade 400 Bad Request: "
        "Bad Request; Non-existent value: Region=99"
    )
    assert error.value.status == 400


def test_too_many_cells_says_the_query_must_be_split():
    problem = {"title": "Forbidden", "status": 403, "detail": "Too many cells selected"}
    transport, _ = answers(httpx.Response(403, json=problem))
    with pytest.raises(SourceError, match="för stort uttag; dela frågan"):
        HttpClient(transport=transport).get_json(URL)


def test_answers_that_are_not_json_are_refused_with_the_reason():
    transport, _ = answers(
        httpx.Response(
            200, content=b'{"values": [1, 2', headers={"Content-Type": "application/json"}
        )
    )
    with pytest.raises(
        SourceError, match=r"inte giltig JSON \(.* vid tecken 16 av 16\); svaret kan vara avbrutet"
    ):
        HttpClient(transport=transport).get_json(URL)
    transport, _ = answers(
        httpx.Response(200, content=b"\xff\xfe{}", headers={"Content-Type": "application/json"})
    )
    with pytest.raises(SourceError, match="inte text i UTF-8"):
        HttpClient(transport=transport).get_json(URL)


def test_every_successful_call_is_kept_as_provenance():
    transport, _ = answers(httpx.Response(200, json={"a": 1}))
    client = HttpClient(transport=transport)
    client.get_json(URL, {"title": "x"})
    client.post_json(URL, {"query": []})
    first, second = (call.as_dict() for call in client.calls)
    assert (first["method"], first["url"], first["status"]) == ("GET", f"{URL}?title=x", 200)
    assert second["body"] == {"query": []} and len(client.checksum()) == 64
    assert client.first_retrieved() <= datetime.now(UTC)
