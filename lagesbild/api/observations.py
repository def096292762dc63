"""Observations: any slice of the figures, a page at a time as JSON or all at once as streamed CSV.

Pages follow the observation's unique key (indicator, territory, period, sex, breakdown), which is
also the order of its unique index, so the database reads a page straight from the index and the
next page continues after the last key seen (keyset paging) instead of counting past an offset."""

import base64
import binascii
import json
from typing import Literal

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from ninja import Query, Router

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.core.outputs import Output, marked_document, respond
from lagesbild.indicators.models import Observation
from lagesbild.indicators.selection import (
    COLUMNS,
    ROW_FIELDS,
    ObservationFilter,
    SelectionError,
    observation_rows,
    observations_output,
    plain_number,
)
from lagesbild.indicators.summaries import count_selection

from . import params, schemas
from .caching import answer, cached_answer
from .links import with_query
from .params import ApiError, missing

router = Router()
KEY_FIELDS = ("indicator_id", "territory_id", "period_start", "period_end", "sex", "breakdown")
KEY_TYPES = (str, str, int, int, str, str)
ROW_KEY = ("indicator", "territory", "period_start", "period_end", "sex", "breakdown")
DEFAULT_LIMIT, MAX_LIMIT = 1000, 10_000
# The columns observation_rows reads, in COLUMNS order. observation_rows streams through a server-side
# cursor, right for a CSV of any size; a page is small and is cheaper in one round trip. Tests check
# that both give the same rows.
PAGE_FIELDS = ROW_FIELDS

CSV_CONTENT = {"text/csv": {"schema": {"type": "string"}, "example": ",".join(COLUMNS) + "\n"}}


def encode_cursor(row: dict) -> str:
    key = [row[name] for name in ROW_KEY]
    return (
        base64.urlsafe_b64encode(json.dumps(key, ensure_ascii=False).encode()).decode().rstrip("=")
    )


def decode_cursor(token: str) -> list:
    try:
        key = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if not (
        isinstance(key, list)
        and len(key) == len(KEY_TYPES)
        and all(type(part) is kind for part, kind in zip(key, KEY_TYPES))
    ):
        raise missing("cursor", _("ogiltig markör; använd adressen i svarets 'next'"))
    if any("\x00" in part for part in key if isinstance(part, str)):
        raise missing("cursor", _("ogiltig markör; använd adressen i svarets 'next'"))
    return key


def after(qs: QuerySet, key: list) -> QuerySet:
    """Rows whose unique key sorts after `key`: one row-value comparison the unique index answers."""
    quote = connection.ops.quote_name
    table = quote(Observation._meta.db_table)
    columns = ", ".join(f"{table}.{quote(name)}" for name in KEY_FIELDS)
    placeholders = ", ".join(["%s"] * len(KEY_FIELDS))
    return qs.filter(RawSQL(f"({columns}) > ({placeholders})", key, output_field=BooleanField()))


def selection(
    indicator, territory, level, period, sex, breakdown, real_only: bool = False
) -> QuerySet:
    """The filtered observations in key order. Indicators and territories are checked against lists kept
    in memory, so they are filtered here rather than by ObservationFilter, which would query for them."""
    ids = params.indicator_ids(params.many("indicator", indicator))
    codes = params.territory_codes("territory", params.many("territory", territory))
    chosen = ObservationFilter(
        levels=params.levels(params.many("level", level)),
        period=params.period(period),
        sex=params.sex(sex),
        breakdowns=params.many("breakdown", breakdown),
        real_only=real_only,
    )
    try:
        qs = chosen.queryset()
    except SelectionError as error:
        raise ApiError(400, None, str(error)) from None
    if ids:
        qs = qs.filter(indicator_id__in=ids)
    if codes:
        qs = qs.filter(territory_id__in=codes)
    return qs.order_by(*KEY_FIELDS)


def csv_download(qs: QuerySet):
    output = observations_output(observation_rows(qs))
    output.stream, output.disposition = True, "attachment"
    return respond(output, "csv")


def page_rows(qs: QuerySet) -> list[dict]:
    """A page of observations as the public sees them (small counts suppressed, ADR 5)."""
    rows = []
    stored = (dict(zip(COLUMNS, values, strict=True)) for values in qs.values_list(*PAGE_FIELDS))
    for row in Output(rows=stored, kind="observations").public_rows():
        for name in ("value", "lower", "upper"):
            row[name] = plain_number(row[name])
        if row["example_data"]:
            row["source"] = f"{EXAMPLE_NOTICE} ({row['source']})"
        rows.append(row)
    return rows


def json_page(request, qs: QuerySet, limit: int, cursor: str | None):
    page_qs = after(qs, decode_cursor(cursor)) if cursor else qs
    rows = page_rows(page_qs[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    # A first page that holds the whole selection has counted it already.
    count = len(rows) if not (cursor or more) else count_selection(qs)
    data = {
        "count": count,
        "limit": limit,
        "next": with_query(request, cursor=encode_cursor(rows[-1])) if more else None,
        "csv": with_query(request, format="csv", cursor=None, limit=None),
    }
    data["observations"] = rows
    return answer(marked_document(data, any(row["example_data"] for row in rows)))


@router.get(
    "/observations",
    response={200: schemas.ObservationPage, 400: schemas.Message, 422: schemas.Message},
    url_name="observations",
    tags=["data"],
    summary="Observationer",
    description=(
        "Ett urval av observationerna, en sida i taget (följ `next`), eller hela urvalet som CSV med `format=csv`. "
        "Parametrar som tar flera värden kan upprepas eller kommaseparareras. Exempeldata är märkt per rad "
        "(`example_data`) och med `notice`."
    ),
    openapi_extra={"responses": {200: {"description": "OK", "content": CSV_CONTENT}}},
)
@cached_answer
def observations(
    request,
    indicator: list[str] = Query(None, description="Indikatorns id; flera går bra."),
    territory: list[str] = Query(
        None, description="SCB-kod eller namn (01, 0180, Stockholms län); flera går bra."
    ),
    level: list[str] = Query(None, description="riket, lan eller kommun; flera går bra."),
    period: str | None = Query(
        None, description="Ett år (2017) eller ett intervall (2015-2018): perioder som överlappar."
    ),
    sex: str | None = Query(None, description="T (totalt), K (kvinnor) eller M (män)."),
    breakdown: list[str] = Query(
        None, description="Kategori i indikatorns extra dimension; flera går bra."
    ),
    limit: int = Query(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Högst så många observationer per sida."
    ),
    cursor: str | None = Query(
        None, max_length=400, description="Var sidan börjar; kommer från `next`."
    ),
    format: Literal["json", "csv"] = Query(
        "json", description="json (en sida) eller csv (hela urvalet)."
    ),
    real_only: bool = Query(
        False, description="true: bara verkliga värden, utan genererade exempeldata."
    ),
):
    qs = selection(indicator, territory, level, period, sex, breakdown, real_only)
    answers = {
        "json": lambda: json_page(request, qs, limit, cursor or None),
        "csv": lambda: csv_download(qs),
    }
    return answers[format]()
