"""An analyst imports SCB tables through PxWebApi 2.0 or the older API v1, within SCB's limits."""

import json
import math

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.indicators.models import ImportBatch, Observation
from lagesbild.sources.fetching import BadRequest
from lagesbild.sources.http import HttpClient, SourceError
from lagesbild.sources.importing import ImportRejected
from lagesbild.sources.pxweb import PxMapping, PxQuery, Variable, fetch_pxweb, split

from .builders import a_population_indicator
from .service import Answer, recorded, recorded_json

V2_DATA = "/api/v2/tables/TAB9001/data?lang=sv&outputFormat=json-stat2"
V1_TABLE = "/OV0104/v1/doris/sv/ssd/XX/XX0001/MhvVald"


def population_query(**changes) -> PxQuery:
    variables = [
        Variable("Region", ["00", "01", "0180"]),
        Variable("Kon", ["1", "2", "1+2"]),
        Variable("ContentsCode", ["BE0101N1"]),
        Variable("Tid", ["2022", "2023"]),
    ]
    return PxQuery(**{"table": "TAB9001", "variables": variables, **changes})


def maternity_query() -> PxQuery:
    return PxQuery(
        "XX/XX0001/MhvVald",
        [
            Variable("Region", ["00", "01", "03"], codelist="vs_RegionLän07"),
            Variable("ContentsCode", ["XX0001A1"]),
            Variable("Tid", ["2021", "2022"]),
        ],
        api="v1",
    )


def scb_v2(service):
    service.answer("GET", "/api/v2/config", recorded("pxweb/v2-config.json"))
    service.answer("POST", V2_DATA, recorded("pxweb/v2-data.json"))
    return f"{service.url}/api/v2"


def stored(indicator: str) -> dict:
    return {
        (o.territory_id, o.period_start, o.sex): (o.value, o.status, o.note)
        for o in Observation.objects.filter(indicator_id=indicator, batch__kind="pxweb")
    }


def test_a_v2_answer_imports_regions_sexes_and_years_with_scbs_symbols(recorded_service):
    a_population_indicator()
    outcome = fetch_pxweb(
        population_query(), PxMapping(indicator="befolkning"), base_url=scb_v2(recorded_service)
    )
    assert (outcome.summary.rows, outcome.summary.created) == (18, 18)
    values = stored("befolkning")
    assert values[("00", 2022, "M")] == (5200100, "ok", "")
    assert values[("00", 2023, "M")] == (5240300, "preliminary", ""), (
        "SCB's p marks a preliminary figure"
    )
    assert values[("01", 2022, "K")] == (1215800, "ok", "")
    assert values[("0180", 2022, "T")] == (983000, "ok", ""), "1+2 is the total"
    assert values[("0180", 2023, "M")] == (
        None,
        "missing",
        "'..': uppgift inte tillgänglig eller för osäker för att anges",
    )
    assert values[("0180", 2023, "K")] == (0.0, "ok", "'-': inget finns att redovisa")
    [body] = [a.body for a in recorded_service.asked if a.method == "POST"]
    assert body == {
        "selection": [
            {"variableCode": "Region", "valueCodes": ["00", "01", "0180"]},
            {"variableCode": "Kon", "valueCodes": ["1", "2", "1+2"]},
            {"variableCode": "ContentsCode", "valueCodes": ["BE0101N1"]},
            {"variableCode": "Tid", "valueCodes": ["2022", "2023"]},
        ]
    }


def test_the_batch_records_the_table_the_query_and_every_call(recorded_service):
    a_population_indicator()
    outcome = fetch_pxweb(
        population_query(), PxMapping(indicator="befolkning"), base_url=scb_v2(recorded_service)
    )
    batch = ImportBatch.objects.get(pk=outcome.summary.batch_id)
    assert batch.kind == "pxweb" and batch.source.startswith(
        "SCB: Folkmängden efter region, kön och år"
    )
    assert batch.url.splitlines() == [
        f"{recorded_service.url}/api/v2/config",
        f"{recorded_service.url}{V2_DATA}",
    ]
    assert batch.parameters["table"] == "TAB9001" and batch.parameters["max_cells"] == 150000
    assert batch.parameters["calls"][1]["body"]["selection"][0]["variableCode"] == "Region"
    assert batch.parameters["updated"] == "2024-02-21T07:00:00Z"


