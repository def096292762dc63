"""Vega-Lite specifications for the lab's charts and maps, and their rendering to SVG.

Each public function takes plain data (ChartPoint, MapArea) and a language and returns a complete
Vega-Lite specification, with the number locale inside it, so the same specification draws the same
figure on the server (vl-convert, for pages without JavaScript, PDF and Word) and in the browser
(vega-embed). Nothing here knows about requests, so reports can reuse every function.

Colour is never the only cue: series also differ by dash pattern, values carry direct labels where
there is room, and every status has its own symbol. The palette is Okabe and Ito's colour-blind-safe
set, darkened where needed so every colour has at least 3:1 contrast against white."""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from functools import cache

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
DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 4], [3, 3, 1, 3]]
STATUS_SHAPES = {
    ObservationStatus.OK: "circle",
    ObservationStatus.PRELIMINARY: "diamond",
    ObservationStatus.SUPPRESSED: "cross",
    ObservationStatus.MISSING: "stroke",
}
MAP_SCHEME = "blues"  # one hue, light to dark: readable with every kind of colour vision
NO_DATA_FILL = "#e0e0e0"
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


# --- Shared pieces -----------------------------------------------------------------------------


@cache
def number_locale(language: str) -> dict:
    """d3's number locale: decimal comma and a non-breaking space between thousands in Swedish."""
    return vl_convert.get_format_locale("sv-SE" if language == "sv" else "en-GB")


