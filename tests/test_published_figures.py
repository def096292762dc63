"""What a new user gets from `lagesbild init`: the figures of Rapport 2019:6, exactly as published."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from lagesbild.core.bootstrap import initialise
from lagesbild.indicators.models import BatchKind, ImportBatch, Observation
from lagesbild.sources.published import REPORT_2019_6


def published(indicator, period_start, sex="T", breakdown="", period_end=None):
    return Observation.objects.get(
        indicator_id=indicator,
        territory_id="01",
        period_start=period_start,
        period_end=period_end or period_start,
        sex=sex,
        breakdown=breakdown,
    )


def test_the_report_figures_are_loaded_for_stockholm_county_with_the_report_as_source():
    batch = ImportBatch.objects.get(kind=BatchKind.PUBLISHED)
    assert batch.source == REPORT_2019_6 and not batch.is_example
    assert published("ntu-sexualbrott", 2017, "K").value == 11.7
    assert published("ntu-sexualbrott", 2017, "M").value == 1.7
    assert [published("dodligt-vald", y).value for y in (2016, 2017)] == [26, 50]
    assert [published("mhv-tillfragade-om-vald", y).value for y in (2016, 2017)] == [82, 88]
    assert published("bra-personuppklaring", 2017, breakdown="kop-sexuell-tjanst-vuxen").value == 40
    assert published("bra-personuppklaring", 2017, breakdown="grooming").value == 0
    assert Observation.objects.filter(batch=batch).count() == 34


def test_ranges_and_approximate_values_are_stored_as_the_report_says_them():
    sheltered = published("oj-skyddat-boende", 2016, period_end=2018)
    assert (sheltered.value, sheltered.lower, sheltered.upper) == (None, 80, 100)
    threats = published("ntu-hot", 2016, "K", period_end=2017)
    assert (threats.lower, threats.upper) == (9, 10) and "Ca 9–10 procent" in threats.note
    routines = published("oj-rutin-indikation-vald", 2016, period_end=2018)
    assert routines.value == 50 and routines.note.startswith("Ungefärligt värde")
    training = published(
        "oj-utbildning-handlaggare-barn", 2016, breakdown="hogskoleutbildning", period_end=2018
    )
    assert (training.lower, training.upper) == (17, 21)


def test_where_the_report_contradicts_itself_the_figure_text_is_kept_and_the_other_value_noted():
    women = published("ntu-sexualbrott", 2017, "K")
    assert women.value == 11.7 and "11,6 procent" in women.note


def test_init_a_second_time_changes_nothing(capsys):
    before = (ImportBatch.objects.count(), Observation.objects.count())
    assert initialise() == []
    call_command("init")
    assert "inget ändrades" in capsys.readouterr().out
    assert (ImportBatch.objects.count(), Observation.objects.count()) == before


def test_export_of_stockholm_as_csv_shows_the_published_figures_with_their_source(capsys):
    call_command("export", "--territory", "01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    sexual = next(r for r in rows if r["indicator"] == "ntu-sexualbrott" and r["sex"] == "K")
    assert (sexual["value"], sexual["unit"], sexual["source"], sexual["example_data"]) == (
        "11.7",
        "procent",
        REPORT_2019_6,
        "nej",
    )
    assert {r["territory"] for r in rows} == {"01"} and len(rows) == 34


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_export_writes_json_and_xlsx_files(tmp_path, fmt):
    out = tmp_path / f"stockholm.{fmt}"
    call_command(
        "export",
        "--territory",
        "Stockholms län",
        "--indicator",
        "dodligt-vald",
        "--format",
        fmt,
        "--out",
        str(out),
    )
    if fmt == "json":
        document = json.loads(out.read_text(encoding="utf-8"))
        assert [o["value"] for o in document["observations"]] == [26, 50]
        assert "notice" not in document
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(out).worksheets[0]
        header = [c.value for c in sheet[1]]
        assert [
            row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)
        ] == [26, 50]


def test_export_filters_by_period_and_sex(capsys):
    call_command(
        "export", "--territory", "01", "--period", "2017", "--sex", "K", "--format", "json"
    )
    document = json.loads(capsys.readouterr().out)
    assert {(o["indicator"], o["value"], o["lower"]) for o in document["observations"]} == {
        ("ntu-sexualbrott", 11.7, None),
        ("ntu-hot", None, 9),
    }
