"""SCB's statistical database through PxWeb: PxWebApi 2.0 and the older API v1, both answering JSON-stat 2.0.

- v2: `POST {base}/tables/{id}/data?lang=sv&outputFormat=json-stat2` with
  `{"selection": [{"variableCode", "valueCodes", "codelist"}]}`; limits from `GET {base}/config`
  (`maxDataCells`, `maxCallsPerTimeWindow`, `timeWindow`); metadata from `/tables/{id}/metadata`.
- v1: `POST {base}/{table path}` with `{"query": [{"code", "selection": {"filter", "values"}}],
  "response": {"format": "json-stat2"}}`; limits from `GET {api root}/?config` (`maxValues`, `maxCalls`,
  `timeWindow`); metadata from `GET {base}/{table path}`.

A selection larger than the service's cell limit is split along its largest explicit variable into
several queries; all answers are decoded before anything is written. Region codes ("00" riket, two-digit
län, four-digit kommun) are SCB's own; sex codes 1, 2 and 1+2 become M, K and T.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from lagesbild.indicators.models import BatchKind, Indicator, ObservationStatus, Sex

from . import jsonstat
from .fetching import (
    BadRequest,
    Fetched,
    FetchOutcome,
    http_client,
    import_fetched,
    require_records,
)
from .http import HttpClient, SourceError
from .importing import BatchInfo
from .mappings import load_mapping

SCB_V2 = "https://statistikdatabasen.scb.se/api/v2"
SCB_V1 = "https://api.scb.se/OV0104/v1/doris/sv/ssd"
# Used only when the service does not answer its configuration request.
FALLBACK_MAX_CELLS = 100_000
SEX_CODES = {"1": Sex.MEN, "2": Sex.WOMEN, "1+2": Sex.TOTAL}
REGION_NAMES = ("Region", "region", "Lan", "Län", "Kommun")
SEX_NAMES = ("Kon", "Kön", "kon", "kön")
TIME_NAMES = ("Tid", "tid", "Ar", "År")
CONTENTS_NAMES = ("ContentsCode",)
MISSING_SYMBOLS = {
    "..": "uppgift inte tillgänglig eller för osäker för att anges",
    ".": "uppgift kan inte förekomma",
}
ZERO_SYMBOL = "-"
PRELIMINARY_SYMBOLS = ("p", "prel", "*")
TABLE_ID = re.compile(r"[\w./-]+")


def unconfirmed_tables() -> list[dict]:
    """Indicators whose SCB table is still a placeholder in mappings/pxweb.yml, with search words."""
    return [e for e in load_mapping("pxweb")["tables"] if e["table"] is None]


@dataclass
class Variable:
    code: str
    values: list[str]
    codelist: str | None = None
    filter: str | None = None

    @property
    def explicit(self) -> bool:
        """Plain value codes, as opposed to expressions such as *, top(3) or from(2015)."""
        if self.filter and not (self.filter == "item" or self.filter.startswith(("vs:", "agg:"))):
            return False
        return all(not any(mark in v for mark in "*?(") for v in self.values)

    def with_values(self, values: list[str]) -> Variable:
        return Variable(self.code, list(values), self.codelist, self.filter)

    def v2(self) -> dict:
        found = {"variableCode": self.code, "valueCodes": self.values}
        if self.codelist:
            found["codelist"] = self.codelist
        return found

    def v1(self) -> dict:
        return {
            "code": self.code,
            "selection": {"filter": self._v1_filter(), "values": self._v1_values()},
        }

    def _v1_filter(self) -> str:
        if self.filter:
            return self.filter
        if self.values == ["*"]:
            return "all"
        if self.codelist:
            kind, _, name = self.codelist.partition("_")
            return f"{kind}:{name}"
        return "item"

    def _v1_values(self) -> list[str]:
        return ["*"] if self._v1_filter() == "all" else self.values


@dataclass
class PxQuery:
    table: str
    variables: list[Variable]
    api: str = "v2"
    lang: str = "sv"

    def __post_init__(self):
        if self.api not in ("v1", "v2"):
            raise BadRequest(f"okänd PxWeb-version {self.api!r} (använd v1 eller v2)")
        if not self.table.strip():
            raise BadRequest("ange en tabell (--table)")
        if ".." in self.table or not TABLE_ID.fullmatch(self.table):
            raise BadRequest(
                f"{self.table!r} är inget tabell-id eller tabellsökväg (bokstäver, siffror, _ - . och /)"
            )
        codes = [v.code for v in self.variables]
        if len(set(codes)) != len(codes):
            raise BadRequest(f"samma variabel är vald flera gånger: {', '.join(codes)}")

    def replaced(self, variable: Variable) -> PxQuery:
        return PxQuery(
            self.table,
            [variable if v.code == variable.code else v for v in self.variables],
            self.api,
            self.lang,
        )

    def body(self) -> dict:
        if self.api == "v2":
            return {"selection": [v.v2() for v in self.variables]}
        return {"query": [v.v1() for v in self.variables], "response": {"format": "json-stat2"}}

    def as_dict(self) -> dict:
        return {
            "api": self.api,
            "table": self.table,
            "lang": self.lang,
            "selection": {
                v.code: {"values": v.values, "codelist": v.codelist, "filter": v.filter}
                for v in self.variables
            },
        }


@dataclass
class PxMapping:
    """How a table's dimensions become observations."""

    indicator: str | None = None
    contents: dict[str, str] = field(default_factory=dict)
    breakdown: str | None = None
    categories: dict[str, str] = field(default_factory=dict)
    region: str | None = None
    sex: str | None = None
    time: str | None = None
    scale: float = 1.0

    def indicator_ids(self) -> set[str]:
        return {i for i in (self.indicator, *self.contents.values()) if i}

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, {}, 1.0)}


