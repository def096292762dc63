"""One indicator in a report: figure, table and generated sentences, from the lab's charts and data.

In a county report an indicator is shown for the county and riket over the years shown: one line (or
bar) per territory, per sex when the indicator is split by sex, or one bar per category for the
latest period when it has an extra dimension (crime type, partner). In the national compilation it
is shown for riket and all 21 län side by side, in the latest period each has."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, partial

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lagesbild.core.formatting import format_period
from lagesbild.indicators.models import Indicator, Sex, Unit
from lagesbild.lab import charts, labels
from lagesbild.lab.data import Point
from lagesbild.lab.summaries import comparison_summary
from lagesbild.territories.models import RIKET_CODE, Territory

from ..document import Cell, Figure, Sentence, Table
from . import sentences
from .common import Scope, SourceLedger, place_name

SEX_ORDER = (Sex.WOMEN, Sex.MEN, Sex.TOTAL)
COUNTY_COLOUR = charts.PALETTE[0]
RIKET_COLOUR = charts.HIGHLIGHT_COLOUR


def cell_text(point: Point | None, indicator: Indicator, language: str) -> str:
    if point is None:
        return "–"
    return charts.value_text(
        point.value,
        point.lower,
        point.upper,
        point.status,
        indicator.unit,
        indicator.decimals,
        language,
    )


class TableNotes:
    """Numbers each distinct observation note within one table."""

    def __init__(self):
        self.numbers: dict[str, int] = {}

    def number_of(self, point: Point | None) -> int | None:
        if point is None or not point.footnote_text:
            return None
        return self.numbers.setdefault(point.footnote_text, len(self.numbers) + 1)

    @property
    def texts(self) -> list[str]:
        return list(self.numbers)


def sexes_shown(indicator: Indicator, points: list[Point]) -> list[str]:
    """Women and men when the indicator is split by sex and they have figures; otherwise the total."""
    present = {p.sex for p in points if p.has_figure}
    if indicator.by_sex and present & {Sex.WOMEN, Sex.MEN}:
        return [s for s in (Sex.WOMEN, Sex.MEN) if s in present]
    if Sex.TOTAL in present or not present:
        return [Sex.TOTAL]
    return [s for s in SEX_ORDER if s in present][:1]


@dataclass
class CountyIndicator:
    indicator: Indicator
    county: Territory
    national: Territory
    points: list[Point]
    scope: Scope
    sources: SourceLedger
    peers: list[Point] = field(default_factory=list)  # every län's points, for the rank

    @property
    def language(self) -> str:
        return self.scope.language

    @cached_property
    def county_points(self) -> list[Point]:
        return [p for p in self.points if p.territory == self.county.code]

    @cached_property
    def riket_points(self) -> list[Point]:
        return [p for p in self.points if p.territory == RIKET_CODE]

    @property
    def has_county_figures(self) -> bool:
        return any(p.has_figure for p in self.county_points)

    @cached_property
    def mode(self) -> str:
        if self.indicator.breakdown_categories() and any(p.breakdown for p in self.county_points):
            return "breakdown"
        if len(self.sexes) > 1 or (self.sexes and self.sexes[0] != Sex.TOTAL):
            return "sex"
        return "single"

    @cached_property
    def sexes(self) -> list[str]:
        return sexes_shown(self.indicator, self.county_points)

    # --- series for the single and by-sex views ------------------------------------------------------

    def series_label(self, point: Point) -> str:
        place = (
            self.county.name if point.territory == self.county.code else place_name(self.national)
        )
        if self.mode == "sex":
            return _("%(sex)s, %(place)s") % {"sex": labels.sex_label(point.sex), "place": place}
        return place

    def series_order(self) -> list[str]:
        places = [self.county.name, place_name(self.national)]
        if self.mode == "sex":
            return [
                _("%(sex)s, %(place)s") % {"sex": labels.sex_label(s), "place": p}
                for p in places
                for s in self.sexes
            ]
        return places

    def series_colours(self) -> dict[str, str]:
        """The same look for the same series throughout a report: the county blue and riket near
        black; by sex, women orange and men blue. Riket is always dashed (`series_dashes`)."""
        if self.mode != "sex":
            return {self.county.name: COUNTY_COLOUR, place_name(self.national): RIKET_COLOUR}
        return {
            _("%(sex)s, %(place)s") % {"sex": labels.sex_label(s), "place": p}: charts.SEX_COLOURS[
                s
            ]
            for p in (self.county.name, place_name(self.national))
            for s in self.sexes
        }

    def series_dashes(self) -> dict[str, list]:
        riket = place_name(self.national)
        return {
            name: charts.DASHED if riket in name else charts.SOLID for name in self.series_order()
        }

    @cached_property
    def line_points(self) -> list[Point]:
        return [p for p in self.points if p.sex in self.sexes and not p.breakdown]

    @cached_property
    def chart_line_points(self) -> list[Point]:
        """Counts are drawn for the county only: beside riket's total they would lie flat on the axis.
        The table still shows riket."""
        if self.indicator.unit == Unit.COUNT:
            return [p for p in self.line_points if p.territory == self.county.code]
        return self.line_points

    # --- the breakdown view ------------------------------------------------------------------------

    @cached_property
    def breakdown_sex(self) -> str:
        return self.sexes[0] if self.sexes else Sex.TOTAL

    @cached_property
    def categories(self) -> list[str]:
        present = {p.breakdown for p in self.county_points if p.breakdown}
        return [c for c in self.indicator.breakdown_categories() if c in present]

    def _breakdown_points(self, place: str) -> list[Point]:
        return [
            p
            for p in self.points
            if p.territory == place and p.breakdown and p.sex == self.breakdown_sex
        ]

    @cached_property
    def latest_county_period(self) -> tuple[int, int] | None:
        periods = [
            (p.start, p.end) for p in self._breakdown_points(self.county.code) if p.has_figure
        ]
        return max(periods, key=lambda p: (p[1], p[0])) if periods else None

    @cached_property
    def latest_riket_period(self) -> tuple[int, int] | None:
        periods = [(p.start, p.end) for p in self._breakdown_points(RIKET_CODE) if p.has_figure]
        return max(periods, key=lambda p: (p[1], p[0])) if periods else None

    # --- output ------------------------------------------------------------------------------------

    def _options(self) -> dict:
        return {
            "unit": self.indicator.unit,
            "decimals": self.indicator.decimals,
            "language": self.language,
        }

    @cached_property
    def notes(self) -> TableNotes:
        """Filled while the table is built, so notes are numbered in reading order."""
        return TableNotes()

    def series(self, sex: str, place: str) -> list[Point]:
        return [p for p in self.points if p.territory == place and p.sex == sex and not p.breakdown]

    def rank(self, sex: str):
        """The county's rank for its latest figure of the sex; none for counts (they grow with the
        population) or without figures from enough counties."""
        if self.indicator.unit == Unit.COUNT:
            return None
        found = sentences.figures(self.series(sex, self.county.code))
        if not found:
            return None
        return sentences.county_rank(found[-1], self.peers, self.indicator.decimals)

    def sentences(self) -> list[Sentence]:
        """What an analyst would write: the latest value and its change, the change over the years
        shown, the difference from riket and the rank among the counties."""
        wording, place = sentences.Wording(self.indicator, self.language), self.county.name
        if self.mode == "breakdown":
            county = self._breakdown_points(self.county.code)
            national = self._breakdown_points(RIKET_CODE)
            found = [
                sentences.categories_sentence(county, wording, place),
                sentences.categories_change_sentence(county, wording),
                sentences.categories_riket_sentence(county, national, wording, place),
            ]
        elif self.mode == "sex" and {Sex.WOMEN, Sex.MEN} <= set(self.sexes):
            groups = [(sentences.sex_phrase(s), s) for s in (Sex.WOMEN, Sex.MEN)]
            found = [
                sentences.sex_sentence(
                    self.series(Sex.WOMEN, self.county.code),
                    self.series(Sex.MEN, self.county.code),
                    wording,
                    place,
                ),
                sentences.change_by_group_sentence(
                    [(who, self.series(s, self.county.code)) for who, s in groups], wording
                ),
                sentences.riket_by_group_sentence(
                    [
                        (who, self.series(s, self.county.code), self.series(s, RIKET_CODE))
                        for who, s in groups
                    ],
                    wording,
                ),
                sentences.rank_sentence([(who, self.rank(s)) for who, s in groups], wording, place),
            ]
        else:
            sex = self.sexes[0]
            who = sentences.sex_phrase(sex) if self.mode == "sex" else ""
            county, national = self.series(sex, self.county.code), self.series(sex, RIKET_CODE)
            found = [
                sentences.latest_sentence(county, wording, place, who),
                sentences.period_sentence(county, wording, self.scope.years_label),
                sentences.riket_sentence(county, national, wording, place, who),
                sentences.rank_sentence([(who, self.rank(sex))], wording, place),
            ]
        if not any(p.has_figure for p in self.riket_points):
            found.append(sentences.no_riket_sentence(self.scope.years_label))
        unique: dict[str, Sentence] = {}
        for sentence in found:
            if sentence is not None and sentence.text and sentence.text not in unique:
                unique[sentence.text] = sentence
        return list(unique.values())

    def summary_row(self) -> list[Cell]:
        """The indicator in the summary's table: latest value, change since the value before, riket
        in the same period and the rank among the counties."""
        name = self.indicator.name
        if self.mode == "breakdown":
            period = self.latest_county_period
            count = len(self.categories)
            text = ngettext("%(n)s kategori", "%(n)s kategorier", count) % {"n": count}
            when = f" ({format_period(*period)})" if period else ""
            return [Cell(name), Cell(text + when), Cell("–"), Cell("–"), Cell("–")]
        sex = self.sexes[0]
        if self.mode == "sex":
            name += f", {labels.sex_label(sex).lower()}"
        found = sentences.figures(self.series(sex, self.county.code))
        last = found[-1]
        wording = sentences.Wording(self.indicator, self.language)
        latest = f"{cell_text(last, self.indicator, self.language)} ({format_period(last.start, last.end)})"
        change = "–"
        if len(found) > 1 and not (last.is_range or found[-2].is_range):
            before = found[-2]
            if before.is_example == last.is_example:
                delta = last.centre - before.centre
                if round(delta, self.indicator.decimals) == 0:
                    change = _("oförändrad")
                else:
                    sign = "+" if delta > 0 else "−"
                    change = f"{sign}{wording.difference(delta)}"
        national = {(p.start, p.end): p for p in self.series(sex, RIKET_CODE) if p.has_figure}
        riket_point = national.get((last.start, last.end))
        rank = self.rank(sex)
        rank_text = (
            _("%(position)s av %(count)s") % {"position": rank.position, "count": rank.count}
            if rank
            else "–"
        )
        return [
            Cell(name),
            Cell(latest, numeric=True),
            Cell(change, numeric=True),
            Cell(cell_text(riket_point, self.indicator, self.language), numeric=True),
            Cell(rank_text, numeric=True),
        ]

    @property
    def headline(self) -> Sentence | None:
        """The sentence that sums the indicator up: the figure's text alternative and the summary's."""
        found = self.sentences()
        return found[0] if found else None

    def figure(self) -> Figure:
        indicator = self.indicator
        summary = self.headline.text if self.headline else ""
        if self.mode == "breakdown":
            shown = [
                p
                for p in self._breakdown_points(self.county.code)
                if (p.start, p.end) == self.latest_county_period
            ]
            chart_points = [chart_point(indicator.breakdown_label(p.breakdown), p) for p in shown]
            order = [indicator.breakdown_label(c) for c in self.categories]
            spec = partial(
                charts.category_chart,
                chart_points,
                series_title=self.dimension_title(),
                series_order=order,
                description=summary,
                **self._options(),
            )
            caption = _("%(name)s, %(place)s %(period)s") % {
                "name": indicator.name,
                "place": self.county.name,
                "period": format_period(*self.latest_county_period),
            }
        else:
            shown = self.chart_line_points
            chart_points = [chart_point(self.series_label(p), p) for p in shown]
            spec = partial(
                charts.comparison_chart,
                chart_points,
                highlight=self.county.name if self.mode == "single" else None,
                series_title=str(labels.AREA_TITLE),
                series_order=self.series_order(),
                colours=self.series_colours(),
                dashes=self.series_dashes(),
                description=summary,
                **self._options(),
            )
            caption = _("%(name)s, %(places)s %(years)s") % {
                "name": indicator.name,
                "places": self.places_text(shown),
                "years": self.period_span(shown),
            }
        return Figure(
            caption=caption,
            spec=spec(),
            narrow_spec=spec(narrow=True),
            description=summary,
            source=self.sources.line(indicator, shown),
            example=any(p.is_example for p in shown),
        )

    def places_text(self, points: list[Point]) -> str:
        if any(p.territory == RIKET_CODE and p.has_figure for p in points):
            return _("%(place)s och riket") % {"place": self.county.name}
        return self.county.name

    def period_span(self, points: list[Point]) -> str:
        with_figures = [p for p in points if p.has_figure] or points
        if not with_figures:
            return self.scope.years_label
        return format_period(min(p.start for p in with_figures), max(p.end for p in with_figures))

    def dimension_title(self) -> str:
        dimension = self.indicator.dimension or {}
        return dimension.get("en" if self.language == "en" else "sv") or dimension.get("sv", "")

    def table(self) -> Table:
        if self.mode == "breakdown":
            return self._breakdown_table()
        shown = self.line_points
        order = [s for s in self.series_order() if any(self.series_label(p) == s for p in shown)]
        periods = sorted({(p.start, p.end) for p in shown}, key=lambda p: (p[1], p[0]))
        grid = {((p.start, p.end), self.series_label(p)): p for p in shown}
        rows = [
            [Cell(format_period(*period))]
            + [self._cell(grid.get((period, series))) for series in order]
            for period in periods
        ]
        return Table(
            caption=_("%(name)s, %(places)s")
            % {"name": self.indicator.name, "places": self.places_text(shown)},
            columns=[_("Period"), *order],
            rows=rows,
            notes=self.notes.texts,
            source=self.sources.line(self.indicator, shown),
            example=any(p.is_example for p in shown),
        ).general_notes()

    def _cell(self, point: Point | None) -> Cell:
        return Cell(
            cell_text(point, self.indicator, self.language),
            note=self.notes.number_of(point),
            numeric=True,
        )

    def _breakdown_table(self) -> Table:
        county = self._breakdown_points(self.county.code)
        national = [
            p
            for p in self._breakdown_points(RIKET_CODE)
            if (p.start, p.end) == self.latest_riket_period
        ]
        periods = sorted({(p.start, p.end) for p in county}, key=lambda p: (p[1], p[0]))
        c_grid = {(p.breakdown, (p.start, p.end)): p for p in county}
        n_grid = {p.breakdown: p for p in national}
        columns = [self.dimension_title(), *(format_period(*p) for p in periods)]
        if national:
            columns.append(
                _("Riket %(period)s") % {"period": format_period(*self.latest_riket_period)}
            )
        rows = []
        for category in self.categories:
            row = [Cell(self.indicator.breakdown_label(category))]
            row += [self._cell(c_grid.get((category, period))) for period in periods]
            if national:
                row.append(self._cell(n_grid.get(category)))
            rows.append(row)
        shown = county + national
        return Table(
            caption=_("%(name)s, %(place)s%(and_riket)s")
            % {
                "name": self.indicator.name,
                "place": self.county.name,
                "and_riket": _(" och riket") if national else "",
            },
            columns=columns,
            rows=rows,
            notes=self.notes.texts,
            source=self.sources.line(self.indicator, shown),
            example=any(p.is_example for p in shown),
        ).general_notes()


# --- The national compilation ---------------------------------------------------------------------------


@dataclass
class NationalIndicator:
    """Riket and every län side by side, each in its latest period within the years shown."""

    indicator: Indicator
    places: list[Territory]  # riket first, then the 21 län
    points: list[Point]
    scope: Scope
    sources: SourceLedger

    @cached_property
    def sexes(self) -> list[str]:
        return sexes_shown(self.indicator, self.points)

    @cached_property
    def categories(self) -> list[str]:
        present = {p.breakdown for p in self.points if p.breakdown}
        return [c for c in self.indicator.breakdown_categories() if c in present]

    def columns(self) -> list[tuple[str, str, str]]:
        """(label, sex, breakdown) of each value column."""
        if self.categories:
            sex = self.sexes[0]
            return [(self.indicator.breakdown_label(c), sex, c) for c in self.categories]
        return [
            (labels.sex_label(s) if self.indicator.by_sex else _("Värde"), s, "")
            for s in self.sexes
        ]

    @cached_property
    def latest(self) -> dict[str, tuple[int, int]]:
        """Each territory's latest period with a figure in any of the columns."""
        wanted = {(sex, breakdown) for _label, sex, breakdown in self.columns()}
        found: dict[str, tuple[int, int]] = {}
        for p in self.points:
            if p.has_figure and (p.sex, p.breakdown) in wanted:
                period = (p.start, p.end)
                if p.territory not in found or (period[1], period[0]) > (
                    found[p.territory][1],
                    found[p.territory][0],
                ):
                    found[p.territory] = period
        return found

    @cached_property
    def shown(self) -> list[Point]:
        wanted = {(sex, breakdown) for _label, sex, breakdown in self.columns()}
        return [
            p
            for p in self.points
            if (p.sex, p.breakdown) in wanted and self.latest.get(p.territory) == (p.start, p.end)
        ]

    @property
    def counties_with_figures(self) -> int:
        return sum(1 for code in self.latest if code != RIKET_CODE)

    @cached_property
    def notes(self) -> TableNotes:
        return TableNotes()

    def table(self) -> Table:
        columns = self.columns()
        grid = {(p.territory, p.sex, p.breakdown): p for p in self.shown}
        rows = []
        for place in self.places:
            period = self.latest.get(place.code)
            row = [
                Cell(place_name(place), strong=place.code == RIKET_CODE),
                Cell(format_period(*period) if period else "–"),
            ]
            for _label, sex, breakdown in columns:
                point = grid.get((place.code, sex, breakdown))
                row.append(
                    Cell(
                        cell_text(point, self.indicator, self.scope.language),
                        note=self.notes.number_of(point),
                        numeric=True,
                        strong=place.code == RIKET_CODE,
                    )
                )
            rows.append(row)
        return Table(
            caption=_("%(name)s, riket och länen, senaste period till och med %(year)s")
            % {"name": self.indicator.name, "year": self.scope.year},
            columns=[str(labels.AREA_TITLE), _("Period"), *(label for label, _s, _b in columns)],
            rows=rows,
            notes=self.notes.texts,
            source=self.sources.line(self.indicator, self.shown),
            example=any(p.is_example for p in self.shown),
        ).general_notes()

    def headline(self) -> tuple[str, str]:
        """(sex, category) the national chart draws: the total when there is one, else the first column."""
        _label, sex, breakdown = self.columns()[0]
        if Sex.TOTAL in self.sexes and not self.categories:
            return Sex.TOTAL, ""
        return sex, breakdown

    def chart_points(self) -> list[charts.ChartPoint]:
        sex, breakdown = self.headline()
        by_place = {p.territory: p for p in self.shown if p.sex == sex and p.breakdown == breakdown}
        return [
            chart_point(place_name(place), p)
            for place in self.places
            if (p := by_place.get(place.code)) is not None
        ]

    def summary(self) -> str:
        """Highest and lowest county (riket is not one of them: beside a county's count riket's
        total would always be highest)."""
        chart_points = [
            c for c, place in zip(self.chart_points(), self.chart_places()) if place != RIKET_CODE
        ]
        if not chart_points:
            return ""
        return comparison_summary(
            chart_points,
            unit=self.indicator.unit,
            decimals=self.indicator.decimals,
            language=self.scope.language,
        )

    def figure(self) -> Figure | None:
        chart_points = self.chart_points()
        if len(chart_points) < 2:
            return None
        sex, breakdown = self.headline()
        what = ", ".join(
            x
            for x in (
                labels.sex_label(sex).lower() if self.indicator.by_sex else "",
                self.indicator.breakdown_label(breakdown) if breakdown else "",
            )
            if x
        )
        spec = partial(
            charts.category_chart,
            chart_points,
            highlight=place_name(self.places[0]),
            series_title=str(labels.AREA_TITLE),
            series_order=[place_name(p) for p in self.places],
            description=self.summary(),
            unit=self.indicator.unit,
            decimals=self.indicator.decimals,
            language=self.scope.language,
        )
        shown = [p for p in self.shown if p.sex == sex and p.breakdown == breakdown]
        caption = (
            self.indicator.name
            + (f" ({what})" if what else "")
            + ", "
            + _("riket och länen, senaste period")
        )
        return Figure(
            caption=caption,
            spec=spec(),
            narrow_spec=spec(narrow=True),
            description=self.summary(),
            source=self.sources.line(self.indicator, shown),
            example=any(p.is_example for p in shown),
        )

    def chart_places(self) -> list[str]:
        sex, breakdown = self.headline()
        by_place = {p.territory for p in self.shown if p.sex == sex and p.breakdown == breakdown}
        return [place.code for place in self.places if place.code in by_place]

    def headline_points(self) -> list[Point]:
        sex, breakdown = self.headline()
        return [p for p in self.shown if p.sex == sex and p.breakdown == breakdown]

    def sentences(self) -> list[Sentence]:
        found = [Sentence(self.summary(), tuple(self.headline_points()))]
        found.append(
            Sentence(
                _("%(count)s av %(total)s län har värden för perioden %(years)s.")
                % {
                    "count": self.counties_with_figures,
                    "total": len(self.places) - 1,
                    "years": self.scope.years_label,
                }
            )
        )
        return [s for s in found if s.text]

    def spread_table(self) -> Table | None:
        """Per column: the highest and lowest county, the difference between them and the median,
        among the counties with a figure of the same kind (real figures only, when some are examples)."""
        rows = {key: [Cell(label, strong=True)] for key, label in SPREAD_ROWS()}
        remarks = []
        any_column = False
        for label, sex, breakdown in self.columns():
            points = [
                p
                for p in self.shown
                if p.territory != RIKET_CODE
                and p.sex == sex
                and p.breakdown == breakdown
                and p.centre is not None
            ]
            real = [p for p in points if not p.is_example]
            if real and len(real) < len(points):
                points = real
                remarks.append(
                    _("%(column)s: endast län med publicerade värden; exempeldata ingår inte.")
                    % {"column": label}
                )
            if len(points) < 2:
                for key, _label in SPREAD_ROWS():
                    rows[key].append(Cell("–", numeric=True))
                continue
            any_column = True
            ranked = sorted(points, key=lambda p: p.centre)
            low, high = ranked[0], ranked[-1]
            middle = _median([p.centre for p in ranked])
            unit, decimals, language = (
                self.indicator.unit,
                self.indicator.decimals,
                self.scope.language,
            )
            rows["high"].append(
                Cell(
                    f"{cell_text(high, self.indicator, language)} ({high.territory_name})",
                    numeric=True,
                )
            )
            rows["low"].append(
                Cell(
                    f"{cell_text(low, self.indicator, language)} ({low.territory_name})",
                    numeric=True,
                )
            )
            rows["range"].append(
                Cell(
                    charts.value_text(
                        high.centre - low.centre, None, None, "ok", unit, decimals, language
                    ),
                    numeric=True,
                )
            )
            rows["median"].append(
                Cell(
                    charts.value_text(middle, None, None, "ok", unit, decimals, language),
                    numeric=True,
                )
            )
            rows["count"].append(Cell(str(len(points)), numeric=True))
        if not any_column:
            return None
        return Table(
            caption=_("Spridningen mellan länen: %(name)s") % {"name": self.indicator.name},
            columns=[_("Mått"), *(label for label, _s, _b in self.columns())],
            rows=list(rows.values()),
            remarks=remarks
            + [_("Varje läns senaste period inom %(years)s.") % {"years": self.scope.years_label}],
            source=self.sources.line(self.indicator, self.shown),
            example=any(p.is_example for p in self.shown if p.territory != RIKET_CODE),
        )


def SPREAD_ROWS() -> list[tuple[str, str]]:
    return [
        ("high", _("Högst")),
        ("low", _("Lägst")),
        ("range", _("Skillnad högst–lägst")),
        ("median", _("Median")),
        ("count", _("Län med värden")),
    ]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def chart_point(label: str, point) -> charts.ChartPoint:
    """A report point as the chart draws it, under the label it has in this chart."""
    return charts.ChartPoint(
        label,
        point.start,
        point.end,
        point.value,
        point.lower,
        point.upper,
        point.status,
        is_example=point.is_example,
    )
