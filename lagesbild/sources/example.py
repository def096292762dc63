"""Deterministic generated example data that obeys the arithmetic of what it claims.

Every value is fictitious and stored as example data ("Exempeldata – fiktiva värden"), but the values
hang together the way real figures do, so pages, charts and reports look like what they will show:

- **Population.** Each kommun gets a fictitious population weight (log-normal, fixed per kommun code and
  the same for every seed), scaled so that riket has an example population of 10 million; a län is the
  sum of its kommuner. Half of each population is taken to be women: a stated approximation used to
  weight women and men into a total.
- **Shares and rates** (procent, per 1 000 …) are generated at the finest level the indicator can be read
  at (kommun, else län). A län is the population-weighted mean of its kommuner and riket the weighted
  mean of the län. Split by sex, women and men are generated and the total is their weighted mean, so it
  always lies between them.
- **Counts** (antal) are drawn from a rate per 100 000 inhabitants times the population, so they scale
  with it; a län is the sum of its kommuner, riket the sum of the län, and the total the sum of women and
  men. Lethal violence is drawn around one death per 100 000 inhabitants a year: about 100 in riket.
- **Yes/no questions to kommuner** ("Andel kommuner som …", as in Öppna jämförelser): each kommun answers
  yes (100) or no (0), a län's value is the share of its kommuner answering yes and riket's the share of
  all kommuner. "Andel regioner …" works the same way with the 21 regions (län).
- **Time.** Levels follow slow random walks: a share moves a few points a year, a kommun changes its
  answer rarely, so national shares move smoothly.
- Where an indicator has real (published) figures, the example level is taken from them, so the example
  series is of a believable size; the real figures themselves are never overwritten.
"""

from __future__ import annotations

import math
import random
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from lagesbild.core.marking import EXAMPLE_NOTICE, example_source
from lagesbild.indicators.models import (
    BatchKind,
    Indicator,
    Observation,
    Sex,
    Status,
    Unit,
)
from lagesbild.territories.models import Level, Territory, fold

from .importing import BatchInfo, ImportSummary, import_records
from .records import Record

FIRST_YEAR, YEARS = 2010, 15
COLUMNS = {
    f: f
    for f in ("indicator", "territory", "period", "sex", "breakdown", "value", "status", "note")
}
EXAMPLE_POPULATION = 10_000_000  # riket's example population; the weights per kommun are fictitious
WOMEN_SHARE = 0.5  # the stated approximate weighting of women and men into a total
YES, NO = 100.0, 0.0
RATE_BASE = 100_000
# Largest change per year of a share's national level, in percent of the level itself (plus a little).
SHARE_STEP = 0.04
# Largest share of kommuner (of those answering no, or yes) that change their answer in a year.
MAX_ADOPTION, MAX_DROPPING = 0.08, 0.02
SETTLED_YEARS = 6  # a kommun that has changed its answer keeps it at least this many years
ANSWER_UNITS = {"kommun": Level.KOMMUN, "region": Level.LAN}
_YES_NO = re.compile(r"^andel (?:av )?(?:landets |alla )?(kommun|region)(?:er|erna)\b")
_LETHAL = ("dodligt vald", "avlidit", "dodsfall")


class Kind:
    SHARE = "share"  # a share in percent, aggregated as a population-weighted mean
    RATE = "rate"  # per 1 000, 10 000 or 100 000 inhabitants, aggregated the same way
    COUNT = "count"  # a number of cases, aggregated as a sum
    YES_NO = "yes_no"  # a share of kommuner (or regions), each answering yes or no


def kind_of(indicator: Indicator) -> tuple[str, str | None]:
    """What arithmetic the indicator's values obey, and for yes/no questions the level that answers."""
    if indicator.unit == Unit.COUNT:
        return Kind.COUNT, None
    if indicator.unit != Unit.PERCENT:
        return Kind.RATE, None
    match = _YES_NO.match(fold(indicator.name_sv))
    if match and not indicator.by_sex:
        return Kind.YES_NO, ANSWER_UNITS[match.group(1)]
    return Kind.SHARE, None