@dataclass(frozen=True)
class Limits:
    max_cells: int
    max_calls: int | None = None
    window: float | None = None
    from_service: bool = True


class PxWeb:
    def __init__(
        self, client: HttpClient, api: str = "v2", base_url: str | None = None, lang: str = "sv"
    ):
        self.client = client
        self.api = api
        self.base_url = (base_url or (SCB_V2 if api == "v2" else SCB_V1)).rstrip("/")
        self.lang = lang

    def table_url(self, table: str) -> str:
        return (
            f"{self.base_url}/tables/{table}"
            if self.api == "v2"
            else f"{self.base_url}/{table.strip('/')}"
        )

    def limits(self) -> Limits:
        """The service's own limits: v2 `/config`, v1 `?config` at the API root."""
        if self.api == "v2":
            url = f"{self.base_url}/config"
            keys = ("maxDataCells", "maxCallsPerTimeWindow", "timeWindow")
        else:
            url = v1_config_url(self.base_url)
            keys = ("maxValues", "maxCalls", "timeWindow")
        try:
            config = self.client.get_json(url)
        except SourceError as error:
            if error.status == 404:
                return Limits(FALLBACK_MAX_CELLS, from_service=False)
            raise
        cells = config.get(keys[0]) if isinstance(config, dict) else None
        if not isinstance(cells, int) or cells <= 0:
            raise SourceError(
                url, f"konfigurationen saknar {keys[0]} (största antal celler per fråga)"
            )
        calls, window = config.get(keys[1]), config.get(keys[2])
        return Limits(
            cells,
            calls if isinstance(calls, int) and calls > 0 else None,
            float(window) if isinstance(window, (int, float)) and window > 0 else None,
        )

    def variable_codes(self, table: str) -> dict[str, list[str]]:
        """Every variable's value codes, from the table's metadata."""
        if self.api == "v2":
            url = f"{self.table_url(table)}/metadata"
            document = self.client.get_json(url, {"lang": self.lang})
            try:
                return {d.id: list(d.codes) for d in jsonstat.dimensions_only(document).values()}
            except jsonstat.JsonStatError as error:
                raise SourceError(url, f"metadata i JSON-stat är felaktiga: {error}") from None
        url = self.table_url(table)
        document = self.client.get_json(url)
        variables = document.get("variables") if isinstance(document, dict) else None
        if not isinstance(variables, list):
            raise SourceError(url, "tabellens metadata saknar listan 'variables'")
        return {
            v["code"]: list(v.get("values", []))
            for v in variables
            if isinstance(v, dict) and "code" in v
        }

    def search(self, text: str) -> list[dict]:
        if self.api == "v2":
            document = self.client.get_json(
                f"{self.base_url}/tables", {"query": text, "lang": self.lang, "pageSize": 100}
            )
            tables = document.get("tables") if isinstance(document, dict) else None
            if not isinstance(tables, list):
                raise SourceError(self.client.calls[-1].url, "svaret saknar listan 'tables'")
            return [
                {"id": t.get("id"), "label": t.get("label"), "updated": t.get("updated")}
                for t in tables
                if isinstance(t, dict)
            ]
        found = self.client.get_json(self.base_url, {"query": text})
        if not isinstance(found, list):
            raise SourceError(self.client.calls[-1].url, "sökningen svarade inte med en lista")
        return [
            {
                "id": f"{t.get('path', '').strip('/')}/{t.get('id')}",
                "label": t.get("title"),
                "updated": t.get("published"),
            }
            for t in found
            if isinstance(t, dict)
        ]

    def queries(self, query: PxQuery, limits: Limits) -> list[PxQuery]:
        """The query, split so that no part asks for more cells than the service allows."""
        available = {}
        if not all(v.explicit for v in query.variables):
            available = self.variable_codes(query.table)
            query = _expand_wildcards(query, available)
        return split(query, limits.max_cells, available)

    def data(self, query: PxQuery, limits: Limits) -> list[tuple[str, jsonstat.Dataset]]:
        """Every part of the query, asked and decoded; nothing is kept unless all parts decode."""
        parts = self.queries(query, limits)
        answers = []
        for number, part in enumerate(parts, start=1):
            self._throttle(limits)
            if self.api == "v2":
                document = self.client.post_json(
                    f"{self.table_url(part.table)}/data",
                    part.body(),
                    {"lang": self.lang, "outputFormat": "json-stat2"},
                )
            else:
                document = self.client.post_json(self.table_url(part.table), part.body())
            where = f"POST {self.client.calls[-1].url}" + (
                f" (fråga {number} av {len(parts)})" if len(parts) > 1 else ""
            )
            try:
                answers.append((where, jsonstat.decode(document)))
            except jsonstat.JsonStatError as error:
                raise SourceError(where, f"svaret är inte giltig JSON-stat 2.0: {error}") from None
        return answers

    def _throttle(self, limits: Limits) -> None:
        """Stays within the calls the service allows per time window, counting every call made."""
        if not limits.max_calls or not limits.window:
            return
        now = datetime.now(UTC)
        recent = [
            c.retrieved_at
            for c in self.client.calls
            if (now - c.retrieved_at).total_seconds() < limits.window
        ]
        if len(recent) >= limits.max_calls:
            oldest = recent[-limits.max_calls]
            self.client.wait(max(0.0, limits.window - (now - oldest).total_seconds()))