def test_a_v1_query_is_posted_with_a_json_stat2_response_and_imported(recorded_service):
    recorded_service.answer("GET", "/OV0104/v1/doris/sv/?config", recorded("pxweb/v1-config.json"))
    recorded_service.answer("POST", V1_TABLE, recorded("pxweb/v1-data.json"))
    outcome = fetch_pxweb(
        maternity_query(),
        PxMapping(indicator="mhv-tillfragade-om-vald"),
        base_url=f"{recorded_service.url}/OV0104/v1/doris/sv/ssd",
    )
    # four of the six cells are years and regions whose SCB figures ship as published figures
    assert (outcome.summary.created, outcome.summary.updated) == (2, 4)
    values = stored("mhv-tillfragade-om-vald")
    assert values[("00", 2021, "T")][0] == 90 and values[("03", 2021, "T")][0] == 85
    assert values[("03", 2022, "T")][:2] == (None, "missing")
    [body] = [a.body for a in recorded_service.asked if a.method == "POST"]
    assert body == {
        "query": [
            {
                "code": "Region",
                "selection": {"filter": "vs:RegionLän07", "values": ["00", "01", "03"]},
            },
            {"code": "ContentsCode", "selection": {"filter": "item", "values": ["XX0001A1"]}},
            {"code": "Tid", "selection": {"filter": "item", "values": ["2021", "2022"]}},
        ],
        "response": {"format": "json-stat2"},
    }


def an_answer_for(selection: list[dict]) -> dict:
    """What SCB would answer for a v2 selection: a dataset of exactly those codes, illustrative values."""
    ids = [s["variableCode"] for s in selection]
    sizes = [len(s["valueCodes"]) for s in selection]
    dimension = {
        s["variableCode"]: {
            "label": s["variableCode"],
            "category": {"index": {c: i for i, c in enumerate(s["valueCodes"])}},
        }
        for s in selection
    }
    return {
        "version": "2.0",
        "class": "dataset",
        "id": ids,
        "size": sizes,
        "dimension": dimension,
        "role": {"time": ["Tid"], "geo": ["Region"], "metric": ["ContentsCode"]},
        "value": [float(i) for i in range(math.prod(sizes))],
    }


def a_limited_scb(max_cells: int, calls_per_window: int = 30, metadata: dict | None = None):
    posted = []

    def scb(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/config"):
            return httpx.Response(
                200,
                json={
                    "maxDataCells": max_cells,
                    "maxCallsPerTimeWindow": calls_per_window,
                    "timeWindow": 10,
                },
            )
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, json=metadata)
        body = json.loads(request.content)
        posted.append(body)
        return httpx.Response(200, json=an_answer_for(body["selection"]))

    return HttpClient(transport=httpx.MockTransport(scb)), posted


def test_a_selection_over_the_cell_limit_is_split_and_every_part_imported_together():
    a_population_indicator()
    client, posted = a_limited_scb(max_cells=6)
    outcome = fetch_pxweb(population_query(), PxMapping(indicator="befolkning"), client=client)
    assert [p["selection"][0]["valueCodes"] for p in posted] == [["00"], ["01"], ["0180"]]
    assert all(math.prod(len(s["valueCodes"]) for s in p["selection"]) <= 6 for p in posted)
    assert outcome.summary.created == 18
    assert ImportBatch.objects.get(pk=outcome.summary.batch_id).parameters["queries"] == 3


def test_a_wildcard_is_expanded_from_the_tables_metadata_so_it_can_be_split():
    a_population_indicator()
    client, posted = a_limited_scb(max_cells=4, metadata=recorded_json("pxweb/v2-metadata.json"))
    query = population_query(
        variables=[
            Variable("Region", ["01"]),
            Variable("Kon", ["1+2"]),
            Variable("ContentsCode", ["BE0101N1"]),
            Variable("Tid", ["*"]),
        ]
    )
    fetch_pxweb(query, PxMapping(indicator="befolkning"), client=client)
    assert [p["selection"][3]["valueCodes"] for p in posted] == [["2020", "2021", "2022", "2023"]]
    client, posted = a_limited_scb(max_cells=3, metadata=recorded_json("pxweb/v2-metadata.json"))
    fetch_pxweb(query, PxMapping(indicator="befolkning"), client=client)
    assert [p["selection"][3]["valueCodes"] for p in posted] == [["2020", "2021", "2022"], ["2023"]]


def test_the_calls_per_time_window_are_respected(waits):
    a_population_indicator()
    client, posted = a_limited_scb(max_cells=6, calls_per_window=2)
    fetch_pxweb(population_query(), PxMapping(indicator="befolkning"), client=client)
    # The configuration call counts too: the second and the third data call each wait for a slot.
    assert len(posted) == 3 and len(waits) == 2 and all(0 < w <= 10 for w in waits)


