"""The counts behind the start page, coverage and counted API answers are kept beside the
observations by every import, and always equal a fresh count of the observations: after a first
import, a re-import that changes rows, an import that fails, a dry run, example data. The pages and
the API answer what a direct count of the observations gives."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lagesbild.indicators import summaries
from lagesbild.indicators.coverage import levels_with_data, select_indicators
from lagesbild.indicators.models import Indicator, Observation, ObservationSummary
from lagesbild.lab import data as lab_data
from lagesbild.lab import pages as lab_pages
from lagesbild.sources.example import load_example_data
from lagesbild.sources.importing import ImportRejected, import_file

from .builders import a_row, a_template_csv


def kept_right() -> dict:
    """The summary as stored, after checking that it equals a fresh count of the observations (and the
    summary per level equals it summed over periods and sexes), summed over import batches: (indicator, level, first year, last year, sex, breakdown, example) →
    (observations, figures)."""
    kept = summaries.stored()
    assert kept == summaries.recount()
    assert summaries.stored_by_level() == summaries.by_level(kept)
    summed: dict[tuple, tuple[int, int]] = {}
    for key, (count, figures) in kept.items():
        before = summed.get(key[:7], (0, 0))
        summed[key[:7]] = (before[0] + count, before[1] + figures)
    return summed


def test_the_bundled_published_figures_are_summarised_as_they_are_loaded():
    kept = kept_right()
    assert sum(count for count, _figures in kept.values()) == Observation.objects.count()
    with_figure = Observation.objects.exclude(value__isnull=True, lower__isnull=True).count()
    assert sum(figures for _count, figures in kept.values()) == with_figure


def test_an_import_and_a_reimport_that_changes_rows_keep_the_summary_right(tmp_path):
    first = a_template_csv(
        tmp_path,
        [
            a_row(territory="01", period="2031", sex="K", value="9,4"),
            a_row(territory="03", period="2031", sex="K", value="8,0"),
            a_row(territory="00", period="2031", sex="M", value="7,5"),
        ],
    )
    import_file(first)
    kept = kept_right()
    assert kept[("ntu-hot", "lan", 2031, 2031, "K", "", False)] == (2, 2)
    assert kept[("ntu-hot", "riket", 2031, 2031, "M", "", False)] == (1, 1)

    # Stockholms län's figure becomes missing, Uppsala's changes, a new year arrives.
    second = a_template_csv(
        tmp_path,
        [
            a_row(territory="01", period="2031", sex="K", value="", status="saknas"),
            a_row(territory="03", period="2031", sex="K", value="8,5"),
            a_row(territory="03", period="2032", sex="K", value="8,8"),
        ],
        name="andra.csv",
    )
    summary = import_file(second)
    assert (summary.created, summary.updated) == (1, 2)
    kept = kept_right()
    assert kept[("ntu-hot", "lan", 2031, 2031, "K", "", False)] == (2, 1)
    assert kept[("ntu-hot", "lan", 2032, 2032, "K", "", False)] == (1, 1)
    assert kept[("ntu-hot", "riket", 2031, 2031, "M", "", False)] == (1, 1)


def test_a_failed_import_a_dry_run_and_an_all_or_nothing_command_leave_the_summary_as_it_was(
    tmp_path,
):
    before = kept_right()
    good = a_template_csv(tmp_path, [a_row(period="2033")], name="bra.csv")
    bad = a_template_csv(tmp_path, [a_row(period="2033"), a_row(value="fel")], name="dalig.csv")
    with pytest.raises(ImportRejected):
        import_file(bad)
    assert kept_right() == before
    import_file(good, dry_run=True)
    assert kept_right() == before
    with pytest.raises(CommandError):
        call_command("import", str(good), str(bad))  # the good file is rolled back with the bad
    assert kept_right() == before
    call_command("import", str(good))
    assert kept_right()[("ntu-hot", "lan", 2033, 2033, "K", "", False)] == (1, 1)


def test_example_data_is_summarised_as_example_data_beside_the_real_figures():
    assert not summaries.has_example_data()
    load_example_data(seed=4)
    kept = kept_right()
    assert summaries.has_example_data()
    example_rows = sum(count for key, (count, _f) in kept.items() if key[6])
    assert example_rows == Observation.objects.filter(is_example=True).count() > 0
    # Loading again with another seed changes example values only; the summary follows.
    load_example_data(seed=5)
    kept_right()


def test_a_full_rebuild_gives_what_the_imports_kept(tmp_path):
    import_file(a_template_csv(tmp_path, [a_row(period="2034")]))
    kept = kept_right()
    ObservationSummary.objects.filter(indicator_id="ntu-hot").update(observations=999)
    summaries.rebuild()
    assert kept_right() == kept


def observations_api(client, **query):
    response = client.get("/api/v1/observations", {"limit": 5, **query})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(
    "query",
    [
        {"indicator": "ntu-hot"},
        {"indicator": "ntu-hot", "level": "lan", "sex": "K"},
        {"level": "lan", "period": "2016-2018"},
        {"indicator": "ntu-hot,dodligt-vald", "real_only": "true"},
        {"breakdown": "polisen"},
    ],
)
def test_a_counted_selection_is_counted_from_the_summary_and_says_what_a_direct_count_says(
    client, query
):
    load_example_data(seed=6)
    direct = direct_count(query)
    assert direct > 5  # more than one page, so the answer has to count
    with CaptureQueriesContext(connection) as queries:
        answer = observations_api(client, **query)
    assert answer["count"] == direct
    observations = f'"{Observation._meta.db_table}"'
    summary = f'"{ObservationSummary._meta.db_table}"'
    assert any(summary in q["sql"] and "SUM(" in q["sql"] for q in queries)
    assert not any(observations in q["sql"] and "COUNT(" in q["sql"] for q in queries)


def test_a_selection_by_territory_is_counted_from_the_observations(client):
    load_example_data(seed=6)
    answer = observations_api(client, indicator="ntu-hot", territory="0180")
    assert (
        answer["count"]
        == Observation.objects.filter(indicator_id="ntu-hot", territory_id="0180").count()
    )


def direct_count(query: dict) -> int:
    qs = Observation.objects.all()
    if "indicator" in query:
        qs = qs.filter(indicator_id__in=query["indicator"].split(","))
    if "level" in query:
        qs = qs.filter(territory__level=query["level"])
    if "sex" in query:
        qs = qs.filter(sex=query["sex"])
    if "period" in query:
        first, last = map(int, query["period"].split("-"))
        qs = qs.filter(period_start__lte=last, period_end__gte=first)
    if "breakdown" in query:
        qs = qs.filter(breakdown=query["breakdown"])
    if query.get("real_only"):
        qs = qs.filter(is_example=False)
    return qs.count()


def directly_with_data() -> dict[str, set[tuple[str, bool]]]:
    """indicator → (level, example) pairs with a figure, counted from the observations; a combined
    view's figures count, category by category, for the indicator each category belongs to."""
    targets = {
        view.id: view.published_indicators()
        for view in Indicator.objects.exclude(dimension=None)
        if view.is_combined_view
    }
    found: dict[str, set[tuple[str, bool]]] = {}
    rows = (
        Observation.objects.exclude(value__isnull=True, lower__isnull=True)
        .values_list("indicator_id", "territory__level", "breakdown", "is_example")
        .distinct()
    )
    for indicator_id, level, breakdown, is_example in rows:
        found.setdefault(indicator_id, set()).add((level, is_example))
        target = targets.get(indicator_id, {}).get(breakdown)
        if target:
            found.setdefault(target, set()).add((level, is_example))
    return found


