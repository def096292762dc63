"""Selecting observations (the slices users export, chart and download) and writing them out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import QuerySet

from lagesbild.core.errors import UserError
from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.core.outputs import Output
from lagesbild.territories.models import Territory, TerritoryIndex

from .models import Indicator, Observation
from .parsing import parse_period, parse_sex

COLUMNS = (
    "indicator",
    "indicator_name",
    "territory",
    "territory_name",
    "level",
    "period_start",
    "period_end",
    "sex",
    "breakdown",
    "value",
    "lower",
    "upper",
    "unit",
    "status",
    "note",
    "source",
    "example_data",
)


class SelectionError(UserError, ValueError):
    """A filter value that does not name anything; the message says which and why."""


@dataclass
class ObservationFilter:
    indicators: list[str] = field(default_factory=list)
    territories: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    period: str | None = None
    sex: str | None = None
    breakdowns: list[str] = field(default_factory=list)
    real_only: bool = False  # leave out generated example data

    def queryset(self) -> QuerySet:
        qs = Observation.objects.all()
        if self.real_only:
            qs = qs.filter(is_example=False)
        if self.indicators:
            known = set(
                Indicator.objects.filter(id__in=self.indicators).values_list("id", flat=True)
            )
            unknown = [i for i in self.indicators if i not in known]
            if unknown:
                raise SelectionError(f"okänd indikator: {', '.join(unknown)}")
            qs = qs.filter(indicator_id__in=self.indicators)
        if self.territories:
            qs = qs.filter(territory_id__in=_territory_codes(self.territories))
        if self.levels:
            qs = qs.filter(territory__level__in=self.levels)
        if self.period:
            try:
                first, last = parse_period(self.period)
            except ValueError as error:
                raise SelectionError(f"period: {error}") from None
            qs = qs.filter(period_start__lte=last, period_end__gte=first)
        if self.sex:
            try:
                qs = qs.filter(sex=parse_sex(self.sex))
            except ValueError as error:
                raise SelectionError(str(error)) from None
        if self.breakdowns:
            qs = qs.filter(breakdown__in=self.breakdowns)
        return qs.order_by(
            "indicator_id", "territory_id", "breakdown", "sex", "period_start", "period_end"
        )


def _territory_codes(given: list[str]) -> list[str]:
    """The codes of the territories named by code or name. Codes as given (what the lab and the API
    pass) are checked with one small query; only names and short codes need the whole register."""
    known = set(Territory.objects.filter(code__in=given).values_list("code", flat=True))
    if all(text in known for text in given):
        return list(given)
    index = TerritoryIndex()
    try:
        return [index.resolve(t).code for t in given]
    except ValueError as error:
        raise SelectionError(str(error)) from None


def plain_number(number: float | None) -> float | int | None:
    """14.0 is written 14, as it was published; other values keep their decimals."""
    if number is not None and number.is_integer():
        return int(number)
    return number


# The database fields behind COLUMNS, in the same order.
ROW_FIELDS = (
    "indicator_id",
    "indicator__name_sv",
    "territory_id",
    "territory__name",
    "territory__level",
    "period_start",
    "period_end",
    "sex",
    "breakdown",
    "value",
    "lower",
    "upper",
    "indicator__unit",
    "status",
    "note",
    "batch__source",
    "is_example",
)


def observation_rows(qs: QuerySet) -> Iterator[dict]:
    """One flat dict per observation, with names, unit and source; streamed from the database."""
    values = qs.values_list(*ROW_FIELDS)
    for row in values.iterator(chunk_size=5000):
        item = dict(zip(COLUMNS, row, strict=True))
        for name in ("value", "lower", "upper"):
            item[name] = plain_number(item[name])
        if item["example_data"]:
            item["source"] = f"{EXAMPLE_NOTICE} ({item['source']})"
        yield item


def observations_output(
    rows: Iterable[dict], name: str = "observationer", *, public: bool = True
) -> Output:
    """Observation rows for the publishing pipeline: public outputs pass small-count suppression
    (kind "observations"); an administrator's command-line export shows what is stored."""
    return Output(
        rows=rows,
        columns=COLUMNS,
        kind="observations" if public else "",
        document=lambda published: {
            "count": len(published),
            "columns": list(COLUMNS),
            "observations": published,
        },
        name=name,
        sheet="observationer",
        about=["Lägesbild – uttag av observationer med enhet, status, kommentar och källa."],
    )