@dataclass
class Geography:
    """Riket, the län and the kommuner with their example populations."""

    lan: list[str]
    kommuner: dict[str, list[str]]  # län code → its kommuner
    population: dict[str, float]  # every code, riket included

    @classmethod
    def from_register(cls) -> Geography:
        rows = list(Territory.objects.values_list("code", "level", "parent_id"))
        lan = sorted(code for code, level, _ in rows if level == Level.LAN)
        kommuner: dict[str, list[str]] = {code: [] for code in lan}
        for code, level, parent in sorted(rows):
            if level == Level.KOMMUN and parent in kommuner:
                kommuner[parent].append(code)
        weights = {
            k: _population_weight(k) for members in kommuner.values() for k in members
        } or dict.fromkeys(lan, 1.0)
        scale = EXAMPLE_POPULATION / sum(weights.values())
        population = {code: weight * scale for code, weight in weights.items()}
        for code in lan:
            if kommuner[code]:
                population[code] = sum(population[k] for k in kommuner[code])
        population["00"] = sum(population[code] for code in lan)
        return cls(lan, kommuner, population)

    def units(self, level: str) -> list[str]:
        if level == Level.KOMMUN:
            return [k for code in self.lan for k in self.kommuner[code]]
        if level == Level.LAN:
            return list(self.lan)
        return ["00"]

    def parent(self, code: str) -> str:
        return code[:2] if len(code) == 4 else "00"


def _population_weight(code: str) -> float:
    """A fictitious, fixed size for a kommun: log-normal around 15 000 inhabitants."""
    return math.exp(random.Random(f"population:{code}").gauss(math.log(15_000), 0.9))


def _finest_level(indicator: Indicator, kind: str, answering: str | None) -> str:
    if kind == Kind.YES_NO:
        return answering
    for level in (Level.KOMMUN, Level.LAN):
        if level in indicator.levels:
            return level
    return Level.RIKET


def _real_anchor(indicator: Indicator, breakdown: str, kind: str) -> float | None:
    """The median of the indicator's real figures, where it has any (riket only, for counts)."""
    figures = Observation.objects.filter(
        indicator=indicator, is_example=False, value__isnull=False
    ).filter(breakdown=breakdown)
    if kind == Kind.COUNT:
        figures = figures.filter(territory_id="00")
    values = list(figures.values_list("value", flat=True)[:500])
    return statistics.median(values) if values else None


def _level(rng: random.Random, indicator: Indicator, kind: str, anchor: float | None) -> float:
    """The national level to start from: the real figures' level, or a believable band."""
    if anchor is not None and anchor > 0:
        return anchor
    if anchor is not None and kind != Kind.COUNT:
        return rng.uniform(0.5, 3.0)  # the real figures are 0: stay near it
    if kind == Kind.COUNT:
        lethal = any(word in fold(indicator.name_sv) for word in _LETHAL)
        per_100000 = rng.uniform(0.9, 1.2) if lethal else rng.uniform(0.5, 20.0)
        return per_100000 * EXAMPLE_POPULATION / RATE_BASE
    if kind in (Kind.SHARE, Kind.YES_NO):
        if indicator.higher_is_better is True:
            return rng.uniform(40.0, 90.0)
        if indicator.higher_is_better is False:
            return rng.uniform(2.0, 20.0)
        return rng.uniform(10.0, 60.0)
    scale = {Unit.PER_1000: 1_000, Unit.PER_10000: 10_000}.get(indicator.unit, RATE_BASE)
    return rng.uniform(0.5, 20.0) * scale / RATE_BASE * 10


def _walk(rng: random.Random, start: float, years: int, step: float, low: float, high: float):
    """A slow random walk that stays within [low, high]."""
    value, found = start, []
    for _ in range(years):
        value = min(high, max(low, value + rng.uniform(-step, step)))
        found.append(value)
    return found


def _weighted(geography: Geography, codes: list[str], series: dict[str, list[float]], year: int):
    total = sum(geography.population[c] for c in codes)
    return sum(series[c][year] * geography.population[c] for c in codes) / total


def _aggregate_mean(geography: Geography, finest: str, values: dict[str, list[float]], years: int):
    """Län from kommuner and riket from län, as population-weighted means."""
    if finest == Level.KOMMUN:
        for lan in geography.lan:
            members = geography.kommuner[lan]
            values[lan] = [_weighted(geography, members, values, y) for y in range(years)]
    if finest in (Level.KOMMUN, Level.LAN):
        values["00"] = [_weighted(geography, geography.lan, values, y) for y in range(years)]
    return values


