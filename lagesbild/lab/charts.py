"""Vega-Lite specifications for the lab's charts and maps, and their rendering to SVG.

Each public function takes plain data (ChartPoint, MapArea) and a language and returns a complete
Vega-Lite specification, with the number locale inside it, so the same specification draws the same
figure on the server (vl-convert, for pages without JavaScript, PDF and Word) and in the browser
(vega-embed). Nothing here knows about requests, so reports can reuse every function.

Every chart comes in two widths: the ordinary one and a narrow one (`narrow=True`) for small screens,
with the legend under the chart instead of labels at the line ends and text never under 11 px when
the drawing is shown at its own width.

Colour is never the only cue: series also differ by dash pattern, values carry direct labels where
there is room, and every status has its own symbol, so a figure reads in greyscale too. The palette
is Okabe and Ito's colour-blind-safe set, darkened where needed so every colour has at least 3:1
contrast against white. A range (a value known only as lower–upper) is drawn as an interval: a line
between the two ends with a cap at each, never as a bar that would read as a quantity."""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import vl_convert
from django.utils import translation
from django.utils.translation import gettext as _

from lagesbild.core.formatting import format_observation, format_period
from lagesbild.core.versioning import versioned_cache
from lagesbild.indicators.models import ObservationStatus, Sex

from . import labels

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#997700", "#6F4E9C", "#882255", "#000000"]
SEX_COLOURS = {Sex.WOMEN: "#D55E00", Sex.MEN: "#0072B2", Sex.TOTAL: "#333333"}
HIGHLIGHT_COLOUR = (
    "#1b1b1f"  # a highlighted bar: near black, apart from the blue bars in greyscale too
)
INK = "#1b1b1f"
SOLID, DASHED = [1, 0], [6, 3]
DASHES = [SOLID, DASHED, [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 4], [3, 3, 1, 3]]
STATUS_SHAPES = {
    ObservationStatus.OK: "circle",
    ObservationStatus.PRELIMINARY: "diamond",
    ObservationStatus.SUPPRESSED: "cross",
    ObservationStatus.MISSING: "stroke",
}
MAP_SCHEME = "blues"  # one hue, light to dark: readable with every kind of colour vision
NO_DATA_FILL = "#e0e0e0"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
FONT_SIZE = 12  # every text in a chart; shown at its own width or larger, never under 11 px
LABEL_GAP = FONT_SIZE + 3  # vertical room one line-end label needs, in pixels
WIDE, NARROW = 640, 260  # the plot's width: ordinary, and small enough that with its axis the
# narrow drawing fits a 320 px screen without scaling its 12 px text under 11 px
# vl-convert resolves links against the Vega datasets site; the lab's links are local paths.
_VEGA_BASE = re.compile(r'xlink:href="https://vega\.github\.io/vega-datasets/+')


@dataclass(frozen=True)
class ChartPoint:
    """One figure of a series: a value, a range (lower–upper) or neither (suppressed, missing)."""

    series: str
    start: int
    end: int
    value: float | None
    lower: float | None = None
    upper: float | None = None
    status: str = ObservationStatus.OK
    footnote: str = ""
    is_example: bool = False

    @property
    def centre(self) -> float | None:
        return _centre(self.value, self.lower, self.upper)

    @property
    def is_range(self) -> bool:
        return self.value is None and self.lower is not None and self.upper is not None


@dataclass(frozen=True)
class MapArea:
    """One territory on a map, with its figure and the page it links to."""

    code: str
    name: str
    value: float | None
    lower: float | None = None
    upper: float | None = None
    status: str = ObservationStatus.OK
    href: str = ""
    is_example: bool = False

    @property
    def centre(self) -> float | None:
        return _centre(self.value, self.lower, self.upper)


# --- Shared pieces -----------------------------------------------------------------------------


@cache
def number_locale(language: str) -> dict:
    """d3's number locale: decimal comma and a non-breaking space between thousands in Swedish."""
    return vl_convert.get_format_locale("sv-SE" if language == "sv" else "en-GB")


