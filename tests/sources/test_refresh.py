"""The national coordinator keeps every source fresh with one scheduled command."""

import shutil

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.indicators.models import ImportBatch, Observation
from lagesbild.sources.refresh import EXAMPLE, ConfigError, load_config, years

from .builders import a_population_indicator, an_oj_workbook
from .service import FIXTURES, Answer, recorded
from .test_kolada import DATA_PATH, two_recorded_pages
from .test_pxweb import V1_TABLE, V2_DATA


def a_config(directory, service, **extra_entries) -> str:
    """Every kind of source, pointed at the recorded service and at files beside the configuration."""
    (directory / "filer").mkdir()
    an_oj_workbook(directory / "filer")
    shutil.copy(FIXTURES / "bra" / "personuppklaring-lan.csv", directory / "filer" / "bra.csv")
    config = {
        "http": {"timeout": 5, "attempts": 2},
        "sources": [
            {
                "name": "IFO-ärenden (Kolada)",
                "source": "kolada",
                "base_url": f"{service.url}/v3",
                "kpis": ["U90001"],
                "municipalities": ["0180", "01", "riket"],
                "years": "2022-2023",
                "indicator": "ifo-vald-aktualiserade",
            },
            {
                "name": "Folkmängd (SCB v2)",
                "source": "pxweb",
                "api": "v2",
                "base_url": f"{service.url}/api/v2",
                "table": "TAB9001",
                "indicator": "befolkning",
                "selection": {
                    "Region": ["00", "01", "0180"],
                    "Kon": ["1", "2", "1+2"],
                    "ContentsCode": ["BE0101N1"],
                    "Tid": ["2022", "2023"],
                },
            },
            {
                "name": "Mödrahälsovården (SCB v1)",
                "source": "pxweb",
                "api": "v1",
                "base_url": f"{service.url}/OV0104/v1/doris/sv/ssd",
                "table": "XX/XX0001/MhvVald",
                "contents": {"XX0001A1": "mhv-tillfragade-om-vald"},
                "selection": {
                    "Region": {"values": ["00", "01", "03"], "codelist": "vs_RegionLän07"},
                    "ContentsCode": ["XX0001A1"],
                    "Tid": ["2021", "2022"],
                },
            },
            {"name": "Öppna jämförelser 2023", "source": "oj", "file": "filer/oj-vinr-2023.xlsx"},
            {"name": "Personuppklaring (Brå)", "source": "bra", "file": "filer/bra.csv"},
            *extra_entries.values(),
        ],
    }
    path = directory / "kallor.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return str(path)


def recorded_services(service):
    two_recorded_pages(service)
    service.answer("GET", "/api/v2/config", recorded("pxweb/v2-config.json"))
    service.answer("POST", V2_DATA, recorded("pxweb/v2-data.json"))
    service.answer("GET", "/OV0104/v1/doris/sv/?config", recorded("pxweb/v1-config.json"))
    service.answer("POST", V1_TABLE, recorded("pxweb/v1-data.json"))


def test_refresh_runs_every_source_end_to_end_and_a_second_run_changes_nothing(
    tmp_path, recorded_service, ifo_indicator, capsys
):
    a_population_indicator()
    recorded_services(recorded_service)
    config = a_config(tmp_path, recorded_service)
    call_command("refresh", config)
    out = capsys.readouterr().out
    assert "✓ IFO-ärenden (Kolada)" in out and "✓ Personuppklaring (Brå)" in out
    # six of the recorded figures are keys whose published figures ship with the platform
    assert "5 av 5 källor gav 64 nya, 6 ändrade och 0 oförändrade observationer." in out
    batches = ImportBatch.objects.filter(kind__in=["kolada", "pxweb", "oj", "bra"])
    assert sorted(batches.values_list("kind", "created")) == [
        ("bra", 9),
        ("kolada", 16),
        ("oj", 19),
        ("pxweb", 2),
        ("pxweb", 18),
    ]
    call_command("refresh", config)
    assert (
        "5 av 5 källor gav 0 nya, 0 ändrade och 70 oförändrade observationer."
        in capsys.readouterr().out
    )


