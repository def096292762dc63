"""Counts of observations kept beside them, so that pages about the whole catalogue never scan every
observation.

`ObservationSummary` holds, per indicator × territory level × period × sex × breakdown × example ×
import batch, how many observations there are and how many carry a figure (a value or an interval). The import path
(lagesbild.sources.importing, the only way observations are written) calls `refresh` with the
indicators it touched, inside its own transaction: their rows are recounted from the observations, so
the summary is right after every import, and a rolled-back import rolls the recount back with it.
Recounting is simpler than adding and subtracting per row and cannot drift.

The readers below answer what the start, goal and coverage pages, `/api/v1/coverage`, counted API
selections and the feeds of new data ask; anything the summary cannot answer (a selection by territory) is counted from the
observations as before."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection
from django.db.models import Exists, Max, Min, OuterRef, QuerySet, Sum
from django.db.models.expressions import Col
from django.db.models.lookups import Lookup
from django.db.models.sql.where import AND, WhereNode

from lagesbild.core.models import Area
from lagesbild.core.versioning import versioned
from lagesbild.territories.models import Territory

from .models import IndicatorLevelSummary, Observation, ObservationSummary

# SQLite allows at most 999 parameters in older versions; a refresh names its indicators in chunks.
IDS_PER_STATEMENT = 500
LEVEL_KEY = ("indicator_id", "level", "breakdown", "is_example", "batch_id")
KEY = (
    "indicator_id",
    "level",
    "period_start",
    "period_end",
    "sex",
    "breakdown",
    "is_example",
    "batch_id",
)


def _count_sql(where: str) -> str:
    """The summary rows counted from the observations (restricted by `where`, on alias o)."""
    quote = connection.ops.quote_name
    observation = quote(Observation._meta.db_table)
    territory = quote(Territory._meta.db_table)
    return (
        "SELECT o.indicator_id, t.level, o.period_start, o.period_end, o.sex, o.breakdown, "
        "o.is_example, o.batch_id, COUNT(*), "
        "SUM(CASE WHEN o.value IS NOT NULL OR o.lower IS NOT NULL THEN 1 ELSE 0 END) "
        f"FROM {observation} o JOIN {territory} t ON t.code = o.territory_id {where} "
        "GROUP BY o.indicator_id, t.level, o.period_start, o.period_end, o.sex, o.breakdown, "
        "o.is_example, o.batch_id"
    )


def _recount_sql(where: str) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(map(quote, (*KEY, "observations", "figures")))
    return f"INSERT INTO {quote(ObservationSummary._meta.db_table)} ({columns}) {_count_sql(where)}"


def _by_level_sql(where: str) -> str:
    """IndicatorLevelSummary summed from ObservationSummary (restricted by `where`)."""
    quote = connection.ops.quote_name
    columns = ", ".join(map(quote, (*LEVEL_KEY, "observations", "figures", "latest")))
    key = ", ".join(map(quote, LEVEL_KEY))
    return (
        f"INSERT INTO {quote(IndicatorLevelSummary._meta.db_table)} ({columns}) "
        f"SELECT {key}, SUM({quote('observations')}), SUM({quote('figures')}), "
        f"MAX(CASE WHEN {quote('figures')} > 0 THEN period_end * 10000 + period_start END) "
        f"FROM {quote(ObservationSummary._meta.db_table)} {where} GROUP BY {key}"
    )


def refresh(
    indicator_ids: Iterable[str],
    *,
    counted: tuple[list[str], Counter, Counter] | None = None,
    batch: tuple[bool, int] | None = None,
) -> None:
    """Recounts the summary rows of these indicators from their observations. Call it inside the
    transaction that changed the observations. Plain SQL: no model signals, one statement per chunk.

    `counted` = (indicators, rows, figures): indicators whose every observation came in through this
    transaction's `batch` = (is_example, batch id), already counted per (indicator, level, first
    year, last year, sex, breakdown); their rows are stored as counted instead of recounted."""
    ids = sorted(set(indicator_ids))
    first, rows, figures = counted or ([], Counter(), Counter())
    counted_ids = set(first)
    recounted = [indicator_id for indicator_id in ids if indicator_id not in counted_ids]
    with connection.cursor() as cursor:
        for chunk, marks in _chunks(ids):
            for model in (ObservationSummary, IndicatorLevelSummary):
                cursor.execute(
                    f"DELETE FROM {_table(model)} WHERE indicator_id IN ({marks})",
                    chunk,
                )
        for chunk, marks in _chunks(recounted):
            cursor.execute(_recount_sql(f"WHERE o.indicator_id IN ({marks})"), chunk)
    if rows:
        is_example, batch_id = batch
        ObservationSummary.objects.bulk_create(
            (
                ObservationSummary(
                    **dict(zip(KEY, (*key, is_example, batch_id))),
                    observations=count,
                    figures=figures[key],
                )
                for key, count in rows.items()
            ),
            batch_size=2000,
        )
    with connection.cursor() as cursor:
        for chunk, marks in _chunks(ids):
            cursor.execute(_by_level_sql(f"WHERE indicator_id IN ({marks})"), chunk)


def _chunks(ids: list[str]):
    for start in range(0, len(ids), IDS_PER_STATEMENT):
        chunk = ids[start : start + IDS_PER_STATEMENT]
        yield chunk, ", ".join(["%s"] * len(chunk))


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def rebuild() -> None:
    """Recounts every summary row (after restoring data written by hand, or to check the summary)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in (ObservationSummary, IndicatorLevelSummary):
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
        cursor.execute(_recount_sql(""))
        cursor.execute(_by_level_sql(""))


