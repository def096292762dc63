"""Lists and sums of activities per county, year, sub-assignment (deluppdrag), goal and type.

Participants are summed as registered; when any figure in a sum is approximate ("ca 75") or a lower
bound ("över 300 000") the sum says so. Reach is summed per measure (people reached, users,
visitors, views), never across measures."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lagesbild.indicators.models import Goal

from .models import Activity, ActivityKind, Qualifier, ReachMeasure, SubAssignment


def combined(qualifiers: set[str]) -> str:
    """The qualifier of a sum: exact when every part is, "minst" when the only inexact parts are lower
    bounds (the sum is then a lower bound too), otherwise "ungefär"."""
    inexact = qualifiers - {Qualifier.EXACT}
    if not inexact:
        return Qualifier.EXACT
    return Qualifier.AT_LEAST if inexact == {Qualifier.AT_LEAST} else Qualifier.ABOUT


@dataclass
class Sum:
    key: str
    name: str
    activities: int = 0
    participants: int = 0
    participant_qualifiers: set[str] = field(default_factory=set)
    reach: dict[str, int] = field(default_factory=dict)
    reach_qualifiers: dict[str, set[str]] = field(default_factory=dict)

    def add(self, activity: Activity) -> None:
        self.activities += 1
        if activity.participants is not None:
            self.participants += activity.participants
            self.participant_qualifiers.add(activity.participants_qualifier)
        for figure in activity.reach or []:
            measure = figure.get("measure")
            self.reach[measure] = self.reach.get(measure, 0) + int(figure.get("value") or 0)
            self.reach_qualifiers.setdefault(measure, set()).add(
                figure.get("qualifier", Qualifier.EXACT)
            )

    @property
    def participants_qualifier(self) -> str:
        return combined(self.participant_qualifiers)

    @property
    def participants_inexact(self) -> bool:
        return self.participants_qualifier != Qualifier.EXACT

    @property
    def reach_inexact(self) -> set[str]:
        return {m for m, q in self.reach_qualifiers.items() if combined(q) != Qualifier.EXACT}

    @property
    def reach_rows(self) -> list[tuple[str, int, str]]:
        """(measure in words, sum, qualifier in words or "") in the order of ReachMeasure."""
        labels, qualifiers = dict(ReachMeasure.choices), dict(Qualifier.choices)
        rows = []
        for measure in ReachMeasure.values:
            if measure in self.reach:
                qualifier = combined(self.reach_qualifiers[measure])
                rows.append(
                    (
                        str(labels[measure]),
                        self.reach[measure],
                        "" if qualifier == Qualifier.EXACT else str(qualifiers[qualifier]),
                    )
                )
        return rows

    @property
    def participants_qualifier_label(self) -> str:
        qualifier = self.participants_qualifier
        return "" if qualifier == Qualifier.EXACT else str(dict(Qualifier.choices)[qualifier])

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "activities": self.activities,
            "participants": self.participants,
            "participants_qualifier": self.participants_qualifier,
            "reach": {
                m: {"sum": v, "qualifier": combined(self.reach_qualifiers[m])}
                for m, v in self.reach.items()
            },
        }


@dataclass
class Summary:
    activities: list[Activity]
    total: Sum
    by_sub_assignment: list[Sum]
    by_goal: list[Sum]
    by_kind: list[Sum]

    @property
    def has_example_data(self) -> bool:
        return any(a.is_example for a in self.activities)


def filtered(
    county: str | None = None,
    year: int | None = None,
    sub_assignment: int | None = None,
    goal: int | None = None,
    kind: str | None = None,
    queryset=None,
):
    activities = (
        (queryset if queryset is not None else Activity.objects.public())
        .select_related("county", "sub_assignment", "goal")
        .prefetch_related("target_groups")
    )
    if county:
        activities = activities.filter(county_id=county)
    if year:
        activities = activities.filter(year=year)
    if sub_assignment:
        activities = activities.filter(sub_assignment_id=sub_assignment)
    if goal == 0:
        activities = activities.filter(goal__isnull=True)
    elif goal:
        activities = activities.filter(goal_id=goal)
    if kind:
        activities = activities.filter(kind=kind)
    return activities.order_by(
        "county_id", "-year", "sub_assignment_id", "start_date", "title", "id"
    )


def summarise(activities) -> Summary:
    activities = list(activities)
    total = Sum("total", _("Alla aktiviteter"))
    subs = {s.number: Sum(str(s.number), str(s)) for s in SubAssignment.objects.all()}
    goals = {g.number: Sum(str(g.number), f"{g.number}. {g.name}") for g in Goal.objects.all()}
    no_goal = Sum("0", _("Ingen enskild målsättning"))
    kinds = {k: Sum(k, str(label)) for k, label in ActivityKind.choices}
    for activity in activities:
        total.add(activity)
        subs[activity.sub_assignment_id].add(activity)
        (goals[activity.goal_id] if activity.goal_id else no_goal).add(activity)
        kinds[activity.kind].add(activity)
    by_goal = [s for s in goals.values() if s.activities] + (
        [no_goal] if no_goal.activities else []
    )
    return Summary(
        activities,
        total,
        [s for s in subs.values() if s.activities],
        by_goal,
        [s for s in kinds.values() if s.activities],
    )


def for_report(county_code: str, year: int) -> Summary:
    """The county board's activities of one year, grouped by sub-assignment: for the county report
    (lagesbild.reports reads this; see docs/registers.md)."""
    return summarise(filtered(county=county_code, year=year))


COLUMNS = [
    "id",
    "county",
    "county_name",
    "year",
    "start_date",
    "end_date",
    "sub_assignment",
    "sub_assignment_name",
    "goal",
    "kind",
    "title",
    "target_groups",
    "participants",
    "participants_qualifier",
    "sessions",
    "reach",
    "partners",
    "description",
    "links",
    "source",
    "example_data",
]


def activity_rows(activities) -> list[list]:
    """One row per activity, for the .csv/.xlsx downloads and the .json twin."""
    rows = []
    for a in activities:
        reach = "; ".join(
            f"{f['measure_label']}: {f.get('value')}"
            + (f" ({f['qualifier_label']})" if f.get("qualifier", "exakt") != "exakt" else "")
            + (f" av {f['of_total']}" if f.get("of_total") else "")
            for f in a.reach_figures
        )
        rows.append(
            [
                a.pk,
                a.county_id,
                a.county.name,
                a.year,
                a.start_date.isoformat() if a.start_date else "",
                a.end_date.isoformat() if a.end_date else "",
                a.sub_assignment_id,
                a.sub_assignment.name_sv,
                a.goal_id or "",
                a.kind,
                a.title,
                ", ".join(t.name_sv for t in a.target_groups.all()),
                a.participants if a.participants is not None else "",
                a.participants_qualifier,
                a.sessions if a.sessions is not None else "",
                reach,
                "; ".join(a.partner_list),
                a.description,
                " ".join(a.link_list),
                a.source,
                a.is_example,
            ]
        )
    return rows
