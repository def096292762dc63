"""What the lab reads from the database, in the form its pages, charts and downloads need.

Everything public passes through `lagesbild.indicators.disclosure.publishable`, which suppresses small
counts as official Swedish statistics do (LAGESBILD_SUPPRESS_BELOW, default 5). Facts that many requests need (which
territories, periods and sexes an indicator has data for) are memoised under the content version
(lagesbild.core.versioning), so they can never be older than the database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, F, Max, Q, When

from lagesbild.core.formatting import format_period
from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.core.versioning import PUBLIC_DATA, versioned
from lagesbild.indicators import summaries
from lagesbild.indicators.disclosure import publishable
from lagesbild.indicators.models import (
    ImportBatch,
    Indicator,
    Observation,
    ObservationStatus,
    ObservationSummary,
    Sex,
)
from lagesbild.territories.models import RIKET_CODE, Level, Territory, TerritoryIndex

LEVEL_ORDER = {Level.RIKET: 0, Level.LAN: 1, Level.KOMMUN: 2}
SEX_ORDER = (Sex.TOTAL, Sex.WOMEN, Sex.MEN)


def per_data_version(func):
    """Memoises a function of hashable arguments in this process under the public data's version."""
    return versioned(f"lab:{func.__qualname__}", PUBLIC_DATA)(func)


# --- Territories -------------------------------------------------------------------------------


@per_data_version
def territory_index() -> TerritoryIndex:
    return TerritoryIndex(Territory.objects.order_by("code"))


def territory(code: str) -> Territory | None:
    return territory_index().by_code.get(code)


def lineage(place: Territory) -> list[Territory]:
    """The territory, its län (for a kommun) and riket, without a query per step."""
    by_code = territory_index().by_code
    chain = [place]
    while chain[-1].parent_id and chain[-1].parent_id in by_code:
        chain.append(by_code[chain[-1].parent_id])
    return chain


@per_data_version
def territories_by_level() -> dict[str, list[Territory]]:
    grouped: dict[str, list[Territory]] = {level: [] for level in LEVEL_ORDER}
    for place in territory_index().by_code.values():
        grouped.setdefault(place.level, []).append(place)
    for places in grouped.values():
        places.sort(key=lambda t: t.code)
    return grouped


