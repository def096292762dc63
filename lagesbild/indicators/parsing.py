"""Parsers for the cell values people type into spreadsheets, Swedish formats first.

Each parser returns the parsed value or raises ValueError with a reason written for the user."""

from __future__ import annotations

import math
import re

from .models import ObservationStatus, Sex

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\t")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_PERIOD = re.compile(r"^(\d{4})\s*(?:[-–—]|\s+till\s+|\s+to\s+)\s*(\d{4})$")
FIRST_YEAR, LAST_YEAR = 1900, 2100


def parse_number(raw, *, allow_percent_sign: bool = True) -> float | None:
    """'11,7', '11,7 %', '1 234', '−3' and plain numbers; empty means no value."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("ett tal förväntades")
    if isinstance(raw, (int, float)):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueError("talet är inte ändligt")
        return float(raw)
    text = str(raw).translate(_SPACES).replace("\u2212", "-")
    if text == "":
        return None
    if text.endswith("%"):
        if not allow_percent_sign:
            raise ValueError(f"{raw!r} är inte ett tal")
        text = text[:-1]
    if "," in text:
        if text.count(",") > 1 or "." in text:
            raise ValueError(
                f"{raw!r} är inte ett tal (använd decimalkomma eller decimalpunkt, inte båda)"
            )
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        raise ValueError(f"{raw!r} är inte ett tal")
    number = float(text)
    if math.isinf(number):
        raise ValueError(f"{raw!r} är för stort för att vara ett värde")
    return number


def parse_period(raw) -> tuple[int, int]:
    """'2017' or '2016–2018' (also with '-', ' till ') to (first year, last year)."""
    text = str(raw if raw is not None else "").strip()
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if re.fullmatch(r"\d{4}", text):
        start = end = int(text)
    else:
        match = _PERIOD.match(text)
        if not match:
            raise ValueError(
                f"{text!r} är inte en period (skriv ett år, 2017, eller ett intervall, 2016–2018)"
            )
        start, end = int(match.group(1)), int(match.group(2))
    for year in (start, end):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"året {year} ligger utanför {FIRST_YEAR}–{LAST_YEAR}")
    if start > end:
        raise ValueError(f"perioden {text!r} är omvänd: första året är senare än sista")
    return start, end


SEX_WORDS = {
    "t": Sex.TOTAL,
    "totalt": Sex.TOTAL,
    "total": Sex.TOTAL,
    "alla": Sex.TOTAL,
    "båda": Sex.TOTAL,
    "all": Sex.TOTAL,
    "k": Sex.WOMEN,
    "kvinnor": Sex.WOMEN,
    "kvinna": Sex.WOMEN,
    "women": Sex.WOMEN,
    "female": Sex.WOMEN,
    "f": Sex.WOMEN,
    "m": Sex.MEN,
    "män": Sex.MEN,
    "man": Sex.MEN,
    "men": Sex.MEN,
    "male": Sex.MEN,
}


def parse_sex(raw) -> str:
    text = str(raw if raw is not None else "").strip().casefold()
    if text == "":
        return Sex.TOTAL
    try:
        return SEX_WORDS[text]
    except KeyError:
        raise ValueError(
            f"okänt kön {raw!r} (använd T, K eller M, eller totalt, kvinnor, män)"
        ) from None


STATUS_WORDS = {
    "": ObservationStatus.OK,
    "ok": ObservationStatus.OK,
    "publicerad": ObservationStatus.OK,
    "final": ObservationStatus.OK,
    "missing": ObservationStatus.MISSING,
    "saknas": ObservationStatus.MISSING,
    "..": ObservationStatus.MISSING,
    "suppressed": ObservationStatus.SUPPRESSED,
    "skyddad": ObservationStatus.SUPPRESSED,
    "sekretess": ObservationStatus.SUPPRESSED,
    "preliminary": ObservationStatus.PRELIMINARY,
    "preliminär": ObservationStatus.PRELIMINARY,
    "prel": ObservationStatus.PRELIMINARY,
}


def parse_status(raw) -> str:
    text = str(raw if raw is not None else "").strip().casefold()
    try:
        return STATUS_WORDS[text]
    except KeyError:
        raise ValueError(
            f"okänd status {raw!r} (använd ok, saknas, skyddad eller preliminär)"
        ) from None
