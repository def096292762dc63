import csv
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.indicators.catalogue import (
    PACKAGE_DIR,
    CatalogueError,
    load_catalogue,
    sync_catalogue,
)
from lagesbild.indicators.models import Goal, Indicator, Observation, Scope, Status
from lagesbild.indicators.regional import regional_goals_of
from lagesbild.sources.published import PUBLISHED_DIR

NAMED_IN_THE_REPORT = [
    "mhv-tillfragade-om-vald",
    "ntu-misshandel",
    "ntu-hot",
    "ntu-sexualbrott",
    "dodligt-vald",
    "oj-stodsamtal-valdsutovare",
    "oj-skyddat-boende",
    "oj-skolgang-skyddat-boende",
    "oj-rutin-indikation-vald",
    "oj-overenskommelse-extern-samverkan",
    "bra-personuppklaring",
    "oj-standardiserad-bedomningsmetod",
    "oj-utbildning-handlaggare-barn",
    "oj-utbildning-handlaggare-vuxna",
]


def test_the_shipped_catalogue_is_valid_and_loaded():
    catalogue = load_catalogue()
    assert set(catalogue.goals) == {1, 2, 3, 4}
    assert Indicator.objects.count() == len(catalogue.indicators) >= 60
    assert set(NAMED_IN_THE_REPORT) <= set(Indicator.objects.values_list("id", flat=True))


def test_every_indicator_says_status_source_agency_levels_area_and_where_it_is_defined():
    for indicator in Indicator.objects.all():
        assert indicator.status in Status.values, indicator.id
        assert indicator.data_source and indicator.agency and indicator.area, indicator.id
        assert isinstance(indicator.levels, list), indicator.id
        assert indicator.levels or indicator.status == Status.DEVELOPMENT, indicator.id
        assert indicator.references, indicator.id
        assert all(r.startswith(("https://", "http://")) for r in indicator.references)


def test_the_goal_1_topics_are_replaced_by_the_published_development_indicators():
    ids = set(Indicator.objects.values_list("id", flat=True))
    topics = {"foraldraskapsstod-vald", "forebyggande-skola-forskola", "normer-attityder-unga"}
    assert not topics & ids and "aterfallsforebyggande-program" not in ids
    parenting = Indicator.objects.get(id="kommuner-foraldraskapsstod-valdsforebyggande")
    assert parenting.name_sv == (
        "Andel kommuner som erbjuder föräldraskapsstöd med våldsförebyggande inriktning"
    )
    assert parenting.status == Status.DEVELOPMENT and parenting.levels == []
    programmes = Indicator.objects.get(id="kv-partnervaldsklienter-program-relationsvald")
    assert (programmes.goal_id, programmes.agency) == (1, "Kriminalvården")
    # where the published list is cut off, the catalogue says so
    last_school = Indicator.objects.get(id="forskola-motverka-stereotypa-konsforestallningar")
    assert "avskuren" in last_school.notes and "Andel elever i årskurs" in last_school.notes
    assert "avskuren" in Goal.objects.get(number=1).notes


def test_every_indicator_with_shipped_figures_is_in_the_catalogue():
    ids = set(Indicator.objects.values_list("id", flat=True))
    for path in PUBLISHED_DIR.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            shipped = {row["indikator"] for row in csv.DictReader(handle, delimiter=";")}
        assert shipped <= ids, (path.name, shipped - ids)


def test_the_combined_clearance_series_names_the_published_indicator_of_each_crime_type():
    clearance = Indicator.objects.get(id="bra-personuppklaring")
    published = clearance.published_indicators()
    assert published["valdtakt"] == "personuppklaring-valdtakt"
    assert published["aktenskapstvang"] == "personuppklaring-tvangsaktenskap"
    assert clearance.is_combined_view and set(published.values()) <= set(
        Indicator.objects.values_list("id", flat=True)
    )
    rape = Indicator.objects.get(id="personuppklaring-valdtakt")
    assert rape.combined_in() == [(clearance, ["valdtakt"])] and not rape.is_combined_view


def test_regional_additions_are_kept_apart_from_the_national_set():
    additions = set(Indicator.objects.filter(scope=Scope.REGIONAL).values_list("id", flat=True))
    assert additions == {
        "oj-stodsamtal-utan-bistandsbeslut",
        "kommuner-webbinformation-stod-valdsutovare",
        "personuppklaring-grov-fridskrankning",
        "freda-kortfragor-andel-enheter",
    }


