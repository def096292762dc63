"""Numbers, units and periods written the Swedish way ("11,7 %", "1 234", "2016–2018"), or the
English way when the page is in English. Used by pages, downloads meant for reading, and reports."""

from __future__ import annotations

from django.utils.translation import get_language

NBSP = "\u00a0"
UNIT_SUFFIX = {
    "sv": {
        "procent": f"{NBSP}%",
        "antal": "",
        "per_1000": f" per 1{NBSP}000",
        "per_10000": f" per 10{NBSP}000",
        "per_100000": f" per 100{NBSP}000",
    },
    "en": {
        "procent": "%",
        "antal": "",
        "per_1000": " per 1,000",
        "per_10000": " per 10,000",
        "per_100000": " per 100,000",
    },
}


def _language(language: str | None) -> str:
    return "en" if (language or get_language() or "sv").startswith("en") else "sv"


def format_number(value: float | None, decimals: int = 0, language: str | None = None) -> str:
    """1234.5 → '1 234,5' in Swedish (non-breaking thin grouping), '1,234.5' in English."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if _language(language) == "sv":
        text = text.replace(",", NBSP).replace(".", ",").replace("-", "\u2212")
    return text


def format_value(
    value: float | None, unit: str, decimals: int = 0, language: str | None = None
) -> str:
    """A value with its unit: '11,7 %', '50', '3,4 per 100 000'."""
    if value is None:
        return "–"
    return format_number(value, decimals, language) + UNIT_SUFFIX[_language(language)].get(unit, "")


def format_range(
    lower: float, upper: float, unit: str, decimals: int = 0, language: str | None = None
) -> str:
    """'80–100 %' — the unit once, after the range, as Swedish typography wants."""
    suffix = UNIT_SUFFIX[_language(language)].get(unit, "")
    return f"{format_number(lower, decimals, language)}–{format_number(upper, decimals, language)}{suffix}"


def format_observation(
    value, lower, upper, unit: str, decimals: int = 0, language: str | None = None
) -> str:
    if value is None and lower is not None and upper is not None:
        return format_range(lower, upper, unit, decimals, language)
    return format_value(value, unit, decimals, language)


def format_period(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def format_date(day, language: str | None = None) -> str:
    """'18 mars 2019' (Swedish: day, lower-case month, year), '18 March 2019' in English."""
    from django.utils import formats, translation

    with translation.override(_language(language)):
        return formats.date_format(day, "j F Y")