def _config(language: str, narrow: bool = False) -> dict:
    text = {"labelColor": INK, "titleColor": INK, "labelFontSize": FONT_SIZE}
    return {
        "locale": {"number": number_locale(language)},
        "font": FONT,
        "view": {"stroke": None},
        "axis": {
            **text,
            "titleFontSize": FONT_SIZE,
            "gridColor": "#e3e3e3",
            "domainColor": "#767676",
            "tickColor": "#767676",
            "labelOverlap": "greedy",  # a label that would touch its neighbour is left out
        },
        "legend": {
            **text,
            "titleFontSize": FONT_SIZE,
            "orient": "bottom",
            "direction": "vertical" if narrow else "horizontal",
            "columns": 1 if narrow else 3,
            "symbolStrokeWidth": 2,
            "symbolSize": 160,
            "labelLimit": 240 if narrow else 260,
        },
        "text": {"fontSize": FONT_SIZE, "fill": INK},
    }


def value_text(
    point_value, lower, upper, status: str, unit: str, decimals: int, language: str
) -> str:
    if point_value is None and (lower is None or upper is None):
        # No figure: say why (suppressed, missing); an "ok" status without a figure is missing too.
        return labels.observation_status_label(
            ObservationStatus.MISSING if status == ObservationStatus.OK else status
        )
    text = format_observation(point_value, lower, upper, unit, decimals, language)
    if status == ObservationStatus.PRELIMINARY:
        text += f" ({labels.observation_status_label(status)})"
    return text


def interval_word() -> str:
    """What a chart writes after a range, so it is read as an interval and not as a quantity."""
    return _("intervall")


def _centre(value, lower, upper):
    if value is not None:
        return value
    if lower is not None and upper is not None:
        return (lower + upper) / 2
    return None


def _status_legend(statuses: set[str]) -> dict:
    """Shape scale over the statuses present; no legend when every figure is an ordinary one."""
    order = [s for s in STATUS_SHAPES if s in statuses]
    encoding = {
        "field": "status_label",
        "type": "nominal",
        "title": _("Status"),
        "scale": {
            "domain": [labels.observation_status_label(s) for s in order],
            "range": [STATUS_SHAPES[s] for s in order],
        },
    }
    if statuses <= {ObservationStatus.OK}:
        encoding["legend"] = None
    return encoding


def series_colours(
    series_order: list[str], colours: dict[str, str] | None = None
) -> dict[str, str]:
    """Each series' colour: the one asked for, else the palette's next in the order given."""
    return {
        s: (colours or {}).get(s) or PALETTE[i % len(PALETTE)] for i, s in enumerate(series_order)
    }


def _series_scales(
    series_order: list[str], colours: dict[str, str] | None, dashes: dict[str, list] | None
) -> tuple[dict, dict]:
    colour_of = series_colours(series_order, colours)
    dash_of = {
        s: (dashes or {}).get(s) or DASHES[i % len(DASHES)] for i, s in enumerate(series_order)
    }
    return (
        {"domain": series_order, "range": [colour_of[s] for s in series_order]},
        {"domain": series_order, "range": [dash_of[s] for s in series_order]},
    )


def _tooltip(series_title: str) -> list[dict]:
    return [
        {"field": "series", "type": "nominal", "title": series_title},
        {"field": "period", "type": "nominal", "title": _("Period")},
        {"field": "value_text", "type": "nominal", "title": _("Värde")},
        {"field": "status_label", "type": "nominal", "title": _("Status")},
        {"field": "footnote", "type": "nominal", "title": _("Not")},
    ]


def _ordered_series(points: list[ChartPoint], series_order: list[str] | None) -> list[str]:
    order = list(series_order or [])
    for point in points:
        if point.series not in order:
            order.append(point.series)
    return [s for s in order if any(p.series == s for p in points)]


def nice_ceiling(value: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) at or
    above the value, so the highest figure fills most of the chart."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    steps = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    return next(round(step * power, 10) for step in steps if step * power >= value - 1e-9)


def _value_domain(points: list[ChartPoint]) -> list[float]:
    """From zero (or the lowest figure, when below zero) to a round number above the highest."""
    figures = [x for p in points for x in (p.value, p.lower, p.upper) if x is not None]
    low = min([0.0, *figures])
    return [low, nice_ceiling(max(figures, default=1.0))]