def test_splitting_needs_a_variable_with_listed_codes():
    query = PxQuery("T", [Variable("Region", ["top(50)"]), Variable("Tid", ["2023"])])
    with pytest.raises(BadRequest, match="ingen variabel med uppräknade koder kan delas"):
        split(query, 10, {"Region": [str(i) for i in range(50)], "Tid": ["2023"]})


def test_a_table_without_a_configuration_answer_falls_back_to_a_safe_limit(recorded_service):
    a_population_indicator()
    recorded_service.answer("POST", V2_DATA, recorded("pxweb/v2-data.json"))
    outcome = fetch_pxweb(
        population_query(),
        PxMapping(indicator="befolkning"),
        base_url=f"{recorded_service.url}/api/v2",
    )
    batch = ImportBatch.objects.get(pk=outcome.summary.batch_id)
    assert (batch.parameters["max_cells"], batch.parameters["limits_from_service"]) == (
        100000,
        False,
    )


def test_a_truncated_answer_writes_nothing_and_says_so(recorded_service):
    a_population_indicator()
    recorded_service.answer("GET", "/api/v2/config", recorded("pxweb/v2-config.json"))
    recorded_service.answer("POST", V2_DATA, recorded("pxweb/v2-data.json")[:-400])
    before = ImportBatch.objects.count()
    with pytest.raises(SourceError) as error:
        fetch_pxweb(
            population_query(),
            PxMapping(indicator="befolkning"),
            base_url=f"{recorded_service.url}/api/v2",
        )
    assert str(error.value).startswith(
        f"POST {recorded_service.url}{V2_DATA}: svaret är inte giltig JSON"
    )
    assert ImportBatch.objects.count() == before


def test_an_answer_with_too_few_values_is_refused_as_json_stat(recorded_service):
    a_population_indicator()
    short = recorded_json("pxweb/v2-data.json")
    short["value"] = short["value"][:12]
    recorded_service.answer("GET", "/api/v2/config", recorded("pxweb/v2-config.json"))
    recorded_service.answer("POST", V2_DATA, short)
    with pytest.raises(
        SourceError, match=r"inte giltig JSON-stat 2.0: value: har 12 värden men size ger 18 celler"
    ):
        fetch_pxweb(
            population_query(),
            PxMapping(indicator="befolkning"),
            base_url=f"{recorded_service.url}/api/v2",
        )
    assert not Observation.objects.filter(indicator_id="befolkning").exists()


def test_cells_that_cannot_be_observations_are_named_by_dimension_and_code(recorded_service):
    a_population_indicator()
    monthly = recorded_json("pxweb/v2-data.json")
    monthly["dimension"]["Tid"]["category"]["index"] = {"2023M01": 0, "2023M02": 1}
    monthly["dimension"]["Kon"]["category"]["index"] = {"1": 0, "2": 1, "9": 2}
    recorded_service.answer("GET", "/api/v2/config", recorded("pxweb/v2-config.json"))
    recorded_service.answer("POST", V2_DATA, monthly)
    with pytest.raises(ImportRejected) as rejected:
        fetch_pxweb(
            population_query(),
            PxMapping(indicator="befolkning"),
            base_url=f"{recorded_service.url}/api/v2",
        )
    first = rejected.value.errors[0]
    assert (first.file, first.row, first.column) == (
        f"POST {recorded_service.url}{V2_DATA}",
        1,
        "Tid=2023M01",
    )
    assert "bara årsvärden kan importeras" in first.reason


def test_a_code_the_register_does_not_know_is_named_with_its_cell(recorded_service):
    a_population_indicator()
    odd = recorded_json("pxweb/v2-data.json")
    odd["dimension"]["Region"]["category"]["index"] = {"00": 0, "01": 1, "9999": 2}
    recorded_service.answer("GET", "/api/v2/config", recorded("pxweb/v2-config.json"))
    recorded_service.answer("POST", V2_DATA, odd)
    with pytest.raises(ImportRejected) as rejected:
        fetch_pxweb(
            population_query(),
            PxMapping(indicator="befolkning"),
            base_url=f"{recorded_service.url}/api/v2",
        )
    first = rejected.value.errors[0]
    assert (first.row, first.column) == (
        13,
        "Region=9999",
    ) and "okänt territorium '9999'" in first.reason


