"""Generated example data is believable: whatever the seed, its values obey the arithmetic of what they
claim. A total lies between women and men, counts grow with the population and add up from kommun to
län to riket, a kommun answers a yes/no question with 0 or 100 and a county's share is the share of its
kommuner, riket agrees with the counties, and shares move smoothly from year to year."""

from __future__ import annotations

import statistics
from collections import defaultdict
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.models import Indicator, Origin, Status
from lagesbild.sources.example import (
    FIRST_YEAR,
    MAX_ADOPTION,
    SETTLED_YEARS,
    YEARS,
    Geography,
    Kind,
    example_records,
    kind_of,
)
from lagesbild.territories.models import Territory

YEAR_RANGE = range(FIRST_YEAR, FIRST_YEAR + YEARS)
SEEDS = st.integers(min_value=0, max_value=2**31)
PROPERTY = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def indicators_of_every_kind() -> list[Indicator]:
    """The catalogue's indicators with a data source, and three an analyst might add: a count by sex
    readable per kommun, a rate per 100 000 by sex per kommun and a yes/no question to the regions."""
    added = [
        {
            "id": "exempel-anmalda-brott",
            "name_sv": "Antal anmälda brott mot kvinnor",
            "unit": "antal",
            "levels": ["riket", "lan", "kommun"],
            "by_sex": True,
        },
        {
            "id": "exempel-orosanmalningar",
            "name_sv": "Orosanmälningar per 100 000 invånare",
            "unit": "per_100000",
            "levels": ["riket", "lan", "kommun"],
            "by_sex": True,
            "decimals": 1,
        },
        {
            "id": "exempel-regioner-rutin",
            "name_sv": "Andel regioner med rutin för att fråga om våld",
            "unit": "procent",
            "levels": ["riket", "lan"],
            "by_sex": False,
        },
    ]
    for fields in added:
        Indicator.objects.get_or_create(
            id=fields["id"],
            defaults=dict(
                goal_id=2,
                name_en=fields["name_sv"],
                status="indikator",
                data_source="Exempel",
                agency="Exempel",
                origin=Origin.USER,
                **{k: v for k, v in fields.items() if k != "id"},
            ),
        )
    usable = Indicator.objects.exclude(status=Status.DEVELOPMENT).exclude(levels=[]).order_by("id")
    # The rules compare each level with the one below it, so they need every level the unit answers at:
    # riket and län always, and kommun for what kommuner answer (a county-only regional addition is left out).
    return [
        i
        for i in usable
        if {"riket", "lan"} <= set(i.levels) and ("kommun" in i.levels or not kommun_answered(i))
    ]


def kommun_answered(indicator: Indicator) -> bool:
    return kind_of(indicator)[1] == "kommun"


def generated(seed: int, indicators) -> dict[tuple, float]:
    """(indicator, territory, year, sex, breakdown) → value, for every territory."""
    found = {}
    for record in example_records(seed, indicators):
        v = record.values
        assert v["note"] == EXAMPLE_NOTICE
        found[(v["indicator"], v["territory"], v["period"], v["sex"], v["breakdown"])] = v["value"]
    return found


def series(values: dict, indicator: str, territory: str, sex: str = "T", breakdown: str = ""):
    return [values[(indicator, territory, year, sex, breakdown)] for year in YEAR_RANGE]


def places() -> tuple[list[str], dict[str, list[str]]]:
    lan = list(Territory.objects.lan().values_list("code", flat=True))
    kommuner = defaultdict(list)
    for code in Territory.objects.kommuner().values_list("code", flat=True):
        kommuner[code[:2]].append(code)
    return lan, kommuner


def categories(indicator: Indicator) -> list[str]:
    return list(indicator.breakdown_categories()) or [""]


def tolerance(indicator: Indicator) -> float:
    """Rounding to the indicator's decimals can move a value by half a unit of the last digit."""
    return 1.5 * 10**-indicator.decimals


@PROPERTY
@given(seed=SEEDS)
def test_a_total_lies_between_women_and_men(seed):
    indicators = [
        i
        for i in indicators_of_every_kind()
        if i.by_sex and kind_of(i)[0] in (Kind.SHARE, Kind.RATE)
    ]
    values = generated(seed, indicators)
    assert {i.id for i in indicators} >= {"ntu-hot", "ntu-misshandel", "exempel-orosanmalningar"}
    checked = 0
    for (indicator, territory, year, sex, breakdown), total in values.items():
        if sex != "T":
            continue
        women = values[(indicator, territory, year, "K", breakdown)]
        men = values[(indicator, territory, year, "M", breakdown)]
        assert min(women, men) <= total <= max(women, men), (indicator, territory, year)
        checked += 1
    assert checked > 1000


@PROPERTY
@given(seed=SEEDS)
def test_counts_add_up_from_kommun_to_lan_to_riket_and_women_and_men_to_the_total(seed):
    indicators = [i for i in indicators_of_every_kind() if kind_of(i)[0] == Kind.COUNT]
    values = generated(seed, indicators)
    lan, kommuner = places()
    for indicator in indicators:
        for breakdown in categories(indicator):
            sexes = ("T", "K", "M") if indicator.by_sex else ("T",)
            for sex in sexes:
                riket = series(values, indicator.id, "00", sex, breakdown)
                counties = [series(values, indicator.id, code, sex, breakdown) for code in lan]
                assert all(float(v).is_integer() and v >= 0 for v in riket)
                assert riket == [sum(year) for year in zip(*counties)], indicator.id
                if "kommun" in indicator.levels:
                    for code in lan:
                        members = [
                            series(values, indicator.id, k, sex, breakdown) for k in kommuner[code]
                        ]
                        assert series(values, indicator.id, code, sex, breakdown) == [
                            sum(year) for year in zip(*members)
                        ]
            if indicator.by_sex:
                for key, total in values.items():
                    if key[0] == indicator.id and key[3] == "T" and key[4] == breakdown:
                        women = values[(*key[:3], "K", breakdown)]
                        men = values[(*key[:3], "M", breakdown)]
                        assert total == women + men