def _frame(description: str, language: str, narrow: bool, width: int, height: int) -> dict:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": width,
        "height": height,
        "config": _config(language, narrow),
    }


# --- Trend charts: values over time, one line per series ----------------------------------------


def _dodge_offsets(order: list[str]) -> dict[str, float]:
    """Series drawn side by side at the same year are moved apart a little, so none hides another."""
    if len(order) < 2:
        return {}
    return {s: (i - (len(order) - 1) / 2) * 0.08 for i, s in enumerate(order)}


def _trend_row(
    point: ChartPoint, shift: float, highlight: str | None, unit: str, decimals: int, language: str
) -> dict:
    text = value_text(point.value, point.lower, point.upper, point.status, unit, decimals, language)
    return {
        **_point_fields(point, text),
        "year": (point.start + point.end) / 2 + shift,
        "period_start": point.start + shift,
        "period_end": point.end + shift,
        "range_start": point.start - 0.25 + shift,
        "range_end": point.end + 0.25 + shift,
        "stroke_width": 3 if highlight and point.series == highlight else 2,
    }


def _point_fields(point: ChartPoint, text: str) -> dict:
    """What every chart's row says of its point: series, figures, status, period and text."""
    return {
        "series": point.series,
        "value": point.value,
        "lower": point.lower,
        "upper": point.upper,
        "centre": point.centre,
        "status": point.status,
        "status_label": labels.observation_status_label(point.status),
        "period": format_period(point.start, point.end),
        "value_text": text,
        "footnote": point.footnote,
    }


def _mark_footnotes(rows: list[dict]) -> None:
    """One footnote mark where several series share the note and the place."""
    seen = set()
    for row in rows:
        place = (row["period"], row["footnote"], row["centre"])
        row["footnote_mark"] = (
            f"({row['footnote']})" if row["footnote"] and place not in seen else ""
        )
        seen.add(place)


def end_label_positions(
    rows: list[dict], domain: list[float], height: int
) -> dict[str, tuple[float, float]]:
    """Series → (year, height in data units) of its name at the line's end, moved apart so that no
    two names overlap: each takes LABEL_GAP pixels, pushed down from the top, then back up from the
    bottom if the last would fall below the chart."""
    last: dict[str, dict] = {}
    for row in rows:
        if row["centre"] is not None and row["year"] >= last.get(row["series"], row)["year"]:
            last[row["series"]] = row
    low, high = domain
    to_pixels = lambda v: height * (1 - (v - low) / (high - low))  # noqa: E731
    ends = sorted(last.values(), key=lambda r: to_pixels(r["centre"]))
    placed = []
    for row in ends:
        y = to_pixels(row["centre"])
        if placed:
            y = max(y, placed[-1] + LABEL_GAP)
        placed.append(y)
    for index in range(len(placed) - 1, -1, -1):
        limit = height if index == len(placed) - 1 else placed[index + 1] - LABEL_GAP
        placed[index] = min(placed[index], limit)
    to_value = lambda y: low + (1 - y / height) * (high - low)  # noqa: E731
    return {row["series"]: (row["year"], to_value(y)) for row, y in zip(ends, placed)}


def _line_layer(value_axis: dict, colour: dict, dash: dict) -> dict:
    return {
        "transform": [
            {
                "filter": "isValid(datum.value) || datum.status === 'suppressed' "
                "|| datum.status === 'missing'"
            }
        ],
        "mark": {"type": "line", "interpolate": "linear"},
        "encoding": {
            "x": {"field": "year", "type": "quantitative"},
            "y": value_axis,
            "color": colour,
            "strokeDash": dash,
            "strokeWidth": {"field": "stroke_width", "type": "quantitative", "scale": None},
        },
    }


def _point_layer(value_axis: dict, colour: dict, statuses: set[str], series_title: str) -> dict:
    return {
        "transform": [{"filter": "isValid(datum.value)"}],
        "mark": {"type": "point", "filled": True, "size": 60, "opacity": 1},
        "encoding": {
            "x": {"field": "year", "type": "quantitative"},
            "y": value_axis,
            "color": colour,
            "shape": _status_legend(statuses),
            "tooltip": _tooltip(series_title),
        },
    }


