"""Selecting observations (the slices users export, chart and download) and writing them out."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import QuerySet

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.territories.models import TerritoryIndex

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


class SelectionError(ValueError):
    """A filter value that does not name anything; the message says which and why."""


@dataclass
class ObservationFilter:
    indicators: list[str] = field(default_factory=list)
    territories: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    period: str | None = None
    sex: str | None = None
    breakdowns: list[str] = field(default_factory=list)

    def queryset(self) -> QuerySet:
        qs = Observation.objects.all()
        if self.indicators:
            known = set(
                Indicator.objects.filter(id__in=self.indicators).values_list("id", flat=True)
            )
            unknown = [i for i in self.indicators if i not in known]
            if unknown:
                raise SelectionError(f"okänd indikator: {', '.join(unknown)}")
            qs = qs.filter(indicator_id__in=self.indicators)
        if self.territories:
            index = TerritoryIndex()
            try:
                codes = [index.resolve(t).code for t in self.territories]
            except ValueError as error:
                raise SelectionError(str(error)) from None
            qs = qs.filter(territory_id__in=codes)
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


def plain_number(number: float | None) -> float | int | None:
    """14.0 is written 14, as it was published; other values keep their decimals."""
    if number is not None and number.is_integer():
        return int(number)
    return number


def observation_rows(qs: QuerySet) -> Iterator[dict]:
    """One flat dict per observation, with names, unit and source; streamed from the database."""
    values = qs.values_list(
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
    for row in values.iterator(chunk_size=5000):
        item = dict(zip(COLUMNS, row, strict=True))
        for name in ("value", "lower", "upper"):
            item[name] = plain_number(item[name])
        if item["example_data"]:
            item["source"] = f"{EXAMPLE_NOTICE} ({item['source']})"
        yield item


def write_csv(rows: Iterable[dict], stream) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({**row, "example_data": "ja" if row["example_data"] else "nej"})
        count += 1
    return count


def write_json(rows: Iterable[dict], stream) -> int:
    observations = list(rows)
    document = {"count": len(observations), "columns": list(COLUMNS), "observations": observations}
    if any(o["example_data"] for o in observations):
        document = {"notice": EXAMPLE_NOTICE, **document}
    json.dump(document, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
    return len(observations)


def xlsx_bytes(rows: Iterable[dict]) -> tuple[bytes, int]:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("observationer")
    sheet.append(list(COLUMNS))
    count, has_example = 0, False
    for row in rows:
        has_example = has_example or row["example_data"]
        sheet.append(
            [("ja" if row[c] else "nej") if c == "example_data" else row[c] for c in COLUMNS]
        )
        count += 1
    about = workbook.create_sheet("om")
    about.append(["Lägesbild – uttag av observationer"])
    if has_example:
        about.append(
            [
                f"{EXAMPLE_NOTICE}: uttaget innehåller genererade exempelvärden (kolumnen example_data)."
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count