def _config(language: str) -> dict:
    return {
        "locale": {"number": number_locale(language)},
        "font": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
        "view": {"stroke": None},
        "axis": {
            "labelColor": "#1b1b1f",
            "titleColor": "#1b1b1f",
            "labelFontSize": 12,
            "titleFontSize": 12,
            "gridColor": "#e3e3e3",
            "domainColor": "#767676",
            "tickColor": "#767676",
        },
        "legend": {
            "labelColor": "#1b1b1f",
            "titleColor": "#1b1b1f",
            "labelFontSize": 12,
            "titleFontSize": 12,
            "orient": "bottom",
            "direction": "horizontal",
            "columns": 4,
            "symbolStrokeWidth": 2,
            "labelLimit": 260,
        },
        "text": {"fontSize": 11, "fill": "#1b1b1f"},
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
        "field": "stl",
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


def _series_scales(series_order: list[str], colours: dict[str, str] | None) -> tuple[dict, dict]:
    range_ = [
        (colours or {}).get(s) or PALETTE[i % len(PALETTE)] for i, s in enumerate(series_order)
    ]
    dashes = [DASHES[i % len(DASHES)] for i in range(len(series_order))]
    return {"domain": series_order, "range": range_}, {"domain": series_order, "range": dashes}


def _tooltip(series_title: str) -> list[dict]:
    return [
        {"field": "s", "type": "nominal", "title": series_title},
        {"field": "p", "type": "nominal", "title": _("Period")},
        {"field": "t", "type": "nominal", "title": _("Värde")},
        {"field": "stl", "type": "nominal", "title": _("Status")},
        {"field": "fn", "type": "nominal", "title": _("Not")},
    ]


def _ordered_series(points: list[ChartPoint], series_order: list[str] | None) -> list[str]:
    order = list(series_order or [])
    for point in points:
        if point.series not in order:
            order.append(point.series)
    return [s for s in order if any(p.series == s for p in points)]


# --- Charts ------------------------------------------------------------------------------------


def indicator_chart(points: list[ChartPoint], **options) -> dict:
    """A line over time, or bars by series when every figure belongs to one and the same period."""
    if len({(p.start, p.end) for p in points}) == 1 and len({p.series for p in points}) > 1:
        return category_chart(points, **options)
    return trend_chart(points, **options)


def trend_chart(
    points: list[ChartPoint],
    *,
    unit: str,
    decimals: int,
    language: str,
    series_title: str = "",
    series_order: list[str] | None = None,
    colours: dict[str, str] | None = None,
    highlight: str | None = None,
    end_labels: bool = False,
    description: str = "",
    width: int = 640,
    height: int = 300,
) -> dict:
    """Values over time, one line per series.

    Multi-year periods are drawn as a horizontal span, ranges without a value as a box over the
    period, value ranges as error bars; preliminary values get their own symbol and suppressed or
    missing ones a mark on the axis, so nothing the table lists is silently absent."""
    with translation.override(language):
        order = _ordered_series(points, series_order)
        dodge = (
            {s: (i - (len(order) - 1) / 2) * 0.08 for i, s in enumerate(order)}
            if len(order) > 1
            else {}
        )
        rows = []
        for p in points:
            shift = dodge.get(p.series, 0.0)
            rows.append(
                {
                    "s": p.series,
                    "x": (p.start + p.end) / 2 + shift,
                    "x0": p.start + shift,
                    "x1": p.end + shift,
                    "rx0": p.start - 0.25 + shift,
                    "rx1": p.end + 0.25 + shift,
                    "y": p.value,
                    "lo": p.lower,
                    "hi": p.upper,
                    "c": _centre(p.value, p.lower, p.upper),
                    "st": p.status,
                    "stl": labels.observation_status_label(p.status),
                    "p": format_period(p.start, p.end),
                    "t": value_text(p.value, p.lower, p.upper, p.status, unit, decimals, language),
                    "fn": p.footnote,
                    "w": 3 if highlight and p.series == highlight else 2,
                }
            )
        seen = set()
        for row in rows:  # one footnote mark where several series share the note and the place
            place = (row["p"], row["fn"], row["c"])
            row["fm"] = f"({row['fn']})" if row["fn"] and place not in seen else ""
            seen.add(place)
        first = min((p.start for p in points), default=2000)
        last = max((p.end for p in points), default=first)
        colour_scale, dash_scale = _series_scales(order, colours)
        colour = {
            "field": "s",
            "type": "nominal",
            "title": series_title or None,
            "scale": colour_scale,
            "legend": None if len(order) < 2 else {},
        }
        y = {
            "field": "y",
            "type": "quantitative",
            "title": labels.unit_title(unit),
            "axis": {"format": ",~f"},
        }
        statuses = {p.status for p in points}
        layers = [
            {
                "transform": [
                    {
                        "filter": "isValid(datum.y) || datum.st === 'suppressed' || datum.st === 'missing'"
                    }
                ],
                "mark": {"type": "line", "interpolate": "linear"},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative"},
                    "y": y,
                    "color": colour,
                    "strokeDash": {
                        "field": "s",
                        "type": "nominal",
                        "scale": dash_scale,
                        "title": series_title or None,
                        "legend": None if len(order) < 2 else {},
                    },
                    "strokeWidth": {"field": "w", "type": "quantitative", "scale": None},
                },
            },
            {
                "transform": [{"filter": "isValid(datum.y)"}],
                "mark": {"type": "point", "filled": True, "size": 60, "opacity": 1},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative"},
                    "y": y,
                    "color": colour,
                    "shape": _status_legend(statuses),
                    "tooltip": _tooltip(series_title),
                },
            },
        ]
        if any(p.start < p.end and p.value is not None for p in points):
            layers.append(  # a value for several years: a horizontal span over the period
                {
                    "transform": [{"filter": "datum.x0 < datum.x1 && isValid(datum.y)"}],
                    "mark": {"type": "rule", "strokeWidth": 2, "opacity": 0.6},
                    "encoding": {
                        "x": {"field": "x0", "type": "quantitative"},
                        "x2": {"field": "x1"},
                        "y": y,
                        "color": colour,
                    },
                }
            )
        if any(p.value is not None and p.lower is not None for p in points):
            layers.append(  # a value with its interval: an error bar
                {
                    "transform": [{"filter": "isValid(datum.y) && isValid(datum.lo)"}],
                    "mark": {"type": "rule", "strokeWidth": 1.5},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative"},
                        "y": {**y, "field": "lo"},
                        "y2": {"field": "hi"},
                        "color": colour,
                    },
                }
            )
        if any(p.value is None and p.lower is not None for p in points):
            layers.append(  # only a range: a box over the period and the range
                {
                    "transform": [{"filter": "!isValid(datum.y) && isValid(datum.lo)"}],
                    "mark": {"type": "rect", "fillOpacity": 0.3, "strokeWidth": 1.5},
                    "encoding": {
                        "x": {"field": "rx0", "type": "quantitative"},
                        "x2": {"field": "rx1"},
                        "y": {**y, "field": "lo"},
                        "y2": {"field": "hi"},
                        "fill": colour,
                        "stroke": colour,
                        "tooltip": _tooltip(series_title),
                    },
                }
            )
        if statuses & {ObservationStatus.SUPPRESSED, ObservationStatus.MISSING}:
            layers.append(
                {
                    "transform": [
                        {"filter": "datum.st === 'suppressed' || datum.st === 'missing'"}
                    ],
                    "mark": {"type": "point", "size": 70, "strokeWidth": 2},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative"},
                        "y": {"datum": 0, "type": "quantitative"},
                        "color": colour,
                        "shape": _status_legend(statuses),
                        "tooltip": _tooltip(series_title),
                    },
                }
            )
        if any(p.footnote for p in points):
            layers.append(
                {
                    "transform": [{"filter": "datum.fm !== '' && isValid(datum.c)"}],
                    "mark": {"type": "text", "dy": -12, "fontSize": 11},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative"},
                        "y": {
                            "field": "hi"
                            if all(p.value is None for p in points if p.footnote)
                            else "c",
                            "type": "quantitative",
                        },
                        "text": {"field": "fm"},
                    },
                }
            )
        if end_labels:
            layers.append(
                {
                    "transform": [
                        {"filter": "isValid(datum.c)"},
                        {
                            "joinaggregate": [{"op": "max", "field": "x", "as": "xmax"}],
                            "groupby": ["s"],
                        },
                        {"filter": "datum.x === datum.xmax"},
                    ],
                    "mark": {"type": "text", "align": "left", "dx": 8, "fontSize": 12},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative"},
                        "y": {"field": "c", "type": "quantitative"},
                        "text": {"field": "s"},
                        "color": colour,
                    },
                }
            )
        return {
            "$schema": SCHEMA,
            "description": description,
            "width": width,
            "height": height,
            "config": _config(language),
            "data": {"values": rows},
            "encoding": {
                "x": {
                    "field": "x",
                    "type": "quantitative",
                    "title": _("År"),
                    "scale": {"domain": [first - 0.5, last + 0.5], "nice": False},
                    "axis": {"format": "d", "tickMinStep": 1, "grid": False},
                }
            },
            "layer": layers,
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
    highlight: str | None = None,
    end_labels: bool = False,
    description: str = "",
    width: int = 640,
    height: int | None = None,
) -> dict:
    """Horizontal bars, one per series, for figures of one period; each bar carries its value."""
    with translation.override(language):
        order = _ordered_series(points, series_order)
        rows = [
            {
                "s": p.series,
                "y": p.value,
                "lo": p.lower,
                "hi": p.upper,
                "c": _centre(p.value, p.lower, p.upper),
                "st": p.status,
                "stl": labels.observation_status_label(p.status),
                "p": format_period(p.start, p.end),
                "t": value_text(p.value, p.lower, p.upper, p.status, unit, decimals, language),
                "fn": p.footnote,
                "hl": bool(highlight and p.series == highlight),
            }
            for p in points
        ]
        category = {
            "field": "s",
            "type": "nominal",
            "title": series_title or None,
            "sort": order,
            "axis": {"labelLimit": 320},
        }
        value = {
            "field": "y",
            "type": "quantitative",
            "title": labels.unit_title(unit),
            "axis": {"format": ",~f"},
        }
        bar_colour = {"condition": {"test": "datum.hl", "value": PALETTE[1]}, "value": PALETTE[0]}
        label = {
            "transform": [
                {
                    "calculate": "datum.fn === '' ? datum.t : datum.t + ' (' + datum.fn + ')'",
                    "as": "label",
                },
                {
                    "calculate": "isValid(datum.hi) ? datum.hi : (isValid(datum.y) ? datum.y : 0)",
                    "as": "end",
                },
            ],
            "mark": {"type": "text", "align": "left", "dx": 5},
            "encoding": {
                "x": {"field": "end", "type": "quantitative"},
                "y": category,
                "text": {"field": "label"},
            },
        }
        layers = [label]
        if any(p.value is not None for p in points):
            layers.append(
                {
                    "transform": [{"filter": "isValid(datum.y)"}],
                    "mark": {"type": "bar", "height": {"band": 0.7}},
                    "encoding": {
                        "x": value,
                        "y": category,
                        "color": bar_colour,
                        "tooltip": _tooltip(series_title),
                    },
                }
            )
        if any(p.value is None and p.lower is not None for p in points):
            layers.append(
                {
                    "transform": [{"filter": "!isValid(datum.y) && isValid(datum.lo)"}],
                    "mark": {
                        "type": "bar",
                        "height": {"band": 0.7},
                        "fillOpacity": 0.35,
                        "strokeWidth": 1.5,
                    },
                    "encoding": {
                        "x": {**value, "field": "lo"},
                        "x2": {"field": "hi"},
                        "y": category,
                        "color": bar_colour,
                        "stroke": bar_colour,
                        "tooltip": _tooltip(series_title),
                    },
                }
            )
        if any(p.value is not None and p.lower is not None for p in points):
            layers.append(
                {
                    "transform": [{"filter": "isValid(datum.y) && isValid(datum.lo)"}],
                    "mark": {"type": "rule", "strokeWidth": 1.5},
                    "encoding": {
                        "x": {**value, "field": "lo"},
                        "x2": {"field": "hi"},
                        "y": category,
                        "color": {"value": "#1b1b1f"},
                    },
                }
            )
        layers.append(layers.pop(0))  # labels drawn last, on top of the bars
        return {
            "$schema": SCHEMA,
            "description": description,
            "width": width,
            "height": height or max(60, 28 * len(order)),
            "config": _config(language),
            "data": {"values": rows},
            "layer": layers,
        }


