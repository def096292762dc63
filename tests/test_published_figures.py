"""What a new user gets from `lagesbild init`: real figures from official pages, each with its source.

The figures of Rapport 2019:6, exactly as published, and every figure of the other published-figure
files (Öppna jämförelser, SCB, Brå, NTU, Operation Kvinnofrid and others): each row names its publisher,
title, address and the quoted sentence or table cell, and every way out of the platform shows them."""

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.html import escape

from lagesbild.core.bootstrap import initialise
from lagesbild.core.errors import ImportRejected
from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.models import BatchKind, ImportBatch, Indicator, Observation
from lagesbild.indicators.parsing import parse_number, parse_period
from lagesbild.lab.charts import value_text
from lagesbild.sources.published import (
    PUBLISHED_DIR,
    REPORT_2019_6,
    import_published,
    load_published,
)

# Authorities and official bodies; a figure from any other publisher comes from a secondary site.
PRIMARY_PUBLISHERS = {
    "Länsstyrelsen Stockholm",
    "Brottsförebyggande rådet (Brå)",
    "Statistiska centralbyrån (SCB)",
    "Socialstyrelsen",
    "Sveriges Kommuner och Regioner (SKR)",
    "Sveriges Kommuner och Landsting (SKL)",
    "Operation Kvinnofrid (Länsstyrelsen i Stockholms län m.fl.)",
    "Nationellt centrum för kvinnofrid (NCK), Uppsala universitet",
    "Jämställdhetsmyndigheten",
}


@dataclass(frozen=True)
class Shipped:
    file: str
    indicator: str
    territory: str
    period: tuple[int, int]
    sex: str
    breakdown: str
    value: float | None
    lower: float | None
    upper: float | None
    comment: str
    publisher: str
    title: str
    url: str
    quote: str

    @property
    def key(self) -> tuple:
        return (self.indicator, self.territory, *self.period, self.sex, self.breakdown)

    @property
    def source(self) -> str:
        return f"{self.publisher}, {self.title}"


