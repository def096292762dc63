"""Descriptive sentences written from the figures, in Swedish (the report language) or English.

They say what an analyst would write by hand and nothing more: the latest value and its change since
the value before, the change over the years shown, the difference from riket (and whether it is
larger than the published margin of error), and the county's rank among the counties with figures.
The wording follows what the data shows — a rise, a fall, no change, a first value, a single value,
a range, a value not published — and facts of the same kind are said in one sentence, not one each.

Every sentence is a `Sentence` that remembers the observations it was written from. A sentence never
compares, sums or ranks a real figure against an example figure: when both would meet, the values are
only stated, and the example value carries the example notice in the sentence itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from lagesbild.core.formatting import format_number, format_period
from lagesbild.core.marking import marked
from lagesbild.indicators.models import Indicator, Sex, Unit
from lagesbild.lab import labels
from lagesbild.lab.data import Point
from lagesbild.lab.summaries import prose_value

from ..document import Sentence

# Fewer counties with figures than this and a rank says little: it is left out.
MIN_COUNTIES_FOR_RANK = 3


def sex_phrase(sex: str) -> str:
    """How a sentence names a group: '… bland kvinnor'."""
    phrases = {Sex.WOMEN: _("bland kvinnor"), Sex.MEN: _("bland män"), Sex.TOTAL: _("totalt")}
    return phrases.get(sex, "")


def in_sentence(label: str) -> str:
    """A category or group inside a sentence: 'Kvinnojour' is 'kvinnojour'; 'NTU' stays 'NTU'."""
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def subject(indicator: Indicator, lower: bool = False) -> str:
    text = str(labels.UNIT_SUBJECT.get(indicator.unit, labels.UNIT_SUBJECT[Unit.COUNT]))
    return text[0].lower() + text[1:] if lower else text


def figures(points: Sequence[Point]) -> list[Point]:
    """The points with a figure (a value or a range), oldest period first."""
    return sorted((p for p in points if p.centre is not None), key=lambda p: (p.end, p.start))


def _period(point: Point) -> str:
    return format_period(point.start, point.end)


def _is_english() -> bool:
    return (get_language() or "sv").startswith("en")


@dataclass(frozen=True)
class Wording:
    """How one indicator's figures are written: unit, decimals and language, and whether the
    sentence at hand shows real and example figures together (then each example value is marked)."""

    indicator: Indicator
    language: str
    mixed: bool = False

    def for_inputs(self, *points: Point | None) -> Wording:
        kinds = {p.is_example for p in points if p is not None}
        return Wording(self.indicator, self.language, len(kinds) > 1)

    def value(self, point: Point) -> str:
        """'82 procent', '9–10 procent'; with the example notice when the sentence mixes kinds."""
        unit, decimals = self.indicator.unit, self.indicator.decimals
        text = prose_value(point.value, point.lower, point.upper, unit, decimals, self.language)
        return marked(text, point.is_example) if self.mixed else text

    def dated(self, point: Point) -> str:
        """'82 procent 2016'; a bare count gets 'år' between number and year: '26 år 2016'."""
        if self.indicator.unit == Unit.COUNT:
            return _("%(value)s år %(period)s") % {
                "value": self.value(point),
                "period": _period(point),
            }
        return pgettext("value and period", "%(value)s %(period)s") % {
            "value": self.value(point),
            "period": _period(point),
        }

    def difference(self, amount: float) -> str:
        """The size of a difference: '6 procentenheter', '1 procentenhet', '2,1 per 100 000 invånare'."""
        decimals, unit = self.indicator.decimals, self.indicator.unit
        number = format_number(abs(amount), decimals, self.language)
        if unit == Unit.PERCENT:
            count = 1 if number in ("1", "1,0", "1.0") else 2
            return ngettext("%(number)s procentenhet", "%(number)s procentenheter", count) % {
                "number": number
            }
        return prose_value(abs(amount), None, None, unit, decimals, self.language)


def _same(a: float, b: float, decimals: int) -> bool:
    """Equal as printed: two figures that read the same are not called a change."""
    return round(a, decimals) == round(b, decimals)


# --- The county's own series ----------------------------------------------------------------------


def latest_sentence(
    points: Sequence[Point], wording: Wording, place: str, who: str = ""
) -> Sentence:
    """The latest figure and how it compares with the one before:

    'Andelen i Stockholms län ökade från 82 procent 2016 till 88 procent 2017, med 6 procentenheter.'
    Variants: a single value, a range, unchanged, and a latest period whose value is not published."""
    found = figures(points)
    group = f" {who}" if who else ""
    names = {"subject": subject(wording.indicator) + group, "place": place}
    latest_any = max(points, key=lambda p: (p.end, p.start), default=None)
    if not found:
        return Sentence(_("Det finns inga publicerade värden för %(place)s.") % names, ())
    last = found[-1]
    if latest_any is not None and latest_any.centre is None and latest_any.end > last.end:
        w = wording.for_inputs(last)
        return Sentence(
            _(
                "Värdet %(group)s för %(period)s redovisas inte (%(status)s); det senaste redovisade "
                "värdet för %(place)s är %(last)s."
            )
            % {
                "group": who or subject(wording.indicator, lower=True),
                "period": _period(latest_any),
                "status": labels.observation_status_label(latest_any.status),
                "place": place,
                "last": w.dated(last),
            },
            (last,),
        )
    if len(found) == 1:
        w = wording.for_inputs(last)
        template = (
            _("%(subject)s i %(place)s låg i intervallet %(last)s, det enda redovisade värdet.")
            if last.is_range
            else _(
                "%(subject)s i %(place)s var %(last)s, det enda redovisade värdet under perioden."
            )
        )
        return Sentence(template % {**names, "last": w.dated(last)}, (last,))
    previous = found[-2]
    w = wording.for_inputs(previous, last)
    values = {**names, "first": w.dated(previous), "last": w.dated(last)}
    if w.mixed:
        return Sentence(
            _("%(subject)s i %(place)s var %(first)s och %(last)s.") % values, (previous, last)
        )
    if last.is_range or previous.is_range:
        return Sentence(
            _("%(subject)s i %(place)s var %(first)s och %(last)s; intervallen jämförs inte.")
            % values,
            (previous, last),
        )
    if _same(last.centre, previous.centre, wording.indicator.decimals):
        return Sentence(
            _("%(subject)s i %(place)s var oförändrad, %(value)s, både %(before)s och %(now)s.")
            % {
                **names,
                "value": w.value(last),
                "before": _period(previous),
                "now": _period(last),
            },
            (previous, last),
        )
    values["change"] = w.difference(last.centre - previous.centre)
    if last.centre > previous.centre:
        text = _("%(subject)s i %(place)s ökade från %(first)s till %(last)s, med %(change)s.")
    else:
        text = _("%(subject)s i %(place)s minskade från %(first)s till %(last)s, med %(change)s.")
    return Sentence(text % values, (previous, last))


def period_sentence(points: Sequence[Point], wording: Wording, years: str) -> Sentence | None:
    """Over all the years shown, when there are at least three figures: the direction since the first."""
    found = [p for p in figures(points) if not p.is_range]
    if len(found) < 3:
        return None
    first, last = found[0], found[-1]
    w = wording.for_inputs(first, last)
    if w.mixed:
        return None
    values = {
        "years": years,
        "first": w.dated(first),
        "change": w.difference(last.centre - first.centre),
    }
    if _same(first.centre, last.centre, wording.indicator.decimals):
        text = _("Sett över hela perioden %(years)s är nivån densamma som %(first)s.")
    elif last.centre > first.centre:
        text = _(
            "Sett över hela perioden %(years)s är det en ökning med %(change)s från %(first)s."
        )
    else:
        text = _(
            "Sett över hela perioden %(years)s är det en minskning med %(change)s från %(first)s."
        )
    return Sentence(text % values, (first, last))


# --- The county and riket -----------------------------------------------------------------------------


def _interval(point: Point) -> tuple[float, float]:
    if point.lower is not None and point.upper is not None:
        return point.lower, point.upper
    return point.centre, point.centre


def has_margin(point: Point) -> bool:
    """A value published with its interval (margin of error)."""
    return point.value is not None and point.lower is not None and point.upper is not None


def intervals_overlap(a: Point, b: Point) -> bool:
    a_low, a_high = _interval(a)
    b_low, b_high = _interval(b)
    return a_low <= b_high and b_low <= a_high


def latest_shared(county: Sequence[Point], national: Sequence[Point]) -> tuple[Point, Point] | None:
    c_by = {(p.start, p.end): p for p in figures(county)}
    n_by = {(p.start, p.end): p for p in figures(national)}
    shared = sorted(set(c_by) & set(n_by), key=lambda p: (p[1], p[0]))
    return (c_by[shared[-1]], n_by[shared[-1]]) if shared else None


def riket_sentence(
    county: Sequence[Point], national: Sequence[Point], wording: Wording, place: str, who: str = ""
) -> Sentence | None:
    """'Det är 4 procentenheter högre än i riket, där andelen var 84 procent 2018.' with, where a
    margin of error is published, whether the difference is larger than it."""
    pair = latest_shared(county, national)
    group = f" {who}" if who else ""
    if pair is None:
        latest = figures(national)
        if not latest:
            return None
        point = latest[-1]
        w = wording.for_inputs(point)
        return Sentence(
            _(
                "I riket var %(subject)s%(group)s %(value)s; länet har inget värde för samma period att "
                "jämföra med."
            )
            % {
                "subject": subject(wording.indicator, lower=True),
                "group": group,
                "value": w.dated(point),
            },
            (point,),
        )
    c, n = pair
    w = wording.for_inputs(c, n)
    values = {
        "subject": subject(wording.indicator, lower=True),
        "group": group,
        "place": place,
        "period": _period(c),
        "county": w.value(c),
        "riket": w.value(n),
    }
    if w.mixed or wording.indicator.unit == Unit.COUNT:
        # Example and real figures are never compared; a count in a county is never set against
        # riket's total.
        return Sentence(
            _("I riket var %(subject)s%(group)s %(riket)s.") % {**values, "riket": w.dated(n)},
            (c, n),
        )
    latest_county = figures(county)[-1]
    earlier = (c.start, c.end) != (latest_county.start, latest_county.end)
    values["difference"] = ""
    if c.is_range or n.is_range:
        if intervals_overlap(c, n):
            text = _(
                "Intervallen för %(place)s (%(county)s) och riket (%(riket)s) %(period)s överlappar, så "
                "länet kan inte sägas skilja sig från riket."
            )
        elif c.centre > n.centre:
            text = _("%(period)s låg %(place)s högre än riket (%(county)s mot %(riket)s).")
        else:
            text = _("%(period)s låg %(place)s lägre än riket (%(county)s mot %(riket)s).")
        return Sentence(text % values, (c, n))
    values["difference"] = w.difference(c.centre - n.centre)
    if earlier:
        if _same(c.centre, n.centre, wording.indicator.decimals):
            text = _(
                "%(period)s, det senaste året med värden för både länet och riket, var %(subject)s%(group)s "
                "densamma i länet som i riket, %(county)s."
            )
        elif c.centre > n.centre:
            text = _(
                "%(period)s, det senaste året med värden för både länet och riket, var %(subject)s%(group)s "
                "%(county)s i länet, %(difference)s högre än i riket (%(riket)s)."
            )
        else:
            text = _(
                "%(period)s, det senaste året med värden för både länet och riket, var %(subject)s%(group)s "
                "%(county)s i länet, %(difference)s lägre än i riket (%(riket)s)."
            )
    elif _same(c.centre, n.centre, wording.indicator.decimals):
        text = _("Det är samma nivå som i riket%(group)s %(period)s (%(riket)s).")
    elif c.centre > n.centre:
        text = _(
            "Det är %(difference)s högre än i riket%(group)s, där %(subject)s var %(riket)s %(period)s."
        )
    else:
        text = _(
            "Det är %(difference)s lägre än i riket%(group)s, där %(subject)s var %(riket)s %(period)s."
        )
    sentence = text % values
    if has_margin(c) or has_margin(n):
        sentence += " " + (
            _("Skillnaden ryms inom den publicerade felmarginalen.")
            if intervals_overlap(c, n)
            else _("Skillnaden är större än den publicerade felmarginalen.")
        )
    return Sentence(sentence, (c, n))


def no_riket_sentence(scope_years: str) -> Sentence:
    return Sentence(
        _("Det finns inga värden för riket att jämföra med för %(years)s.") % {"years": scope_years}
    )


# --- Rank among the counties --------------------------------------------------------------------------

ORDINALS_SV = (
    "",
    "",
    "näst",
    "tredje",
    "fjärde",
    "femte",
    "sjätte",
    "sjunde",
    "åttonde",
    "nionde",
    "tionde",
    "elfte",
    "tolfte",
    "trettonde",
    "fjortonde",
    "femtonde",
    "sextonde",
    "sjuttonde",
    "artonde",
    "nittonde",
    "tjugonde",
    "tjugoförsta",
)
ORDINALS_EN = (
    "",
    "",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
)


def rank_words(position: int, highest: bool) -> str:
    """'högsta', 'näst högsta', 'tredje lägsta' (English: 'highest', 'second highest', …)."""
    words = ORDINALS_EN if _is_english() else ORDINALS_SV
    end = _("högsta") if highest else _("lägsta")
    prefix = words[position] if position < len(words) else f"{position}:e"
    return f"{prefix} {end}".strip()


@dataclass(frozen=True)
class Rank:
    position: int  # 1 = highest
    count: int  # counties with a figure for the period
    tied: int  # other counties with the same figure
    period: tuple[int, int]
    inputs: tuple

    @property
    def from_top(self) -> bool:
        return self.position <= (self.count + 1) / 2

    @property
    def words(self) -> str:
        if self.from_top:
            return rank_words(self.position, True)
        return rank_words(self.count - self.position - self.tied + 1, False)


def county_rank(county_point: Point, all_counties: Sequence[Point], decimals: int) -> Rank | None:
    """The county's place among the counties with a figure of the same kind (real among real,
    example among example) for the same period, same sex and breakdown; None with too few."""
    period = (county_point.start, county_point.end)
    peers = [
        p
        for p in all_counties
        if (p.start, p.end) == period
        and p.sex == county_point.sex
        and p.breakdown == county_point.breakdown
        and p.centre is not None
        and not p.is_range
        and p.is_example == county_point.is_example
    ]
    if county_point.is_range or len(peers) < MIN_COUNTIES_FOR_RANK:
        return None
    mine = round(county_point.centre, decimals)
    higher = sum(1 for p in peers if round(p.centre, decimals) > mine)
    tied = sum(1 for p in peers if round(p.centre, decimals) == mine) - 1
    return Rank(higher + 1, len(peers), tied, period, tuple(peers))


def rank_sentence(
    ranks: Sequence[tuple[str, Rank]], wording: Wording, place: str
) -> Sentence | None:
    """'Bland de 21 län som har värden för 2018 har Stockholms län den tredje högsta andelen.' With two
    groups: '… den femte högsta andelen bland kvinnor och den näst lägsta bland män.'"""
    ranks = [(who, r) for who, r in ranks if r is not None]
    if not ranks:
        return None
    first = ranks[0][1]
    inputs = tuple(p for _who, r in ranks for p in r.inputs)
    kind = _(" med exempeldata") if any(p.is_example for p in inputs) else ""
    parts = []
    for index, (who, rank) in enumerate(ranks):
        group = f" {who}" if who else ""
        if index == 0:
            parts.append(
                _("den %(words)s %(subject)s%(group)s")
                % {
                    "words": rank.words,
                    "subject": subject(wording.indicator, lower=True),
                    "group": group,
                }
            )
        else:
            parts.append(_("den %(words)s%(group)s") % {"words": rank.words, "group": group})
    joined = join_names(parts)
    tie = ""
    if len(ranks) == 1 and first.tied:
        tie = " " + ngettext(
            "(delad med ett annat län)", "(delad med %(n)s andra län)", first.tied
        ) % {"n": first.tied}
    return Sentence(
        _(
            "Bland de %(count)s län%(kind)s som har värden för %(period)s har %(place)s %(ranks)s%(tie)s."
        )
        % {
            "count": first.count,
            "kind": kind,
            "period": format_period(*first.period),
            "place": place,
            "ranks": joined,
            "tie": tie,
        },
        inputs,
    )


# --- Women and men ---------------------------------------------------------------------------------------


def sex_sentence(
    women: Sequence[Point], men: Sequence[Point], wording: Wording, place: str
) -> Sentence | None:
    """'2017 var andelen 11,7 procent bland kvinnor och 1,7 procent bland män i Stockholms län.'"""
    pair = latest_shared(women, men)
    if pair is None:
        return None
    w_point, m_point = pair
    w = wording.for_inputs(w_point, m_point)
    return Sentence(
        _("%(period)s var %(subject)s %(women)s bland kvinnor och %(men)s bland män i %(place)s.")
        % {
            "period": _period(w_point),
            "subject": subject(wording.indicator, lower=True),
            "place": place,
            "women": w.value(w_point),
            "men": w.value(m_point),
        },
        (w_point, m_point),
    )


def change_by_group_sentence(
    series: Sequence[tuple[str, Sequence[Point]]], wording: Wording
) -> Sentence | None:
    """The change since the value before, for several groups in one sentence:
    'Sedan 2017 har andelen ökat med 0,8 procentenheter bland kvinnor och varit oförändrad bland män.'"""
    clauses, inputs, periods = [], [], set()
    for who, points in series:
        found = [p for p in figures(points) if not p.is_range]
        if len(found) < 2:
            continue
        before, last = found[-2], found[-1]
        if before.is_example != last.is_example:
            continue
        inputs += [before, last]
        periods.add(_period(before))
        if _same(before.centre, last.centre, wording.indicator.decimals):
            clauses.append(_("varit oförändrad %(who)s") % {"who": who})
        elif last.centre > before.centre:
            clauses.append(
                _("ökat med %(change)s %(who)s")
                % {"change": wording.difference(last.centre - before.centre), "who": who}
            )
        else:
            clauses.append(
                _("minskat med %(change)s %(who)s")
                % {"change": wording.difference(last.centre - before.centre), "who": who}
            )
    if not clauses or len(periods) != 1:
        return None
    joined = join_names(clauses)
    return Sentence(
        _("Sedan %(before)s har %(subject)s %(clauses)s.")
        % {
            "before": periods.pop(),
            "subject": subject(wording.indicator, lower=True),
            "clauses": joined,
        },
        tuple(inputs),
    )


def riket_by_group_sentence(
    series: Sequence[tuple[str, Sequence[Point], Sequence[Point]]], wording: Wording
) -> Sentence | None:
    """County against riket for several groups in one sentence:
    'Jämfört med riket 2017 (10,1 respektive 1,2 procent) är andelen 0,7 procentenheter lägre bland
    kvinnor och densamma bland män.'"""
    clauses, inputs, periods = [], [], set()
    for who, county, national in series:
        pair = latest_shared(county, national)
        if pair is None:
            continue
        c, n = pair
        if c.is_example != n.is_example or c.is_range or n.is_range:
            continue
        inputs += [c, n]
        periods.add(_period(c))
        riket_value = wording.value(n)
        if _same(c.centre, n.centre, wording.indicator.decimals):
            clauses.append(_("densamma %(who)s (%(riket)s)") % {"who": who, "riket": riket_value})
        else:
            direction = _("högre") if c.centre > n.centre else _("lägre")
            margin = ""
            if has_margin(c) or has_margin(n):
                margin = (
                    _(", inom felmarginalen")
                    if intervals_overlap(c, n)
                    else _(", större än felmarginalen")
                )
            clauses.append(
                _("%(difference)s %(direction)s %(who)s (riket %(riket)s%(margin)s)")
                % {
                    "difference": wording.difference(c.centre - n.centre),
                    "direction": direction,
                    "who": who,
                    "riket": riket_value,
                    "margin": margin,
                }
            )
    if not clauses or len(periods) != 1 or wording.indicator.unit == Unit.COUNT:
        return None
    joined = join_names(clauses)
    return Sentence(
        _("Jämfört med riket %(period)s är %(subject)s i länet %(clauses)s.")
        % {
            "period": periods.pop(),
            "subject": subject(wording.indicator, lower=True),
            "clauses": joined,
        },
        tuple(inputs),
    )


