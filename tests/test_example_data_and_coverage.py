"""Generated example data is deterministic, marked everywhere, and never replaces real figures.
Selection and coverage count what the report counts."""

import csv
import io
import json

from django.core.management import call_command

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.coverage import coverage, declared_totals, select_indicators
from lagesbild.indicators.models import ImportBatch, Indicator, Observation, Status
from lagesbild.sources.example import example_records, load_example_data
from lagesbild.territories.models import Territory


def test_the_same_seed_gives_the_same_values_and_another_seed_others():
    indicator = Indicator.objects.filter(id="ntu-hot")
    territories = Territory.objects.filter(code__in=["00", "01", "12"])
    first = [r.values["value"] for r in example_records(7, indicator, territories)]
    again = [r.values["value"] for r in example_records(7, indicator, territories)]
    other = [r.values["value"] for r in example_records(8, indicator, territories)]
    assert first == again and first != other
    assert len(first) == 3 * 15 * 3  # territories × years × sexes


def test_example_data_covers_every_territory_where_each_indicator_can_be_read():
    summary = load_example_data(seed=3)
    batch = ImportBatch.objects.get(pk=summary.batch_id)
    assert batch.is_example and EXAMPLE_NOTICE in batch.note
    readable = Indicator.objects.exclude(status=Status.DEVELOPMENT)
    for indicator in readable:
        territories = Territory.objects.filter(level__in=indicator.levels).count()
        sexes = 3 if indicator.by_sex else 1
        categories = len(indicator.breakdown_categories()) or 1
        expected = territories * sexes * categories * 15
        assert (
            Observation.objects.filter(
                indicator=indicator, period_start__gte=2010, period_end__lte=2024
            ).count()
            >= expected - 40
        )
    assert (
        Observation.objects.filter(territory__level="lan").values("territory").distinct().count()
        == 21
    )


def test_example_data_never_overwrites_a_published_figure():
    load_example_data(seed=1)
    real = Observation.objects.get(
        indicator_id="ntu-sexualbrott", territory_id="01", period_start=2017, sex="K"
    )
    assert real.value == 11.7 and not real.is_example
    assert Observation.objects.filter(
        indicator_id="ntu-sexualbrott",
        territory_id="03",
        period_start=2017,
        sex="K",
        is_example=True,
    ).exists()


def test_every_export_of_example_data_says_so(capsys):
    call_command("example_data", "--seed", "2")
    assert EXAMPLE_NOTICE in capsys.readouterr().out
    call_command("export", "--territory", "03", "--indicator", "ntu-hot", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all(
        r["example_data"] == "ja" and r["source"].startswith(EXAMPLE_NOTICE) for r in rows
    )
    call_command("export", "--territory", "03", "--indicator", "ntu-hot", "--format", "json")
    assert json.loads(capsys.readouterr().out)["notice"] == EXAMPLE_NOTICE


def test_the_report_method_selects_usable_indicators_readable_at_lan_level_with_data_for_the_years():
    chosen = {i.id for i in select_indicators(level="lan", years=[2016, 2017], territory="01")}
    assert chosen == {
        "mhv-tillfragade-om-vald",
        "dodligt-vald",
        "ntu-hot",
        "oj-overenskommelse-extern-samverkan",
        "oj-rutin-indikation-vald",
        "oj-stodsamtal-valdsutovare",
        "oj-skyddat-boende",
        "oj-standardiserad-bedomningsmetod",
        "oj-utbildning-handlaggare-barn",
        "oj-utbildning-handlaggare-vuxna",
    }
    assert "ntu-sexualbrott" in {
        i.id for i in select_indicators(level="lan", years=[2017], territory="01")
    }
    # 8 % and 21 % are for 2016 and 2018; 2017 has no figure, so the indicator is not chosen for 2016–2017.
    assert "oj-skolgang-skyddat-boende" in {
        i.id for i in select_indicators(level="lan", years=[2016, 2018], territory="01")
    }
    development = {i.id for i in select_indicators(statuses=[Status.DEVELOPMENT], level=None)}
    assert "kommuner-foraldraskapsstod-valdsforebyggande" in development


def test_coverage_counts_per_goal_and_level_and_the_reports_totals():
    rows = {r.goal: r for r in coverage()}
    assert declared_totals(list(rows.values())) == (26, 82)
    assert rows[1].readable == {"riket": 1, "lan": 1, "kommun": 0}
    assert rows[1].by_status["utvecklingsindikator"] == 12
    # misshandel and the unreported-offences indicator have no published county figure; the
    # regional addition on support talks without a decision has one
    assert rows[2].with_data["lan"] == 9
    assert rows[4].with_data == {"riket": 3, "lan": 3, "kommun": 0}
    # the clearance figures are held by the combined series and count for each crime type's indicator
    assert rows[3].with_data["lan"] == 11 and rows[3].in_catalogue == 21


def test_coverage_names_the_indicators_that_make_the_difference_to_the_declared_totals():
    rows = {r.goal: r.difference for r in coverage()}
    assert [(len(d.national), d.not_found) for d in rows.values()] == [
        (13, 7),
        (19, 10),
        (20, 4),
        (6, 3),
    ]
    assert rows[1].regional == ["mhv-tillfragade-om-vald"]
    assert len(rows[2].regional) == 10 and rows[2].regional_not_found == 0
    assert rows[3].regional_not_found == 2
    assert rows[3].usable_not_regional == [
        "lagforing-misshandel-nara-relation",
        "lagforing-valdtakt",
    ]
    assert rows[3].regional_additions == ["personuppklaring-grov-fridskrankning"]
    assert rows[3].combined_views == ["bra-personuppklaring"]
    assert rows[4].regional_additions == ["freda-kortfragor-andel-enheter"]
    assert "avskuren" in rows[1].notes


def test_coverage_command_prints_table_csv_and_json(capsys):
    call_command("coverage")
    table = capsys.readouterr().out
    assert "26 av totalt 82" in table
    assert (
        "Enligt källan 20 indikatorer, i katalogen 13: 7 har inte hittats i publika källor."
        in table
    )
    assert (
        "Användbara indikatorer som katalogen inte anger som läsbara på länsnivå: "
        "lagforing-misshandel-nara-relation; lagforing-valdtakt." in table
    )
    call_command("coverage", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["declared_total"] for r in rows] == ["20", "29", "24", "9"]
    assert [r["not_found"] for r in rows] == ["7", "10", "4", "3"]
    assert rows[2]["combined_views"] == "bra-personuppklaring"
    call_command("coverage", "--format", "json")
    document = json.loads(capsys.readouterr().out)
    assert document["declared"] == {"regional": 26, "total": 82}
    assert document["goals"][0]["difference"]["regional"] == ["mhv-tillfragade-om-vald"]