def _period_span_layer(value_axis: dict, colour: dict) -> dict:
    """A value for several years: a horizontal span over the period."""
    return {
        "transform": [{"filter": "datum.period_start < datum.period_end && isValid(datum.value)"}],
        "mark": {"type": "rule", "strokeWidth": 2, "opacity": 0.6},
        "encoding": {
            "x": {"field": "period_start", "type": "quantitative"},
            "x2": {"field": "period_end"},
            "y": value_axis,
            "color": colour,
        },
    }


def _error_bar_layers(value_axis: dict, colour: dict) -> list[dict]:
    """A value with its interval: a vertical line between the ends, with a cap at each end."""
    with_interval = {"filter": "isValid(datum.value) && isValid(datum.lower)"}
    return _span_with_caps(value_axis, colour, with_interval, stroke_width=1.5)


def _span_with_caps(
    value_axis: dict, colour: dict, only: dict, stroke_width: float, tooltip: list | None = None
) -> list[dict]:
    """A vertical line from `lower` to `upper` with a cap at each end, for the rows `only` keeps."""
    encoding = {
        "x": {"field": "year", "type": "quantitative"},
        "y": {**value_axis, "field": "lower"},
        "y2": {"field": "upper"},
        "color": colour,
    }
    if tooltip is not None:
        encoding["tooltip"] = tooltip
    span = {
        "transform": [only],
        "mark": {"type": "rule", "strokeWidth": stroke_width},
        "encoding": encoding,
    }
    return [span, *(_cap_layer(value_axis, colour, end, only) for end in ("lower", "upper"))]


def _cap_layer(value_axis: dict, colour: dict, end: str, only: dict) -> dict:
    return {
        "transform": [only],
        "mark": {"type": "tick", "orient": "horizontal", "size": 10, "thickness": 1.5},
        "encoding": {
            "x": {"field": "year", "type": "quantitative"},
            "y": {**value_axis, "field": end},
            "color": colour,
        },
    }


def _range_layers(value_axis: dict, colour: dict, series_title: str) -> list[dict]:
    """Only a range: the interval between its ends, with caps, where the value would be."""
    only_range = {"filter": "!isValid(datum.value) && isValid(datum.lower)"}
    return _span_with_caps(
        value_axis, colour, only_range, stroke_width=3, tooltip=_tooltip(series_title)
    )


def _missing_layer(colour: dict, statuses: set[str], series_title: str) -> dict:
    """Suppressed or missing figures: their symbol on the axis, so nothing is silently absent."""
    return {
        "transform": [{"filter": "datum.status === 'suppressed' || datum.status === 'missing'"}],
        "mark": {"type": "point", "size": 70, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "year", "type": "quantitative"},
            "y": {"datum": 0, "type": "quantitative"},
            "color": colour,
            "shape": _status_legend(statuses),
            "tooltip": _tooltip(series_title),
        },
    }


def _footnote_layer(points: list[ChartPoint]) -> dict:
    only_ranges = all(p.value is None for p in points if p.footnote)
    return {
        "transform": [{"filter": "datum.footnote_mark !== '' && isValid(datum.centre)"}],
        "mark": {"type": "text", "dy": -12, "fontSize": FONT_SIZE},
        "encoding": {
            "x": {"field": "year", "type": "quantitative"},
            "y": {"field": "upper" if only_ranges else "centre", "type": "quantitative"},
            "text": {"field": "footnote_mark"},
        },
    }


def _end_label_layer(value_axis: dict, colour: dict) -> dict:
    """Each series' name just right of its last figure, at the position `end_label_positions` chose."""
    return {
        "transform": [{"filter": "datum.is_end_label"}],
        "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 8},
        "encoding": {
            "x": {"field": "year", "type": "quantitative"},
            "y": {**value_axis, "field": "label_position"},
            "text": {"field": "series"},
            "color": colour,
        },
    }


def _year_axis(first: int, last: int) -> dict:
    """Whole years only, each once: a short series would otherwise repeat a year at half-year ticks."""
    return {
        "field": "year",
        "type": "quantitative",
        "title": _("År"),
        "scale": {"domain": [first - 0.5, last + 0.5], "nice": False},
        "axis": {"format": "d", "values": list(range(first, last + 1)), "grid": False},
    }


