"""Deterministic generated example data: every territory at every level an indicator can be read
at, 15 years, by sex where the indicator is split. Always stored as example data and marked so."""

from __future__ import annotations

import random
from collections.abc import Iterator

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.models import BatchKind, Indicator, Sex, Status, Unit
from lagesbild.territories.models import Level, Territory

from .importing import BatchInfo, ImportSummary, import_records
from .records import Record

FIRST_YEAR, YEARS = 2010, 15
COLUMNS = {
    f: f
    for f in ("indicator", "territory", "period", "sex", "breakdown", "value", "status", "note")
}
COUNT_SCALE = {Level.RIKET: 100.0, Level.LAN: 8.0, Level.KOMMUN: 1.0}


def _series(rng: random.Random, indicator: Indicator, level: str, years: int) -> list[float]:
    """A plausible-looking random walk in the indicator's unit."""
    if indicator.unit == Unit.PERCENT:
        value = rng.uniform(5, 90)
        step, low, high = 3.0, 0.0, 100.0
    else:
        value = rng.uniform(2, 60) * COUNT_SCALE[level]
        step, low, high = value * 0.08, 0.0, float("inf")
    series = []
    for _ in range(years):
        value = min(high, max(low, value + rng.uniform(-step, step)))
        series.append(round(value, indicator.decimals))
    return series


def example_records(
    seed: int = 1,
    indicators=None,
    territories=None,
    first_year: int = FIRST_YEAR,
    years: int = YEARS,
) -> Iterator[Record]:
    if indicators is None:
        indicators = (
            Indicator.objects.exclude(status=Status.DEVELOPMENT).exclude(levels=[]).order_by("id")
        )
    territories = list(
        territories if territories is not None else Territory.objects.order_by("code")
    )
    row = 1
    for indicator in indicators:
        sexes = (Sex.TOTAL, Sex.WOMEN, Sex.MEN) if indicator.by_sex else (Sex.TOTAL,)
        breakdowns = list(indicator.breakdown_categories()) or [""]
        for territory in territories:
            if territory.level not in indicator.levels:
                continue
            for breakdown in breakdowns:
                for sex in sexes:
                    rng = random.Random(f"{seed}:{indicator.id}:{territory.code}:{breakdown}:{sex}")
                    for offset, value in enumerate(_series(rng, indicator, territory.level, years)):
                        row += 1
                        yield Record(
                            row,
                            {
                                "indicator": indicator.id,
                                "territory": territory.code,
                                "period": first_year + offset,
                                "sex": sex,
                                "breakdown": breakdown,
                                "value": value,
                                "status": "ok",
                                "note": EXAMPLE_NOTICE,
                            },
                            COLUMNS,
                        )


def load_example_data(seed: int = 1, dry_run: bool = False) -> ImportSummary:
    info = BatchInfo(
        kind=BatchKind.EXAMPLE,
        source=f"genererad med lagesbild example-data --seed {seed}",
        parameters={"seed": seed, "first_year": FIRST_YEAR, "years": YEARS},
        is_example=True,
        note=f"{EXAMPLE_NOTICE}. Värdena är slumpade och beskriver ingen verklighet.",
    )
    return import_records(
        example_records(seed), info, file_name=f"example-data (seed {seed})", dry_run=dry_run
    )