def recount() -> dict[tuple, tuple[int, int]]:
    """The summary as a fresh count of the observations would give it: key → (observations, figures).
    What `stored` must equal; tests and the scale benchmark compare the two."""
    with connection.cursor() as cursor:
        cursor.execute(_count_sql(""))
        return {tuple(row[:8]): (row[8], row[9]) for row in cursor.fetchall()}


def by_level(summary: dict[tuple, tuple[int, int]]) -> dict[tuple, tuple[int, int, int | None]]:
    """IndicatorLevelSummary as summing a summary (as `recount` or `stored` give it) gives it:
    (indicator, level, breakdown, example, batch) → (observations, figures, latest)."""
    summed: dict[tuple, tuple[int, int, int | None]] = {}
    for key, (count, figures) in summary.items():
        indicator_id, level, start, end, _sex, breakdown, is_example, batch_id = key
        rows, with_figure, latest = summed.get(
            (indicator_id, level, breakdown, is_example, batch_id), (0, 0, None)
        )
        if figures:
            latest = max(latest or 0, end * 10000 + start)
        summed[(indicator_id, level, breakdown, is_example, batch_id)] = (
            rows + count,
            with_figure + figures,
            latest,
        )
    return summed


def stored_by_level() -> dict[tuple, tuple[int, int, int | None]]:
    return {
        tuple(row[:5]): tuple(row[5:])
        for row in IndicatorLevelSummary.objects.values_list(
            *LEVEL_KEY, "observations", "figures", "latest"
        )
    }


def stored() -> dict[tuple, tuple[int, int]]:
    """The summary as stored: key → (observations, figures)."""
    return {
        tuple(row[:8]): (row[8], row[9])
        for row in ObservationSummary.objects.values_list(*KEY, "observations", "figures")
    }


# --- Readers --------------------------------------------------------------------------------------


def with_figures() -> QuerySet:
    """Summary rows of observations that carry a figure."""
    return ObservationSummary.objects.filter(figures__gt=0)


# The start and coverage pages ask the same questions several times while they are built; the answers
# are kept in this process under the observations' content version, so never older than the data.
@versioned("indicators:levels-with-figures", (Area.OBSERVATIONS,))
def levels_with_figures() -> frozenset[tuple[str, str, str, bool]]:
    """(indicator, level, breakdown, is_example) for which at least one figure is stored."""
    rows = IndicatorLevelSummary.objects.filter(figures__gt=0).values_list(
        "indicator_id", "level", "breakdown", "is_example"
    )
    return frozenset(rows.distinct())