@PROPERTY
@given(seed=SEEDS)
def test_counts_grow_with_the_population_and_lethal_violence_is_about_a_hundred_a_year(seed):
    indicators = [i for i in indicators_of_every_kind() if kind_of(i)[0] == Kind.COUNT]
    values = generated(seed, indicators)
    geography = Geography.from_register()
    lan, _ = places()
    lethal = series(values, "dodligt-vald", "00")
    assert all(50 <= deaths <= 200 for deaths in lethal), lethal
    for indicator in indicators:
        totals = [sum(series(values, indicator.id, code)) for code in lan]
        populations = [geography.population[code] for code in lan]
        # A count of about a hundred a year is a few per county, so chance moves a small county's total
        # by a large share: over 400 seeds lethal violence's correlation went down to 0.75, every
        # larger count's stayed above 0.83.
        small = sum(series(values, indicator.id, "00")) / len(lethal) < 1000
        assert statistics.correlation(populations, totals) > (0.7 if small else 0.8), indicator.id


@PROPERTY
@given(seed=SEEDS)
def test_a_yes_no_question_is_answered_0_or_100_and_a_county_gives_the_share_of_its_kommuner(seed):
    indicators = [i for i in indicators_of_every_kind() if kind_of(i)[0] == Kind.YES_NO]
    assert {i.id for i in indicators} >= {"oj-skyddat-boende", "exempel-regioner-rutin"}
    values = generated(seed, indicators)
    lan, kommuner = places()
    for indicator in indicators:
        answering = kind_of(indicator)[1]
        for breakdown in categories(indicator):
            for year in YEAR_RANGE:

                def value(code, year=year, breakdown=breakdown, indicator=indicator):
                    return values[(indicator.id, code, year, "T", breakdown)]

                if answering == "lan":
                    units = lan
                else:
                    units = [k for code in lan for k in kommuner[code]]
                    for code in lan:
                        said_yes = sum(value(k) == 100 for k in kommuner[code])
                        share = 100 * said_yes / len(kommuner[code])
                        assert value(code) == round(share, indicator.decimals)
                    weighted = sum(value(c) * len(kommuner[c]) for c in lan) / len(units)
                    assert abs(value("00") - weighted) <= tolerance(indicator)
                assert all(value(u) in (0, 100) for u in units), indicator.id
                said_yes = sum(value(u) == 100 for u in units)
                assert value("00") == round(100 * said_yes / len(units), indicator.decimals)
            national = series(values, indicator.id, "00", "T", breakdown)
            steps = [abs(b - a) for a, b in pairwise(national)]
            assert max(steps) <= 100 * MAX_ADOPTION + 2, (indicator.id, national)
            for unit in units:
                answered = series(values, indicator.id, unit, "T", breakdown)
                changes = [n for n, (a, b) in enumerate(pairwise(answered), 1) if a != b]
                assert all(b - a >= SETTLED_YEARS for a, b in pairwise(changes)), (unit, answered)


@PROPERTY
@given(seed=SEEDS)
def test_riket_is_the_population_weighted_mean_of_the_counties_and_shares_move_smoothly(seed):
    indicators = [i for i in indicators_of_every_kind() if kind_of(i)[0] in (Kind.SHARE, Kind.RATE)]
    values = generated(seed, indicators)
    geography = Geography.from_register()
    lan, kommuner = places()
    for indicator in indicators:
        sexes = ("T", "K", "M") if indicator.by_sex else ("T",)
        for breakdown in categories(indicator):
            for sex in sexes:
                riket = series(values, indicator.id, "00", sex, breakdown)
                counties = {c: series(values, indicator.id, c, sex, breakdown) for c in lan}
                for year, national in enumerate(riket):
                    weighted = sum(counties[c][year] * geography.population[c] for c in lan) / sum(
                        geography.population[c] for c in lan
                    )
                    # Riket and every county are rounded, and a total is made from the rounded
                    # figures for women and men and rounded again, so the differences add up: over
                    # 150 seeds they reached 1.43 units of the last digit, once 1.503 in a test run.
                    assert abs(national - weighted) <= 2 * 10**-indicator.decimals, indicator.id
                    if "kommun" in indicator.levels:
                        for code in lan:
                            members = kommuner[code]
                            mean = sum(
                                values[(indicator.id, k, FIRST_YEAR + year, sex, breakdown)]
                                * geography.population[k]
                                for k in members
                            ) / sum(geography.population[k] for k in members)
                            assert abs(counties[code][year] - mean) <= tolerance(indicator)
                if indicator.unit == "procent":
                    assert all(0 <= v <= 100 for row in counties.values() for v in row)
                for row in (riket, *counties.values()):
                    top = max(row)
                    steps = [abs(b - a) for a, b in pairwise(row)]
                    # Two units of the last digit: a total is rounded from its already rounded halves.
                    assert max(steps) <= 0.15 * top + 0.5 + 2 * 10**-indicator.decimals, (
                        indicator.id,
                        sex,
                        breakdown,
                        row,
                    )


def test_the_example_population_is_stated_and_adds_up():
    geography = Geography.from_register()
    lan, kommuner = places()
    assert round(geography.population["00"]) == 10_000_000
    for code in lan:
        assert (
            abs(geography.population[code] - sum(geography.population[k] for k in kommuner[code]))
            < 1e-6
        )
    assert Geography.from_register().population == geography.population, "the same for every seed"