# --- Observations as the public sees them ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    """One public observation with the names needed to show it."""

    territory: str
    territory_name: str
    level: str
    start: int
    end: int
    sex: str
    breakdown: str
    value: float | None
    lower: float | None
    upper: float | None
    status: str
    note: str
    batch: int
    is_example: bool

    @property
    def period(self) -> str:
        return format_period(self.start, self.end)

    @property
    def period_key(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def has_figure(self) -> bool:
        return self.value is not None or (self.lower is not None and self.upper is not None)

    @property
    def is_range(self) -> bool:
        return self.value is None and self.lower is not None and self.upper is not None

    @property
    def centre(self) -> float | None:
        """The value, or the middle of a range: what a sentence compares."""
        if self.value is not None:
            return self.value
        if self.lower is not None and self.upper is not None:
            return (self.lower + self.upper) / 2
        return None

    @property
    def footnote_text(self) -> str:
        """The note worth a footnote; the example-data note is said once for the page instead."""
        return "" if self.note == EXAMPLE_NOTICE else self.note


_POINT_FIELDS = (
    "territory_id",
    "territory__name",
    "territory__level",
    "period_start",
    "period_end",
    "sex",
    "breakdown",
    "value",
    "lower",
    "upper",
    "status",
    "note",
    "batch_id",
    "is_example",
)


def points(
    indicator: Indicator,
    *,
    territories: Iterable[str] | None = None,
    level: str | None = None,
    period: tuple[int, int] | None = None,
    sex: str | None = None,
    breakdown: str | None = None,
) -> list[Point]:
    """The indicator's observations, filtered, ordered by territory, breakdown, sex and period."""
    qs = Observation.objects.filter(indicator_id=indicator.id)
    if territories is not None:
        qs = qs.filter(territory_id__in=list(territories))
    if level:
        qs = qs.filter(territory__level=level)
    if period:
        qs = qs.filter(period_start=period[0], period_end=period[1])
    if sex:
        qs = qs.filter(sex=sex)
    if breakdown is not None:
        qs = qs.filter(breakdown=breakdown)
    qs = qs.order_by("territory_id", "breakdown", "sex", "period_start", "period_end")
    result = []
    for row in qs.values_list(*_POINT_FIELDS):
        value, lower, upper, status = publishable(indicator.unit, row[7], row[8], row[9], row[10])
        result.append(
            Point(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                value,
                lower,
                upper,
                status,
                row[11],
                row[12],
                row[13],
            )
        )
    return result


# --- Facts about one indicator -----------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFacts:
    territories: frozenset[str]
    levels: frozenset[str]
    sexes: tuple[str, ...]
    breakdowns: tuple[str, ...]
    periods_by_level: dict[str, tuple[tuple[int, int], ...]]
    has_example: bool
    has_real: bool

    @property
    def has_data(self) -> bool:
        return bool(self.territories)

    def default_territory(self) -> str:
        """Riket when it has data, else the first län, else the first kommun, else riket."""
        if not self.territories or RIKET_CODE in self.territories:
            return RIKET_CODE
        return min(self.territories, key=lambda code: (len(code), code))

    def default_sex(self) -> str:
        return Sex.TOTAL if Sex.TOTAL in self.sexes or not self.sexes else self.sexes[0]

    def default_breakdown(self, indicator: Indicator) -> str:
        categories = list(indicator.breakdown_categories())
        present = [c for c in categories if c in self.breakdowns]
        return (present or categories or [""])[0]

    def latest_period(self, level: str) -> tuple[int, int] | None:
        periods = self.periods_by_level.get(level, ())
        return max(periods, key=lambda p: (p[1], p[0])) if periods else None


@per_data_version
def indicator_facts(indicator_id: str) -> IndicatorFacts:
    # From the summary the imports keep, and one probe per territory: the cost does not grow with
    # the years stored.
    territories = frozenset(summaries.territories_of(indicator_id, with_figure=True))
    periods: dict[str, set] = {}
    sexes, breakdowns, examples = set(), set(), set()
    for level, start, end, sex, breakdown, is_example in ObservationSummary.objects.filter(
        indicator_id=indicator_id
    ).values_list("level", "period_start", "period_end", "sex", "breakdown", "is_example"):
        periods.setdefault(level, set()).add((start, end))
        sexes.add(sex)
        breakdowns.add(breakdown)
        examples.add(is_example)
    indicator = Indicator.objects.get(pk=indicator_id)
    categories = list(indicator.breakdown_categories())
    return IndicatorFacts(
        territories=territories,
        levels=frozenset(periods),
        sexes=tuple(s for s in SEX_ORDER if s in sexes),
        breakdowns=tuple(c for c in categories if c in breakdowns)
        + tuple(sorted(b for b in breakdowns if b not in categories)),
        periods_by_level={level: tuple(sorted(found)) for level, found in periods.items()},
        has_example=True in examples,
        has_real=False in examples,
    )


# --- Across the catalogue ----------------------------------------------------------------------


@dataclass(frozen=True)
class LevelData:
    real: bool = False
    example: bool = False


@per_data_version
def data_by_level() -> dict[str, dict[str, LevelData]]:
    """indicator id → level → whether it has real and/or example figures there (from the summary
    the imports keep, lagesbild.indicators.summaries)."""
    found: dict[str, dict[str, dict[str, bool]]] = {}
    for indicator_id, level, _breakdown, is_example in summaries.levels_with_figures():
        flags = found.setdefault(indicator_id, {}).setdefault(
            level, {"real": False, "example": False}
        )
        flags["example" if is_example else "real"] = True
    return {
        i: {level: LevelData(**flags) for level, flags in levels.items()}
        for i, levels in found.items()
    }


def latest_periods() -> dict[str, tuple[int, int]]:
    """indicator id → its latest period with a figure anywhere."""
    return summaries.latest_periods()


def lineage_points(codes: list[str], shown_for: str | None = None) -> dict[str, list[Point]]:
    """The observations of the given territories, grouped by indicator (for the territory page).
    With `shown_for`, only those the page of that territory shows (see `_shown_periods`)."""
    indicators = {i.id: i for i in Indicator.objects.all()}
    grouped: dict[str, list[Point]] = {}
    qs = Observation.objects.filter(territory_id__in=codes)
    keep = None
    if shown_for is not None:
        qs, keep = _shown_periods(qs, shown_for)
    qs = qs.order_by(
        "indicator_id", "breakdown", "sex", "period_start", "period_end", "territory_id"
    )
    for row in qs.values_list("indicator_id", *_POINT_FIELDS):
        if keep is not None and not keep(row[0], row[7], row[6], row[4], row[5]):
            continue
        indicator = indicators[row[0]]
        value, lower, upper, status = publishable(indicator.unit, row[8], row[9], row[10], row[11])
        grouped.setdefault(row[0], []).append(
            Point(
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                row[7],
                value,
                lower,
                upper,
                status,
                row[12],
                row[13],
                row[14],
            )
        )
    return grouped


def _shown_periods(qs, place: str):
    """The territory page shows, per series (indicator, breakdown, sex), the latest period in which
    the territory has a figure or a suppressed value, with the same period of its län and riket.
    Reading every period of three territories grows with the years stored, so the latest period is
    found by the database first and only its rows are read; a series in which the territory has
    nothing keeps all its rows (the page then takes the latest figure of the others). Returns the
    narrowed queryset and the test each row must pass: keep(indicator, breakdown, sex, start, end)."""
    shown = Q(territory_id=place) & (
        Q(value__isnull=False) | Q(lower__isnull=False) | Q(status=ObservationStatus.SUPPRESSED)
    )
    # The latest period is the one ending last; of two ending the same year, the later start: one
    # number, end × 10000 + start, orders them so.
    order = F("period_end") * 10000 + F("period_start")
    latest: dict[tuple[str, str, str], tuple[int, int]] = {}
    others: set[tuple[str, str, str]] = set()
    rows = (
        qs.order_by()
        .values("indicator_id", "breakdown", "sex")
        .annotate(last=Max(Case(When(shown, then=order))))
    )
    for row in rows:
        series = (row["indicator_id"], row["breakdown"], row["sex"])
        if row["last"] is None:
            others.add(series)
        else:
            latest[series] = (row["last"] % 10000, row["last"] // 10000)
    periods = Q(pk__in=[])
    for start, end in set(latest.values()):
        periods |= Q(period_start=start, period_end=end)
    wanted = periods | Q(indicator_id__in={series[0] for series in others})

    def keep(indicator_id, breakdown, sex, start, end) -> bool:
        series = (indicator_id, breakdown, sex)
        period = latest.get(series)
        return period == (start, end) if period is not None else series in others

    return qs.filter(wanted), keep


def batches(ids: Iterable[int]) -> list[ImportBatch]:
    """The import batches behind the figures shown, newest first: the page's provenance."""
    return list(ImportBatch.objects.filter(id__in=set(ids)).order_by("-retrieved_at", "-id"))


@per_data_version
def recent_batches(limit: int = 5) -> list[ImportBatch]:
    return list(ImportBatch.objects.exclude(rows=0).order_by("-imported_at", "-id")[:limit])
