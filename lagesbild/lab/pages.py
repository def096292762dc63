"""The lab's other pages (start, goal, territory, coverage, search), each built once as `PageData`:
the template context, the document of its .json twin and the rows of its .csv twin."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.urls import reverse
from django.utils import translation

from lagesbild.core.formatting import format_period
from lagesbild.core.outputs import marked_document
from lagesbild.core.text import matcher, swedish_fold
from lagesbild.indicators import summaries
from lagesbild.indicators.coverage import USABLE_STATUSES, coverage, difference_lines
from lagesbild.indicators.models import Goal, Indicator, Status
from lagesbild.territories.models import Level, Territory

from . import labels
from .data import (
    LEVEL_ORDER,
    LevelData,
    Point,
    data_by_level,
    latest_periods,
    lineage,
    lineage_points,
    per_data_version,
    recent_batches,
    territories_by_level,
)
from .indicator_page import batch_dict, cell_text

LEVELS = (Level.RIKET, Level.LAN, Level.KOMMUN)


@dataclass
class PageData:
    context: dict
    document: dict
    rows: list[dict] = field(default_factory=list)
    has_example_data: bool = False

    def json(self) -> dict:
        return marked_document(self.document, self.has_example_data)


def indicator_url(indicator_id: str, **query) -> str:
    url = reverse("lab:indicator", args=[indicator_id])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


# --- Catalogue overview (start, goal and coverage pages) ----------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    readable: list[str]
    real: list[str]
    example: list[str]
    latest: tuple[int, int] | None

    @property
    def usable(self) -> bool:
        return self.indicator.status in USABLE_STATUSES

    def as_dict(self) -> dict:
        i = self.indicator
        return {
            "id": i.id,
            "goal": i.goal_id,
            "name_sv": i.name_sv,
            "name_en": i.name_en,
            "status": i.status,
            "data_source": i.data_source,
            "agency": i.agency,
            "unit": i.unit,
            "levels": list(i.levels),
            "levels_with_data": self.real,
            "levels_with_example_data": self.example,
            "latest_period": format_period(*self.latest) if self.latest else None,
            "url": reverse("lab:indicator", args=[i.id]),
        }


@dataclass
class GoalRow:
    goal: Goal
    indicators: list[IndicatorRow]

    def _count(self, attribute: str, level: str) -> int:
        return sum(1 for row in self.indicators if row.usable and level in getattr(row, attribute))

    @property
    def by_status(self) -> list[dict]:
        return [
            {
                "status": s.value,
                "label": labels.INDICATOR_STATUS[s],
                "count": sum(1 for r in self.indicators if r.indicator.status == s),
            }
            for s in Status
        ]

    @property
    def levels(self) -> list[dict]:
        return [
            {
                "level": level,
                "label": labels.level_label(level),
                "readable": self._count("readable", level),
                "real": self._count("real", level),
                "example_only": sum(
                    1
                    for r in self.indicators
                    if r.usable and level in r.example and level not in r.real
                ),
            }
            for level in LEVELS
        ]

    def as_dict(self) -> dict:
        return {
            "number": self.goal.number,
            "name_sv": self.goal.name_sv,
            "name_en": self.goal.name_en,
            "declared_total": self.goal.declared_total,
            "declared_regional": self.goal.declared_regional,
            "declared_source": self.goal.declared_source,
            "in_catalogue": len(self.indicators),
            "by_status": {s["status"]: s["count"] for s in self.by_status},
            "readable": {lv["level"]: lv["readable"] for lv in self.levels},
            "with_data": {lv["level"]: lv["real"] for lv in self.levels},
            "with_example_data_only": {lv["level"]: lv["example_only"] for lv in self.levels},
            "url": reverse("lab:goal", args=[self.goal.number]),
        }


@per_data_version
def catalogue_overview() -> list[GoalRow]:
    data = _with_combined_views(data_by_level())
    latest = latest_periods()
    rows: dict[int, list[IndicatorRow]] = {}
    for indicator in Indicator.objects.select_related("goal").order_by("goal_id", "id"):
        levels = data.get(indicator.id, {})
        rows.setdefault(indicator.goal_id, []).append(
            IndicatorRow(
                indicator=indicator,
                readable=[lv for lv in LEVELS if lv in indicator.levels],
                real=[lv for lv in LEVELS if levels.get(lv) and levels[lv].real],
                example=[lv for lv in LEVELS if levels.get(lv) and levels[lv].example],
                latest=latest.get(indicator.id),
            )
        )
    return [GoalRow(goal, rows.get(goal.number, [])) for goal in Goal.objects.order_by("number")]


def _with_combined_views(data: dict) -> dict:
    """A combined view's figures (bra-personuppklaring) count, category by category, for the
    published indicators the categories belong to, as in lagesbild.indicators.coverage."""
    data = {indicator: dict(levels) for indicator, levels in data.items()}
    views = {
        view.id: view.published_indicators() for view in Indicator.objects.exclude(dimension=None)
    }
    views = {view: targets for view, targets in views.items() if targets}
    if not views:
        return data
    found = summaries.levels_with_figures()
    for view, targets in views.items():
        rows = {
            (breakdown, level, is_example)
            for indicator_id, level, breakdown, is_example in found
            if indicator_id == view and breakdown in targets
        }
        for breakdown, level, is_example in rows:
            flags = data.setdefault(targets[breakdown], {}).get(level)
            real = (flags.real if flags else False) or not is_example
            example = (flags.example if flags else False) or is_example
            data[targets[breakdown]][level] = LevelData(real=real, example=example)
    return data


def _uses_example(goals: list[GoalRow]) -> bool:
    return any(row.example for goal in goals for row in goal.indicators)


def _declared(goals: list[GoalRow]) -> tuple[int, int]:
    return (
        sum(g.goal.declared_regional or 0 for g in goals),
        sum(g.goal.declared_total or 0 for g in goals),
    )


def start_page() -> PageData:
    goals = catalogue_overview()
    regional, total = _declared(goals)
    usable = [r for g in goals for r in g.indicators if r.usable]
    context = {
        "goals": goals,
        "declared_regional": regional,
        "declared_total": total,
        "catalogue_total": sum(len(g.indicators) for g in goals),
        "usable_total": len(usable),
        "with_real_data": sum(1 for r in usable if r.real),
        "batches": recent_batches(),
        "lan": territories_by_level()[Level.LAN],
        "kommuner": territories_by_level()[Level.KOMMUN],
    }
    document = {
        "goals": [g.as_dict() for g in goals],
        "declared": {"regional": regional, "total": total},
        "recent_batches": [batch_dict(b) for b in context["batches"]],
    }
    rows = [
        {
            "goal": g["number"],
            "name_sv": g["name_sv"],
            "name_en": g["name_en"],
            "in_catalogue": g["in_catalogue"],
            **{f"readable_{lv}": g["readable"][lv] for lv in LEVELS},
            **{f"with_data_{lv}": g["with_data"][lv] for lv in LEVELS},
        }
        for g in document["goals"]
    ]
    return PageData(context, document, rows, _uses_example(goals))


def goal_page(goal: Goal) -> PageData:
    row = next(g for g in catalogue_overview() if g.goal.number == goal.number)
    document = {"goal": row.as_dict(), "indicators": [r.as_dict() for r in row.indicators]}
    rows = [
        {
            **{
                k: v
                for k, v in r.as_dict().items()
                if k not in ("levels", "levels_with_data", "levels_with_example_data")
            },
            "levels": " ".join(r.readable),
            "levels_with_data": " ".join(r.real),
            "levels_with_example_data": " ".join(r.example),
        }
        for r in row.indicators
    ]
    others = [g.goal for g in catalogue_overview() if g.goal.number != goal.number]
    return PageData(
        {"row": row, "goal": goal, "others": others}, document, rows, _uses_example([row])
    )


def coverage_page() -> PageData:
    goals = catalogue_overview()
    regional, total = _declared(goals)
    document = {
        "declared": {"regional": regional, "total": total},
        "goals": [g.as_dict() for g in goals],
        "indicators": [r.as_dict() for g in goals for r in g.indicators],
    }
    rows = [
        {
            "goal": r.indicator.goal_id,
            "indicator": r.indicator.id,
            "status": r.indicator.status,
            "level": level,
            "readable": level in r.readable,
            "with_data": level in r.real,
            "with_example_data": level in r.example,
        }
        for g in goals
        for r in g.indicators
        for level in LEVELS
    ]
    usable = [r for g in goals for r in g.indicators if r.usable]
    names = {r.indicator.id: r.indicator.name for g in goals for r in g.indicators}
    counted = coverage()
    document["differences"] = [
        {"goal": row.goal, **asdict(row.difference), "text": difference_lines(row, names)}
        for row in counted
    ]
    context = {
        "goals": goals,
        "declared_regional": regional,
        "declared_total": total,
        "lan_readable": sum(1 for r in usable if Level.LAN in r.readable),
        "lan_real": sum(1 for r in usable if Level.LAN in r.real),
        "usable_total": len(usable),
        "differences": [
            {"goal": g.goal, "lines": difference_lines(row, names)}
            for g, row in zip(goals, counted, strict=True)
        ],
    }
    return PageData(context, document, rows, _uses_example(goals))


# --- Territory page -------------------------------------------------------------------------------


def _latest_shared(points: list[Point], code: str) -> tuple[int, int] | None:
    own = [
        p.period_key
        for p in points
        if p.territory == code and (p.has_figure or p.status == "suppressed")
    ]
    pool = own or [p.period_key for p in points if p.has_figure]
    return max(pool, key=lambda k: (k[1], k[0])) if pool else None


def territory_page(place: Territory, language: str) -> PageData:
    chain = lineage(place)
    codes = [t.code for t in chain]
    grouped = lineage_points(codes, shown_for=place.code)
    goals = catalogue_overview()
    sections, rows, has_example = [], [], False
    with translation.override(language):
        for goal in goals:
            entries, missing = [], []
            for row in goal.indicators:
                indicator = row.indicator
                if not row.usable:
                    continue
                pts = grouped.get(indicator.id, [])
                if not pts:
                    missing.append(indicator)
                    continue
                keys = sorted(
                    {(p.breakdown, p.sex) for p in pts},
                    key=lambda k: (
                        list(indicator.breakdown_categories()).index(k[0])
                        if k[0] in indicator.breakdown_categories()
                        else 99,
                        "TKM".index(k[1]),
                    ),
                )
                for breakdown, sex in keys:
                    series = [p for p in pts if p.breakdown == breakdown and p.sex == sex]
                    period = _latest_shared(series, place.code)
                    at = {p.territory: p for p in series if p.period_key == period}
                    has_example = has_example or any(p.is_example for p in at.values())
                    parts = [indicator.breakdown_label(breakdown)] if breakdown else []
                    if indicator.by_sex:
                        parts.append(labels.sex_label(sex))
                    cells = [
                        {
                            "code": t.code,
                            "text": cell_text(
                                at[t.code], indicator.unit, indicator.decimals, language
                            )
                            if t.code in at
                            else "–",
                        }
                        for t in chain
                    ]
                    entries.append(
                        {
                            "indicator": indicator,
                            "variant": ", ".join(parts),
                            "period": format_period(*period) if period else "–",
                            "cells": cells,
                            "url": indicator_url(
                                indicator.id,
                                territory=place.code,
                                **({"breakdown": breakdown} if breakdown else {}),
                            ),
                        }
                    )
                    rows.append(
                        {
                            "goal": goal.goal.number,
                            "indicator": indicator.id,
                            "breakdown": breakdown,
                            "sex": sex,
                            "period": format_period(*period) if period else "",
                            **{f"value_{t.code}": _plain(at.get(t.code)) for t in chain},
                            "example_data": any(p.is_example for p in at.values()),
                        }
                    )
            sections.append({"goal": goal.goal, "entries": entries, "missing": missing})
    context = {
        "place": place,
        "chain": chain,
        "sections": sections,
        "level_label": labels.level_label(place.level),
        "children": [t for t in territories_by_level()[Level.KOMMUN] if t.parent_id == place.code]
        if place.level == Level.LAN
        else [],
        "lan": territories_by_level()[Level.LAN],
        "kommuner": territories_by_level()[Level.KOMMUN],
    }
    document = {
        "territory": {"code": place.code, "name": place.name, "level": place.level},
        "compared_with": [{"code": t.code, "name": t.name, "level": t.level} for t in chain[1:]],
        "rows": rows,
    }
    return PageData(context, document, rows, has_example)


def _plain(point: Point | None):
    if point is None:
        return ""
    if point.value is not None:
        return point.value
    if point.lower is not None:
        return f"{point.lower}-{point.upper}"
    return point.status


def territory_list_page() -> PageData:
    lan = territories_by_level()[Level.LAN]
    kommuner = territories_by_level()[Level.KOMMUN]
    groups = [{"lan": t, "kommuner": [k for k in kommuner if k.parent_id == t.code]} for t in lan]
    rows = [
        {
            "code": t.code,
            "name": t.name,
            "level": t.level,
            "parent": t.parent_id or "",
            "url": reverse("lab:territory", args=[t.code]),
        }
        for t in territories_by_level()[Level.RIKET] + lan + kommuner
    ]
    return PageData(
        {"groups": groups, "lan": lan, "kommuner": kommuner}, {"territories": rows}, rows, False
    )


# --- Search -----------------------------------------------------------------------------------------


@per_data_version
def _search_index() -> tuple[list[tuple[str, Indicator]], list[tuple[str, Territory]]]:
    indicators = [
        (
            swedish_fold(
                " ".join(
                    [
                        i.id,
                        i.name_sv,
                        i.name_en,
                        i.description_sv,
                        i.description_en,
                        i.area,
                        i.data_source,
                        i.agency,
                    ]
                )
            ),
            i,
        )
        for i in Indicator.objects.select_related("goal").order_by("goal_id", "id")
    ]
    places = [
        (swedish_fold(t.name), t)
        for t in sorted(
            (t for ts in territories_by_level().values() for t in ts),
            key=lambda t: (LEVEL_ORDER[t.level], t.code),
        )
    ]
    return indicators, places


def search_page(query: str) -> PageData:
    searched = matcher(query)
    matches = searched or (lambda text: False)
    indicators, places = _search_index()
    found_indicators = [i for text, i in indicators if matches(text)]
    found_places = [t for text, t in places if matches(text)][:30]
    rows = [
        {
            "kind": "indicator",
            "id": i.id,
            "name": i.name,
            "url": reverse("lab:indicator", args=[i.id]),
        }
        for i in found_indicators
    ]
    rows += [
        {
            "kind": "territory",
            "id": t.code,
            "name": t.name,
            "url": reverse("lab:territory", args=[t.code]),
        }
        for t in found_places
    ]
    context = {
        "query": query,
        "indicators": found_indicators,
        "places": found_places,
        "searched": searched is not None,
        "count": len(found_indicators) + len(found_places),
    }
    return PageData(context, {"query": query, "results": rows}, rows, False)
