"""Opening hours as a weekly schedule: reading what people type, writing it back, and "open now".

A schedule is a list of periods `{"day": 0–6 (Monday = 0), "opens": "HH:MM", "closes": "HH:MM"}`,
with "24:00" meaning the end of the day. A period that runs past midnight ("22–06") is stored as
two periods, one on each day, so every period lies within one day and "open now" is a simple
comparison. Services open around the clock carry a separate flag instead of seven periods.

The text notation, used by the spreadsheet and accepted in the editing form, is
`mån–fre 09:00–16:00; lör 10–14` or `dygnet runt`; Swedish and English day names, with or without
å/ä/ö, and "9", "9.30" or "09:30" for times are all understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from lagesbild.territories.models import fold

STOCKHOLM = ZoneInfo("Europe/Stockholm")
END_OF_DAY = 24 * 60
DAY_NAMES = [
    gettext_lazy("måndag"),
    gettext_lazy("tisdag"),
    gettext_lazy("onsdag"),
    gettext_lazy("torsdag"),
    gettext_lazy("fredag"),
    gettext_lazy("lördag"),
    gettext_lazy("söndag"),
]
DAY_SHORT = {
    "sv": ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
}
HSDS_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# Every way a day may be written, folded (no case, no diacritics).
_DAY_WORDS = {
    word: index
    for index, words in enumerate(
        [
            ("man", "mandag", "mandagar", "mon", "monday", "mo"),
            ("tis", "tisdag", "tisdagar", "tue", "tues", "tuesday", "tu"),
            ("ons", "onsdag", "onsdagar", "wed", "wednesday", "we"),
            ("tor", "tors", "torsdag", "torsdagar", "thu", "thur", "thurs", "thursday", "th"),
            ("fre", "fredag", "fredagar", "fri", "friday", "fr"),
            ("lor", "lordag", "lordagar", "sat", "saturday", "sa"),
            ("son", "sondag", "sondagar", "sun", "sunday", "su"),
        ]
    )
    for word in words
}
_ALL_DAYS_WORDS = {"alla dagar", "varje dag", "dagligen", "every day", "daily", "all days"}
_ALWAYS_WORDS = {
    "dygnet runt",
    "24/7",
    "alltid oppet",
    "always open",
    "24 timmar",
    "around the clock",
    "24h",
}
_DASH = r"\s*[-–—]\s*"
_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_INTERVAL = re.compile(rf"^{_TIME}{_DASH}{_TIME}$")


class HoursError(ValueError):
    """A schedule that cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Period:
    day: int
    opens: int  # minutes after midnight
    closes: int

    def as_dict(self) -> dict:
        return {"day": self.day, "opens": clock(self.opens), "closes": clock(self.closes)}


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes_of(text: str) -> int:
    hours_part, _colon, rest = text.partition(":")
    return int(hours_part) * 60 + int(rest or 0)