@versioned("indicators:latest-periods", (Area.OBSERVATIONS,))
def latest_periods() -> dict[str, tuple[int, int]]:
    """indicator → its latest period with a figure anywhere (the one ending last; of two ending the
    same year, the one starting later)."""
    rows = (
        IndicatorLevelSummary.objects.exclude(latest=None)
        .values("indicator_id")
        .annotate(last=Max("latest"))
        .order_by()
    )
    return {row["indicator_id"]: (row["last"] % 10000, row["last"] // 10000) for row in rows}


@versioned("indicators:periods-with-figures", (Area.OBSERVATIONS,))
def periods_with_figures(level: str | None = None) -> frozenset[tuple[str, int, int]]:
    """(indicator, first year, last year) with at least one figure (at the level, when given)."""
    rows = with_figures()
    if level:
        rows = rows.filter(level=level)
    return frozenset(rows.values_list("indicator_id", "period_start", "period_end").distinct())


def years_by_indicator() -> dict[str, tuple[int, int]]:
    """indicator → (first year, last year) of its observations."""
    rows = ObservationSummary.objects.values("indicator_id").annotate(
        first=Min("period_start"), last=Max("period_end")
    )
    return {row["indicator_id"]: (row["first"], row["last"]) for row in rows.order_by()}


def territories_of(indicator_id: str, *, with_figure: bool = False) -> set[str]:
    """The territories an indicator has observations (with a figure, if asked) for. One probe of
    the observations' unique key (indicator, territory, …) per territory, so the cost follows the
    number of territories, not of years stored."""
    held = Observation.objects.filter(indicator_id=indicator_id, territory_id=OuterRef("code"))
    if with_figure:
        held = held.exclude(value__isnull=True, lower__isnull=True)
    return set(Territory.objects.filter(Exists(held)).values_list("code", flat=True))


def indicator_data(indicator_id: str) -> dict:
    """How many observations an indicator has, its first and last year, how many territories and
    whether any of it is example data (the API's description of an indicator)."""
    rows = ObservationSummary.objects.filter(indicator_id=indicator_id)
    found = rows.aggregate(
        count=Sum("observations"), first_year=Min("period_start"), last_year=Max("period_end")
    )
    return {
        "count": found["count"] or 0,
        "first_year": found["first_year"],
        "last_year": found["last_year"],
        "territories": len(territories_of(indicator_id)) if found["count"] else 0,
        "example_data": rows.filter(is_example=True).exists(),
    }


def has_example_data() -> bool:
    return IndicatorLevelSummary.objects.filter(is_example=True).exists()


# --- Counting a selection -------------------------------------------------------------------------

# Observation fields the summary has under the same name, and the lookups it answers alike.
_SAME_FIELDS = {
    "indicator": "indicator_id",
    "period_start": "period_start",
    "period_end": "period_end",
    "sex": "sex",
    "breakdown": "breakdown",
    "is_example": "is_example",
}
_LOOKUPS = {"exact", "in", "lt", "lte", "gt", "gte"}


def count_selection(qs: QuerySet) -> int:
    """How many observations a selection holds: summed from the summary when every filter is one the
    summary has (indicator, level, period, sex, breakdown, example data), otherwise counted."""
    filters = _summary_filters(qs)
    if filters is None:
        return qs.count()
    total = ObservationSummary.objects.filter(**filters).aggregate(n=Sum("observations"))["n"]
    return total or 0


def _summary_filters(qs: QuerySet) -> dict | None:
    query = qs.query
    if (
        query.model is not Observation
        or query.distinct
        or query.combinator
        or query.is_sliced
        or query.extra
        or query.annotations
    ):
        return None
    filters: dict = {}
    return filters if _collect(query, query.where, filters) else None


def _collect(query, node: WhereNode, filters: dict) -> bool:
    if node.connector != AND or node.negated:
        return False
    for child in node.children:
        if isinstance(child, WhereNode):
            if not _collect(query, child, filters):
                return False
            continue
        name = _summary_lookup(query, child)
        if name is None or name in filters:
            return False
        filters[name] = child.rhs
    return True


def _summary_lookup(query, lookup) -> str | None:
    """`field__lookup` on the summary for a lookup on an observation (or its territory's level)."""
    if not isinstance(lookup, Lookup) or lookup.lookup_name not in _LOOKUPS:
        return None
    column = lookup.lhs
    if not isinstance(column, Col) or hasattr(lookup.rhs, "resolve_expression"):
        return None
    model, field = column.target.model, column.target.name
    if model is Observation and field in _SAME_FIELDS:
        return f"{_SAME_FIELDS[field]}__{lookup.lookup_name}"
    if model is Territory and field == "level" and _is_own_territory(query, column.alias):
        return f"level__{lookup.lookup_name}"
    return None


def _is_own_territory(query, alias: str) -> bool:
    """The column belongs to the observation's own territory (not, say, a parent's)."""
    join = query.alias_map.get(alias)
    return (
        getattr(join, "parent_alias", None) == query.base_table
        and getattr(join, "join_field", None) is not None
        and join.join_field.name == "territory"
        and join.join_field.model is Observation
    )