def trend_chart(
    points: list[ChartPoint],
    *,
    unit: str,
    decimals: int,
    language: str,
    series_title: str = "",
    series_order: list[str] | None = None,
    colours: dict[str, str] | None = None,
    dashes: dict[str, list] | None = None,
    highlight: str | None = None,
    end_labels: bool = False,
    description: str = "",
    narrow: bool = False,
    width: int | None = None,
    height: int | None = None,
) -> dict:
    """Values over time, one line per series.

    Multi-year periods are drawn as a horizontal span, ranges without a value as an interval with
    caps, value intervals as error bars; preliminary values get their own symbol and suppressed or
    missing ones a mark on the axis, so nothing the table lists is silently absent. With
    `end_labels` each line is named at its end (moved apart so no two names overlap); a narrow chart
    names them in the legend below instead."""
    width = width or (NARROW if narrow else WIDE)
    height = height or (220 if narrow else 300)
    with translation.override(language):
        order = _ordered_series(points, series_order)
        offsets = _dodge_offsets(order)
        rows = [
            _trend_row(p, offsets.get(p.series, 0.0), highlight, unit, decimals, language)
            for p in points
        ]
        _mark_footnotes(rows)
        domain = _value_domain(points)
        label_lines = end_labels and not narrow and len(order) > 1
        if label_lines:
            rows += _end_label_rows(rows, domain, height)
        colour_scale, dash_scale = _series_scales(order, colours, dashes)
        legend = None if len(order) < 2 or label_lines else {}
        colour = {
            "field": "series",
            "type": "nominal",
            "title": series_title or None,
            "scale": colour_scale,
            "legend": legend,
        }
        dash = {
            "field": "series",
            "type": "nominal",
            "scale": dash_scale,
            "title": series_title or None,
            "legend": legend,
        }
        value_axis = {
            "field": "value",
            "type": "quantitative",
            "title": labels.unit_title(unit),
            "scale": {"domain": domain, "nice": False},
            "axis": {"format": ",~f", "tickCount": 4 if narrow else 6},
        }
        statuses = {p.status for p in points}
        layers = [
            _line_layer(value_axis, colour, dash),
            _point_layer(value_axis, colour, statuses, series_title),
        ]
        if any(p.start < p.end and p.value is not None for p in points):
            layers.append(_period_span_layer(value_axis, colour))
        if any(p.value is not None and p.lower is not None for p in points):
            layers += _error_bar_layers(value_axis, colour)
        if any(p.is_range for p in points):
            layers += _range_layers(value_axis, colour, series_title)
        if statuses & {ObservationStatus.SUPPRESSED, ObservationStatus.MISSING}:
            layers.append(_missing_layer(colour, statuses, series_title))
        if any(p.footnote for p in points):
            layers.append(_footnote_layer(points))
        if label_lines:
            layers.append(_end_label_layer(value_axis, colour))
        first = min((p.start for p in points), default=2000)
        last = max((p.end for p in points), default=first)
        return {
            **_frame(description, language, narrow, width, height),
            "data": {"values": rows},
            "encoding": {"x": _year_axis(first, last)},
            "layer": layers,
        }


def _end_label_rows(rows: list[dict], domain: list[float], height: int) -> list[dict]:
    """One extra row per series for its name; the figures' rows stay as they are."""
    return [
        {
            "series": series,
            "year": year,
            "label_position": position,
            "is_end_label": True,
            "value": None,
            "lower": None,
            "centre": None,
            "status": "",
            "footnote_mark": "",
        }
        for series, (year, position) in end_label_positions(rows, domain, height).items()
    ]


# --- Category charts: one bar per series, for figures of one period -----------------------------


def _category_row(
    point: ChartPoint, highlight: str | None, unit: str, decimals: int, language: str
) -> dict:
    text = value_text(point.value, point.lower, point.upper, point.status, unit, decimals, language)
    if point.is_range:
        text += f" ({interval_word()})"
    return {
        **_point_fields(point, text),
        "bar_label": text + (f" ({point.footnote})" if point.footnote else ""),
        "label_end": point.upper if point.upper is not None else (point.value or 0),
        "highlighted": bool(highlight and point.series == highlight),
    }