def _aggregate_sum(geography: Geography, finest: str, values: dict[str, list[float]], years: int):
    if finest == Level.KOMMUN:
        for lan in geography.lan:
            members = geography.kommuner[lan]
            values[lan] = [sum(values[k][y] for k in members) for y in range(years)]
    if finest in (Level.KOMMUN, Level.LAN):
        values["00"] = [sum(values[c][y] for c in geography.lan) for y in range(years)]
    return values


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 60:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _share_series(rng, indicator, kind, geography, finest, years, anchor):
    """Shares and rates for women and men at the finest level, then aggregated; the total is their
    weighted mean."""
    level = _level(rng, indicator, kind, anchor)
    high = 100.0 if kind == Kind.SHARE else level * 3
    national = _walk(
        rng, level, years, level * SHARE_STEP + 0.2, level * 0.6, min(high, level * 1.5)
    )
    gap = rng.uniform(-0.4, 0.4) if indicator.by_sex else 0.0
    women, men = {}, {}
    for code in geography.units(finest):
        unit = random.Random(f"{rng.random()}:{code}")
        offset = unit.gauss(0, level * 0.12)
        drift = _walk(unit, 0.0, years, level * 0.02 + 0.1, -level * 0.1, level * 0.1)
        base = [max(0.0, national[y] + offset + drift[y]) for y in range(years)]
        women[code] = [min(high, b * (1 + gap)) for b in base]
        men[code] = [min(high, b * (1 - gap)) for b in base]
    women = _aggregate_mean(geography, finest, women, years)
    men = _aggregate_mean(geography, finest, men, years)
    return _rounded_by_sex(indicator, women, men, total=None)


def _count_series(rng, indicator, geography, finest, years, anchor):
    """Counts drawn from a rate times the population at the finest level, then summed."""
    national = _level(rng, indicator, Kind.COUNT, anchor)
    rate = national / geography.population["00"]
    rates = _walk(rng, rate, years, rate * 0.05, rate * 0.7, rate * 1.4)
    women_part = rng.uniform(0.2, 0.8)
    women, men, total = {}, {}, {}
    for code in geography.units(finest):
        unit = random.Random(f"{rng.random()}:{code}")
        factor = math.exp(unit.gauss(0, 0.25))
        expected = [rates[y] * factor * geography.population[code] for y in range(years)]
        if indicator.by_sex:
            women[code] = [float(_poisson(unit, e * women_part)) for e in expected]
            men[code] = [float(_poisson(unit, e * (1 - women_part))) for e in expected]
        else:
            total[code] = [float(_poisson(unit, e)) for e in expected]
    if indicator.by_sex:
        women = _aggregate_sum(geography, finest, women, years)
        men = _aggregate_sum(geography, finest, men, years)
        total = {code: [w + m for w, m in zip(women[code], men[code])] for code in women}
        return {Sex.TOTAL: total, Sex.WOMEN: women, Sex.MEN: men}
    return {Sex.TOTAL: _aggregate_sum(geography, finest, total, years)}


def answers(
    rng: random.Random, units: list[str], years: int, share: float
) -> dict[str, list[float]]:
    """Yes (100) or no (0) per unit and year. Each unit leans one way; every year a few of those
    answering no start answering yes (at most MAX_ADOPTION of them) and fewer stop (at most
    MAX_DROPPING), and a unit that has changed its answer keeps it for SETTLED_YEARS."""
    share = min(0.97, max(0.03, share))
    leaning = {u: min(0.98, max(0.02, share + rng.gauss(0, 0.25))) for u in units}
    current = {u: rng.random() < leaning[u] for u in units}
    changed = dict.fromkeys(units, -SETTLED_YEARS)
    adoption = rng.uniform(0.01, MAX_ADOPTION)
    dropping = rng.uniform(0.0, MAX_DROPPING)
    found = {u: [] for u in units}
    for year in range(years):
        if year:
            free = [u for u in units if year - changed[u] >= SETTLED_YEARS]
            saying_no = [u for u in free if not current[u]]
            saying_yes = [u for u in free if current[u]]
            starting = _most_leaning(rng, saying_no, leaning, round(adoption * len(saying_no)))
            stopping = _most_leaning(
                rng,
                saying_yes,
                {u: 1 - leaning[u] for u in units},
                round(dropping * len(saying_yes)),
            )
            for u in starting + stopping:
                current[u] = not current[u]
                changed[u] = year
        for u in units:
            found[u].append(YES if current[u] else NO)
    return found


def _most_leaning(
    rng: random.Random, candidates: list[str], leaning: dict, count: int
) -> list[str]:
    """`count` of the candidates, drawn with their leaning as weight."""
    pool = list(candidates)
    chosen = []
    for _ in range(min(count, len(pool))):
        pick = rng.choices(pool, weights=[leaning[u] for u in pool])[0]
        pool.remove(pick)
        chosen.append(pick)
    return chosen


def _yes_no_series(rng, indicator, geography, answering, years, anchor):
    """Each kommun (or region) answers yes or no; a län's value is the share of its kommuner answering
    yes, riket's the share of all."""
    level = _level(rng, indicator, Kind.YES_NO, anchor)
    units = geography.units(answering)
    values = answers(rng, units, years, level / 100)
    if answering == Level.KOMMUN:
        for lan in geography.lan:
            members = geography.kommuner[lan]
            if members:
                values[lan] = [
                    100 * sum(values[k][y] == YES for k in members) / len(members)
                    for y in range(years)
                ]
    values["00"] = [
        100 * sum(values[u][y] == YES for u in units) / len(units) for y in range(years)
    ]
    return {
        Sex.TOTAL: {
            code: [round(v, indicator.decimals) for v in row] for code, row in values.items()
        }
    }