def test_the_start_and_coverage_pages_show_what_the_observations_hold(client):
    load_example_data(seed=8)
    direct = directly_with_data()
    page = client.get("/tackning.json").json()
    for row in page["indicators"]:
        pairs = direct.get(row["id"], set())
        assert set(row["levels_with_data"]) == {lv for lv, example in pairs if not example}
        assert set(row["levels_with_example_data"]) == {lv for lv, example in pairs if example}
    start = client.get("/index.json").json()
    assert [g["with_data"] for g in start["goals"]] == [g["with_data"] for g in page["goals"]]
    assert levels_with_data() == {(i, lv) for i, pairs in direct.items() for lv, _e in pairs}


def test_the_coverage_api_and_the_report_method_agree_with_a_direct_count(client):
    load_example_data(seed=7)
    answer = client.get("/api/v1/coverage").json()
    assert answer["notice"]  # example data is there, and the answer says so
    direct = directly_with_data()
    usable = [
        i
        for i in Indicator.objects.filter(status__in=["karnindikator", "indikator"])
        if not i.is_combined_view
    ]
    for goal in answer["goals"]:
        for level, count in goal["with_data"].items():
            expected = [
                i
                for i in usable
                if i.goal_id == goal["goal"] and level in {lv for lv, _e in direct.get(i.id, set())}
            ]
            assert count == len(expected)
    years = [2016, 2017]
    at_lan = Observation.objects.filter(territory__level="lan").exclude(
        value__isnull=True, lower__isnull=True
    )
    covered = {
        indicator.id
        for indicator in select_indicators(level="lan")
        if all(
            at_lan.filter(
                indicator_id=indicator.id, period_start__lte=year, period_end__gte=year
            ).exists()
            for year in years
        )
    }
    assert {i.id for i in select_indicators(level="lan", years=years)} == covered != set()


