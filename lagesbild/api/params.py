"""Reading query parameters: each bad value becomes an ApiError whose message names the parameter,
so a client always learns which parameter to fix and why, and never gets a 500."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from lagesbild.core.versioning import versioned_cache
from lagesbild.indicators.models import Indicator, Status
from lagesbild.indicators.parsing import parse_period, parse_sex
from lagesbild.territories.models import Level, UnknownTerritory, territory_index

MAX_VALUES = 400
MAX_TEXT = 200
# Longer than any address the API itself writes or its OpenAPI description allows (20 values of each
# list, percent-encoded), while a proxy's usual limit on the request line (16 KiB) is not reached.
MAX_QUERY_LENGTH = 12000
MAX_CURSOR_LENGTH = 400
LEVEL_WORDS = {"riket": Level.RIKET, "lan": Level.LAN, "län": Level.LAN, "kommun": Level.KOMMUN}
YEAR_RANGE = re.compile(r"(19|20)[0-9]{2}(-(19|20)[0-9]{2})?")
STATUS_WORDS = {s.value: s.value for s in Status} | {"kärnindikator": Status.CORE.value}


class ApiError(Exception):
    """A request the API cannot answer; rendered as RFC 9457 problem details whose `detail` is
    "<parameter>: <reason>" (lagesbild.api.problems)."""

    def __init__(self, status: int, parameter: str | None, reason: str):
        self.status = status
        self.parameter = parameter
        self.reason = reason
        super().__init__(self.detail)

    @property
    def detail(self) -> str:
        return f"{self.parameter}: {self.reason}" if self.parameter else self.reason


def bad(parameter: str, reason: str) -> ApiError:
    return ApiError(400, parameter, reason)


def missing(parameter: str, reason: str) -> ApiError:
    """A well-formed name of something that does not exist (an indicator, a territory, a page)."""
    return ApiError(404, parameter, reason)


def reject_unreadable(request) -> None:
    """NUL characters cannot be stored in PostgreSQL text; refuse them before any query sees them.
    Over-long query strings and cursors are refused with the parameter named, never a 414 or 500."""
    if "\x00" in request.path:
        raise ApiError(400, None, _("adressen innehåller ett otillåtet tecken (NUL)"))
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        raise ApiError(
            400, None, _("frågan är längre än %(max)d tecken") % {"max": MAX_QUERY_LENGTH}
        )
    for name, values in request.GET.lists():
        if name == "cursor" and any(len(value) > MAX_CURSOR_LENGTH for value in values):
            raise missing("cursor", _("ogiltig markör; använd adressen i svarets 'next'"))
        if "\x00" in name or any("\x00" in value for value in values):
            raise bad(
                name.replace("\x00", "\\0"), _("värdet innehåller ett otillåtet tecken (NUL)")
            )


def many(parameter: str, values: list[str] | None) -> list[str]:
    """Repeated parameters and comma-separated lists both work: territory=01&territory=03 or territory=01,03."""
    found = []
    for value in values or []:
        found += [part.strip() for part in value.split(",") if part.strip()]
    if len(found) > MAX_VALUES:
        raise bad(parameter, _("högst %(max)d värden") % {"max": MAX_VALUES})
    for value in found:
        if len(value) > MAX_TEXT:
            raise bad(parameter, _("ett värde får vara högst %(max)d tecken") % {"max": MAX_TEXT})
    return list(dict.fromkeys(found))


def text(parameter: str, value: str | None) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise bad(parameter, _("högst %(max)d tecken") % {"max": MAX_TEXT})
    return value


def catalogue_ids() -> frozenset:
    """The catalogue's indicator ids, read again whenever the catalogue changes."""
    return versioned_cache(
        "api:indicator-ids",
        ("catalogue",),
        "all",
        lambda: frozenset(Indicator.objects.values_list("id", flat=True)),
        local=True,
    )


def indicator_ids(values: list[str]) -> list[str]:
    if not values:
        return []
    known = catalogue_ids()
    unknown = [v for v in values if v not in known]
    if unknown:
        raise missing(
            "indicator",
            _("okänd indikator: %(ids)s (se /api/v1/indicators)") % {"ids": ", ".join(unknown)},
        )
    return values


def territory_codes(parameter: str, values: list[str]) -> list[str]:
    index = territory_index()
    codes = []
    for value in values:
        try:
            codes.append(index.resolve(value).code)
        except UnknownTerritory as error:
            raise missing(parameter, str(error)) from None
    return list(dict.fromkeys(codes))


def territory_code(parameter: str, value: str | None) -> str | None:
    value = text(parameter, value)
    return territory_codes(parameter, [value])[0] if value else None


def levels(values: list[str]) -> list[str]:
    chosen = []
    for value in values:
        level = LEVEL_WORDS.get(value.casefold())
        if level is None:
            raise bad(
                "level",
                _("okänd nivå %(value)r (använd riket, lan eller kommun)") % {"value": value},
            )
        chosen.append(level.value)
    return chosen


def status(value: str | None) -> str | None:
    value = text("status", value)
    if not value:
        return None
    found = STATUS_WORDS.get(value.casefold())
    if found is None:
        raise bad(
            "status",
            _("okänd status %(value)r (använd karnindikator, indikator eller utvecklingsindikator)")
            % {"value": value},
        )
    return found


def period(value: str | None) -> str | None:
    """A year (2017) or a range of years (2015-2018); returned in the form ObservationFilter reads."""
    value = text("period", value)
    if not value:
        return None
    if YEAR_RANGE.fullmatch(value):  # the form the OpenAPI description gives; either order
        years = sorted(int(year) for year in value.split("-"))
        return f"{years[0]}-{years[-1]}"
    try:
        first, last = parse_period(value)
    except ValueError as error:
        raise bad("period", str(error)) from None
    return f"{first}-{last}"


def sex(value: str | None) -> str | None:
    value = text("sex", value)
    if not value:
        return None
    try:
        return parse_sex(value)
    except ValueError as error:
        raise bad("sex", str(error)) from None