def _time(hours: str, minutes: str | None, original: str) -> int:
    h, m = int(hours), int(minutes or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        raise HoursError(
            _("%(text)s är ingen tid (använd till exempel 09:00–16:00)") % {"text": original}
        )
    return h * 60 + m


def parse_intervals(text: str) -> list[tuple[int, int]]:
    """'9-12, 13.00–16.30' → [(540, 720), (780, 990)]; an empty text is a closed day."""
    intervals = []
    for part in re.split(r",|\boch\b|\band\b", text):
        part = part.strip()
        if not part:
            continue
        if fold(part) in ("stangt", "closed"):
            continue
        match = _INTERVAL.match(part)
        if not match:
            raise HoursError(
                _("%(text)s går inte att läsa som tider (skriv till exempel 09:00–16:00)")
                % {"text": part}
            )
        opens = _time(match.group(1), match.group(2), part)
        closes = _time(match.group(3), match.group(4), part)
        if opens == closes:
            raise HoursError(_("%(text)s: öppnar och stänger samma tid") % {"text": part})
        intervals.append((opens, closes))
    return intervals


def periods_for_day(day: int, intervals: list[tuple[int, int]]) -> list[Period]:
    """Periods past midnight are split at midnight into this day and the next."""
    periods = []
    for opens, closes in intervals:
        if closes > opens:
            periods.append(Period(day, opens, closes))
        else:
            periods.append(Period(day, opens, END_OF_DAY))
            if closes:
                periods.append(Period((day + 1) % 7, 0, closes))
    return periods


def _days(spec: str) -> list[int]:
    folded = fold(spec).rstrip(":").strip()
    if folded in _ALL_DAYS_WORDS:
        return list(range(7))
    days: list[int] = []
    for item in re.split(r"\s*,\s*|\s+", re.sub(_DASH, "-", folded)):
        if not item:
            continue
        first, _dash, last = item.partition("-")
        if first not in _DAY_WORDS or (last and last not in _DAY_WORDS):
            raise HoursError(
                _("%(text)s är ingen veckodag (skriv till exempel mån–fre)")
                % {"text": spec.strip()}
            )
        start, end = _DAY_WORDS[first], _DAY_WORDS[last or first]
        days += [(start + step) % 7 for step in range((end - start) % 7 + 1)]
    return days


@dataclass
class Week:
    always_open: bool
    periods: list[Period]

    def as_json(self) -> list[dict]:
        return [p.as_dict() for p in normalise(self.periods)]


def parse_week(text: str) -> Week:
    """The spreadsheet notation: 'mån–fre 09–16; lör 10–14', 'dygnet runt', or empty (not given)."""
    text = (text or "").strip()
    if not text:
        return Week(False, [])
    if fold(text) in _ALWAYS_WORDS:
        return Week(True, [])
    periods: list[Period] = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        match = re.match(r"^(.*?)\s*(\d.*|stängt|stangt|closed)$", part, flags=re.IGNORECASE)
        if not match or not match.group(1):
            raise HoursError(
                _("%(text)s: ange dagar och tider, till exempel mån–fre 09:00–16:00")
                % {"text": part}
            )
        intervals = parse_intervals(match.group(2))
        for day in _days(match.group(1)):
            periods += periods_for_day(day, intervals)
    return Week(False, normalise(periods))


def normalise(periods: list[Period]) -> list[Period]:
    """Sorted, without duplicates, overlapping periods on the same day merged."""
    merged: list[Period] = []
    for period in sorted(set(periods), key=lambda p: (p.day, p.opens, p.closes)):
        last = merged[-1] if merged else None
        if last and last.day == period.day and period.opens <= last.closes:
            merged[-1] = Period(last.day, last.opens, max(last.closes, period.closes))
        else:
            merged.append(period)
    return merged


def from_json(rows: list[dict] | None) -> list[Period]:
    return [
        Period(int(r["day"]), minutes_of(r["opens"]), minutes_of(r["closes"])) for r in rows or []
    ]


def current_language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _clock_text(minutes: int, language: str) -> str:
    text = clock(minutes)
    return text.replace(":", ".") if language == "sv" else text


def describe_intervals(periods: list[Period], language: str | None = None) -> str:
    language = language or current_language()
    return ", ".join(
        f"{_clock_text(p.opens, language)}–{_clock_text(p.closes, language)}" for p in periods
    )


def grouped(periods: list[Period]) -> list[tuple[list[int], list[Period]]]:
    """Consecutive days with the same hours together: [([0..4], mon-fri periods), ([5], sat)]."""
    by_day = {day: [p for p in periods if p.day == day] for day in range(7)}
    groups: list[tuple[list[int], list[Period]]] = []
    for day in range(7):
        if not by_day[day]:
            continue
        same = [(p.opens, p.closes) for p in by_day[day]]
        if (
            groups
            and groups[-1][0][-1] == day - 1
            and [(p.opens, p.closes) for p in groups[-1][1]] == same
        ):
            groups[-1][0].append(day)
        else:
            groups.append(([day], by_day[day]))
    return groups


def day_span(days: list[int], language: str) -> str:
    names = DAY_SHORT[language]
    return names[days[0]] if len(days) == 1 else f"{names[days[0]]}–{names[days[-1]]}"


def describe_week(always_open: bool, periods: list[Period], language: str | None = None) -> str:
    """'mån–fre 08.00–16.00; lör 10.00–14.00' for people; '' when no hours are given."""
    language = language or current_language()
    if always_open:
        return "dygnet runt" if language == "sv" else "24 hours a day, every day"
    return "; ".join(
        f"{day_span(days, language)} {describe_intervals(ps, language)}"
        for days, ps in grouped(periods)
    )


def notation(always_open: bool, periods: list[Period]) -> str:
    """The spreadsheet form, which `parse_week` reads back unchanged."""
    if always_open:
        return "dygnet runt"
    return "; ".join(
        f"{day_span(days, 'sv')} " + ", ".join(f"{clock(p.opens)}–{clock(p.closes)}" for p in ps)
        for days, ps in grouped(periods)
    )


def local_now(now: datetime | None = None) -> datetime:
    """Opening hours are Swedish local time, whatever the server's clock zone."""
    moment = now or datetime.now(tz=STOCKHOLM)
    return moment.astimezone(STOCKHOLM) if moment.tzinfo else moment.replace(tzinfo=STOCKHOLM)


def is_open(always_open: bool, periods: list[Period], now: datetime | None = None) -> bool:
    moment = local_now(now)
    minute = moment.hour * 60 + moment.minute
    return always_open or any(
        p.day == moment.weekday() and p.opens <= minute < p.closes for p in periods
    )
