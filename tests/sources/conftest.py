"""Fixtures for the source connectors: a recorded service on 127.0.0.1, no real waiting, and the
indicator an analyst adds for Kolada's IFO figures."""

from __future__ import annotations

import pytest

from lagesbild.indicators.models import Indicator, Origin

from .service import RecordedService


@pytest.fixture
def recorded_service():
    """Kolada and SCB as recorded: answers follow the documented formats; the numbers are illustrative."""
    service = RecordedService()
    yield service
    service.stop()


@pytest.fixture(autouse=True)
def waits(monkeypatch) -> list[float]:
    """Backoff and Retry-After waits are recorded instead of slept, so the tests stay fast."""
    waited: list[float] = []
    monkeypatch.setattr("lagesbild.sources.http.pause", waited.append)
    return waited


@pytest.fixture
def ifo_indicator():
    """An analyst adds SKR's IFO key figure (cases of intimate partner violence per 10 000 adults), split
    by sex and readable for riket, län and kommun, to follow it from Kolada."""
    return Indicator.objects.create(
        id="ifo-vald-aktualiserade",
        goal_id=2,
        name_sv="Aktualiserade ärenden, våld i nära relation, per 10 000 vuxna",
        name_en="Cases opened, intimate partner violence, per 10,000 adults",
        status="indikator",
        data_source="Kolada (SKR)",
        agency="SKR",
        unit="per_10000",
        decimals=1,
        levels=["riket", "lan", "kommun"],
        by_sex=True,
        origin=Origin.USER,
    )
