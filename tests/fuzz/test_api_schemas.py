"""schemathesis generates requests from the two published OpenAPI documents (the indicator API and the
HSDS directory API) and sends them through Django's WSGI handler: no request may end in a server error.
The number of examples per operation is bounded so the run stays well inside CI's time."""

import contextlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from lagesbild.wsgi import application
from tests.directory.builders import a_service

EXAMPLES = 25
BOUNDED = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


@pytest.fixture(autouse=True)
def _connection_kept_between_requests():
    """Called straight through WSGI, Django would close the test's database connection after each
    request (its transaction looks unusable to close_old_connections); the test client disconnects
    that handler too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def figures_and_services():
    """Something to find: the published figures (loaded for every test) and a few services."""
    a_service("Kvinnojouren Exempla")
    a_service("Mottagningen", county="12", catchment=("kommuner", ["1280"]))


def operations_of(document: str):
    schema = schemathesis.openapi.from_wsgi(document, application)
    found = [result.ok() for result in schema.get_all_operations()]
    assert found, f"{document} describes no operation"
    return found


# What the published description promises: every answer's status, media type and body are declared,
# and a request the description calls valid is answered (2xx, or 404 for an id that does not exist).
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    positive_data_acceptance,
    unsupported_method,
]


def server_errors(operation, checks=(not_a_server_error,), mode=None) -> list[str]:
    """Every generated request for the operation; the failures of the checks, if any."""
    failures = []
    strategy = operation.as_strategy(generation_mode=mode) if mode else operation.as_strategy()

    @given(strategy)
    @BOUNDED
    def send(case):
        response = case.call()
        try:
            case.validate_response(response, checks=list(checks))
        except Exception as failure:  # one failure, or schemathesis's group of several
            failures.append(f"{case.method} {case.formatted_path} {case.query}: {failure!r}"[:3000])
            raise

    # On a failure hypothesis shrinks it to the smallest request and raises it; it is in `failures`.
    with contextlib.suppress(Exception):
        send()
    return failures


@pytest.mark.parametrize("document", ["/api/v1/openapi.json", "/hsds/openapi.json"])
def test_no_generated_request_gets_a_server_error(figures_and_services, document):
    found = {}
    for operation in operations_of(document):
        errors = server_errors(operation)
        if errors:
            found[operation.label] = errors[-1]
    assert found == {}, "\n\n".join(f"{k}: {v}" for k, v in found.items())


@pytest.mark.parametrize("document", ["/api/v1/openapi.json", "/hsds/openapi.json"])
def test_every_answer_to_a_valid_request_is_what_the_description_promises(
    figures_and_services, document
):
    from schemathesis import GenerationMode

    found = {}
    for operation in operations_of(document):
        errors = server_errors(operation, CONFORMANCE, GenerationMode.POSITIVE)
        if errors:
            found[operation.label] = errors[-1]
    assert found == {}, "\n\n".join(f"{k}: {v}" for k, v in found.items())


@pytest.mark.parametrize("document", ["/api/v1/openapi.json", "/hsds/openapi.json"])
def test_a_method_neither_api_answers_gets_405_with_the_methods_it_does(client, document):
    """Both APIs can only be read: any other method is 405 with `Allow`, as problem details (never
    a 403 from the form protection, which is for pages that change something)."""
    described = client.get(document).json()
    prefix = "/hsds" if document.startswith("/hsds") else ""
    for path in described["paths"]:
        address = prefix + path.replace("{", "").replace("}", "")
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(address)
            assert response.status_code == 405, (method, address, response.status_code)
            assert "GET" in response["Allow"], (method, address)