def _rounded_by_sex(indicator, women, men, total):
    """Rounded to the indicator's decimals; the total is computed from the rounded women and men, so it
    lies between them."""
    decimals = indicator.decimals
    if not indicator.by_sex:
        return {
            Sex.TOTAL: {
                code: [
                    round(WOMEN_SHARE * w + (1 - WOMEN_SHARE) * m, decimals)
                    for w, m in zip(row, men[code])
                ]
                for code, row in women.items()
            }
        }
    women = {code: [round(v, decimals) for v in row] for code, row in women.items()}
    men = {code: [round(v, decimals) for v in row] for code, row in men.items()}
    total = {
        code: [
            round(WOMEN_SHARE * w + (1 - WOMEN_SHARE) * m, decimals) for w, m in zip(row, men[code])
        ]
        for code, row in women.items()
    }
    return {Sex.TOTAL: total, Sex.WOMEN: women, Sex.MEN: men}


def indicator_values(
    indicator: Indicator,
    breakdown: str,
    seed: int,
    geography: Geography,
    years: int = YEARS,
) -> dict[str, dict[str, list[float]]]:
    """Sex → territory code → the values for each year, for one category of one indicator, at every
    level (also levels the indicator is not read at, which the caller leaves out)."""
    kind, answering = kind_of(indicator)
    rng = random.Random(f"{seed}:{indicator.id}:{breakdown}")
    anchor = _real_anchor(indicator, breakdown, kind)
    finest = _finest_level(indicator, kind, answering)
    if kind == Kind.YES_NO:
        return _yes_no_series(rng, indicator, geography, answering, years, anchor)
    if kind == Kind.COUNT:
        return _count_series(rng, indicator, geography, finest, years, anchor)
    return _share_series(rng, indicator, kind, geography, finest, years, anchor)


def example_records(
    seed: int = 1,
    indicators=None,
    territories=None,
    first_year: int = FIRST_YEAR,
    years: int = YEARS,
) -> Iterator[Record]:
    """Example observations for the indicators in the territories given (every indicator that has a
    data source and every territory, by default). The values are computed for the whole country, so a
    selection shows the same figures as a full load."""
    if indicators is None:
        indicators = (
            Indicator.objects.exclude(status=Status.DEVELOPMENT).exclude(levels=[]).order_by("id")
        )
    wanted = list(territories if territories is not None else Territory.objects.order_by("code"))
    geography = Geography.from_register()
    row = 1
    for indicator in indicators:
        sexes = (Sex.TOTAL, Sex.WOMEN, Sex.MEN) if indicator.by_sex else (Sex.TOTAL,)
        breakdowns = list(indicator.breakdown_categories()) or [""]
        places = [t for t in wanted if t.level in indicator.levels]
        if not places:
            continue
        for breakdown in breakdowns:
            values = indicator_values(indicator, breakdown, seed, geography, years)
            for territory in places:
                for sex in sexes:
                    series = values[sex].get(territory.code)
                    if series is None:
                        continue
                    for offset, value in enumerate(series):
                        row += 1
                        yield Record(
                            row,
                            {
                                "indicator": indicator.id,
                                "territory": territory.code,
                                "period": first_year + offset,
                                "sex": sex,
                                "breakdown": breakdown,
                                "value": value,
                                "status": "ok",
                                "note": EXAMPLE_NOTICE,
                            },
                            COLUMNS,
                        )


def load_example_data(seed: int = 1, dry_run: bool = False) -> ImportSummary:
    info = BatchInfo(
        kind=BatchKind.EXAMPLE,
        source=example_source(seed),
        parameters={
            "seed": seed,
            "first_year": FIRST_YEAR,
            "years": YEARS,
            "example_population": EXAMPLE_POPULATION,
            "women_share": WOMEN_SHARE,
        },
        is_example=True,
        note=(
            f"{EXAMPLE_NOTICE}. Värdena är slumpade och beskriver ingen verklighet. De följer ändå "
            "räknereglerna för det de anger: län och riket är vägda medelvärden (andelar) eller summor "
            "(antal) av nivån under, totalen vägs av kvinnor och män med hälften var, ja/nej-frågor "
            "besvaras med 0 eller 100 per kommun. Befolkningen per kommun är fiktiva vikter som summeras "
            "till 10 miljoner för riket."
        ),
    )
    return import_records(
        example_records(seed), info, file_name=f"example-data (seed {seed})", dry_run=dry_run
    )
