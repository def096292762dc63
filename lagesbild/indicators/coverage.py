"""Selection and coverage as Rapport 2019:6 does it.

The report's method: use indicators with status kärnindikator or indikator that can be read at
regional level for the years in question. Coverage counts, per goal and level, how many indicators
exist and how many can be read ("26 av totalt 81").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db.models import Count

from lagesbild.territories.models import Level

from .models import Goal, Indicator, Observation, Status

USABLE_STATUSES = (Status.CORE, Status.INDICATOR)
LEVELS = (Level.RIKET, Level.LAN, Level.KOMMUN)


def select_indicators(
    *,
    statuses: Iterable[str] = USABLE_STATUSES,
    level: str | None = Level.LAN,
    years: Iterable[int] = (),
    territory: str | None = None,
    goal: int | None = None,
) -> list[Indicator]:
    """Indicators with one of the statuses, readable at the level, with data for every one of the years.

    With a territory, the years must have data for that territory; otherwise for any territory at the level."""
    years = sorted(set(years))
    indicators = Indicator.objects.filter(status__in=list(statuses)).select_related("goal")
    if goal is not None:
        indicators = indicators.filter(goal_id=goal)
    chosen = [i for i in indicators if level is None or i.readable_at(level)]
    if not years:
        return chosen
    observations = Observation.objects.exclude(value__isnull=True, lower__isnull=True)
    observations = observations.filter(territory_id=territory) if territory else observations
    if level:
        observations = observations.filter(territory__level=level)
    covered: dict[str, set[int]] = {}
    for indicator_id, start, end in observations.values_list(
        "indicator_id", "period_start", "period_end"
    ).distinct():
        covered.setdefault(indicator_id, set()).update(range(start, end + 1))
    return [i for i in chosen if set(years) <= covered.get(i.id, set())]


@dataclass
class GoalCoverage:
    goal: int
    name_sv: str
    name_en: str
    declared_total: int | None
    declared_regional: int | None
    in_catalogue: int
    by_status: dict[str, int]
    readable: dict[str, int]
    with_data: dict[str, int]

    def as_dict(self) -> dict:
        return asdict(self)


def coverage(territory: str | None = None) -> list[GoalCoverage]:
    """Per goal: declared totals, catalogue counts by status, readable and with-data counts by level.

    "readable" counts usable indicators (kärnindikator or indikator) the catalogue says can be read at
    the level; "with_data" counts those that have at least one observation at that level."""
    indicators = list(Indicator.objects.all())
    data = Observation.objects.values("indicator_id", "territory__level").annotate(n=Count("id"))
    if territory:
        data = data.filter(territory_id=territory)
    has_data = {(row["indicator_id"], row["territory__level"]) for row in data}
    result = []
    for goal in Goal.objects.all():
        mine = [i for i in indicators if i.goal_id == goal.number]
        usable = [i for i in mine if i.status in USABLE_STATUSES]
        result.append(
            GoalCoverage(
                goal=goal.number,
                name_sv=goal.name_sv,
                name_en=goal.name_en,
                declared_total=goal.declared_total,
                declared_regional=goal.declared_regional,
                in_catalogue=len(mine),
                by_status={s.value: sum(1 for i in mine if i.status == s) for s in Status},
                readable={
                    lvl.value: sum(1 for i in usable if i.readable_at(lvl)) for lvl in LEVELS
                },
                with_data={
                    lvl.value: sum(1 for i in usable if (i.id, lvl.value) in has_data)
                    for lvl in LEVELS
                },
            )
        )
    return result


def declared_totals(rows: list[GoalCoverage]) -> tuple[int, int]:
    """(readable at regional level, total) as the source documents count them, e.g. (26, 82)."""
    return (sum(r.declared_regional or 0 for r in rows), sum(r.declared_total or 0 for r in rows))
