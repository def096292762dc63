"""Descriptive sentences written from the figures, in Swedish (the report language) or English.

They say what the data says and nothing more: the change from the first to the last period, how
women and men differ, how the county compares with riket. Numbers are formatted by the lab's
`prose_value` ("82 procent", "9–10 procent"), so sentences and the lab's captions agree."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lagesbild.core.formatting import format_period
from lagesbild.indicators.models import Indicator, Sex, Unit
from lagesbild.lab import labels
from lagesbild.lab.data import Point
from lagesbild.lab.summaries import prose_value


def sex_phrase(sex: str) -> str:
    """How a sentence names a group: 'Andelen bland kvinnor …'."""
    phrases = {Sex.WOMEN: _("bland kvinnor"), Sex.MEN: _("bland män"), Sex.TOTAL: _("totalt")}
    return phrases.get(sex, "")


def _figures(points: Sequence[Point]) -> list[Point]:
    return sorted((p for p in points if p.centre is not None), key=lambda p: (p.end, p.start))


def _value(point: Point, indicator: Indicator, language: str) -> str:
    return prose_value(
        point.value, point.lower, point.upper, indicator.unit, indicator.decimals, language
    )


def _when(point: Point) -> str:
    """'2017' for a rate, 'år 2017' after a bare count ('50 år 2017' would read as an age otherwise)."""
    return format_period(point.start, point.end)


def subject(indicator: Indicator, lower: bool = False) -> str:
    text = str(labels.UNIT_SUBJECT.get(indicator.unit, labels.UNIT_SUBJECT[Unit.COUNT]))
    return text[0].lower() + text[1:] if lower else text


def _dated(point: Point, indicator: Indicator, language: str) -> str:
    """'82 procent 2016'; a bare count gets 'år' between number and year: '26 år 2016'."""
    if indicator.unit == Unit.COUNT:
        return _("%(value)s år %(period)s") % {
            "value": _value(point, indicator, language),
            "period": _when(point),
        }
    return pgettext("value and period", "%(value)s %(period)s") % {
        "value": _value(point, indicator, language),
        "period": _when(point),
    }


def change_sentence(
    points: Sequence[Point], indicator: Indicator, place: str, language: str, who: str = ""
) -> str:
    """'Andelen i Stockholms län ökade från 82 procent 2016 till 88 procent 2017.'"""
    figures = _figures(points)
    if not figures:
        return _("Det finns inga publicerade värden för %(place)s.") % {"place": place}
    first, last = figures[0], figures[-1]
    values = {
        "subject": subject(indicator) + (f" {who}" if who else ""),
        "place": place,
        "first": _dated(first, indicator, language),
        "last": _dated(last, indicator, language),
    }
    if (first.start, first.end) == (last.start, last.end):
        return _("%(subject)s i %(place)s var %(last)s.") % values
    if first.centre == last.centre:
        return _(
            "%(subject)s i %(place)s var densamma %(first_period)s och %(last_period)s, %(value)s."
        ) % {
            **values,
            "first_period": _when(first),
            "last_period": _when(last),
            "value": _value(last, indicator, language),
        }
    if last.centre > first.centre:
        return _("%(subject)s i %(place)s ökade från %(first)s till %(last)s.") % values
    return _("%(subject)s i %(place)s minskade från %(first)s till %(last)s.") % values


def sex_sentence(
    women: Sequence[Point], men: Sequence[Point], indicator: Indicator, place: str, language: str
) -> str:
    """'2017 var andelen 11,7 procent bland kvinnor och 1,7 procent bland män i Stockholms län.'"""
    by_period_w = {(p.start, p.end): p for p in _figures(women)}
    by_period_m = {(p.start, p.end): p for p in _figures(men)}
    shared = sorted(set(by_period_w) & set(by_period_m), key=lambda p: (p[1], p[0]))
    if not shared:
        return ""
    period = shared[-1]
    return _(
        "%(period)s var %(subject)s %(women)s bland kvinnor och %(men)s bland män i %(place)s."
    ) % {
        "period": format_period(*period),
        "subject": subject(indicator, lower=True),
        "place": place,
        "women": _value(by_period_w[period], indicator, language),
        "men": _value(by_period_m[period], indicator, language),
    }


def _compare(county: Point, national: Point) -> str:
    """'högre', 'lägre' or 'lika'; overlapping ranges count as alike."""
    if county.is_range or national.is_range:
        c_low, c_high = (
            (county.lower, county.upper) if county.is_range else (county.value, county.value)
        )
        n_low, n_high = (
            (national.lower, national.upper)
            if national.is_range
            else (national.value, national.value)
        )
        if c_low <= n_high and n_low <= c_high:
            return "same"
    if county.centre > national.centre:
        return "higher"
    if county.centre < national.centre:
        return "lower"
    return "same"


def riket_sentence(
    county: Sequence[Point],
    national: Sequence[Point],
    indicator: Indicator,
    place: str,
    language: str,
    who: str = "",
) -> str:
    """Compares the latest period both have: 'Andelen bland kvinnor var högre i Stockholms län än i riket 2017 (…)'."""
    c_by = {(p.start, p.end): p for p in _figures(county)}
    n_by = {(p.start, p.end): p for p in _figures(national)}
    shared = sorted(set(c_by) & set(n_by), key=lambda p: (p[1], p[0]))
    group = f" {who}" if who else ""
    if not shared:
        latest = _figures(national)
        if not latest:
            return ""
        point = latest[-1]
        return _(
            "%(subject)s%(group)s i riket var %(value)s; länet har inget värde för samma period att jämföra med."
        ) % {
            "subject": subject(indicator),
            "group": group,
            "value": _dated(point, indicator, language),
        }
    period = shared[-1]
    c, n = c_by[period], n_by[period]
    values = {
        "subject": subject(indicator),
        "group": group,
        "place": place,
        "period": format_period(*period),
        "county": _value(c, indicator, language),
        "riket": _value(n, indicator, language),
    }
    if indicator.unit == Unit.COUNT:
        return (
            _(
                "%(subject)s%(group)s var %(county)s i %(place)s och %(riket)s i riket år %(period)s."
            )
            % values
        )
    relation = _compare(c, n)
    if relation == "higher":
        return (
            _(
                "%(subject)s%(group)s var högre i %(place)s än i riket %(period)s (%(county)s mot %(riket)s)."
            )
            % values
        )
    if relation == "lower":
        return (
            _(
                "%(subject)s%(group)s var lägre i %(place)s än i riket %(period)s (%(county)s mot %(riket)s)."
            )
            % values
        )
    return (
        _(
            "%(subject)s%(group)s var ungefär densamma i %(place)s som i riket %(period)s (%(county)s mot %(riket)s)."
        )
        % values
    )


def no_riket_sentence(scope_years: str) -> str:
    return _("Det finns inga värden för riket att jämföra med för %(years)s.") % {
        "years": scope_years
    }


def categories_sentence(
    points: Sequence[Point], indicator: Indicator, place: str, language: str
) -> str:
    """Highest and lowest category in the latest period: 'I Stockholms län 2017 var andelen högst för …'."""
    figures = _figures(points)
    if not figures:
        return ""
    period = (figures[-1].start, figures[-1].end)
    latest = sorted((p for p in figures if (p.start, p.end) == period), key=lambda p: p.centre)
    top, bottom = latest[-1], latest[0]
    label = indicator.breakdown_label
    if top.centre == bottom.centre:
        return _(
            "I %(place)s %(period)s var %(subject)s %(value)s för alla redovisade kategorier."
        ) % {
            "place": place,
            "period": format_period(*period),
            "subject": subject(indicator, lower=True),
            "value": _value(top, indicator, language),
        }
    order = list(indicator.breakdown_categories())
    tied = sorted(
        (p for p in latest if p.centre == bottom.centre),
        key=lambda p: order.index(p.breakdown) if p.breakdown in order else len(order),
    )
    lowest = [label(p.breakdown) for p in tied]
    lowest_text = (
        lowest[0]
        if len(lowest) == 1
        else _("%(names)s och %(last)s") % {"names": ", ".join(lowest[:-1]), "last": lowest[-1]}
    )
    return _(
        "I %(place)s %(period)s var %(subject)s högst för %(top)s, %(top_value)s, och lägst för %(bottom)s, "
        "%(bottom_value)s."
    ) % {
        "place": place,
        "period": format_period(*period),
        "subject": subject(indicator, lower=True),
        "top": label(top.breakdown),
        "top_value": _value(top, indicator, language),
        "bottom": lowest_text,
        "bottom_value": _value(bottom, indicator, language),
    }


def categories_change_sentence(points: Sequence[Point], indicator: Indicator) -> str:
    """How many categories rose and fell between the first and the last period shown."""
    figures = _figures(points)
    periods = sorted({(p.start, p.end) for p in figures}, key=lambda p: (p[1], p[0]))
    if len(periods) < 2:
        return ""
    first = {p.breakdown: p for p in figures if (p.start, p.end) == periods[0]}
    last = {p.breakdown: p for p in figures if (p.start, p.end) == periods[-1]}
    both = [b for b in last if b in first]
    if not both:
        return ""
    up = sum(1 for b in both if last[b].centre > first[b].centre)
    down = sum(1 for b in both if last[b].centre < first[b].centre)
    return _(
        "Från %(first)s till %(last)s ökade %(subject)s för %(up)s och minskade för %(down)s av %(count)s kategorier."
    ) % {
        "first": format_period(*periods[0]),
        "last": format_period(*periods[-1]),
        "subject": subject(indicator, lower=True),
        "up": up,
        "down": down,
        "count": len(both),
    }


def categories_riket_sentence(
    county: Sequence[Point], national: Sequence[Point], indicator: Indicator, place: str
) -> str:
    """'Andelen i Stockholms län var högre än i riket för 6 av 10 kategorier 2017.'"""
    c_fig, n_fig = _figures(county), _figures(national)
    shared = sorted(
        {(p.start, p.end) for p in c_fig} & {(p.start, p.end) for p in n_fig},
        key=lambda p: (p[1], p[0]),
    )
    if not shared:
        return ""
    period = shared[-1]
    c_by = {p.breakdown: p for p in c_fig if (p.start, p.end) == period}
    n_by = {p.breakdown: p for p in n_fig if (p.start, p.end) == period}
    both = [b for b in c_by if b in n_by]
    if not both:
        return ""
    if indicator.unit == Unit.COUNT:
        return ""
    higher = sum(1 for b in both if _compare(c_by[b], n_by[b]) == "higher")
    lower = sum(1 for b in both if _compare(c_by[b], n_by[b]) == "lower")
    return _(
        "%(period)s var %(subject)s i %(place)s högre än i riket för %(higher)s och lägre för %(lower)s av %(count)s "
        "kategorier."
    ) % {
        "period": format_period(*period),
        "subject": subject(indicator, lower=True),
        "place": place,
        "higher": higher,
        "lower": lower,
        "count": len(both),
    }