def _bar_colour() -> dict:
    return {
        "condition": {"test": "datum.highlighted", "value": HIGHLIGHT_COLOUR},
        "value": PALETTE[0],
    }


def _bar_layer(category: dict, value_axis: dict, series_title: str) -> dict:
    return {
        "transform": [{"filter": "isValid(datum.value)"}],
        "mark": {"type": "bar", "height": {"band": 0.7}},
        "encoding": {
            "x": value_axis,
            "y": category,
            "color": _bar_colour(),
            "tooltip": _tooltip(series_title),
        },
    }


def _category_interval_layers(category: dict, value_axis: dict, series_title: str) -> list[dict]:
    """A range without a value: the interval as a line between its ends, with a cap at each end."""
    only_range = {"filter": "!isValid(datum.value) && isValid(datum.lower)"}
    span = {
        "transform": [only_range],
        "mark": {"type": "rule", "strokeWidth": 3},
        "encoding": {
            "x": {**value_axis, "field": "lower"},
            "x2": {"field": "upper"},
            "y": category,
            "color": _bar_colour(),
            "tooltip": _tooltip(series_title),
        },
    }
    caps = [
        {
            "transform": [only_range],
            "mark": {"type": "tick", "orient": "vertical", "thickness": 2, "bandSize": 0.6},
            "encoding": {"x": {**value_axis, "field": end}, "y": category, "color": _bar_colour()},
        }
        for end in ("lower", "upper")
    ]
    return [span, *caps]


def _category_error_bar_layer(category: dict, value_axis: dict) -> dict:
    """A value with its interval: an error bar across the value's bar."""
    return {
        "transform": [{"filter": "isValid(datum.value) && isValid(datum.lower)"}],
        "mark": {"type": "rule", "strokeWidth": 1.5},
        "encoding": {
            "x": {**value_axis, "field": "lower"},
            "x2": {"field": "upper"},
            "y": category,
            "color": {"value": "#767676"},
        },
    }


def _bar_label_layer(category: dict) -> dict:
    """Each bar's value just past its end (or past the interval's upper end), drawn over the bars."""
    return {
        "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 5},
        "encoding": {
            "x": {"field": "label_end", "type": "quantitative"},
            "y": category,
            "text": {"field": "bar_label"},
        },
    }


def category_chart(
    points: list[ChartPoint],
    *,
    unit: str,
    decimals: int,
    language: str,
    series_title: str = "",
    series_order: list[str] | None = None,
    colours: dict[str, str] | None = None,
    dashes: dict[str, list] | None = None,
    highlight: str | None = None,
    end_labels: bool = False,
    description: str = "",
    narrow: bool = False,
    width: int | None = None,
    height: int | None = None,
) -> dict:
    """Horizontal bars, one per series, for figures of one period; each bar carries its value.
    A highlighted series is drawn near black, the others blue (apart in greyscale as well)."""
    width = width or (135 if narrow else WIDE - 180)  # narrow: under 390 px with labels
    with translation.override(language):
        order = _ordered_series(points, series_order)
        rows = [_category_row(p, highlight, unit, decimals, language) for p in points]
        category = {
            "field": "series",
            "type": "nominal",
            "title": series_title or None,
            "sort": order,
            "axis": {"labelLimit": 120 if narrow else 320},
        }
        value_axis = {
            "field": "value",
            "type": "quantitative",
            "title": labels.unit_title(unit),
            "scale": {"domain": _value_domain(points), "nice": False},
            "axis": {"format": ",~f", "tickCount": 3 if narrow else 6},
        }
        layers = []
        if any(p.value is not None for p in points):
            layers.append(_bar_layer(category, value_axis, series_title))
        if any(p.is_range for p in points):
            layers += _category_interval_layers(category, value_axis, series_title)
        if any(p.value is not None and p.lower is not None for p in points):
            layers.append(_category_error_bar_layer(category, value_axis))
        layers.append(_bar_label_layer(category))
        return {
            **_frame(description, language, narrow, width, height or max(60, 28 * len(order))),
            "data": {"values": rows},
            "layer": layers,
        }


def indicator_chart(points: list[ChartPoint], **options) -> dict:
    """A line over time, or bars by series when every figure belongs to one and the same period."""
    if len({(p.start, p.end) for p in points}) == 1 and len({p.series for p in points}) > 1:
        return category_chart(points, **options)
    return trend_chart(points, **options)