def shipped_figures() -> list[Shipped]:
    figures = []
    for path in sorted(PUBLISHED_DIR.glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                figures.append(
                    Shipped(
                        path.name,
                        row["indikator"],
                        row["territorium"],
                        parse_period(row["period"]),
                        row["kön"],
                        row["uppdelning"],
                        parse_number(row["värde"]),
                        parse_number(row["nedre"]),
                        parse_number(row["övre"]),
                        row["kommentar"],
                        row["utgivare"],
                        row["titel"],
                        row["adress"],
                        row["citat"],
                    )
                )
    return figures


SHIPPED = shipped_figures()


def published(indicator, period_start, sex="T", breakdown="", period_end=None, territory="01"):
    return Observation.objects.get(
        indicator_id=indicator,
        territory_id=territory,
        period_start=period_start,
        period_end=period_end or period_start,
        sex=sex,
        breakdown=breakdown,
    )


# --- What ships --------------------------------------------------------------------------------


def test_at_least_150_real_figures_for_15_indicators_ship_for_riket_and_counties():
    assert len(SHIPPED) >= 150
    assert len({f.indicator for f in SHIPPED}) >= 15
    levels = Counter("riket" if f.territory == "00" else "lan" for f in SHIPPED)
    assert levels["riket"] >= 50 and levels["lan"] >= 50
    assert len({f.territory for f in SHIPPED}) == 22  # riket and all 21 counties
    assert len({f.key for f in SHIPPED}) == len(SHIPPED)  # no figure is shipped twice


def test_every_shipped_figure_names_publisher_title_address_and_quote():
    for figure in SHIPPED:
        assert figure.publisher and figure.title and figure.quote, figure
        assert figure.url.startswith(("https://", "http://")), figure


def test_a_figure_from_a_secondary_site_or_with_an_inferred_year_says_so():
    for figure in SHIPPED:
        if figure.publisher not in PRIMARY_PUBLISHERS:
            assert "Sekundärkälla" in figure.comment, figure
    inferred = [f for f in SHIPPED if "År härlett" in f.comment]
    assert inferred and all(f.indicator for f in inferred)
    kalmar = next(f for f in SHIPPED if f.publisher == "Kalmar kommun")
    assert "Sekundärkälla" in kalmar.comment and "År härlett" in kalmar.comment


def test_no_unweighted_mean_of_municipalities_ships_as_a_county_value():
    assert not any("ovägt" in f.comment.casefold() or "ovagt" in f.breakdown for f in SHIPPED)


# --- How they are loaded ---------------------------------------------------------------------


def test_each_source_page_is_one_import_batch_with_its_address():
    batches = ImportBatch.objects.filter(kind=BatchKind.PUBLISHED, observations__isnull=False)
    pages = {(f.source, f.url) for f in SHIPPED}
    assert {(b.source, b.url) for b in batches.distinct()} == pages
    assert not batches.filter(is_example=True).exists()


def test_the_report_figures_are_loaded_for_stockholm_county_with_the_report_as_source():
    batch = published("ntu-sexualbrott", 2017, "K").batch
    assert batch.source == REPORT_2019_6 and not batch.is_example
    assert published("ntu-sexualbrott", 2017, "M").value == 1.7
    assert [published("dodligt-vald", y).value for y in (2016, 2017)] == [26, 50]
    assert [published("mhv-tillfragade-om-vald", y).value for y in (2016, 2017)] == [82, 88]
    assert published("bra-personuppklaring", 2017, breakdown="kop-sexuell-tjanst-vuxen").value == 40
    assert published("bra-personuppklaring", 2017, breakdown="grooming").value == 0
    assert Observation.objects.filter(batch=batch).count() == 34


def test_the_report_lethal_violence_figures_say_they_are_likely_the_police_region():
    for year in (2016, 2017):
        note = published("dodligt-vald", year).note
        assert "polisregion Stockholm, som även omfattar Gotland" in note
        assert 'Citat: "Dödligt våld redovisas på antal' in note


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


def test_every_figure_note_quotes_its_source_and_gives_the_address():
    stored = {
        (o.indicator_id, o.territory_id, o.period_start, o.period_end, o.sex, o.breakdown): o
        for o in Observation.objects.filter(batch__kind=BatchKind.PUBLISHED)
    }
    for figure in SHIPPED:
        note = stored[figure.key].note
        assert note.startswith(figure.comment), figure
        assert f'Citat: "{figure.quote}"' in note and f"Adress: {figure.url}" in note


def test_init_a_second_time_changes_nothing(capsys):
    before = (ImportBatch.objects.count(), Observation.objects.count())
    assert initialise() == []
    call_command("init")
    assert "inget ändrades" in capsys.readouterr().out
    assert (ImportBatch.objects.count(), Observation.objects.count()) == before


HEADER = "indikator;territorium;period;kön;uppdelning;värde;nedre;övre;status;kommentar;utgivare;titel;adress;citat\n"


def a_published_file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "nya-siffror.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_a_published_file_with_one_bad_row_loads_nothing(tmp_path):
    good = "ntu-hot;03;2030;K;;8,1;;;ok;;Brå;Sida A;https://bra.se/a;8,1 procent\n"
    other_page = "ntu-hot;03;2031;K;;8,2;;;ok;;Brå;Sida B;https://bra.se/b;8,2 procent\n"
    no_quote = "ntu-hot;03;2032;K;;8,3;;;ok;;Brå;Sida B;https://bra.se/b;\n"
    path = a_published_file(tmp_path, good, other_page, no_quote)
    with pytest.raises(ImportRejected) as rejected:
        load_published([path])
    assert "nya-siffror.csv" in str(rejected.value) and "citat" in str(rejected.value)
    bad_value = "ntu-hot;03;2032;K;;130;;;ok;;Brå;Sida B;https://bra.se/b;130 procent\n"
    path = a_published_file(tmp_path, good, other_page, bad_value)
    with pytest.raises(ImportRejected):
        load_published([path])
    assert not Observation.objects.filter(indicator_id="ntu-hot", period_start__gte=2030).exists()


def test_a_published_file_is_loaded_once_as_one_batch_per_page(tmp_path):
    path = a_published_file(
        tmp_path,
        "ntu-hot;03;2030;K;;8,1;;;ok;Kommentar.;Brå;Sida A;https://bra.se/a;8,1 procent\n",
        "ntu-hot;03;2031;K;;8,2;;;ok;;Brå;Sida B;https://bra.se/b;8,2 procent\n",
        "ntu-hot;03;2031;M;;7,2;;;ok;;Brå;Sida B;https://bra.se/b;7,2 procent\n",
    )
    assert load_published([path]) == [
        "nya-siffror.csv: 2 källor, 3 rader gav 3 nya, 0 ändrade och 0 oförändrade observationer"
    ]
    assert load_published([path]) == []
    first = published("ntu-hot", 2030, "K", territory="03")
    assert first.note == 'Kommentar. Citat: "8,1 procent" Adress: https://bra.se/a'
    assert (first.batch.source, first.batch.url) == ("Brå, Sida A", "https://bra.se/a")
    assert published("ntu-hot", 2031, "M", territory="03").batch.source == "Brå, Sida B"
    assert [s.created for s in import_published(path, dry_run=True)] == [0, 0]


# --- Read back through every way out ---------------------------------------------------------


def assert_same_figure(figure: Shipped, row: dict):
    def number(text):
        return None if text in (None, "") else float(text)

    assert (number(row["value"]), number(row["lower"]), number(row["upper"])) == (
        figure.value,
        figure.lower,
        figure.upper,
    ), figure
    assert row["source"] == figure.source, figure
    assert f'Citat: "{figure.quote}"' in row["note"] and figure.url in row["note"], figure
    assert str(row["example_data"]) in ("nej", "False"), figure


def key_of(row: dict) -> tuple:
    return (
        row["indicator"],
        row["territory"],
        int(row["period_start"]),
        int(row["period_end"]),
        row["sex"],
        row["breakdown"],
    )


def test_every_shipped_figure_reads_back_through_the_csv_export(capsys):
    call_command("export", "--format", "csv")
    exported = {key_of(r): r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    for figure in SHIPPED:
        assert_same_figure(figure, exported[figure.key])


def test_every_shipped_figure_reads_back_through_the_api(anonymous_visitor):
    found, url = {}, "/api/v1/observations?limit=10000"
    while url:
        page = anonymous_visitor.get(url).json()
        found.update({key_of(r): r for r in page["observations"]})
        url = page["next"]
    assert "notice" not in page
    for figure in SHIPPED:
        assert_same_figure(figure, found[figure.key])


def series_to_show() -> dict[tuple, list[Shipped]]:
    """For each indicator and level, its longest series (territory, sex, breakdown)."""
    series: dict[tuple, list[Shipped]] = {}
    for figure in SHIPPED:
        series.setdefault(
            (figure.indicator, figure.territory, figure.sex, figure.breakdown), []
        ).append(figure)
    longest: dict[tuple, list[Shipped]] = {}
    for (indicator, territory, _sex, _breakdown), figures in series.items():
        level = "riket" if territory == "00" else "lan"
        if len(figures) > len(longest.get((indicator, level), [])):
            longest[(indicator, level)] = figures
    return longest


@pytest.mark.parametrize(
    "figures", list(series_to_show().values()), ids=lambda f: f"{f[0].indicator}-{f[0].territory}"
)
def test_the_indicator_page_shows_the_real_series_with_its_source(anonymous_visitor, figures):
    first = figures[0]
    indicator = Indicator.objects.get(id=first.indicator)
    query = {"territory": first.territory, "sex": first.sex}
    if first.breakdown:
        query["breakdown"] = first.breakdown
    response = anonymous_visitor.get(f"/indikatorer/{indicator.id}/", query)
    page = response.content.decode()
    assert response.status_code == 200 and EXAMPLE_NOTICE not in page
    for figure in figures:
        shown = value_text(
            figure.value, figure.lower, figure.upper, "ok", indicator.unit, indicator.decimals, "sv"
        )
        assert shown in page, (figure, shown)
        assert escape(figure.title) in page and escape(figure.url) in page
    assert "Citat: " in page


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
