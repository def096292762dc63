"""Builders for the lab's stories: example figures for a few indicators, and single figures."""

from __future__ import annotations

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.models import BatchKind, Indicator
from lagesbild.sources.example import example_records
from lagesbild.sources.importing import BatchInfo, import_records
from lagesbild.sources.records import Record
from lagesbild.territories.models import Territory

COLUMNS = {
    f: f
    for f in (
        "indicator",
        "territory",
        "period",
        "sex",
        "breakdown",
        "value",
        "lower",
        "upper",
        "status",
        "note",
    )
}


def example_figures_for(*indicator_ids: str, levels=("riket", "lan"), seed: int = 1):
    """Generated, marked example data for the indicators, in riket and every län (as `lagesbild example-data`)."""
    indicators = Indicator.objects.filter(id__in=indicator_ids).order_by("id")
    territories = Territory.objects.filter(level__in=levels).order_by("code")
    info = BatchInfo(
        kind=BatchKind.EXAMPLE,
        source=f"genererad för test (seed {seed})",
        is_example=True,
        note=EXAMPLE_NOTICE,
    )
    summary = import_records(
        example_records(seed, indicators, territories), info, file_name="example-data"
    )
    return summary


def published_figures(*rows: dict, source: str = "Testkälla: länsstyrelsens egen sammanställning"):
    """Real (non-example) figures, each a dict with indicator, territory, period and value or range."""
    records = [
        Record(n + 2, {"sex": "T", "breakdown": "", "status": "", "note": "", **row}, COLUMNS)
        for n, row in enumerate(rows)
    ]
    summary = import_records(
        records,
        BatchInfo(kind=BatchKind.TEMPLATE, source=source, url="https://example.se/kalla.xlsx"),
        file_name="test.csv",
    )
    return summary