def test_stockholm_county_has_its_own_strategy_with_eight_goals_and_their_indicators():
    goals = regional_goals_of("01")
    assert [g.number for g in goals] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert goals[1].name_sv == "Förebygga återfall"
    assert goals[0].strategy_sv == (
        "Strategi för att förebygga och bekämpa våld i Stockholms län 2020–2026"
    )
    relapse = {i.id for i in goals[1].indicators.all()}
    assert {
        "oj-stodsamtal-valdsutovare",
        "kv-partnervaldsklienter-program-relationsvald",
    } <= relapse
    maternity = Indicator.objects.get(id="mhv-tillfragade-om-vald")
    assert sorted(g.number for g in maternity.regional_goals.all()) == [1, 3]
    assert all(g.references for g in goals) and regional_goals_of("12") == []


def test_goals_carry_the_totals_the_report_gives():
    totals = {g.number: (g.declared_total, g.declared_regional) for g in Goal.objects.all()}
    assert totals == {1: (20, 1), 2: (29, 10), 3: (24, 12), 4: (9, 3)}
    assert Goal.objects.get(number=3).name_sv == "Effektivare brottsbekämpning"


def test_indicators_describe_source_unit_levels_sex_and_dimension():
    sexual = Indicator.objects.get(id="ntu-sexualbrott")
    assert (sexual.agency, sexual.unit, sexual.by_sex, sexual.decimals) == (
        "Brå",
        "procent",
        True,
        1,
    )
    assert sexual.levels == ["riket", "lan"]
    clearance = Indicator.objects.get(id="bra-personuppklaring")
    assert clearance.dimension["id"] == "brottstyp"
    assert len(clearance.breakdown_categories()) == 15  # figure 3's ten and five more published
    assert Indicator.objects.get(id="dodligt-vald").unit == "antal"
    assert Indicator.objects.filter(status=Status.DEVELOPMENT, levels=[]).exists()


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_breaking_the_schema_is_reported_with_file_and_path(tmp_path):
    write(
        tmp_path,
        "mina.yml",
        "indicators:\n  - id: egen-indikator\n    goal: 2\n    name_sv: Egen\n    name_en: Own\n"
        "    status: kärnindikator\n    data_source: x\n    agency: y\n    unit: procent\n"
        "    levels: [lan]\n    by_sex: false\n",
    )
    with pytest.raises(CatalogueError) as error:
        load_catalogue([PACKAGE_DIR, tmp_path])
    assert "mina.yml: indicators/0/status" in str(error.value)
    assert "mina.yml: indicators/0: 'references' is a required property" in str(error.value)


def test_a_repeated_indicator_id_and_a_missing_goal_are_reported(tmp_path):
    write(
        tmp_path,
        "dubbel.yml",
        "indicators:\n  - id: ntu-hot\n    goal: 7\n    name_sv: Hot\n    name_en: Threats\n"
        "    status: indikator\n    data_source: x\n    agency: y\n    unit: procent\n"
        "    levels: [lan]\n    by_sex: true\n    references: [https://www.example.se]\n",
    )
    with pytest.raises(CatalogueError) as error:
        load_catalogue([PACKAGE_DIR, tmp_path])
    problems = str(error.value)
    assert "dubbel.yml: indicators/0/goal" in problems  # 7 is above the maximum of 4


def test_a_user_can_add_an_indicator_in_their_own_folder(tmp_path, monkeypatch):
    write(
        tmp_path,
        "lan-01.yml",
        "indicators:\n  - id: lan01-kvinnojourer\n    goal: 2\n    name_sv: Antal kvinnojourer\n"
        "    name_en: Number of women's shelters\n    status: indikator\n    data_source: Länets kartläggning\n"
        "    agency: Länsstyrelsen Stockholm\n    unit: antal\n    levels: [lan, kommun]\n    by_sex: false\n"
        "    scope: regional\n    references: [https://www.example.se/kartlaggning]\n",
    )
    monkeypatch.setenv("LAGESBILD_CATALOGUE_DIRS", str(tmp_path))
    call_command("catalogue", "sync")
    added = Indicator.objects.get(id="lan01-kvinnojourer")
    assert added.catalogue_file == "lan-01.yml" and added.scope == Scope.REGIONAL
    assert added.references == ["https://www.example.se/kartlaggning"]


OWN_STRATEGY = """regional_strategies:
  - county: "12"
    name_sv: Skånes strategi
    name_en: Skåne's strategy
    references: [https://www.example.se/strategi]
    goals:
      - number: 1
        name_sv: Förebygga
        name_en: Prevent
        references: [https://www.example.se/strategi/mal-1]
        indicators: [{indicators}]
"""


