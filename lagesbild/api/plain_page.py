"""The short way to a plain observation page: one SQL statement and a tight loop instead of
django-ninja's parameter parsing, the ORM's query building and row-by-row shaping through generators.

A request qualifies when it asks for the first page of a selection in JSON with only the parameters of
/api/v1/observations, each in its plain form (one `limit` of digits, `format=json`, `real_only` true or
false, the single-valued ones given once). Anything else, any value the parameter readers refuse, and
any selection larger than one page (whose answer needs a count and a `next` link) is left to the view in
lagesbild.api.observations, which therefore gives every error and every multi-page answer. Where the
short way answers, it answers the same document, byte for byte: the same filters, order and columns,
small counts suppressed by the same rule (lagesbild.indicators.disclosure, ADR 5), example data marked
the same way, serialised by the same orjson. tests/api/test_plain_page.py compares the two ways over
many combinations of parameters on SQLite and PostgreSQL."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.db import connection
from django.http import HttpResponse

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.core.outputs import marked_document
from lagesbild.indicators.disclosure import publishable
from lagesbild.indicators.models import ImportBatch, Indicator, Observation
from lagesbild.indicators.parsing import parse_period
from lagesbild.indicators.selection import COLUMNS, plain_number
from lagesbild.territories.models import Territory

from . import params
from .caching import answer
from .links import with_query
from .observations import DEFAULT_LIMIT, MAX_LIMIT, ROW_KEY
from .params import ApiError

LIST_PARAMETERS = ("indicator", "territory", "level", "breakdown")
SINGLE_PARAMETERS = ("period", "sex", "limit", "format", "real_only")
PLAIN_LIMIT = re.compile(r"[1-9][0-9]{0,4}")
PLAIN_BOOLEANS = {"true": True, "false": False}
# The observation's own columns among COLUMNS (the others come from the joined tables).
OBSERVATION_COLUMNS = tuple(
    name for name in COLUMNS if name in {field.name for field in Observation._meta.fields}
)


@dataclass(frozen=True)
class PlainSelection:
    indicators: list[str]
    territories: list[str]
    levels: list[str]
    years: tuple[int, int] | None
    sex: str | None
    breakdowns: list[str]
    real_only: bool
    limit: int


def plain_selection(request) -> PlainSelection | None:
    """The request's selection, or None when it is not a plain first page of JSON."""
    query = request.GET
    if any(name not in LIST_PARAMETERS + SINGLE_PARAMETERS for name in query):
        return None
    single = {}
    for name in SINGLE_PARAMETERS:
        values = query.getlist(name)
        if len(values) > 1:
            return None
        single[name] = values[0] if values else None
    limit = single["limit"]
    if limit is not None and not (PLAIN_LIMIT.fullmatch(limit) and int(limit) <= MAX_LIMIT):
        return None
    if single["format"] not in (None, "json") or single["real_only"] not in (None, *PLAIN_BOOLEANS):
        return None
    try:
        params.reject_unreadable(request)
        period = params.period(single["period"])
        return PlainSelection(
            indicators=params.indicator_ids(params.many("indicator", query.getlist("indicator"))),
            territories=params.territory_codes(
                "territory", params.many("territory", query.getlist("territory"))
            ),
            levels=params.levels(params.many("level", query.getlist("level"))),
            years=parse_period(period) if period else None,
            sex=params.sex(single["sex"]),
            breakdowns=params.many("breakdown", query.getlist("breakdown")),
            real_only=PLAIN_BOOLEANS.get(single["real_only"], False),
            limit=int(limit) if limit is not None else DEFAULT_LIMIT,
        )
    except (ApiError, ValueError):
        return None  # the view gives the error, in its words


def _column(model, field: str) -> str:
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(field).column)}"