def test_a_dimension_with_several_values_must_be_chosen_or_mapped_as_the_breakdown():
    a_population_indicator()
    client, _ = a_limited_scb(max_cells=1000)
    query = population_query(
        variables=[
            Variable("Region", ["01"]),
            Variable("Alder", ["0-17", "18+"]),
            Variable("ContentsCode", ["BE0101N1"]),
            Variable("Tid", ["2023"]),
        ]
    )
    with pytest.raises(
        BadRequest, match=r"dimensionen 'Alder' har 2 värden .* ange den som uppdelning"
    ):
        fetch_pxweb(query, PxMapping(indicator="befolkning"), client=client)


def test_a_mapped_dimension_becomes_the_indicators_breakdown():
    client, _ = a_limited_scb(max_cells=1000)
    query = population_query(
        variables=[
            Variable("Region", ["01"]),
            Variable("Partner", ["KJ", "POL"]),
            Variable("Tid", ["2023"]),
        ]
    )
    mapping = PxMapping(
        indicator="oj-overenskommelse-extern-samverkan",
        breakdown="Partner",
        categories={"KJ": "kvinnojour", "POL": "polisen"},
    )
    fetch_pxweb(query, mapping, client=client)
    assert set(
        Observation.objects.filter(batch__kind="pxweb").values_list("breakdown", "value")
    ) == {("kvinnojour", 0.0), ("polisen", 1.0)}


def test_contents_codes_can_go_to_different_indicators_and_an_unknown_indicator_is_refused_first():
    with pytest.raises(BadRequest, match="indikatorn finns-inte finns inte i katalogen"):
        fetch_pxweb(
            population_query(),
            PxMapping(contents={"BE0101N1": "finns-inte"}),
            client=HttpClient(
                transport=httpx.MockTransport(lambda r: pytest.fail("nothing may be fetched"))
            ),
        )


def test_the_command_fetches_shows_describes_and_searches(recorded_service, capsys):
    a_population_indicator()
    base = scb_v2(recorded_service)
    recorded_service.answer(
        "GET", "/api/v2/tables/TAB9001/metadata", recorded("pxweb/v2-metadata.json")
    )
    recorded_service.answer("GET", "/api/v2/tables", recorded("pxweb/v2-tables.json"))
    selection = [
        "--select",
        "Region=00,01,0180",
        "--select",
        "Kon=1,2,1+2",
        "--select",
        "ContentsCode=BE0101N1",
        "--select",
        "Tid=2022,2023",
        "--table",
        "TAB9001",
        "--base-url",
        base,
    ]
    call_command("fetch", "pxweb", *selection, "--indicator", "befolkning")
    assert "gav 18 nya" in capsys.readouterr().out
    call_command("fetch", "pxweb", *selection, "--show")
    out = capsys.readouterr().out
    assert (
        "Region\tKon\tContentsCode\tTid\tvärde\tstatus" in out
        and "0180\t1\tBE0101N1\t2023\t\t.." in out
    )
    call_command("fetch", "pxweb", "--table", "TAB9001", "--describe", "--base-url", base)
    assert "Tid: 2020, 2021, 2022, 2023" in capsys.readouterr().out
    call_command("fetch", "pxweb", "--search", "folkmängd", "--base-url", base)
    found = capsys.readouterr().out
    assert "TAB9001\tFolkmängden efter region" in found
    assert (
        "(mappningen saknar tabell för mhv-tillfragade-om-vald; sök: våld mödrahälsovård)" in found
    ), "the search reminds which indicators still need a table"


def test_the_command_explains_a_bad_request_from_scb(recorded_service):
    a_population_indicator()
    problem = {"title": "Bad Request", "status": 400, "detail": "Non-existent value: Region=99"}
    recorded_service.answer("GET", "/api/v2/config", recorded("pxweb/v2-config.json"))
    recorded_service.answer(
        "POST",
        V2_DATA,
        Answer(json.dumps(problem).encode(), 400, {"Content-Type": "application/problem+json"}),
    )
    with pytest.raises(CommandError) as error:
        call_command(
            "fetch",
            "pxweb",
            "--table",
            "TAB9001",
            "--select",
            "Region=99",
            "--select",
            "Tid=2023",
            "--indicator",
            "befolkning",
            "--base-url",
            f"{recorded_service.url}/api/v2",
        )
    assert "Hämtningen misslyckades; inget sparades." in str(error.value)
    assert "svarade 400 Bad Request: Bad Request; Non-existent value: Region=99" in str(error.value)
    with pytest.raises(CommandError, match="ska skrivas NAMN=VÄRDE"):
        call_command("fetch", "pxweb", "--table", "TAB9001", "--select", "Region")
