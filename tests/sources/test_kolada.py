"""A county analyst follows Kolada key figures without copying them by hand."""

import json

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.indicators.models import ImportBatch, Observation
from lagesbild.sources.fetching import BadRequest
from lagesbild.sources.http import HttpClient, SourceError
from lagesbild.sources.importing import ImportRejected
from lagesbild.sources.kolada import KoladaQuery, fetch_kolada, kolada_ids, territory_code

from .service import FIXTURES, Answer, recorded, recorded_json

DATA_PATH = "/v3/data/kpi/U90001/municipality/0180,0001,0000/year/2022,2023"
TEST_MAPPING = FIXTURES / "kolada" / "mapping.yml"


def ifo_query(**changes) -> KoladaQuery:
    return KoladaQuery(
        **{
            "kpis": ["U90001"],
            "municipalities": ["0180", "0001", "0000"],
            "years": [2022, 2023],
            **changes,
        }
    )


def two_recorded_pages(service):
    service.answer("GET", f"{DATA_PATH}?per_page=5000", recorded("kolada/data-page-1.json"))
    service.answer("GET", f"{DATA_PATH}?page=2&per_page=5000", recorded("kolada/data-page-2.json"))


def stored(indicator="ifo-vald-aktualiserade"):
    """What Kolada brought in (the published report's figures are left aside)."""
    return {
        (o.territory_id, o.period_start, o.sex): (o.value, o.status)
        for o in Observation.objects.filter(indicator_id=indicator, batch__kind="kolada")
    }


def test_two_recorded_pages_import_into_the_indicator_by_territory_sex_and_year(
    recorded_service, ifo_indicator
):
    two_recorded_pages(recorded_service)
    outcome = fetch_kolada(
        ifo_query(), indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3"
    )
    assert (outcome.summary.rows, outcome.summary.created) == (16, 16)
    values = stored()
    assert values[("0180", 2022, "K")] == (41.2, "ok")
    assert values[("0180", 2023, "M")] == (6.9, "ok")
    assert values[("01", 2022, "T")] == (22.0, "ok"), "Kolada's 0001 is Stockholms län"
    assert values[("00", 2022, "K")] == (35.1, "ok"), "Kolada's 0000 is riket"
    assert values[("01", 2023, "M")] == (None, "missing"), "a null value is stored as missing"
    assert values[("00", 2023, "T")] == (None, "missing")
    # The second page was asked of the mirror even though next_url names Kolada's own host.
    assert recorded_service.asked_paths() == [
        f"{DATA_PATH}?per_page=5000",
        f"{DATA_PATH}?page=2&per_page=5000",
    ]


def test_every_fetch_is_an_import_batch_with_urls_parameters_and_retrieval_time(
    recorded_service, ifo_indicator
):
    two_recorded_pages(recorded_service)
    outcome = fetch_kolada(
        ifo_query(), indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3"
    )
    batch = ImportBatch.objects.get(pk=outcome.summary.batch_id)
    assert batch.kind == "kolada" and batch.retrieved_at is not None and len(batch.checksum) == 64
    assert batch.url.splitlines() == [
        f"{recorded_service.url}{DATA_PATH}?per_page=5000",
        f"{recorded_service.url}{DATA_PATH}?page=2&per_page=5000",
    ]
    assert batch.parameters["kpis"] == ["U90001"] and batch.parameters["years"] == [2022, 2023]
    assert batch.parameters["indicators"] == {"U90001": "ifo-vald-aktualiserade"}
    assert [call["status"] for call in batch.parameters["calls"]] == [200, 200]
    assert Observation.objects.filter(batch=batch).count() == 16


