"""Regional strategies beside the national one: a county's own goals and the indicators that follow
them, as the catalogue files define them (`regional_strategies`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch

from .models import Indicator, RegionalGoal


def regional_goals_of(county_code: str) -> list[RegionalGoal]:
    """The goals of the county's own strategy in order, each with its indicators prefetched
    (`goal.indicators.all()`, ordered like the catalogue); empty when the county has none."""
    return list(
        RegionalGoal.objects.filter(county_id=county_code)
        .select_related("county")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("goal_id", "id"))
        )
    )


def regional_goals_by_indicator(
    indicator_ids: Iterable[str] | None = None,
) -> dict[str, list[RegionalGoal]]:
    """Indicator id → the regional goals (of every county) it follows, in county and goal order."""
    links = RegionalGoal.indicators.through.objects.select_related(
        "regionalgoal", "regionalgoal__county"
    ).order_by("regionalgoal__county_id", "regionalgoal__number")
    if indicator_ids is not None:
        links = links.filter(indicator_id__in=list(indicator_ids))
    found: dict[str, list[RegionalGoal]] = {}
    for link in links:
        found.setdefault(link.indicator_id, []).append(link.regionalgoal)
    return found
