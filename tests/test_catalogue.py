from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.indicators.catalogue import PACKAGE_DIR, CatalogueError, load_catalogue
from lagesbild.indicators.models import Goal, Indicator, Status

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
    assert Indicator.objects.count() == len(catalogue.indicators)
    assert set(NAMED_IN_THE_REPORT) <= set(Indicator.objects.values_list("id", flat=True))


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
    assert len(clearance.breakdown_categories()) == 10
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


def test_a_repeated_indicator_id_and_a_missing_goal_are_reported(tmp_path):
    write(
        tmp_path,
        "dubbel.yml",
        "indicators:\n  - id: ntu-hot\n    goal: 7\n    name_sv: Hot\n    name_en: Threats\n"
        "    status: indikator\n    data_source: x\n    agency: y\n    unit: procent\n"
        "    levels: [lan]\n    by_sex: true\n",
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
        "    agency: Länsstyrelsen Stockholm\n    unit: antal\n    levels: [lan, kommun]\n    by_sex: false\n",
    )
    monkeypatch.setenv("LAGESBILD_CATALOGUE_DIRS", str(tmp_path))
    call_command("catalogue", "sync")
    assert Indicator.objects.get(id="lan01-kvinnojourer").catalogue_file == "lan-01.yml"


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