def comparison_chart(points: list[ChartPoint], *, highlight: str | None = None, **options) -> dict:
    """Territories side by side: lines with the name at each line's end, or bars for a single period."""
    if len({(p.start, p.end) for p in points}) <= 1:
        return category_chart(points, highlight=highlight, **options)
    return trend_chart(points, highlight=highlight, end_labels=True, **options)


# --- Maps ----------------------------------------------------------------------------------------


def _map_row(area: MapArea, unit: str, decimals: int, language: str) -> dict:
    return {
        "code": area.code,
        "name": area.name,
        "value": area.centre,
        "value_text": value_text(
            area.value, area.lower, area.upper, area.status, unit, decimals, language
        ),
        "href": area.href or None,
        "status_label": labels.observation_status_label(area.status),
    }


def _geometry_data(geometry: list[dict] | str) -> dict:
    if isinstance(geometry, str):
        return {"url": geometry, "format": {"type": "json", "property": "features"}}
    return {"values": list(geometry)}


def _map_transforms(rows: list[dict]) -> list[dict]:
    """Joins the figures to the shapes by code and writes each area's name for assistive technology."""
    missing = labels.observation_status_label(ObservationStatus.MISSING)
    return [
        {
            "lookup": "properties.code",
            "from": {
                "data": {"values": rows},
                "key": "code",
                "fields": ["value", "value_text", "href", "status_label"],
            },
        },
        {"calculate": "datum.properties.name", "as": "name"},
        {
            "calculate": "isValid(datum.value_text) ? datum.value_text : " + json.dumps(missing),
            "as": "value_text",
        },
        {"calculate": "datum.name + ': ' + datum.value_text", "as": "area_label"},
    ]


def _map_colour(unit: str) -> dict:
    """Five steps of one hue, the legend under the map: the map fits a phone's screen as it is."""
    return {
        "field": "value",
        "type": "quantitative",
        "title": labels.unit_title(unit),
        "scale": {"type": "quantize", "scheme": MAP_SCHEME, "nice": True},
        "legend": {"format": ",~f", "orient": "bottom", "direction": "horizontal", "columns": 5},
    }


# The middle of the "blues" scheme: the colour of every area when all share one value.
ONE_VALUE_FILL = "#6baed6"


def _one_value_colour(text: str, unit: str) -> dict:
    """When every area has the same figure a gradient would read as a scale with one number ("88");
    one swatch labelled with the figure and its unit says what the colour means."""
    return {
        "datum": text,
        "type": "nominal",
        "title": labels.unit_title(unit),
        "scale": {"range": [ONE_VALUE_FILL]},
        "legend": {"orient": "bottom", "direction": "horizontal"},
    }


def _colour_for(areas: list[MapArea], rows: list[dict], unit: str) -> dict:
    centres = {area.centre for area in areas if area.centre is not None}
    if len(centres) == 1:
        shown = next(row for row in rows if row["value"] is not None)
        return _one_value_colour(shown["value_text"], unit)
    return _map_colour(unit)


def choropleth_map(
    areas: list[MapArea],
    *,
    geometry: list[dict] | str,
    projection: dict,
    unit: str,
    decimals: int,
    language: str,
    description: str = "",
    width: int = 300,
    height: int = 560,
    thin: bool = False,
) -> dict:
    """Territories coloured by value in five steps of one hue; grey where there is no figure.

    `geometry` is a list of GeoJSON features (properties code and name) or the URL of a
    FeatureCollection; figures are joined to it by territory code. Areas with an `href` become
    links, which keyboard users reach with Tab. One drawing serves every screen: 300 pixels wide
    with the legend below, it fits a phone's screen without shrinking its text."""
    with translation.override(language):
        rows = [_map_row(a, unit, decimals, language) for a in areas]
        common = {
            "tooltip": [
                {"field": "name", "type": "nominal", "title": _("Område")},
                {"field": "value_text", "type": "nominal", "title": _("Värde")},
            ],
            "description": {"field": "area_label", "type": "nominal"},
        }
        # Only areas with a figure are links: fewer Tab stops, in the order of the territory codes.
        links = {"href": {"field": "href", "type": "nominal"}} if any(a.href for a in areas) else {}
        shape = {"type": "geoshape", "stroke": "#4d4d4d", "strokeWidth": 0.3 if thin else 0.7}
        return {
            **_frame(description, language, True, width, height),
            "data": _geometry_data(geometry),
            "transform": _map_transforms(rows),
            "projection": projection,
            # Two layers, so areas without a figure stay on the map (in grey) and each area is one link.
            "layer": [
                {
                    "transform": [{"filter": "!isValid(datum.value)"}],
                    "mark": {**shape, "fill": NO_DATA_FILL},
                    "encoding": common,
                },
                {
                    "transform": [{"filter": "isValid(datum.value)"}],
                    "mark": shape,
                    "encoding": {"color": _colour_for(areas, rows, unit), **common, **links},
                },
            ],
        }


