"""Selection and coverage as Rapport 2019:6 does it.

The report's method: use indicators with status kärnindikator or indikator that can be read at
regional level for the years in question. Coverage counts, per goal and level, how many indicators
exist and how many can be read ("26 av totalt 81"), and names the indicators that make the catalogue's
counts differ from the ones the report declares.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from lagesbild.territories.models import Level

from . import summaries
from .models import Goal, Indicator, Observation, Scope, Status

USABLE_STATUSES = (Status.CORE, Status.INDICATOR)
LEVELS = (Level.RIKET, Level.LAN, Level.KOMMUN)


def select_indicators(
    *,
    statuses: Iterable[str] = USABLE_STATUSES,
    level: str | None = Level.LAN,
    years: Iterable[int] = (),
    territory: str | None = None,
    goal: int | None = None,
    scopes: Iterable[str] = (Scope.NATIONAL,),
) -> list[Indicator]:
    """Indicators with one of the statuses and scopes, readable at the level, with data for every one
    of the years.

    With a territory, the years must have data for that territory; otherwise for any territory at the
    level. An indicator whose figures a combined series holds (each crime type's clearance rate in
    bra-personuppklaring) is chosen through that series, as Rapport 2019:6 shows them in one figure."""
    years = sorted(set(years))
    indicators = Indicator.objects.filter(
        status__in=list(statuses), scope__in=list(scopes)
    ).select_related("goal")
    if goal is not None:
        indicators = indicators.filter(goal_id=goal)
    held = {
        target
        for view in Indicator.objects.exclude(dimension=None)
        for target in view.published_indicators().values()
    }
    chosen = [i for i in indicators if i.id not in held and (level is None or i.readable_at(level))]
    if not years:
        return chosen
    covered: dict[str, set[int]] = {}
    for indicator_id, start, end in _periods_with_figures(territory, level):
        covered.setdefault(indicator_id, set()).update(range(start, end + 1))
    return [i for i in chosen if set(years) <= covered.get(i.id, set())]


def _periods_with_figures(territory: str | None, level: str | None) -> set[tuple[str, int, int]]:
    """(indicator, first year, last year) with a figure: from the summary, or for one territory from
    its observations (the territory index finds them)."""
    if not territory:
        return summaries.periods_with_figures(level)
    observations = Observation.objects.exclude(value__isnull=True, lower__isnull=True)
    observations = observations.filter(territory_id=territory)
    if level:
        observations = observations.filter(territory__level=level)
    return set(observations.values_list("indicator_id", "period_start", "period_end").distinct())


@dataclass
class DeclaredDifference:
    """Where the catalogue's count for a goal differs from the count the source declares, and which
    indicators make the difference. Ids throughout, so every page and file can name them."""

    declared_total: int | None
    declared_regional: int | None
    national: list[str]  # nationally recommended indicators in the catalogue
    not_found: int  # declared but not found in public sources (0 when the catalogue has them all)
    beyond_declared: int  # nationally recommended indicators beyond the declared total
    regional: list[str]  # of `national`: usable and readable at län level
    regional_not_found: int
    usable_not_regional: list[
        str
    ]  # usable national indicators the catalogue gives only other levels
    regional_additions: list[str]  # a county's additions, not in the national set
    combined_views: list[str]  # series that gather published indicators; not counted
    notes: str

    @property
    def matches(self) -> bool:
        return self.declared_total == len(self.national) and self.declared_regional == len(
            self.regional
        )


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
    difference: DeclaredDifference

    def as_dict(self) -> dict:
        return asdict(self)


def counted(indicator: Indicator) -> bool:
    """An indicator of its own: combined views (series gathering published indicators) are not."""
    return not indicator.is_combined_view


def levels_with_data(territory: str | None = None) -> set[tuple[str, str]]:
    """(indicator id, level) pairs with at least one figure; a combined view's figures count for the
    published indicator each category belongs to."""
    combined = {
        i.id: i.published_indicators()
        for i in Indicator.objects.exclude(dimension=None)
        if i.is_combined_view
    }
    found = set()
    for indicator_id, level, breakdown in _levels_with_figures(territory):
        found.add((indicator_id, level))
        target = combined.get(indicator_id, {}).get(breakdown)
        if target:
            found.add((target, level))
    return found


def _levels_with_figures(territory: str | None) -> set[tuple[str, str, str]]:
    """(indicator, level, breakdown) with a figure: from the summary, or for one territory from its
    observations."""
    if not territory:
        return {(i, level, b) for i, level, b, _example in summaries.levels_with_figures()}
    data = Observation.objects.exclude(value__isnull=True, lower__isnull=True)
    data = data.filter(territory_id=territory)
    return set(data.values_list("indicator_id", "territory__level", "breakdown").distinct())


def declared_difference(goal: Goal, indicators: list[Indicator]) -> DeclaredDifference:
    own = [i for i in indicators if counted(i)]
    national = [i for i in own if i.scope == Scope.NATIONAL]
    regional = [i for i in national if i.status in USABLE_STATUSES and i.readable_at(Level.LAN)]
    total = goal.declared_total
    declared_regional = goal.declared_regional
    return DeclaredDifference(
        declared_total=total,
        declared_regional=declared_regional,
        national=[i.id for i in national],
        not_found=max((total or 0) - len(national), 0),
        beyond_declared=max(len(national) - (total or 0), 0) if total is not None else 0,
        regional=[i.id for i in regional],
        regional_not_found=max((declared_regional or 0) - len(regional), 0),
        usable_not_regional=[
            i.id for i in national if i.status in USABLE_STATUSES and not i.readable_at(Level.LAN)
        ],
        regional_additions=[i.id for i in own if i.scope == Scope.REGIONAL],
        combined_views=[i.id for i in indicators if not counted(i)],
        notes=goal.notes,
    )


def coverage(territory: str | None = None) -> list[GoalCoverage]:
    """Per goal: declared totals, catalogue counts by status, readable and with-data counts by level,
    and the indicators that make any difference to the declared totals.

    Counts are of indicators of their own (combined views excluded). "readable" counts usable
    indicators (kärnindikator or indikator) the catalogue says can be read at the level; "with_data"
    counts those with at least one figure at that level."""
    indicators = list(Indicator.objects.order_by("goal_id", "id"))
    has_data = levels_with_data(territory)
    result = []
    for goal in Goal.objects.all():
        mine = [i for i in indicators if i.goal_id == goal.number]
        own = [i for i in mine if counted(i)]
        usable = [i for i in own if i.status in USABLE_STATUSES]
        result.append(
            GoalCoverage(
                goal=goal.number,
                name_sv=goal.name_sv,
                name_en=goal.name_en,
                declared_total=goal.declared_total,
                declared_regional=goal.declared_regional,
                in_catalogue=len(own),
                by_status={s.value: sum(1 for i in own if i.status == s) for s in Status},
                readable={
                    lvl.value: sum(1 for i in usable if i.readable_at(lvl)) for lvl in LEVELS
                },
                with_data={
                    lvl.value: sum(1 for i in usable if (i.id, lvl.value) in has_data)
                    for lvl in LEVELS
                },
                difference=declared_difference(goal, mine),
            )
        )
    return result


def difference_lines(row: GoalCoverage, names: dict[str, str] | None = None) -> list[str]:
    """The difference to the declared totals in sentences, naming each indicator (by `names`, id →
    name, or by id)."""
    d = row.difference
    name = (names or {}).get

    def listing(ids: list[str]) -> str:
        return "; ".join(name(i) or i for i in ids)

    lines = []
    if d.declared_total is not None:
        text = _("Enligt källan %(declared)d indikatorer, i katalogen %(found)d") % {
            "declared": d.declared_total,
            "found": len(d.national),
        }
        if d.not_found:
            text += _(": %(n)d har inte hittats i publika källor") % {"n": d.not_found}
        elif d.beyond_declared:
            text += _(": %(n)d fler än källan anger") % {"n": d.beyond_declared}
        lines.append(text + ".")
        if d.not_found and d.notes:
            lines.append(d.notes)
    if d.declared_regional is not None:
        text = _("Läsbara på regional nivå enligt källan %(declared)d, i katalogen %(found)d") % {
            "declared": d.declared_regional,
            "found": len(d.regional),
        }
        lines.append(text + (": " + listing(d.regional) if d.regional else "") + ".")
    if d.regional_not_found and d.usable_not_regional:
        lines.append(
            _("Användbara indikatorer som katalogen inte anger som läsbara på länsnivå: %(ids)s.")
            % {"ids": listing(d.usable_not_regional)}
        )
    if d.regional_additions:
        lines.append(
            _("Regionala tillägg, utanför den nationella uppsättningen: %(ids)s.")
            % {"ids": listing(d.regional_additions)}
        )
    if d.combined_views:
        lines.append(
            _("Sammanställningar som inte räknas som egna indikatorer: %(ids)s.")
            % {"ids": listing(d.combined_views)}
        )
    return lines


def declared_totals(rows: list[GoalCoverage]) -> tuple[int, int]:
    """(readable at regional level, total) as the source documents count them, e.g. (26, 82)."""
    return (sum(r.declared_regional or 0 for r in rows), sum(r.declared_total or 0 for r in rows))
