"""Everything the indicator page shows, built once for the HTML page and its .json twin.

The page has three views of the data: the chosen territory over time (one line per sex or per
category), a comparison of up to eight territories, and a map of every län or kommun for one
period. Each comes with its Vega-Lite specification, the SVG drawn from it, a one-sentence summary
and a table, and together they name the import batches the figures came from."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lagesbild.core.formatting import format_period
from lagesbild.core.marking import example_notice
from lagesbild.core.outputs import format_of, marked_document
from lagesbild.indicators.models import Indicator, RegionalGoal, Sex, Status
from lagesbild.territories import boundaries
from lagesbild.territories.models import Level

from . import charts, labels, summaries
from .data import Point, batches, indicator_facts, points, territories_by_level, territory
from .forms import MAX_COMPARED, Selection

# The formats of an indicator's downloads (lagesbild.core.outputs.FORMATS), in the order offered.
DOWNLOADS = ("csv", "xlsx", "json", "jsonstat")
SEX_SERIES_ORDER = (Sex.WOMEN, Sex.MEN, Sex.TOTAL)


def cell_text(point: Point, unit: str, decimals: int, language: str) -> str:
    return charts.value_text(
        point.value, point.lower, point.upper, point.status, unit, decimals, language
    )


def metadata(indicator: Indicator) -> dict:
    """The catalogue entry, in both languages, for .json twins and downloads."""
    return {
        "id": indicator.id,
        "goal": indicator.goal_id,
        "name_sv": indicator.name_sv,
        "name_en": indicator.name_en,
        "description_sv": indicator.description_sv,
        "description_en": indicator.description_en,
        "area": indicator.area,
        "status": indicator.status,
        "status_note": indicator.status_note,
        "data_source": indicator.data_source,
        "agency": indicator.agency,
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "levels": indicator.levels,
        "by_sex": indicator.by_sex,
        "dimension": indicator.dimension,
        "higher_is_better": indicator.higher_is_better,
        "scope": indicator.scope,
        "references": indicator.references,
        "notes": indicator.notes,
        "regional_goals": [
            {
                "county": g.county_id,
                "number": g.number,
                "name_sv": g.name_sv,
                "name_en": g.name_en,
                "strategy_sv": g.strategy_sv,
            }
            for g in indicator.regional_goals.order_by("county_id", "number")
        ],
    }


def regional_goal_label(goal: RegionalGoal) -> str:
    """'Stockholms läns regionala strategi: mål 2 – Förebygga återfall'."""
    # Translators: the s after the county's name makes the Swedish genitive ("Stockholms läns").
    return _("%(county)ss regionala strategi: mål %(number)d – %(name)s") % {
        "county": goal.county.name,
        "number": goal.number,
        "name": goal.name,
    }


def batch_dict(batch) -> dict:
    return {
        "id": batch.id,
        "kind": batch.kind,
        "source": batch.source_label,
        "file": batch.file_name,
        "urls": batch.urls,
        "parameters": batch.parameters,
        "retrieved_at": batch.retrieved_at.isoformat() if batch.retrieved_at else None,
        "imported_at": batch.imported_at.isoformat() if batch.imported_at else None,
        "example_data": batch.is_example,
        "note": batch.note,
    }


def point_dict(point: Point) -> dict:
    return {
        "territory": point.territory,
        "territory_name": point.territory_name,
        "level": point.level,
        "period": point.period,
        "period_start": point.start,
        "period_end": point.end,
        "sex": point.sex,
        "breakdown": point.breakdown,
        "value": point.value,
        "lower": point.lower,
        "upper": point.upper,
        "status": point.status,
        "note": point.note,
        "batch": point.batch,
        "example_data": point.is_example,
    }


class IndicatorPage:
    def __init__(self, indicator: Indicator, selection: Selection, language: str):
        self.indicator = indicator
        self.selection = selection
        self.language = language
        self.facts = indicator_facts(indicator.id)
        self.place = territory(selection.territory)
        with translation.override(language):
            self.place_name = labels.place_name(self.place.code, self.place.name)
        self.categories = indicator.breakdown_categories()
        self.url = reverse("lab:indicator", args=[indicator.id])

    # --- What the views hold fixed ---------------------------------------------------------------

    @cached_property
    def mode(self) -> str:
        """What the lines of the main chart are: categories, sexes, or one line."""
        if self.categories and not self.selection.breakdown:
            return "breakdown"
        if self.indicator.by_sex and not self.selection.sex:
            return "sex"
        return "single"

    @cached_property
    def fixed_sex(self) -> str:
        return self.selection.sex or (
            self.facts.default_sex() if self.indicator.by_sex else Sex.TOTAL
        )

    @cached_property
    def fixed_breakdown(self) -> str:
        return self.selection.breakdown or self.facts.default_breakdown(self.indicator)

    def category_label(self, category_id: str) -> str:
        with translation.override(self.language):
            return self.indicator.breakdown_label(category_id)

    def series_label(self, point: Point) -> str:
        with translation.override(self.language):
            if self.mode == "breakdown":
                return self.indicator.breakdown_label(point.breakdown)
            if self.mode == "sex":
                return labels.sex_label(point.sex)
            return self.place_name

    def series_order(self) -> list[str]:
        with translation.override(self.language):
            if self.mode == "breakdown":
                return [self.indicator.breakdown_label(c) for c in self.categories]
            if self.mode == "sex":
                return [labels.sex_label(s) for s in SEX_SERIES_ORDER]
            return [self.place_name]

    def series_colours(self) -> dict[str, str] | None:
        if self.mode != "sex":
            return None
        with translation.override(self.language):
            return {labels.sex_label(s): charts.SEX_COLOURS[s] for s in SEX_SERIES_ORDER}

    def series_title(self) -> str:
        with translation.override(self.language):
            if self.mode == "breakdown":
                dimension = self.indicator.dimension or {}
                return dimension.get("en" if self.language == "en" else "sv") or dimension.get(
                    "sv", ""
                )
            if self.mode == "sex":
                return str(labels.SEX_TITLE)
            return str(labels.AREA_TITLE)

    def fixed_description(self) -> str:
        """Which sex and category the comparison and map show, in words."""
        parts = []
        with translation.override(self.language):
            if self.indicator.by_sex:
                parts.append(labels.sex_label(self.fixed_sex))
            if self.categories and self.fixed_breakdown:
                parts.append(self.indicator.breakdown_label(self.fixed_breakdown))
        return ", ".join(parts)

    # --- Observations ----------------------------------------------------------------------------

    @cached_property
    def main_points(self) -> list[Point]:
        sex = self.selection.sex or (None if self.mode == "sex" else self.fixed_sex)
        breakdown = None if self.mode == "breakdown" else self.fixed_breakdown
        return points(
            self.indicator, territories=[self.selection.territory], sex=sex, breakdown=breakdown
        )

    @cached_property
    def comparison_points(self) -> list[Point]:
        if not self.selection.compare:
            return []
        found = points(
            self.indicator,
            territories=self.selection.compared,
            sex=self.fixed_sex,
            breakdown=self.fixed_breakdown,
        )
        order = {code: i for i, code in enumerate(self.selection.compared)}
        return sorted(found, key=lambda p: (order[p.territory], p.start, p.end))

    @cached_property
    def map_level(self) -> str | None:
        return self.selection.level if self.selection.level in self.indicator.levels else None

    @cached_property
    def map_period(self) -> tuple[int, int] | None:
        if self.map_level is None:
            return None
        return self.selection.year or self.facts.latest_period(self.map_level)

    @cached_property
    def map_points(self) -> list[Point]:
        if self.map_level is None or self.map_period is None:
            return []
        return points(
            self.indicator,
            level=self.map_level,
            period=self.map_period,
            sex=self.fixed_sex,
            breakdown=self.fixed_breakdown,
        )

    @cached_property
    def shown_points(self) -> list[Point]:
        return self.main_points + self.comparison_points + self.map_points

    @property
    def has_example_data(self) -> bool:
        return any(p.is_example for p in self.shown_points)

    # --- Footnotes (flagged values) ----------------------------------------------------------------

    @cached_property
    def footnotes(self) -> dict[str, int]:
        """Each distinct note of the main series, numbered in the order it first appears."""
        numbers: dict[str, int] = {}
        for point in sorted(self.main_points, key=lambda p: (p.start, p.end)):
            if point.footnote_text and point.footnote_text not in numbers:
                numbers[point.footnote_text] = len(numbers) + 1
        return numbers

    def footnote_of(self, point: Point) -> str:
        number = self.footnotes.get(point.footnote_text)
        return str(number) if number else ""

    # --- Charts ----------------------------------------------------------------------------------

    def _chart_options(self) -> dict:
        return {
            "unit": self.indicator.unit,
            "decimals": self.indicator.decimals,
            "language": self.language,
        }

    @cached_property
    def main_chart_points(self) -> list[charts.ChartPoint]:
        return [
            charts.ChartPoint(
                self.series_label(p),
                p.start,
                p.end,
                p.value,
                p.lower,
                p.upper,
                p.status,
                self.footnote_of(p),
            )
            for p in self.main_points
        ]

    @cached_property
    def main_summary(self) -> str:
        return summaries.trend_summary(
            self.main_chart_points,
            place=self.place_name,
            series_order=self.series_order(),
            **self._chart_options(),
        )

    @cached_property
    def main_spec(self) -> dict:
        return self.main_chart()

    def main_chart(self, narrow: bool = False) -> dict:
        return charts.indicator_chart(
            self.main_chart_points,
            series_title=self.series_title(),
            series_order=self.series_order(),
            colours=self.series_colours(),
            description=self.main_summary,
            narrow=narrow,
            **self._chart_options(),
        )

    @cached_property
    def comparison_chart_points(self) -> list[charts.ChartPoint]:
        return [
            charts.ChartPoint(
                self.name_of(p.territory), p.start, p.end, p.value, p.lower, p.upper, p.status
            )
            for p in self.comparison_points
        ]

    def name_of(self, code: str) -> str:
        with translation.override(self.language):
            return labels.place_name(code, territory(code).name)

    def compared_names(self) -> list[str]:
        return [self.name_of(code) for code in self.selection.compared]

    @cached_property
    def comparison_summary(self) -> str:
        return summaries.comparison_summary(self.comparison_chart_points, **self._chart_options())

    @cached_property
    def comparison_spec(self) -> dict:
        return self.comparison_chart()

    def comparison_chart(self, narrow: bool = False) -> dict:
        return charts.comparison_chart(
            self.comparison_chart_points,
            highlight=self.place_name,
            series_title=str(labels.AREA_TITLE),
            series_order=self.compared_names(),
            description=self.comparison_summary,
            narrow=narrow,
            **self._chart_options(),
        )

    @cached_property
    def map_areas(self) -> list[charts.MapArea]:
        found = {p.territory: p for p in self.map_points}
        areas = []
        for place in territories_by_level().get(self.map_level, []):
            point = found.get(place.code)
            href = (
                f"{self.url}?{self.selection.query(territory=place.code)}#diagram"
                if point and point.has_figure
                else ""
            )
            if point:
                areas.append(
                    charts.MapArea(
                        place.code,
                        place.name,
                        point.value,
                        point.lower,
                        point.upper,
                        point.status,
                        href,
                    )
                )
            else:
                areas.append(charts.MapArea(place.code, place.name, None, status="missing"))
        return areas

    @cached_property
    def map_summary(self) -> str:
        return summaries.map_summary(
            self.map_areas, period=self.map_period, level=self.map_level, **self._chart_options()
        )

    def map_spec(self, geometry_url: str | None = None) -> dict:
        level = self.map_level
        geometry = geometry_url or list(boundaries.boundary_features(level))
        return charts.choropleth_map(
            self.map_areas,
            geometry=geometry,
            projection=boundaries.projection(level),
            description=self.map_summary,
            thin=level == Level.KOMMUN,
            **self._chart_options(),
        )

    # --- Tables ------------------------------------------------------------------------------------

    def _cell(self, point: Point | None, footnote: str = "") -> dict:
        if point is None:
            return {"text": "–", "status": "", "footnote": ""}
        text = cell_text(point, self.indicator.unit, self.indicator.decimals, self.language)
        return {"text": text, "status": point.status, "footnote": footnote}

    def _pivot(self, pts: list[Point], column_of, columns: list[str], footnotes: bool) -> dict:
        periods = sorted({p.period_key for p in pts})
        grid = {(p.period_key, column_of(p)): p for p in pts}
        present = [c for c in columns if any(column_of(p) == c for p in pts)]
        rows = [
            {
                "period": format_period(*period),
                "cells": [
                    self._cell(
                        grid.get((period, c)),
                        self.footnote_of(grid[(period, c)])
                        if footnotes and (period, c) in grid
                        else "",
                    )
                    for c in present
                ],
            }
            for period in periods
        ]
        return {"columns": present, "rows": rows}

    @cached_property
    def main_table(self) -> dict:
        return self._pivot(self.main_points, self.series_label, self.series_order(), footnotes=True)

    @cached_property
    def comparison_table(self) -> dict:
        return self._pivot(
            self.comparison_points,
            lambda p: self.name_of(p.territory),
            self.compared_names(),
            footnotes=False,
        )

    @cached_property
    def map_table(self) -> list[dict]:
        return [
            {
                "code": a.code,
                "name": a.name,
                "href": a.href,
                "text": charts.value_text(
                    a.value,
                    a.lower,
                    a.upper,
                    a.status,
                    self.indicator.unit,
                    self.indicator.decimals,
                    self.language,
                ),
            }
            for a in self.map_areas
        ]

    # --- Pickers -----------------------------------------------------------------------------------

    def territory_groups(self, exclude: tuple[str, ...] = ()) -> list[dict]:
        """Option groups (riket, län, kommuner) at the levels the indicator can be read at."""
        groups = []
        with translation.override(self.language):
            for level in (Level.RIKET, Level.LAN, Level.KOMMUN):
                if level not in self.indicator.levels and level != self.place.level:
                    continue
                options = [
                    {
                        "code": t.code,
                        "name": labels.place_name(t.code, t.name),
                        "has_data": t.code in self.facts.territories,
                    }
                    for t in territories_by_level().get(level, [])
                    if t.code not in exclude
                ]
                if options:
                    groups.append({"label": labels.level_label(level), "options": options})
        return groups

    def map_periods(self) -> list[dict]:
        periods = self.facts.periods_by_level.get(self.map_level, ()) if self.map_level else ()
        return [
            {
                "value": f"{s}" if s == e else f"{s}-{e}",
                "label": format_period(s, e),
                "selected": (s, e) == self.map_period,
            }
            for s, e in sorted(periods, key=lambda p: (p[1], p[0]), reverse=True)
        ]

    def map_levels(self) -> list[dict]:
        return [
            {
                "value": level,
                "label": labels.level_label(level),
                "selected": level == self.map_level,
            }
            for level in boundaries.MAP_LEVELS
            if level in self.indicator.levels
        ]

    def comparison_links(self) -> list[dict]:
        links = []
        for code in self.selection.compare:
            remaining = tuple(c for c in self.selection.compare if c != code)
            links.append(
                {
                    "code": code,
                    "name": self.name_of(code),
                    "remove": f"{self.url}?{self.selection.query(compare=remaining)}#jamforelse",
                }
            )
        return links

    def downloads(self) -> dict:
        def links(query: str = "") -> list[dict]:
            return [
                {
                    "label": f.label,
                    "url": reverse("lab:download", args=[self.indicator.id, f.extension])
                    + (f"?{query}" if query else ""),
                }
                for f in map(format_of, DOWNLOADS)
            ]

        return {"selection": links(self.selection.data_query()), "whole": links()}

    @cached_property
    def regional_goals(self) -> list[dict]:
        """The county strategies' goals the indicator follows, labelled for the page."""
        goals = self.indicator.regional_goals.select_related("county").order_by(
            "county_id", "number"
        )
        with translation.override(self.language):
            return [{"label": regional_goal_label(g), "url": g.references[0]} for g in goals]

    @cached_property
    def combined_in(self) -> list[dict]:
        """The combined series that hold this indicator's figures (bra-personuppklaring)."""
        with translation.override(self.language):
            return [
                {
                    "name": view.name,
                    "categories": ", ".join(view.breakdown_label(c) for c in categories),
                    "url": reverse("lab:indicator", args=[view.id])
                    + (f"?breakdown={categories[0]}" if len(categories) == 1 else ""),
                }
                for view, categories in self.indicator.combined_in()
            ]

    @cached_property
    def missing_data_reason(self) -> str | None:
        """Why the indicator has no values at all: a development indicator has no source yet, an
        indicator the catalogue gives no level for cannot be read anywhere, others await an import."""
        if self.facts.has_data:
            return None
        if self.indicator.status == Status.DEVELOPMENT:
            return "development"
        if not self.indicator.levels:
            return "no_level"
        return "not_imported"

    @cached_property
    def provenance(self) -> list:
        return batches(p.batch for p in self.shown_points)

    # --- Output ------------------------------------------------------------------------------------

    def context(self) -> dict:
        """Everything the page body template needs; charts are rendered (or read from cache) here."""
        selection = self.selection
        context = {
            "indicator": self.indicator,
            "goal": self.indicator.goal,
            "selection": selection,
            "place": self.place,
            "place_name": self.place_name,
            "facts": self.facts,
            "mode": self.mode,
            "unit_title": labels.unit_title(self.indicator.unit),
            "status_label": labels.INDICATOR_STATUS.get(
                self.indicator.status, self.indicator.status
            ),
            "levels": [
                labels.level_label(level)
                for level in ("riket", "lan", "kommun")
                if level in self.indicator.levels
            ],
            "readable_here": self.place.level in self.indicator.levels,
            "missing_data_reason": self.missing_data_reason,
            "main": {
                "summary": self.main_summary,
                "svg": charts.render_svg(self.main_spec),
                "spec": self.main_spec,
                "narrow_svg": charts.render_svg(self.main_chart(narrow=True)),
                "narrow_spec": self.main_chart(narrow=True),
                "table": self.main_table,
                "has_points": bool(self.main_points),
            },
            "footnotes": [{"number": n, "text": text} for text, n in self.footnotes.items()],
            "territory_groups": self.territory_groups(),
            "sex_choices": [(s, labels.sex_label(s)) for s in (Sex.TOTAL, Sex.WOMEN, Sex.MEN)]
            if self.indicator.by_sex
            else [],
            "category_choices": [(c, self.category_label(c)) for c in self.categories],
            "fixed_description": self.fixed_description(),
            "comparison": None,
            "compare_links": self.comparison_links(),
            "compare_room": MAX_COMPARED - len(selection.compared),
            "compare_groups": self.territory_groups(exclude=selection.compared),
            "max_compared": MAX_COMPARED,
            "map": None,
            "downloads": self.downloads(),
            "provenance": self.provenance,
            "has_example_data": self.has_example_data,
            "example_notice": example_notice(),
            "url": self.url,
            "regional_goals": self.regional_goals,
            "combined_in": self.combined_in,
        }
        if self.comparison_points or selection.compare:
            context["comparison"] = {
                "summary": self.comparison_summary,
                "svg": charts.render_svg(self.comparison_spec),
                "spec": self.comparison_spec,
                "narrow_svg": charts.render_svg(self.comparison_chart(narrow=True)),
                "narrow_spec": self.comparison_chart(narrow=True),
                "table": self.comparison_table,
            }
        if self.map_level:
            geometry_url = reverse("lab:boundaries", args=[self.map_level])
            context["map"] = {
                "summary": self.map_summary,
                "svg": charts.render_svg(self.map_spec()),
                "spec": self.map_spec(geometry_url),
                "table": self.map_table,
                "level": self.map_level,
                "level_plural": labels.LEVEL_PLURAL[self.map_level],
                "period": format_period(*self.map_period) if self.map_period else "",
                "periods": self.map_periods(),
                "levels": self.map_levels(),
                "with_data": sum(1 for a in self.map_areas if a.href),
            }
        return context

    def as_json(self) -> dict:
        document = {
            "indicator": metadata(self.indicator),
            "selection": {
                "territory": self.selection.territory,
                "compare": list(self.selection.compare),
                "sex": self.selection.sex or None,
                "breakdown": self.selection.breakdown or None,
                "map_level": self.map_level,
                "map_period": format_period(*self.map_period) if self.map_period else None,
            },
            "summaries": {
                "chart": self.main_summary,
                "comparison": self.comparison_summary if self.selection.compare else None,
                "map": self.map_summary if self.map_level else None,
            },
            "observations": [point_dict(p) for p in self.main_points],
            "comparison": [point_dict(p) for p in self.comparison_points],
            "map": [point_dict(p) for p in self.map_points],
            "footnotes": {str(n): text for text, n in self.footnotes.items()},
            "provenance": [batch_dict(b) for b in self.provenance],
            "downloads": self.downloads(),
        }
        return marked_document(document, self.has_example_data)