def test_a_county_defines_its_own_goals_and_maps_indicators_to_them(tmp_path, monkeypatch):
    write(tmp_path, "skane.yml", OWN_STRATEGY.format(indicators="ntu-hot, dodligt-vald"))
    monkeypatch.setenv("LAGESBILD_CATALOGUE_DIRS", str(tmp_path))
    call_command("catalogue", "sync")
    (goal,) = regional_goals_of("12")
    assert (goal.name_sv, goal.catalogue_file) == ("Förebygga", "skane.yml")
    assert sorted(i.id for i in goal.indicators.all()) == ["dodligt-vald", "ntu-hot"]
    monkeypatch.delenv("LAGESBILD_CATALOGUE_DIRS")
    call_command("catalogue", "sync")
    assert regional_goals_of("12") == [] and len(regional_goals_of("01")) == 8


def test_a_regional_goal_naming_an_unknown_indicator_or_county_is_refused(tmp_path, monkeypatch):
    write(tmp_path, "skane.yml", OWN_STRATEGY.format(indicators="ntu-hott"))
    with pytest.raises(CatalogueError) as error:
        load_catalogue([PACKAGE_DIR, tmp_path])
    assert "skane.yml: län 12 mål 1: okända indikatorer ntu-hott" in str(error.value)
    write(tmp_path, "skane.yml", OWN_STRATEGY.format(indicators="ntu-hot").replace('"12"', '"99"'))
    with pytest.raises(CatalogueError) as error:
        sync_catalogue(load_catalogue([PACKAGE_DIR, tmp_path]))
    assert "99 är inget län" in str(error.value)


def test_a_combined_view_must_name_indicators_of_the_same_goal_and_unit(tmp_path):
    write(
        tmp_path,
        "samlad.yml",
        "indicators:\n  - id: samlad-serie\n    goal: 2\n    name_sv: Samlad\n    name_en: Combined\n"
        "    status: indikator\n    data_source: x\n    agency: y\n    unit: procent\n"
        "    levels: [lan]\n    by_sex: false\n    references: [https://www.example.se]\n"
        "    dimension:\n      id: typ\n      sv: Typ\n      en: Type\n      categories:\n"
        "        - {id: a, sv: A, en: A, indicator: dodligt-vald}\n"
        "        - {id: b, sv: B, en: B, indicator: finns-inte}\n",
    )
    with pytest.raises(CatalogueError) as error:
        load_catalogue([PACKAGE_DIR, tmp_path])
    problems = str(error.value)
    assert "kategorin a: dodligt-vald har annan målsättning eller enhet" in problems
    assert "kategorin b: indikatorn finns-inte finns inte" in problems


def test_an_indicator_dropped_from_the_files_goes_unless_figures_refer_to_it(tmp_path, monkeypatch):
    spec = (
        "indicators:\n  - id: {id}\n    goal: 2\n    name_sv: Egen\n    name_en: Own\n"
        "    status: indikator\n    data_source: x\n    agency: y\n    unit: procent\n"
        "    levels: [lan]\n    by_sex: false\n    references: [https://www.example.se]\n"
    )
    write(tmp_path, "egna.yml", spec.format(id="utan-varden") + spec.format(id="med-varden")[12:])
    monkeypatch.setenv("LAGESBILD_CATALOGUE_DIRS", str(tmp_path))
    call_command("catalogue", "sync")
    kept = Indicator.objects.get(id="med-varden")
    Observation.objects.create(
        indicator=kept,
        territory_id="01",
        period_start=2020,
        period_end=2020,
        value=5,
        batch=Observation.objects.first().batch,
    )
    monkeypatch.delenv("LAGESBILD_CATALOGUE_DIRS")
    call_command("catalogue", "sync")
    ids = set(Indicator.objects.values_list("id", flat=True))
    assert "med-varden" in ids and "utan-varden" not in ids


def test_catalogue_check_command_reports_problems_without_a_traceback(
    tmp_path, monkeypatch, capsys
):
    write(tmp_path, "trasig.yml", "indicators: [\n")
    monkeypatch.setenv("LAGESBILD_CATALOGUE_DIRS", str(tmp_path))
    with pytest.raises(CommandError) as error:
        call_command("catalogue", "check")
    assert "trasig.yml: går inte att läsa som YAML" in str(error.value)
    monkeypatch.delenv("LAGESBILD_CATALOGUE_DIRS")
    call_command("catalogue", "check")
    assert "Katalogen är giltig" in capsys.readouterr().out