# --- Rendering ---------------------------------------------------------------------------------


def spec_key(spec: dict) -> str:
    return hashlib.sha1(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


_CONTAINER_ROLES = re.compile(r' (?:role="graphics-object"|aria-roledescription="[^"]*")')
_SYMBOL_ROLES = re.compile(r' (?:role="graphics-symbol"|aria-label="[^"]*")')
_UNNAMED_SYMBOL = re.compile(r'<(?![^>]*aria-label=)[^>]*role="graphics-symbol"[^>]*>')


def _finish(svg: str, spec: dict) -> str:
    """Local links and one name for the figure.

    A chart without links is a single image to assistive technology, named by its summary, with the
    table next to it holding every figure. A map keeps its areas, each a named link; Vega's unnamed
    mark containers are left as plain groups."""
    svg = _VEGA_BASE.sub('xlink:href="/', svg)
    has_links = "xlink:href" in svg
    head, _sep, body = svg.partition(">")
    body = _CONTAINER_ROLES.sub("", body)
    if has_links:
        body = _UNNAMED_SYMBOL.sub(
            lambda tag: tag.group(0).replace(' role="graphics-symbol"', ""), body
        )
    else:
        body = _SYMBOL_ROLES.sub("", body)
    label = html.escape(spec.get("description") or "", quote=True)
    role = "graphics-document" if has_links else "img"
    head = head.replace("<svg ", f'<svg role="{role}" aria-label="{label}" ', 1)
    return f"{head}>{body}"


class DrawingStore:
    """Drawings kept as files, one per specification, shared by the processes of a static build and
    by the next build (a chart whose figures did not change is not drawn again). The name holds the
    specification's digest and a digest of this module and vl-convert's version, so a change to
    either draws afresh. A drawing read or written is touched; `prune` removes those left unused."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        source = Path(__file__).read_bytes() + vl_convert.__version__.encode()
        self.drawer = hashlib.sha1(source).hexdigest()[:12]

    def path(self, key: str) -> Path:
        return self.folder / f"{key}-{self.drawer}.svg"

    def get(self, key: str, draw) -> str:
        path = self.path(key)
        try:
            svg = path.read_text(encoding="utf-8")
            os.utime(path)
            return svg
        except FileNotFoundError:
            pass
        svg = draw()
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.part")
        temporary.write_text(svg, encoding="utf-8")
        os.replace(temporary, path)
        return svg

    def prune(self, used_since: float) -> int:
        """Removes drawings neither read nor written since `used_since` (a time.time())."""
        removed = 0
        for path in self.folder.glob("*.svg"):
            if path.stat().st_mtime < used_since:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


_store: DrawingStore | None = None


def keep_drawings_in(folder: Path | None) -> DrawingStore | None:
    """Keeps drawings as files in `folder` (None: only in the cache, as on the live site)."""
    global _store
    _store = DrawingStore(folder) if folder else None
    return _store


def render_svg(spec: dict) -> str:
    """The specification drawn as SVG by vl-convert. The drawing depends on nothing but the
    specification (which holds the figures), so it is cached by the specification alone."""
    key = spec_key(spec)

    def draw() -> str:
        return _finish(vl_convert.vegalite_to_svg(spec), spec)

    return versioned_cache(
        "lab:svg", (), key, (lambda: _store.get(key, draw)) if _store is not None else draw
    )