@functools.cache
def _skeleton(vendor: str) -> tuple[str, dict[str, str]]:
    """SELECT … FROM … JOIN … in COLUMNS order, and the columns filtered on; the same for every
    request of a process (`vendor` keys it: quoting differs between databases)."""
    quote = connection.ops.quote_name
    obs, ind, ter, bat = (
        quote(model._meta.db_table) for model in (Observation, Indicator, Territory, ImportBatch)
    )
    column = {name: _column(Observation, name) for name in OBSERVATION_COLUMNS}
    column |= {
        "indicator_name": _column(Indicator, "name_sv"),
        "territory_name": _column(Territory, "name"),
        "level": _column(Territory, "level"),
        "unit": _column(Indicator, "unit"),
        "source": _column(ImportBatch, "source"),
        "example_data": _column(Observation, "is_example"),
    }
    select = (
        f"SELECT {', '.join(column[name] for name in COLUMNS)} FROM {obs}"
        f" INNER JOIN {ind} ON {column['indicator']} = {_column(Indicator, 'id')}"
        f" INNER JOIN {ter} ON {column['territory']} = {_column(Territory, 'code')}"
        f" INNER JOIN {bat} ON {_column(Observation, 'batch')} = {_column(ImportBatch, 'id')}"
    )
    return select, column


def page_sql(chosen: PlainSelection) -> tuple[str, list]:
    """The page (one row more than the limit, to learn whether there are more) in COLUMNS order,
    filtered as lagesbild.api.observations.selection filters and read in the unique key's order."""
    select, column = _skeleton(connection.vendor)
    conditions, arguments = [], []

    def where(condition: str, *values) -> None:
        conditions.append(condition)
        arguments.extend(values)

    def where_in(name: str, values: list) -> None:
        if values:
            where(f"{column[name]} IN ({', '.join(['%s'] * len(values))})", *values)

    if chosen.real_only:
        where(f"{column['example_data']} = %s", False)
    where_in("indicator", chosen.indicators)
    where_in("territory", chosen.territories)
    where_in("level", chosen.levels)
    if chosen.years:
        first, last = chosen.years
        where(f"{column['period_start']} <= %s AND {column['period_end']} >= %s", last, first)
    if chosen.sex:
        where(f"{column['sex']} = %s", chosen.sex)
    where_in("breakdown", chosen.breakdowns)
    order = ", ".join(column[name] for name in ROW_KEY)
    sql = (
        select
        + (f" WHERE {' AND '.join(conditions)}" if conditions else "")
        + f" ORDER BY {order} LIMIT %s"
    )
    return sql, [*arguments, chosen.limit + 1]


def shaped(stored: list[tuple]) -> list[dict]:
    """Rows as the public sees them: what page_rows in lagesbild.api.observations gives, in one loop."""
    rows = []
    for (
        indicator,
        indicator_name,
        territory,
        territory_name,
        level,
        period_start,
        period_end,
        sex,
        breakdown,
        value,
        lower,
        upper,
        unit,
        status,
        note,
        source,
        example,
    ) in stored:
        value, lower, upper, status = publishable(unit, value, lower, upper, status)
        example = bool(example)  # SQLite gives 0 and 1
        rows.append(
            {
                "indicator": indicator,
                "indicator_name": indicator_name,
                "territory": territory,
                "territory_name": territory_name,
                "level": level,
                "period_start": period_start,
                "period_end": period_end,
                "sex": sex,
                "breakdown": breakdown,
                "value": plain_number(value),
                "lower": plain_number(lower),
                "upper": plain_number(upper),
                "unit": unit,
                "status": status,
                "note": note,
                "source": f"{EXAMPLE_NOTICE} ({source})" if example else source,
                "example_data": example,
            }
        )
    return rows


def plain_page(request) -> HttpResponse | None:
    """The answer to a plain first page that holds its whole selection, or None (the view answers)."""
    chosen = plain_selection(request)
    if chosen is None:
        return None
    sql, arguments = page_sql(chosen)
    with connection.cursor() as cursor:
        cursor.execute(sql, arguments)
        stored = cursor.fetchall()
    if len(stored) > chosen.limit:
        return None  # more than a page: the view counts the selection and links the next page
    rows = shaped(stored)
    data = {
        "count": len(rows),
        "limit": chosen.limit,
        "next": None,
        "csv": with_query(request, format="csv", cursor=None, limit=None),
    }
    data["observations"] = rows
    return answer(marked_document(data, any(row["example_data"] for row in rows)))