def test_the_indicator_lab_shows_every_address_a_fetch_read_and_its_parameters(
    recorded_service, ifo_indicator, client
):
    two_recorded_pages(recorded_service)
    fetch_kolada(ifo_query(), indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3")
    first, second = (
        f"{recorded_service.url}{DATA_PATH}?per_page=5000",
        f"{recorded_service.url}{DATA_PATH}?page=2&per_page=5000",
    )
    page = client.get(f"/indikatorer/{ifo_indicator.id}/?territory=0180").content.decode()
    assert (
        f'<a href="{first.replace("&", "&amp;")}">' in page
        and f'<a href="{second.replace("&", "&amp;")}">' in page
    )
    twin = client.get(f"/indikatorer/{ifo_indicator.id}.json?territory=0180").json()
    kolada = next(batch for batch in twin["provenance"] if batch["kind"] == "kolada")
    assert kolada["urls"] == [first, second]
    assert kolada["parameters"]["kpis"] == ["U90001"] and kolada["parameters"]["years"] == [
        2022,
        2023,
    ]


def test_running_the_same_fetch_again_changes_nothing(recorded_service, ifo_indicator):
    two_recorded_pages(recorded_service)
    fetch_kolada(ifo_query(), indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3")
    again = fetch_kolada(
        ifo_query(), indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3"
    )
    assert (again.summary.created, again.summary.updated, again.summary.unchanged) == (0, 0, 16)


def test_more_than_25_ids_are_split_into_several_requests():
    asked = []

    def kolada(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        first = request.url.path.split("/municipality/")[1].split("/")[0].split(",")[0]
        row = {
            "kpi": "U90002",
            "municipality": first,
            "period": 2023,
            "values": [{"gender": "T", "count": 1, "status": "", "value": 1}],
        }
        return httpx.Response(200, json={"count": 1, "values": [row], "next_url": None})

    query = KoladaQuery(["U90002"], kolada_ids(["kommuner"]), [2023])
    outcome = fetch_kolada(
        query,
        indicator="oj-skyddat-boende",
        scale=100,
        client=HttpClient(transport=httpx.MockTransport(kolada)),
    )
    segments = [path.split("/municipality/")[1].split("/year/")[0].split(",") for path in asked]
    assert len(asked) == 12 and max(len(s) for s in segments) == 25
    assert sorted(m for s in segments for m in s) == sorted(kolada_ids(["kommuner"]))
    assert outcome.summary.created == 12


def test_a_yes_no_kpi_is_scaled_to_percent_and_sex_rows_are_left_out_for_an_unsplit_indicator(
    recorded_service,
):
    recorded_service.answer(
        "GET",
        "/v3/data/kpi/U90002/municipality/0114,0180,0000/year/2023",
        recorded("kolada/sheltered-housing.json"),
    )
    query = KoladaQuery(["U90002"], ["0114", "0180", "0000"], [2023])
    outcome = fetch_kolada(query, mapping=TEST_MAPPING, base_url=f"{recorded_service.url}/v3")
    assert stored("oj-skyddat-boende") == {
        ("0114", 2023, "T"): (100.0, "ok"),
        ("0180", 2023, "T"): (0.0, "ok"),
        ("00", 2023, "T"): (81.0, "ok"),
    }
    assert "2 utelämnade (värden för K och M till oj-skyddat-boende" in outcome.describe()


def test_an_incremental_fetch_applies_changes_and_deletions_and_keeps_history(
    recorded_service, ifo_indicator
):
    two_recorded_pages(recorded_service)
    fetch_kolada(ifo_query(), indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3")
    recorded_service.answer(
        "GET",
        "/v3/data/kpi/U90001/municipality/0180,0114/year/2023",
        recorded("kolada/changes-since.json"),
    )
    changes = KoladaQuery(["U90001"], ["0180", "0114"], [2023], from_date="2024-06-01")
    outcome = fetch_kolada(
        changes, indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3"
    )
    assert recorded_service.asked_paths()[-1].endswith("?per_page=5000&from_date=2024-06-01")
    values = stored()
    assert values[("0180", 2023, "K")] == (43.4, "ok") and values[("0180", 2023, "T")] == (
        24.8,
        "ok",
    )
    deleted = Observation.objects.get(
        indicator=ifo_indicator, territory_id="0180", period_start=2023, sex="M"
    )
    assert (deleted.value, deleted.status, deleted.note) == (None, "missing", "Borttaget i Kolada")
    assert deleted.revisions.get().old_value == 6.9
    assert not Observation.objects.filter(territory_id="0114").exists(), (
        "a deletion of a value never held adds nothing"
    )
    assert (outcome.summary.updated, outcome.left_out) == (
        3,
        {"borttagna i Kolada; värden som hämtats därifrån tidigare sätts till saknas": 2},
    )


def test_an_incremental_fetch_without_changes_writes_no_batch():
    empty = httpx.MockTransport(
        lambda request: httpx.Response(200, json={"values": [], "count": 0, "next_url": None})
    )
    before = ImportBatch.objects.count()
    outcome = fetch_kolada(
        KoladaQuery(["U90002"], ["0180"], [2023], from_date="2025-01-01"),
        indicator="oj-skyddat-boende",
        client=HttpClient(transport=empty),
    )
    assert outcome.summary is None and outcome.describe() == "inga värden att importera"
    assert ImportBatch.objects.count() == before


def test_a_truncated_second_page_writes_nothing_and_names_the_page(recorded_service, ifo_indicator):
    recorded_service.answer(
        "GET", f"{DATA_PATH}?per_page=5000", recorded("kolada/data-page-1.json")
    )
    recorded_service.answer(
        "GET", f"{DATA_PATH}?page=2&per_page=5000", recorded("kolada/data-page-2.json")[:180]
    )
    before = ImportBatch.objects.count()
    with pytest.raises(SourceError) as error:
        fetch_kolada(ifo_query(), indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3")
    assert f"{DATA_PATH}?page=2&per_page=5000" in str(error.value)
    assert "inte giltig JSON" in str(error.value) and "avbrutet" in str(error.value)
    assert (
        ImportBatch.objects.count(),
        Observation.objects.filter(indicator=ifo_indicator).count(),
    ) == (before, 0)


def test_unexpected_rows_are_named_by_url_row_and_field_and_nothing_is_written(
    recorded_service, ifo_indicator
):
    page = recorded_json("kolada/data-page-1.json")
    page["next_url"] = None
    page["values"][1]["municipality"] = "G37329"
    page["values"][2]["values"][0]["gender"] = "X"
    page["values"][3]["values"][2]["value"] = "22,7"
    recorded_service.answer("GET", f"{DATA_PATH}?per_page=5000", page)
    with pytest.raises(ImportRejected) as rejected:
        fetch_kolada(ifo_query(), indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3")
    url = f"GET {recorded_service.url}{DATA_PATH}?per_page=5000".removeprefix("GET ")
    assert [(e.file, e.row, e.column) for e in rejected.value.errors] == [
        (url, 2, "values[1].municipality"),
        (url, 3, "values[2].values[0].gender"),
        (url, 4, "values[3].values[2].value"),
    ]
    assert "kommungrupp" in rejected.value.errors[0].reason
    assert not Observation.objects.filter(indicator=ifo_indicator).exists()


def test_a_value_the_catalogue_refuses_is_named_by_the_url_and_place_it_came_from(recorded_service):
    two_recorded_pages(recorded_service)
    with pytest.raises(ImportRejected) as rejected:
        fetch_kolada(ifo_query(), indicator="dodligt-vald", base_url=f"{recorded_service.url}/v3")
    first = rejected.value.errors[0]
    assert (first.file, first.row, first.column) == (
        f"{recorded_service.url}{DATA_PATH}?per_page=5000",
        1,
        "values[0].municipality",
    )
    assert "dodligt-vald kan inte läsas på kommunnivå" in first.reason
    assert not Observation.objects.filter(batch__kind="kolada").exists()


def test_a_kpi_without_an_indicator_is_refused_before_anything_is_fetched():
    def never(request):
        raise AssertionError("nothing may be fetched")

    with pytest.raises(BadRequest, match="KPI U12345 har ingen indikator"):
        fetch_kolada(
            KoladaQuery(["U12345"], ["0180"], [2023]),
            client=HttpClient(transport=httpx.MockTransport(never)),
        )
    with pytest.raises(BadRequest, match="två av tre delar"):
        KoladaQuery(["U12345"])


@pytest.mark.parametrize(
    ("kolada", "scb"), [("0000", "00"), ("0001", "01"), ("0013", "13"), ("0180", "0180")]
)
def test_kolada_ids_become_scb_codes(kolada, scb):
    assert territory_code(kolada) == scb


def test_the_command_searches_kpis_and_says_which_indicators_still_need_an_id(
    recorded_service, capsys
):
    recorded_service.answer("GET", "/v3/kpi", recorded("kolada/kpi-search.json"))
    call_command(
        "fetch", "kolada", "--search-kpi", "våld", "--base-url", f"{recorded_service.url}/v3"
    )
    out = capsys.readouterr().out
    assert "U90001\tAktualiserade ärenden" in out and "2 träffar" in out
    assert "mappningen saknar KPI för oj-skyddat-boende" in out
    assert recorded_service.asked_paths() == ["/v3/kpi?title=v%C3%A5ld&per_page=5000"]


def test_the_command_searches_municipalities_and_regions(recorded_service, capsys):
    recorded_service.answer("GET", "/v3/municipality", recorded("kolada/municipality-search.json"))
    call_command(
        "fetch",
        "kolada",
        "--search-municipality",
        "stockholm",
        "--region-type",
        "L",
        "--base-url",
        f"{recorded_service.url}/v3",
    )
    assert "0001\tRegion Stockholm\tL" in capsys.readouterr().out
    assert recorded_service.asked_paths()[0].endswith("region_type=L")


def test_the_command_fetches_with_a_dry_run_then_for_real(recorded_service, ifo_indicator, capsys):
    two_recorded_pages(recorded_service)
    arguments = [
        "fetch",
        "kolada",
        "--kpi",
        "U90001",
        "--municipality",
        "0180,01",
        "--municipality",
        "00",
        "--year",
        "2022-2023",
        "--indicator",
        ifo_indicator.id,
        "--base-url",
        f"{recorded_service.url}/v3",
    ]
    call_command(*arguments, "--dry-run")
    assert "skulle ge 16 nya" in capsys.readouterr().out
    assert not Observation.objects.filter(indicator=ifo_indicator).exists()
    call_command(*arguments)
    out = capsys.readouterr().out
    assert "gav 16 nya" in out and "importomgång" in out and "Importen är sparad" in out
    call_command(*arguments, "--show")
    assert "U90001\t0180\t2022\tK\t41.2" in capsys.readouterr().out


def test_the_command_says_clearly_when_kolada_cannot_be_reached(ifo_indicator):
    with pytest.raises(CommandError) as error:
        call_command(
            "fetch",
            "kolada",
            "--kpi",
            "U90001",
            "--municipality",
            "0180",
            "--year",
            "2023",
            "--indicator",
            ifo_indicator.id,
            "--base-url",
            "http://127.0.0.1:9/v3",
            "--attempts",
            "2",
        )
    message = str(error.value)
    assert message.startswith("Hämtningen misslyckades; inget sparades.")
    assert (
        "http://127.0.0.1:9/v3/data/kpi/U90001/municipality/0180/year/2023?per_page=5000" in message
    )
    assert "går inte att nå efter 2 försök" in message and "--base-url" in message


def test_the_command_refuses_a_municipality_it_does_not_understand():
    with pytest.raises(CommandError, match="'Atlantis' är ingen kommun för Kolada"):
        call_command(
            "fetch", "kolada", "--kpi", "U90001", "--municipality", "Atlantis", "--year", "2023"
        )


def test_a_mirror_that_answers_a_html_page_is_named(recorded_service, ifo_indicator):
    recorded_service.answer(
        "GET", f"{DATA_PATH}", Answer(b"<html>Logga in</html>", 200, {"Content-Type": "text/html"})
    )
    with pytest.raises(SourceError, match="webbsida"):
        fetch_kolada(ifo_query(), indicator=ifo_indicator.id, base_url=f"{recorded_service.url}/v3")


def test_the_shipped_mapping_pins_no_unconfirmed_kpi():
    from lagesbild.sources.mappings import load_mapping

    entries = load_mapping("kolada")["kpis"]
    assert entries and all(e["kpi"] is None and e["search"] for e in entries)
    assert json.dumps(entries)  # plain data, readable by other tools
