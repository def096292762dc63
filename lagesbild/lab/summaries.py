"""One-sentence summaries of charts and maps, written from the figures in Swedish or English.

Every chart has one, shown as its caption and given to assistive technology as the chart's name,
next to the table with every figure: "Andelen i Stockholms län ökade från 82 procent 2016 till 88
procent 2017." Like the chart functions, these take plain data and a language, never a request."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import translation
from django.utils.translation import gettext as _

from lagesbild.core.formatting import format_number, format_period
from lagesbild.core.marking import example_notice, marked
from lagesbild.indicators.models import Unit

from . import labels
from .charts import ChartPoint, MapArea

# A change smaller than this share of the larger value reads as "unchanged".
UNCHANGED = 1e-9
# More lines than this and a sentence per line stops being a summary: name the highest and lowest.
MAX_SERIES_IN_SENTENCE = 3


def prose_value(value, lower, upper, unit: str, decimals: int, language: str) -> str:
    """'82 procent', '9–10 procent', '50', '3,4 per 100 000 invånare' (English: '82%', …)."""
    if value is None:
        number = (
            f"{format_number(lower, decimals, language)}–{format_number(upper, decimals, language)}"
        )
    else:
        number = format_number(value, decimals, language)
    templates = {
        Unit.PERCENT: _("%(number)s procent"),
        Unit.PER_1000: _("%(number)s per 1 000 invånare"),
        Unit.PER_10000: _("%(number)s per 10 000 invånare"),
        Unit.PER_100000: _("%(number)s per 100 000 invånare"),
    }
    template = templates.get(unit)
    return template % {"number": number} if template else number


def _subject(unit: str, lower: bool = False) -> str:
    text = str(labels.UNIT_SUBJECT.get(unit, labels.UNIT_SUBJECT[Unit.COUNT]))
    return text[0].lower() + text[1:] if lower else text


def _centre(p: ChartPoint | MapArea):
    if p.value is not None:
        return p.value
    if p.lower is not None and p.upper is not None:
        return (p.lower + p.upper) / 2
    return None


def _figures(points: Sequence[ChartPoint]) -> list[ChartPoint]:
    return sorted((p for p in points if _centre(p) is not None), key=lambda p: (p.end, p.start))


def period_phrase(point: ChartPoint, unit: str) -> str:
    """The period as it follows a number; a bare count needs "år" in Swedish: "50 år 2017"."""
    period = format_period(point.start, point.end)
    if unit == Unit.COUNT:
        return (_("år %(period)s") if point.start == point.end else _("åren %(period)s")) % {
            "period": period
        }
    return period


def _change_clause(points: Sequence[ChartPoint], unit: str, decimals: int, language: str) -> str:
    figures = _figures(points)
    if not figures:
        return _("saknar publicerade värden")
    last = figures[-1]
    values = {
        "last": prose_value(last.value, last.lower, last.upper, unit, decimals, language),
        "last_period": period_phrase(last, unit),
    }
    if len(figures) == 1:
        return _("var %(last)s %(last_period)s") % values
    first = figures[0]
    values |= {
        "first": prose_value(first.value, first.lower, first.upper, unit, decimals, language),
        "first_period": period_phrase(first, unit),
    }
    a, b = _centre(first), _centre(last)
    if abs(b - a) <= UNCHANGED * max(abs(a), abs(b), 1):
        return _("var %(last)s både %(first_period)s och %(last_period)s") % values
    if b > a:
        return _("ökade från %(first)s %(first_period)s till %(last)s %(last_period)s") % values
    return _("minskade från %(first)s %(first_period)s till %(last)s %(last_period)s") % values


def trend_summary(
    points: Sequence[ChartPoint],
    *,
    unit: str,
    decimals: int,
    language: str,
    place: str,
    series_order: Sequence[str] | None = None,
) -> str:
    """How the figures changed from the first period to the last, per series."""
    with translation.override(language):
        order = list(dict.fromkeys([*(series_order or []), *(p.series for p in points)]))
        series = [
            (s, [p for p in points if p.series == s])
            for s in order
            if any(p.series == s for p in points)
        ]
        if not series:
            return _("Det finns inga publicerade värden för %(place)s.") % {"place": place}
        one_period = len({(p.start, p.end) for p in _figures(points)}) == 1
        if one_period and len(series) > 1:
            return category_summary(
                points, unit=unit, decimals=decimals, language=language, place=place
            )
        if len(series) > MAX_SERIES_IN_SENTENCE:
            latest = _latest_shared_period(points)
            if latest:
                return category_summary(
                    [p for p in points if (p.start, p.end) == latest],
                    unit=unit,
                    decimals=decimals,
                    language=language,
                    place=place,
                )
        if len(series) == 1:
            return _("%(subject)s i %(place)s %(clause)s.") % {
                "subject": _subject(unit),
                "place": place,
                "clause": _change_clause(series[0][1], unit, decimals, language),
            }
        mixed = len({p.is_example for p in points}) > 1
        clauses = "; ".join(
            f"{_in_sentence(name)}: "
            + marked(
                _change_clause(pts, unit, decimals, language),
                mixed and all(p.is_example for p in pts),
            )
            for name, pts in series
        )
        return _("%(subject)s i %(place)s – %(clauses)s.") % {
            "subject": _subject(unit),
            "place": place,
            "clauses": clauses,
        }


def _latest_shared_period(points: Sequence[ChartPoint]) -> tuple[int, int] | None:
    """The latest period in which at least two series have a figure."""
    by_period: dict[tuple[int, int], set[str]] = {}
    for p in _figures(points):
        by_period.setdefault((p.start, p.end), set()).add(p.series)
    shared = [period for period, names in by_period.items() if len(names) >= 2]
    return max(shared, key=lambda p: (p[1], p[0])) if shared else None


def _in_sentence(label: str) -> str:
    """'Kvinnor' inside a sentence is 'kvinnor'; an abbreviation such as 'NTU' and a place's name
    ('Stockholms län', 'Gotlands kommun') stay as they are; 'Riket' is 'riket'."""
    if label == "Riket":
        return "riket"
    if label.endswith((" län", " kommun", " stad")):
        return label
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def _place(name: str) -> str:
    """A place inside a sentence: 'riket' is a common noun in Swedish; names stay as they are."""
    return name.lower() if name == "Riket" else name


def _like_with_like(items: Sequence[ChartPoint | MapArea]) -> tuple[list, int]:
    """The figures that may be compared with each other: the real ones when real and example figures
    are shown together (never one against the other), with how many example figures were left out."""
    items = list(items)
    real = [i for i in items if not i.is_example]
    if real and len(real) < len(items):
        return real, len(items) - len(real)
    return items, 0


def _left_out_note(count: int) -> str:
    if not count:
        return ""
    return " " + _("Områden med exempeldata (%(notice)s) ingår inte i jämförelsen.") % {
        "notice": example_notice()
    }


def _both(names: list[str]) -> str:
    """'både Stockholms län och Gotlands län', 'Stockholms län, Gotlands län och Uppsala län'."""
    if len(names) == 2:
        return _("både %(first)s och %(second)s") % {"first": names[0], "second": names[1]}
    return _("%(names)s och %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _extremes(items: Sequence[ChartPoint | MapArea]):
    ranked = sorted((i for i in items if _centre(i) is not None), key=_centre)
    return (ranked[-1], ranked[0]) if ranked else (None, None)


def category_summary(
    points: Sequence[ChartPoint], *, unit: str, decimals: int, language: str, place: str
) -> str:
    """Highest and lowest of several series in the same period."""
    with translation.override(language):
        figures, _left_out = _like_with_like(_figures(points))
        if not figures:
            return _("Det finns inga publicerade värden för %(place)s.") % {"place": place}
        top, bottom = _extremes(figures)
        if top is bottom or _centre(top) == _centre(bottom):
            return _("%(subject)s i %(place)s %(clause)s.") % {
                "subject": _subject(unit),
                "place": place,
                "clause": _change_clause([top], unit, decimals, language),
            }
        return _(
            "I %(place)s %(period)s var %(subject)s högst för %(top)s, %(top_value)s, och lägst för "
            "%(bottom)s, %(bottom_value)s."
        ) % {
            "place": place,
            "period": format_period(top.start, top.end),
            "subject": _subject(unit, lower=True),
            "top": _in_sentence(top.series),
            "top_value": prose_value(top.value, top.lower, top.upper, unit, decimals, language),
            "bottom": _in_sentence(bottom.series),
            "bottom_value": prose_value(
                bottom.value, bottom.lower, bottom.upper, unit, decimals, language
            ),
        }


def comparison_summary(
    points: Sequence[ChartPoint], *, unit: str, decimals: int, language: str
) -> str:
    """Which compared territory was highest and lowest in the latest period most of them share.
    Areas with equal figures are named ('… i både Stockholms län och Gotlands län'); a real figure is
    never compared with an example figure."""
    with translation.override(language):
        period = _latest_shared_period(points)
        if period is None:
            names = sorted({p.series for p in points})
            place = names[0] if len(names) == 1 else ", ".join(names)
            return trend_summary(
                points, unit=unit, decimals=decimals, language=language, place=place
            )
        shown, left_out = _like_with_like(
            [p for p in _figures(points) if (p.start, p.end) == period]
        )
        values = {
            "period": format_period(*period),
            "subject": _subject(unit, lower=True),
        }
        if len(shown) == 1:
            only = shown[0]
            return _("%(period)s var %(subject)s %(value)s i %(place)s.") % {
                **values,
                "value": prose_value(only.value, only.lower, only.upper, unit, decimals, language),
                "place": _place(only.series),
            } + _left_out_note(left_out)
        top, bottom = _extremes(shown)
        if round(_centre(top), decimals) == round(_centre(bottom), decimals):
            return _("%(period)s var %(subject)s %(value)s i %(places)s.") % {
                **values,
                "value": prose_value(top.value, top.lower, top.upper, unit, decimals, language),
                "places": _both([_place(p.series) for p in shown]),
            } + _left_out_note(left_out)
        return _(
            "%(period)s var %(subject)s högst i %(top)s, %(top_value)s, och lägst i %(bottom)s, %(bottom_value)s, "
            "av %(count)s jämförda områden."
        ) % {
            **values,
            "top": _place(top.series),
            "top_value": prose_value(top.value, top.lower, top.upper, unit, decimals, language),
            "bottom": _place(bottom.series),
            "bottom_value": prose_value(
                bottom.value, bottom.lower, bottom.upper, unit, decimals, language
            ),
            "count": len(shown),
        } + _left_out_note(left_out)


def map_summary(
    areas: Sequence[MapArea],
    *,
    period: tuple[int, int] | None,
    level: str,
    unit: str,
    decimals: int,
    language: str,
) -> str:
    """The range of values on the map and how many areas have one."""
    with translation.override(language):
        level_plural = str(labels.LEVEL_PLURAL.get(level, level))
        when = format_period(*period) if period else _("Valt år")
        compared, left_out = _like_with_like([a for a in areas if _centre(a) is not None])
        top, bottom = _extremes(compared)
        if top is None:
            return _("%(period)s finns inga värden för %(level_plural)s.") % {
                "period": when,
                "level_plural": level_plural,
            }
        counts = {
            "with": sum(1 for a in areas if _centre(a) is not None),
            "total": len(areas),
            "level_plural": level_plural,
        }
        if top is bottom or _centre(top) == _centre(bottom):
            return _(
                "%(period)s var %(subject)s %(value)s i %(name)s; %(with)s av %(total)s %(level_plural)s har värden."
            ) % {
                "period": when,
                "subject": _subject(unit, lower=True),
                "name": top.name,
                "value": prose_value(top.value, top.lower, top.upper, unit, decimals, language),
                **counts,
            } + _left_out_note(left_out)
        return _(
            "%(period)s varierade %(subject)s mellan %(bottom_value)s i %(bottom)s och %(top_value)s i %(top)s; "
            "%(with)s av %(total)s %(level_plural)s har värden."
        ) % {
            "period": when,
            "subject": _subject(unit, lower=True),
            "bottom": bottom.name,
            "top": top.name,
            "bottom_value": prose_value(
                bottom.value, bottom.lower, bottom.upper, unit, decimals, language
            ),
            "top_value": prose_value(top.value, top.lower, top.upper, unit, decimals, language),
            **counts,
        } + _left_out_note(left_out)