def test_a_failing_source_is_reported_and_the_others_are_saved(
    tmp_path, recorded_service, ifo_indicator, capsys
):
    a_population_indicator()
    recorded_services(recorded_service)
    recorded_service.answer("POST", V2_DATA, Answer(recorded("pxweb/v2-data.json")[:500]))
    config = a_config(tmp_path, recorded_service)
    with pytest.raises(CommandError) as error:
        call_command("refresh", config)
    out = capsys.readouterr().out
    assert (
        "✗ Folkmängd (SCB v2)" in out
        and f"POST {recorded_service.url}{V2_DATA}: svaret är inte giltig JSON" in out
    )
    assert "4 av 5 källor gav 46 nya" in out
    assert "1 av 5 källor misslyckades (Folkmängd (SCB v2)); deras data ändrades inte" in str(
        error.value
    )
    assert not Observation.objects.filter(indicator_id="befolkning").exists()
    assert Observation.objects.filter(indicator=ifo_indicator).count() == 16


def test_a_dry_run_fetches_and_checks_everything_and_saves_nothing(
    tmp_path, recorded_service, ifo_indicator, capsys
):
    a_population_indicator()
    recorded_services(recorded_service)
    before = ImportBatch.objects.count()
    call_command("refresh", a_config(tmp_path, recorded_service), "--dry-run")
    out = capsys.readouterr().out
    assert "5 av 5 källor skulle ge 64 nya" in out and "Provkörning: inget sparades." in out
    assert ImportBatch.objects.count() == before


def test_a_service_that_is_down_fails_only_its_own_entry(
    tmp_path, recorded_service, ifo_indicator, capsys
):
    a_population_indicator()
    recorded_services(recorded_service)
    recorded_service.answer("GET", f"{DATA_PATH}?per_page=5000", Answer(b"", 503))
    with pytest.raises(CommandError, match="1 av 5 källor misslyckades"):
        call_command("refresh", a_config(tmp_path, recorded_service))
    assert "svarade 503 Service Unavailable" in capsys.readouterr().out


def test_configuration_errors_name_the_entry_and_field_before_anything_is_fetched(tmp_path):
    path = tmp_path / "fel.yml"
    path.write_text(
        yaml.safe_dump(
            {
                "sources": [
                    {"source": "kolada", "kpis": ["U90001"], "years": "20x3"},
                    {"source": "pxweb", "table": "TAB1", "selection": {}, "indicator": "Fel Id"},
                    {"source": "ntu", "file": "x.csv"},
                ]
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        load_config(path)
    problems = "\n".join(error.value.problems)
    assert "post 1 (kolada: U90001): years: '20x3' is not valid" in problems
    assert "post 2 (pxweb: TAB1): indicator: 'Fel Id' does not match" in problems
    assert "post 2 (pxweb: TAB1): selection: {} should be non-empty" in problems
    assert "sources/2/source: 'ntu' är ingen källa" in problems
    with pytest.raises(CommandError, match="Konfigurationen innehåller fel; inget hämtades"):
        call_command("refresh", str(path))
    with pytest.raises(CommandError, match="konfigurationen går inte att läsa"):
        call_command("refresh", str(tmp_path / "saknas.yml"))


def test_the_shipped_example_configuration_is_valid(capsys):
    config = load_config(EXAMPLE)
    assert [e.spec["source"] for e in config.entries] == ["kolada", "pxweb", "oj", "bra"]
    call_command("refresh", str(EXAMPLE), "--check")
    assert "4 källor, konfigurationen är giltig" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (2023, [2023]),
        ("2019-2021", [2019, 2020, 2021]),
        ("2019–2020", [2019, 2020]),
        ([2020, "2022-2023"], [2020, 2022, 2023]),
    ],
)
def test_years_are_written_as_a_year_a_range_or_a_list(spec, expected):
    assert years(spec) == expected