# --- Categories (crime type, partner, kind of service) ----------------------------------------------------


def join_names(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(names)s och %(last)s") % {"names": ", ".join(items[:-1]), "last": items[-1]}


def categories_sentence(points: Sequence[Point], wording: Wording, place: str) -> Sentence | None:
    """Highest and lowest category in the latest period: 'I Stockholms län 2017 var andelen högst för
    misshandel, 3,1 procent, och lägst för rån, 0,4 procent.'"""
    found = figures(points)
    if not found:
        return None
    period = (found[-1].start, found[-1].end)
    latest = sorted((p for p in found if (p.start, p.end) == period), key=lambda p: p.centre)
    w = wording.for_inputs(*latest)
    label = wording.indicator.breakdown_label
    top, bottom = latest[-1], latest[0]
    values = {
        "place": place,
        "period": format_period(*period),
        "subject": subject(wording.indicator, lower=True),
    }
    if w.mixed:
        return None
    if len(latest) == 1:
        return Sentence(
            _(
                "I %(place)s %(period)s var %(subject)s %(value)s för %(category)s, den enda redovisade kategorin."
            )
            % {**values, "value": w.value(top), "category": in_sentence(label(top.breakdown))},
            (top,),
        )
    if _same(top.centre, bottom.centre, wording.indicator.decimals):
        return Sentence(
            _("I %(place)s %(period)s var %(subject)s %(value)s för alla redovisade kategorier.")
            % {**values, "value": w.value(top)},
            tuple(latest),
        )
    order = list(wording.indicator.breakdown_categories())
    lowest = sorted(
        (p for p in latest if _same(p.centre, bottom.centre, wording.indicator.decimals)),
        key=lambda p: order.index(p.breakdown) if p.breakdown in order else len(order),
    )
    return Sentence(
        _(
            "I %(place)s %(period)s var %(subject)s högst för %(top)s, %(top_value)s, och lägst för "
            "%(bottom)s, %(bottom_value)s."
        )
        % {
            **values,
            "top": in_sentence(label(top.breakdown)),
            "top_value": w.value(top),
            "bottom": join_names([in_sentence(label(p.breakdown)) for p in lowest]),
            "bottom_value": w.value(bottom),
        },
        tuple(latest),
    )


def categories_change_sentence(points: Sequence[Point], wording: Wording) -> Sentence | None:
    """How many categories rose and fell between the first and the last period shown."""
    found = figures(points)
    periods = sorted({(p.start, p.end) for p in found}, key=lambda p: (p[1], p[0]))
    if len(periods) < 2:
        return None
    first = {p.breakdown: p for p in found if (p.start, p.end) == periods[0]}
    last = {p.breakdown: p for p in found if (p.start, p.end) == periods[-1]}
    both = [b for b in last if b in first and first[b].is_example == last[b].is_example]
    if not both:
        return None
    decimals = wording.indicator.decimals
    up = sum(
        1
        for b in both
        if last[b].centre > first[b].centre and not _same(last[b].centre, first[b].centre, decimals)
    )
    down = sum(
        1
        for b in both
        if last[b].centre < first[b].centre and not _same(last[b].centre, first[b].centre, decimals)
    )
    values = {
        "first": format_period(*periods[0]),
        "last": format_period(*periods[-1]),
        "subject": subject(wording.indicator, lower=True),
        "up": up,
        "down": down,
        "count": len(both),
    }
    if up == len(both):
        text = ngettext(
            "Från %(first)s till %(last)s ökade %(subject)s för den enda kategorin.",
            "Från %(first)s till %(last)s ökade %(subject)s för alla %(count)s kategorier.",
            len(both),
        )
    elif down == len(both):
        text = ngettext(
            "Från %(first)s till %(last)s minskade %(subject)s för den enda kategorin.",
            "Från %(first)s till %(last)s minskade %(subject)s för alla %(count)s kategorier.",
            len(both),
        )
    else:
        text = _(
            "Från %(first)s till %(last)s ökade %(subject)s för %(up)s och minskade för %(down)s av "
            "%(count)s kategorier."
        )
    inputs = tuple(first[b] for b in both) + tuple(last[b] for b in both)
    return Sentence(text % values, inputs)


def categories_riket_sentence(
    county: Sequence[Point], national: Sequence[Point], wording: Wording, place: str
) -> Sentence | None:
    """'2017 var andelen i Stockholms län högre än i riket för 6 och lägre för 4 av 10 kategorier.'"""
    if wording.indicator.unit == Unit.COUNT:
        return None
    c_fig, n_fig = figures(county), figures(national)
    shared = sorted(
        {(p.start, p.end) for p in c_fig} & {(p.start, p.end) for p in n_fig},
        key=lambda p: (p[1], p[0]),
    )
    if not shared:
        return None
    period = shared[-1]
    c_by = {p.breakdown: p for p in c_fig if (p.start, p.end) == period}
    n_by = {p.breakdown: p for p in n_fig if (p.start, p.end) == period}
    both = [b for b in c_by if b in n_by and c_by[b].is_example == n_by[b].is_example]
    if not both:
        return None
    decimals = wording.indicator.decimals

    def relation(b):
        c, n = c_by[b], n_by[b]
        if intervals_overlap(c, n) and (c.is_range or n.is_range or has_margin(c) or has_margin(n)):
            return "same"
        if _same(c.centre, n.centre, decimals):
            return "same"
        return "higher" if c.centre > n.centre else "lower"

    higher = sum(1 for b in both if relation(b) == "higher")
    lower = sum(1 for b in both if relation(b) == "lower")
    values = {
        "period": format_period(*period),
        "subject": subject(wording.indicator, lower=True),
        "place": place,
        "higher": higher,
        "lower": lower,
        "count": len(both),
    }
    if higher == len(both):
        text = _(
            "%(period)s var %(subject)s i %(place)s högre än i riket för alla %(count)s kategorier."
        )
    elif lower == len(both):
        text = _(
            "%(period)s var %(subject)s i %(place)s lägre än i riket för alla %(count)s kategorier."
        )
    else:
        text = _(
            "%(period)s var %(subject)s i %(place)s högre än i riket för %(higher)s och lägre för "
            "%(lower)s av %(count)s kategorier."
        )
    inputs = tuple(c_by[b] for b in both) + tuple(n_by[b] for b in both)
    return Sentence(text % values, inputs)