def v1_config_url(base_url: str) -> str:
    """v1 answers `?config` at the language level, the parent of the database (…/doris/sv/?config)."""
    url = httpx.URL(base_url)
    parent = url.path.rstrip("/").rsplit("/", 1)[0] + "/"
    return str(url.copy_with(path=parent, query=b"config"))


def _expand_wildcards(query: PxQuery, available: dict[str, list[str]]) -> PxQuery:
    """`*` without a code list becomes the table's codes, so the variable can be counted and split."""
    for variable in query.variables:
        if variable.code not in available:
            raise BadRequest(
                f"tabellen {query.table} har ingen variabel {variable.code!r} "
                f"(variabler: {', '.join(available)})"
            )
        if variable.values == ["*"] and not variable.codelist and not variable.filter:
            query = query.replaced(variable.with_values(available[variable.code]))
    return query


def cell_count(query: PxQuery, available: dict[str, list[str]]) -> int:
    """Cells asked for; an expression counts as every code of its variable, an upper bound."""
    return math.prod(
        len(v.values) if v.explicit else len(available.get(v.code, [])) or 1
        for v in query.variables
    )


def split(
    query: PxQuery, max_cells: int, available: dict[str, list[str]] | None = None
) -> list[PxQuery]:
    available = available or {}
    cells = cell_count(query, available)
    if cells <= max_cells:
        return [query]
    candidates = [v for v in query.variables if v.explicit and len(v.values) > 1]
    if not candidates:
        raise BadRequest(
            f"frågan ger {cells} celler men tjänsten tillåter {max_cells}, och ingen variabel med "
            "uppräknade koder kan delas; välj färre värden"
        )
    widest = max(candidates, key=lambda v: len(v.values))
    rest = cells // len(widest.values)
    size = max(1, max_cells // rest)
    parts = [
        query.replaced(widest.with_values(widest.values[i : i + size]))
        for i in range(0, len(widest.values), size)
    ]
    return [piece for part in parts for piece in split(part, max_cells, available)]


def _pick(
    dataset: jsonstat.Dataset, chosen: str | None, role: str, names: tuple[str, ...]
) -> str | None:
    if chosen:
        if chosen not in dataset.dimensions:
            raise BadRequest(
                f"svaret har ingen dimension {chosen!r} (dimensioner: {', '.join(dataset.ids)})"
            )
        return chosen
    for candidate in dataset.role(role) + list(names):
        if candidate in dataset.dimensions:
            return candidate
    return None


@dataclass
class Roles:
    region: str | None
    time: str
    contents: str | None
    sex: str | None
    breakdown: str | None


def roles_of(dataset: jsonstat.Dataset, mapping: PxMapping, where: str) -> Roles:
    time_dimension = _pick(dataset, mapping.time, "time", TIME_NAMES)
    if time_dimension is None:
        raise SourceError(
            where, f"svaret har ingen tidsdimension (dimensioner: {', '.join(dataset.ids)})"
        )
    roles = Roles(
        _pick(dataset, mapping.region, "geo", REGION_NAMES),
        time_dimension,
        _pick(dataset, None, "metric", CONTENTS_NAMES),
        _pick(dataset, mapping.sex, "", SEX_NAMES),
        _pick(dataset, mapping.breakdown, "", ()),
    )
    used = {roles.region, roles.time, roles.contents, roles.sex, roles.breakdown}
    for dimension_id, size in zip(dataset.ids, dataset.sizes):
        if dimension_id not in used and size > 1:
            raise BadRequest(
                f"dimensionen {dimension_id!r} har {size} värden i svaret från {where}; välj ett värde "
                "eller ange den som uppdelning (breakdown)"
            )
    return roles


def _indicator_for(mapping: PxMapping, contents_code: str | None) -> str | None:
    if contents_code is not None and contents_code in mapping.contents:
        return mapping.contents[contents_code]
    return mapping.indicator


def _value_and_status(cell: jsonstat.Cell) -> tuple[float | None, str, str]:
    """A cell's value, status and note from SCB's symbols."""
    symbol = (cell.status or "").strip()
    if cell.value is not None:
        if symbol.casefold() in PRELIMINARY_SYMBOLS:
            return cell.value, ObservationStatus.PRELIMINARY, ""
        return cell.value, ObservationStatus.OK, f"symbol {symbol!r}" if symbol else ""
    if symbol == ZERO_SYMBOL:
        return 0.0, ObservationStatus.OK, "'-': inget finns att redovisa"
    reason = MISSING_SYMBOLS.get(symbol)
    return (
        None,
        ObservationStatus.MISSING,
        f"{symbol!r}: {reason}" if reason else (f"symbol {symbol!r}" if symbol else ""),
    )


def decode_answer(
    fetched: Fetched, where: str, dataset: jsonstat.Dataset, mapping: PxMapping
) -> None:
    roles = roles_of(dataset, mapping, where)
    if roles.contents is None and not mapping.indicator:
        raise BadRequest("svaret har ingen ContentsCode; ange indikatorn (--indicator)")
    for cell in dataset.cells():
        _decode_cell(fetched, where, dataset, cell, roles, mapping)


def _decode_cell(fetched, where, dataset, cell, roles: Roles, mapping: PxMapping) -> None:
    row = cell.position + 1
    codes = cell.codes
    contents_code = codes.get(roles.contents) if roles.contents else None
    indicator = _indicator_for(mapping, contents_code)
    if indicator is None:
        fetched.problem(
            where,
            row,
            f"{roles.contents}={contents_code}",
            f"innehållet {contents_code!r} har ingen indikator; ange --indicator eller contents",
        )
        return
    period = codes[roles.time]
    if not (period.isdigit() and len(period) == 4) and "-" not in period:
        fetched.problem(
            where,
            row,
            f"{roles.time}={period}",
            f"{period!r} är inget år; bara årsvärden kan importeras",
        )
        return
    sex_code = codes.get(roles.sex) if roles.sex else None
    sex = SEX_CODES.get(sex_code) if sex_code is not None else Sex.TOTAL
    if sex is None:
        fetched.problem(
            where,
            row,
            f"{roles.sex}={sex_code}",
            f"okänd könskod {sex_code!r} (SCB: 1 män, 2 kvinnor, 1+2 totalt)",
        )
        return
    breakdown = ""
    if roles.breakdown:
        code = codes[roles.breakdown]
        breakdown = mapping.categories.get(code) or dataset.dimensions[roles.breakdown].label_of(
            code
        )
    value, status, note = _value_and_status(cell)
    region = codes.get(roles.region, "00") if roles.region else "00"
    fetched.add(
        where,
        row,
        {
            "indicator": indicator,
            "territory": region,
            "period": period,
            "sex": sex,
            "breakdown": breakdown,
            "value": None if value is None else round(value * mapping.scale, 10),
            "status": status,
            "note": note,
        },
        {
            "indicator": f"{roles.contents}={contents_code}" if roles.contents else "indicator",
            "territory": f"{roles.region}={region}" if roles.region else "territory",
            "period": f"{roles.time}={period}",
            "sex": f"{roles.sex}={sex_code}" if roles.sex else "sex",
            "breakdown": f"{roles.breakdown}={codes.get(roles.breakdown)}"
            if roles.breakdown
            else "breakdown",
            "value": f"value[{cell.position}]",
            "status": f"status[{cell.position}]",
        },
    )


def _check_indicators(mapping: PxMapping) -> None:
    wanted = mapping.indicator_ids()
    if not wanted:
        raise BadRequest(
            "ange vilken indikator tabellen ska importeras till (--indicator eller contents)"
        )
    known = set(Indicator.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = sorted(wanted - known)
    if missing:
        raise BadRequest(f"indikatorn {', '.join(missing)} finns inte i katalogen")


def fetch_pxweb(
    query: PxQuery,
    mapping: PxMapping,
    *,
    base_url: str | None = None,
    dry_run: bool = False,
    client: HttpClient | None = None,
    user=None,
) -> FetchOutcome:
    """Asks every part of the query, decodes all answers, then imports all values or nothing."""
    _check_indicators(mapping)
    label = f"SCB PxWeb {query.api}: tabell {query.table}"
    with http_client(client) as http:
        pxweb = PxWeb(http, query.api, base_url, query.lang)
        limits = pxweb.limits()
        fetched = Fetched()
        answers = pxweb.data(query, limits)
        for where, dataset in answers:
            decode_answer(fetched, where, dataset, mapping)
        require_records(fetched, pxweb.table_url(query.table), "urvalet")
        title = answers[0][1].label if answers else ""
        info = BatchInfo(
            kind=BatchKind.PXWEB,
            user=user,
            source=(
                f"{answers[0][1].source or 'SCB'}: {title or query.table} (PxWeb {query.api}, tabell {query.table})"
            )[:400],
            parameters={
                "base_url": pxweb.base_url,
                **query.as_dict(),
                "mapping": mapping.as_dict(),
                "max_cells": limits.max_cells,
                "limits_from_service": limits.from_service,
                "queries": len(answers),
                "updated": answers[0][1].updated if answers else "",
            },
        )
        summary = import_fetched(fetched, info, http, label=label, dry_run=dry_run)
        urls = [c.url for c in http.calls]
    return FetchOutcome(label, summary, fetched.left_out, urls)
