"""Stories about the open API: a visitor's HTTP client against the real database with the bundled data."""

from __future__ import annotations

from urllib.parse import urlencode

from lagesbild.indicators.models import BatchKind, Indicator
from lagesbild.sources.example import example_records
from lagesbild.sources.importing import BatchInfo, import_records
from lagesbild.territories.models import Territory


def example_figures_for(
    indicator: str,
    territories: tuple[str, ...] = ("01", "03"),
    first_year: int = 2015,
    years: int = 3,
):
    """Generated example observations for one indicator, loaded the way `lagesbild example-data` loads them."""
    records = example_records(
        seed=7,
        indicators=Indicator.objects.filter(id=indicator),
        territories=Territory.objects.filter(code__in=territories),
        first_year=first_year,
        years=years,
    )
    info = BatchInfo(kind=BatchKind.EXAMPLE, source="genererad i test", is_example=True)
    return import_records(records, info, file_name="exempel i test")


def get_json(client, url: str, query: dict | None = None, **headers):
    """The answer and its JSON: a document, or for an error RFC 9457 problem details."""
    response = client.get(url, query, **headers)
    expected = "application/json" if response.status_code < 400 else "application/problem+json"
    assert response["Content-Type"].startswith(expected), response["Content-Type"]
    body = response.json()
    if response.status_code >= 400:
        assert {"type", "title", "status", "detail", "instance"} <= set(body), body
        assert body["status"] == response.status_code and body["instance"] == url + (
            f"?{urlencode(query)}" if query else ""
        )
    return response, body
