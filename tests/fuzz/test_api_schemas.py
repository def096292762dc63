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


def server_errors(operation) -> list[str]:
    """Every generated request for the operation; the failures of the server-error check, if any."""
    failures = []

    @given(operation.as_strategy())
    @BOUNDED
    def send(case):
        response = case.call()
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except AssertionError as failure:
            failures.append(f"{case.method} {case.formatted_path} {case.query}: {failure}")
            raise

    # On a failure hypothesis shrinks it to the smallest request and raises it; it is in `failures`.
    with contextlib.suppress(AssertionError):
        send()
    return failures


@pytest.mark.parametrize("document", ["/api/v1/openapi.json", "/hsds/openapi.json"])
def test_no_generated_request_gets_a_server_error(figures_and_services, document):
    found = {}
    for operation in operations_of(document):
        errors = server_errors(operation)
        if errors:
            found[operation.label] = errors[-1]
    assert found == {}