def comparison_chart(points: list[ChartPoint], *, highlight: str | None = None, **options) -> dict:
    """Territories side by side: lines with the name at each line's end, or bars for a single period."""
    if len({(p.start, p.end) for p in points}) <= 1:
        return category_chart(points, highlight=highlight, **options)
    return trend_chart(points, highlight=highlight, end_labels=True, **options)


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
    links, which keyboard users reach with Tab."""
    with translation.override(language):
        values = [
            {
                "code": a.code,
                "name": a.name,
                "v": _centre(a.value, a.lower, a.upper),
                "t": value_text(a.value, a.lower, a.upper, a.status, unit, decimals, language),
                "href": a.href or None,
                "stl": labels.observation_status_label(a.status),
            }
            for a in areas
        ]
        missing = labels.observation_status_label(ObservationStatus.MISSING)
        data = (
            {"url": geometry, "format": {"type": "json", "property": "features"}}
            if isinstance(geometry, str)
            else {"values": list(geometry)}
        )
        common = {
            "tooltip": [
                {"field": "name", "type": "nominal", "title": _("Område")},
                {"field": "t", "type": "nominal", "title": _("Värde")},
            ],
            "description": {"field": "d", "type": "nominal"},
        }
        # Only areas with a figure are links: fewer Tab stops, in the order of the territory codes.
        links = {"href": {"field": "href", "type": "nominal"}} if any(a.href for a in areas) else {}
        shape = {"type": "geoshape", "stroke": "#4d4d4d", "strokeWidth": 0.3 if thin else 0.7}
        colour = {
            "field": "v",
            "type": "quantitative",
            "title": labels.unit_title(unit),
            "scale": {"type": "quantize", "scheme": MAP_SCHEME, "nice": True},
            "legend": {"format": ",~f", "orient": "right", "direction": "vertical", "columns": 1},
        }
        return {
            "$schema": SCHEMA,
            "description": description,
            "width": width,
            "height": height,
            "config": _config(language),
            "data": data,
            "transform": [
                {
                    "lookup": "properties.code",
                    "from": {
                        "data": {"values": values},
                        "key": "code",
                        "fields": ["v", "t", "href", "d", "stl"],
                    },
                },
                {"calculate": "datum.properties.name", "as": "name"},
                {"calculate": "isValid(datum.t) ? datum.t : " + json.dumps(missing), "as": "t"},
                {"calculate": "datum.name + ': ' + datum.t", "as": "d"},
            ],
            "projection": projection,
            # Two layers, so areas without a figure stay on the map (in grey) and each area is one link.
            "layer": [
                {
                    "transform": [{"filter": "!isValid(datum.v)"}],
                    "mark": {**shape, "fill": NO_DATA_FILL},
                    "encoding": common,
                },
                {
                    "transform": [{"filter": "isValid(datum.v)"}],
                    "mark": shape,
                    "encoding": {"color": colour, **common, **links},
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


def render_svg(spec: dict) -> str:
    """The specification drawn as SVG by vl-convert. The drawing depends on nothing but the
    specification (which holds the figures), so it is cached by the specification alone."""
    return versioned_cache(
        "lab:svg", (), spec_key(spec), lambda: _finish(vl_convert.vegalite_to_svg(spec), spec)
    )