def test_a_territory_page_reads_only_its_latest_periods_yet_shows_what_every_period_gives(
    monkeypatch, tmp_path
):
    load_example_data(seed=9)
    import_file(
        a_template_csv(
            tmp_path,
            [
                a_row(
                    indicator="oj-skyddat-boende",
                    territory="0180",
                    period="2040",
                    sex="T",
                    value="",
                    status="saknas",
                ),
                a_row(indicator="oj-skyddat-boende", territory="01", period="2039", sex="T"),
                a_row(
                    indicator="oj-skyddat-boende",
                    territory="0180",
                    period="2036–2038",
                    sex="T",
                    value="",
                    lower="80",
                    upper="100",
                ),
                a_row(territory="01", period="2039", sex="K", value="9,9"),
                a_row(indicator="dodligt-vald", territory="00", period="2041", sex="T", value="3"),
            ],
        )
    )
    for code in ("00", "01", "0180", "2584"):
        place = lab_data.territory(code)
        narrowed = lab_pages.territory_page(place, "sv").document
        with monkeypatch.context() as patched:
            patched.setattr(
                lab_pages, "lineage_points", lambda codes, shown_for=None: everything(codes)
            )
            full = lab_pages.territory_page(place, "sv").document
        assert narrowed == full and narrowed["rows"]


def everything(codes):
    return lab_data.lineage_points(codes)


def test_an_indicator_described_by_the_api_and_its_page_facts_agree_with_a_direct_count(client):
    load_example_data(seed=10)
    for indicator_id in ("ntu-hot", "oj-skyddat-boende", "bra-personuppklaring"):
        observations = Observation.objects.filter(indicator_id=indicator_id)
        described = client.get(f"/api/v1/indicators/{indicator_id}").json()["data"]
        assert described == {
            "count": observations.count(),
            "first_year": min(observations.values_list("period_start", flat=True)),
            "last_year": max(observations.values_list("period_end", flat=True)),
            "territories": observations.values("territory_id").distinct().count(),
            "example_data": observations.filter(is_example=True).exists(),
        }
        facts = lab_data.indicator_facts(indicator_id)
        with_figure = observations.exclude(value__isnull=True, lower__isnull=True)
        assert facts.territories == set(with_figure.values_list("territory_id", flat=True))
        assert set(facts.sexes) == set(observations.values_list("sex", flat=True))
        assert facts.periods_by_level["riket"] == tuple(
            sorted(
                set(
                    observations.filter(territory__level="riket").values_list(
                        "period_start", "period_end"
                    )
                )
            )
        )
        assert (
            facts.has_example and facts.has_real == observations.filter(is_example=False).exists()
        )
