"""Every Kolada KPI id and SCB table id the mappings pin has been seen with its title in a public source;
a recorded answer of its shape imports, and the documentation lists both the pinned ids and the
placeholders still to be confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from lagesbild.indicators.models import ImportBatch, Indicator, Observation, Origin
from lagesbild.sources.fetching import BadRequest
from lagesbild.sources.kolada import KoladaQuery, fetch_kolada, pinned_kpis
from lagesbild.sources.mappings import MAPPINGS_DIR, load_mapping
from lagesbild.sources.pxweb import PxMapping, PxQuery, Variable, fetch_pxweb

from .builders import a_population_indicator
from .service import FIXTURES, recorded, recorded_json

DOCS = Path(__file__).resolve().parents[2] / "docs" / "sources"
KOLADA = load_mapping("kolada")
PXWEB = load_mapping("pxweb")
CONFIRMED_KPIS = [entry["kpi"] for entry in KOLADA["confirmed"]]
CONFIRMED_TABLES = [e["table"] for e in PXWEB["tables"] if e["status"] == "confirmed"]


def an_indicator_for(entry: dict) -> Indicator:
    """What an analyst adds to the catalogue to follow a confirmed KPI: its title, unit and kommuner."""
    return Indicator.objects.create(
        id=f"kolada-{entry['kpi'].lower()}",
        goal_id=3,
        name_sv=entry["title"],
        name_en=entry["title"],
        status="indikator",
        data_source="Kolada",
        agency="RKA",
        unit=entry.get("unit", "antal"),
        levels=["kommun"],
        by_sex=False,
        origin=Origin.USER,
    )


@pytest.mark.parametrize("kpi", CONFIRMED_KPIS)
def test_a_confirmed_kpi_has_a_recorded_answer_with_the_mapped_title(kpi):
    entry = pinned_kpis()[kpi]
    [described] = recorded_json(f"kolada/pinned/{kpi}-kpi.json")["values"]
    assert (described["id"], described["title"]) == (kpi, entry["title"])
    assert entry["source"].startswith("https://") and entry["seen_in"]


@pytest.mark.parametrize("kpi", CONFIRMED_KPIS)
def test_a_confirmed_kpis_recorded_data_imports_into_an_indicator_the_analyst_names(
    kpi, recorded_service
):
    entry = pinned_kpis()[kpi]
    answer = recorded_json(f"kolada/pinned/{kpi}-data.json")
    rows = answer["values"]
    municipalities = sorted({row["municipality"] for row in rows})
    years = sorted({row["period"] for row in rows})
    path = (
        f"/v3/data/kpi/{kpi}/municipality/{','.join(municipalities)}"
        f"/year/{','.join(map(str, years))}"
    )
    recorded_service.answer(
        "GET", f"{path}?per_page=5000", recorded(f"kolada/pinned/{kpi}-data.json")
    )
    indicator = an_indicator_for(entry)
    outcome = fetch_kolada(
        KoladaQuery([kpi], municipalities, years),
        indicator=indicator.id,
        base_url=f"{recorded_service.url}/v3",
    )
    assert outcome.summary.created == len(rows)
    stored = Observation.objects.filter(indicator=indicator, sex="T")
    first = rows[0]
    total = next(v["value"] for v in first["values"] if v["gender"] == "T")
    assert (
        stored.get(territory_id=first["municipality"], period_start=first["period"]).value == total
    )


def test_n07402_is_the_recorded_figure_for_lund_2021(recorded_service):
    """The one real value among the recordings: Lund's reported gross violations of a woman's
    integrity per 100 000 inhabitants in 2021, as Kolada answered it."""
    path = "/v3/data/kpi/N07402/municipality/1281/year/2021"
    recorded_service.answer(
        "GET", f"{path}?per_page=5000", recorded("kolada/pinned/N07402-data.json")
    )
    indicator = an_indicator_for(pinned_kpis()["N07402"])
    fetch_kolada(
        KoladaQuery(["N07402"], ["1281"], [2021]),
        indicator=indicator.id,
        base_url=f"{recorded_service.url}/v3",
    )
    assert Observation.objects.get(indicator=indicator).value == 6.28061


def test_a_confirmed_kpi_without_an_indicator_is_named_with_its_title():
    with pytest.raises(
        BadRequest, match=r"KPI N07402 \(Anmälda brott om grov kvinnofridskränkning"
    ):
        fetch_kolada(KoladaQuery(["N07402"], ["1281"], [2021]), base_url="http://127.0.0.1:9/v3")


@pytest.mark.parametrize("table", CONFIRMED_TABLES)
def test_a_confirmed_scb_table_has_recorded_metadata_with_the_mapped_title(table):
    entry = next(e for e in PXWEB["tables"] if e["table"] == table)
    metadata = recorded_json(f"pxweb/pinned/{table}-metadata.json")
    assert metadata["label"] == entry["title"]
    assert metadata["extension"]["px"]["tableid"] == table
    codes = metadata["dimension"]["ContentsCode"]["category"]["label"]
    assert codes == entry["contents"]


def test_tab638_population_imports_from_a_recorded_answer(recorded_service, capsys):
    """Stockholm's population at the end of 2022 and 2023, as SCB's TAB638 gave it in a recorded run."""
    a_population_indicator()
    recorded_service.answer("GET", "/api/v2/config", recorded("pxweb/v2-config.json"))
    recorded_service.answer(
        "POST",
        "/api/v2/tables/TAB638/data?lang=sv&outputFormat=json-stat2",
        recorded("pxweb/pinned/TAB638-data.json"),
    )
    recorded_service.answer(
        "GET", "/api/v2/tables/TAB638/metadata", recorded("pxweb/pinned/TAB638-metadata.json")
    )
    query = PxQuery(
        "TAB638",
        [
            Variable("Region", ["0180"], "vs_RegionKommun07"),
            Variable("ContentsCode", ["BE0101N1"]),
            Variable("Tid", ["2022", "2023"]),
        ],
    )
    outcome = fetch_pxweb(
        query,
        PxMapping(contents={"BE0101N1": "befolkning"}),
        base_url=f"{recorded_service.url}/api/v2",
    )
    assert outcome.summary.created == 2
    [body] = [a.body for a in recorded_service.asked if a.method == "POST"]
    assert body["selection"][0] == {
        "variableCode": "Region",
        "valueCodes": ["0180"],
        "codelist": "vs_RegionKommun07",
    }
    values = {
        o.period_start: o.value
        for o in Observation.objects.filter(indicator_id="befolkning", territory_id="0180")
    }
    assert values[2022] == 984748 and values[2023] == 988943
    assert ImportBatch.objects.filter(kind="pxweb", source__contains="TAB638").exists()
    call_command(
        "fetch",
        "pxweb",
        "--table",
        "TAB638",
        "--describe",
        "--base-url",
        f"{recorded_service.url}/api/v2",
    )
    assert "ContentsCode: BE0101N1, BE0101N2" in capsys.readouterr().out


def test_placeholders_carry_search_words_and_the_docs_list_every_id():
    kolada_doc = (DOCS / "kolada.md").read_text(encoding="utf-8")
    scb_doc = (DOCS / "scb-pxweb.md").read_text(encoding="utf-8")
    for entry in KOLADA["kpis"]:
        if entry["kpi"] is None:
            assert entry["search"], entry
            assert entry["indicator"] in kolada_doc and entry["search"] in kolada_doc
    for kpi in CONFIRMED_KPIS:
        assert kpi in kolada_doc
    for entry in PXWEB["tables"]:
        if entry["table"] is None:
            assert entry["search"] and entry["indicator"] in scb_doc
        else:
            assert entry["table"] in scb_doc


def test_every_recording_is_described_as_recorded_or_reconstructed():
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    for path in sorted((FIXTURES / "kolada" / "pinned").glob("*.json")) + sorted(
        (FIXTURES / "pxweb" / "pinned").glob("*.json")
    ):
        assert path.name in readme, f"{path.name} is not described in fixtures/README.md"
    assert yaml.safe_load((MAPPINGS_DIR / "kolada.yml").read_text(encoding="utf-8"))
