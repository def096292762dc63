"""Downloads give exactly the selection, or the whole indicator, in CSV, XLSX, JSON and JSON-stat 2.0,
and every one of them says when it holds example data."""

import csv
import io
import json
from math import prod

import pytest
from openpyxl import load_workbook

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.jsonstat_out import dataset
from lagesbild.indicators.models import Observation
from lagesbild.indicators.selection import ObservationFilter, observation_rows

from .builders import example_figures_for


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def assert_valid_jsonstat(document: dict) -> None:
    """The structure JSON-stat 2.0 requires of a dataset (https://json-stat.org/format/)."""
    assert document["version"] == "2.0" and document["class"] == "dataset"
    ids, sizes, dimensions = document["id"], document["size"], document["dimension"]
    assert len(ids) == len(sizes) == len(dimensions) and set(ids) == set(dimensions)
    for dimension_id, size in zip(ids, sizes, strict=True):
        category = dimensions[dimension_id]["category"]
        assert sorted(category["index"].values()) == list(range(size))
        assert set(category["label"]) == set(category["index"])
    for role, members in document.get("role", {}).items():
        assert role in ("time", "geo", "metric") and set(members) <= set(ids)
    assert isinstance(document["value"], list) and len(document["value"]) == prod(sizes)
    for index in document.get("status", {}):
        assert 0 <= int(index) < prod(sizes)
    for unit in dimensions["indicator"]["category"].get("unit", {}).values():
        assert isinstance(unit["decimals"], int)


def value_at(document: dict, **coordinates) -> float | None:
    index, stride = 0, 1
    for dimension_id, size in reversed(list(zip(document["id"], document["size"], strict=True))):
        index += (
            document["dimension"][dimension_id]["category"]["index"][coordinates[dimension_id]]
            * stride
        )
        stride *= size
    return document["value"][index]


def test_the_csv_of_a_selection_holds_exactly_the_chosen_territories_and_sex(anonymous_visitor):
    example_figures_for("ntu-misshandel")
    response = anonymous_visitor.get(
        "/indikatorer/ntu-misshandel/data.csv?territory=01&compare=12&compare=00&sex=K"
    )
    assert response["Content-Disposition"] == 'attachment; filename="ntu-misshandel-urval.csv"'
    rows = csv_rows(response)
    expected = Observation.objects.filter(
        indicator_id="ntu-misshandel", territory_id__in=["01", "12", "00"], sex="K"
    )
    assert len(rows) == expected.count() == 3 * 15
    assert {r["territory"] for r in rows} == {"01", "12", "00"} and {r["sex"] for r in rows} == {
        "K"
    }


def test_the_whole_indicator_is_one_click_away(anonymous_visitor):
    example_figures_for("ntu-misshandel")
    response = anonymous_visitor.get("/indikatorer/ntu-misshandel/data.csv")
    assert response["Content-Disposition"] == 'attachment; filename="ntu-misshandel.csv"'
    assert (
        len(csv_rows(response))
        == Observation.objects.filter(indicator_id="ntu-misshandel").count()
        == 22 * 15 * 3
    )


def test_the_indicator_page_links_both_downloads_in_every_format(anonymous_visitor):
    page = anonymous_visitor.get("/indikatorer/ntu-hot/?territory=01&compare=12").content.decode()
    for ext in ("csv", "xlsx", "json", "jsonstat"):
        assert f'href="/indikatorer/ntu-hot/data.{ext}?territory=01&amp;compare=12"' in page
        assert f'href="/indikatorer/ntu-hot/data.{ext}"' in page


def test_published_figures_download_with_their_source_and_no_example_mark(anonymous_visitor):
    rows = csv_rows(anonymous_visitor.get("/indikatorer/ntu-sexualbrott/data.csv?territory=01"))
    assert {(r["territory"], r["sex"], r["value"]) for r in rows} == {
        ("01", "K", "11.7"),
        ("01", "M", "1.7"),
    }
    assert all(
        r["example_data"] == "nej"
        and r["source"].startswith("Länsstyrelsen Stockholm, Rapport 2019:6")
        for r in rows
    )
    document = json.loads(
        anonymous_visitor.get("/indikatorer/ntu-sexualbrott/data.json?territory=01").content
    )
    assert "notice" not in document and document["count"] == 2


@pytest.mark.parametrize("ext", ["csv", "xlsx", "json", "jsonstat"])
def test_every_download_of_example_data_says_so(anonymous_visitor, ext):
    example_figures_for("ntu-hot")
    response = anonymous_visitor.get(f"/indikatorer/ntu-hot/data.{ext}?territory=03")
    assert response.status_code == 200
    if ext == "csv":
        rows = csv_rows(response)
        assert rows and all(
            r["example_data"] == "ja" and r["source"].startswith(EXAMPLE_NOTICE) for r in rows
        )
    elif ext == "xlsx":
        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        about = [row[0] for row in workbook["Om filen"].iter_rows(values_only=True)]
        assert any(EXAMPLE_NOTICE in (text or "") for text in about)
    elif ext == "json":
        assert json.loads(response.content)["notice"] == EXAMPLE_NOTICE
    else:
        document = json.loads(response.content)
        assert (
            document["extension"]["example_data"] is True and EXAMPLE_NOTICE in document["note"][0]
        )


def test_the_json_stat_download_is_a_valid_dataset_with_the_figures_in_their_cells(
    anonymous_visitor,
):
    document = json.loads(
        anonymous_visitor.get("/indikatorer/ntu-hot/data.jsonstat?territory=01").content
    )
    assert_valid_jsonstat(document)
    assert document["role"] == {"metric": ["indicator"], "geo": ["territory"], "time": ["period"]}
    assert document["dimension"]["period"]["category"]["label"] == {"2016-2017": "2016–2017"}
    assert document["dimension"]["indicator"]["category"]["unit"]["ntu-hot"] == {
        "label": "procent",
        "decimals": 1,
        "symbol": "%",
        "position": "end",
    }
    # The published figure is a range without a value: the cell is empty and the range kept beside it.
    assert (
        value_at(document, indicator="ntu-hot", territory="01", period="2016-2017", sex="K") is None
    )
    assert list(document["extension"]["ranges"].values()) == [[9, 10], [9, 10]]
    assert document["extension"]["example_data"] is False


def test_json_stat_places_every_value_of_a_larger_selection_correctly():
    example_figures_for("bra-personuppklaring")
    rows = list(
        observation_rows(
            ObservationFilter(
                indicators=["bra-personuppklaring"], territories=["00", "01", "12"]
            ).queryset()
        )
    )
    document = dataset(rows)
    assert_valid_jsonstat(document)
    assert document["id"] == ["indicator", "territory", "period", "sex", "breakdown"]
    for row in rows:
        period = (
            str(row["period_start"])
            if row["period_start"] == row["period_end"]
            else f"{row['period_start']}-{row['period_end']}"
        )
        assert (
            value_at(
                document,
                indicator=row["indicator"],
                territory=row["territory"],
                period=period,
                sex=row["sex"],
                breakdown=row["breakdown"],
            )
            == row["value"]
        )


def test_a_bad_selection_in_a_download_gets_a_400_not_a_traceback(anonymous_visitor):
    response = anonymous_visitor.get("/indikatorer/ntu-hot/data.csv?territory=Atlantis")
    assert response.status_code == 400 and "Atlantis" in response.content.decode()
    assert anonymous_visitor.get("/indikatorer/finns-inte/data.csv").status_code == 404
    assert anonymous_visitor.get("/indikatorer/ntu-hot/data.pdf").status_code == 404
