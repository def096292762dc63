"""The national coordinator keeps every source fresh with one scheduled command."""

import os
import shutil
import socket
import subprocess
import sys

import httpx
import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.models import ImportBatch, Observation
from lagesbild.sources.http import HttpClient
from lagesbild.sources.refresh import EXAMPLE, ConfigError, load_config, years
from lagesbild.sources.samples import BRA_SAMPLE, SAMPLES_DIR

from .builders import a_population_indicator, an_oj_workbook
from .service import FIXTURES, Answer, recorded
from .test_kolada import DATA_PATH, two_recorded_pages
from .test_pxweb import V1_TABLE, V2_DATA

BRA_SAMPLE_FILE = SAMPLES_DIR / BRA_SAMPLE


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


def test_the_shipped_example_runs_to_the_end_without_network_and_skips_its_placeholders(
    capsys, monkeypatch
):
    def no_network(request):
        raise AssertionError(f"a placeholder entry must not ask any service ({request.url})")

    monkeypatch.setattr(
        "lagesbild.sources.refresh.HttpClient",
        lambda **options: HttpClient(**options, transport=httpx.MockTransport(no_network)),
    )
    before = ImportBatch.objects.count()
    call_command("refresh", str(EXAMPLE), "--dry-run")
    out = capsys.readouterr().out
    assert "– Skyddat boende med biståndsbeslut (Kolada)" in out
    assert (
        "platshållare (kpis[0]): id:t är inte bekräftat ännu; sök med lagesbild fetch kolada "
        '--search-kpi "skyddat boende"' in out
    )
    assert "platshållare (table, selection/ContentsCode[0]): id:na är inte bekräftade ännu" in out
    assert "✓ Öppna jämförelser, våld i nära relationer (exempelfil)" in out
    assert "✓ Personuppklaring, Brås tabell 300 (urval, Hela landet 2021)" in out
    assert (
        "2 av 4 källor skulle ge" in out
        and "2 hoppades över eftersom id:t är en platshållare" in out
    )
    assert "Traceback" not in out and ImportBatch.objects.count() == before


def test_check_names_every_placeholder_of_the_example_and_fails(capsys):
    config = load_config(EXAMPLE)
    assert [e.spec["source"] for e in config.entries] == ["kolada", "pxweb", "oj", "bra"]
    with pytest.raises(CommandError, match="3 platshållare") as error:
        call_command("refresh", str(EXAMPLE), "--check")
    assert error.value.returncode == 1
    out = capsys.readouterr().out
    assert "post 1 (Skyddat boende med biståndsbeslut (Kolada)): platshållare (kpis[0])" in out
    assert (
        "post 2 (Tillfrågade om våld i mödrahälsovården (SCB)): platshållare "
        "(table, selection/ContentsCode[0])" in out
    )
    assert "post 3" not in out and "post 4" not in out, "the sample files ship"


def test_check_passes_a_configuration_without_placeholders(tmp_path, capsys):
    path = tmp_path / "kallor.yml"
    path.write_text(
        yaml.safe_dump({"sources": [{"source": "bra", "file": str(BRA_SAMPLE_FILE)}]}),
        encoding="utf-8",
    )
    call_command("refresh", str(path), "--check")
    assert "1 källor, konfigurationen är giltig" in capsys.readouterr().out
    path.write_text(yaml.safe_dump({"sources": [{"source": "bra", "file": "saknas.csv"}]}))
    with pytest.raises(CommandError, match="1 fil som saknas"):
        call_command("refresh", str(path), "--check")


def test_the_example_imports_brås_real_figures_as_real_and_the_oj_sample_as_example_data(
    monkeypatch, capsys
):
    call_command("refresh", str(EXAMPLE))
    capsys.readouterr()
    bra = ImportBatch.objects.get(kind="bra")
    assert not bra.is_example
    assert bra.url == "https://bra.se/statistik_sidor/300/2021/300La-2021.html"
    assert bra.source.startswith(
        "Brå: Urval ur Brås tabell 300 (Utredning och beslut), Hela landet 2021"
    )
    figures = {
        o.breakdown: o.value
        for o in Observation.objects.filter(batch=bra, territory_id="00", period_start=2021)
    }
    assert figures["grov-kvinnofridskrankning"] == 18.05463025
    assert figures["kop-sexuell-tjanst-vuxen"] == 60.55825243
    assert "misshandel-nara-relation-inomhus" not in figures
    oj = ImportBatch.objects.get(kind="oj")
    assert oj.is_example and EXAMPLE_NOTICE in oj.note
    assert not Observation.objects.filter(batch=oj, is_example=False).exists()
    assert set(Observation.objects.filter(batch=oj).values_list("note", flat=True)) == {
        EXAMPLE_NOTICE
    }


def a_closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_service_that_cannot_be_reached_ends_with_one_line_and_status_75(
    tmp_path, ifo_indicator, capsys
):
    port = a_closed_port()
    path = tmp_path / "kallor.yml"
    path.write_text(
        yaml.safe_dump(
            {
                "http": {"attempts": 2, "timeout": 2},
                "sources": [
                    {
                        "name": "IFO-ärenden (Kolada)",
                        "source": "kolada",
                        "base_url": f"http://127.0.0.1:{port}/v3",
                        "kpis": ["U90001"],
                        "municipalities": ["0180"],
                        "years": 2023,
                        "indicator": ifo_indicator.id,
                    },
                    {"name": "Brå", "source": "bra", "file": str(BRA_SAMPLE_FILE)},
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("refresh", str(path))
    assert error.value.returncode == 75
    assert "Tjänsten gick inte att nå; försök igen senare" in str(error.value)
    out = capsys.readouterr().out
    lines = out.splitlines()
    reason = lines[lines.index("✗ IFO-ärenden (Kolada)") + 1]
    assert reason.startswith(f"  127.0.0.1:{port} gick inte att nå, inget hämtades: ")
    assert "kontrollera nätverket eller ange base_url" in reason
    assert "✓ Brå" in out and "Traceback" not in out


def test_on_a_fresh_machine_the_example_dry_run_creates_the_database_and_completes(tmp_path):
    """What a new user does after cloning: no database yet, no network, one command."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(
        LAGESBILD_DATA_DIR=str(tmp_path / "data"),
        HTTPS_PROXY="http://127.0.0.1:9",
        HTTP_PROXY="http://127.0.0.1:9",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from lagesbild.cli import main; main()",
            "refresh",
            str(EXAMPLE),
            "--dry-run",
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✓ Personuppklaring, Brås tabell 300" in done.stdout
    assert "2 hoppades över" in done.stdout and "Provkörning: inget sparades." in done.stdout
    assert "Traceback" not in done.stderr


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
