"""One JSON-stat 2.0 decoder for SCB's answers (and Eurostat's sparse ones), checked against pyjstat."""

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyjstat import pyjstat

from lagesbild.sources import jsonstat

from .service import recorded, recorded_json

# pyjstat warns about its own internal use of an old function.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Shouldn't use this function anymore:DeprecationWarning"
)


def by_codes(dataset: jsonstat.Dataset) -> dict[tuple, float | None]:
    return {tuple(cell.codes[d] for d in dataset.ids): cell.value for cell in dataset.cells()}


def by_pyjstat(text: str, ids: list[str]) -> dict[tuple, float | None]:
    frame = pyjstat.Dataset.read(text).write("dataframe", naming="id")
    return {
        tuple(str(row[d]) for d in ids): None
        if row["value"] != row["value"]
        else float(row["value"])
        for _, row in frame.iterrows()
    }


@pytest.mark.parametrize("name", ["pxweb/v2-data.json", "pxweb/v1-data.json", "pxweb/sparse.json"])
def test_the_decoder_agrees_with_pyjstat_on_every_recorded_answer(name):
    text = recorded(name).decode()
    dataset = jsonstat.loads(text)
    assert by_codes(dataset) == by_pyjstat(text, dataset.ids)


def test_scbs_answer_is_read_in_row_major_order_with_its_status_symbols():
    dataset = jsonstat.decode(recorded_json("pxweb/v2-data.json"))
    assert (dataset.ids, dataset.sizes, dataset.total) == (
        ["Region", "Kon", "ContentsCode", "Tid"],
        [3, 3, 1, 2],
        18,
    )
    cells = list(dataset.cells())
    assert cells[1].codes == {"Region": "00", "Kon": "1", "ContentsCode": "BE0101N1", "Tid": "2023"}
    assert (cells[1].value, cells[1].status) == (5240300, "p")
    assert (cells[13].codes["Region"], cells[13].value, cells[13].status) == ("0180", None, "..")
    assert dataset.dimensions["Region"].label_of("01") == "Stockholms län"
    assert dataset.dimensions["ContentsCode"].units["BE0101N1"] == {"base": "antal", "decimals": 0}
    assert dataset.role("geo") == ["Region"] and dataset.source == "SCB"


def test_a_sparse_answer_with_its_own_index_order_is_read_by_position():
    dataset = jsonstat.decode(recorded_json("pxweb/sparse.json"))
    assert dataset.dimensions["geo"].codes == ("00", "01") and dataset.dimensions["sex"].codes == (
        "2",
        "1",
    )
    values = by_codes(dataset)
    assert values[("00", "2", "2022")] == 11.5 and values[("00", "1", "2022")] is None
    assert [c.status for c in dataset.cells()][:3] == [None, "p", ".."]


def a_document(**changes) -> dict:
    document = recorded_json("pxweb/v1-data.json")
    document.update(changes)
    return document


@pytest.mark.parametrize(
    ("changes", "where", "reason"),
    [
        (
            {"value": [90, 92, 88]},
            "value",
            "har 3 värden men size ger 6 celler; svaret är trunkerat",
        ),
        ({"value": {"9": 1}}, "value['9']", "utanför de 6 cellerna"),
        ({"value": [90, 92, 88, 91, 85, "x"]}, "value[5]", "'x' är inget tal"),
        ({"size": [3, 1]}, "size", "har 2 tal men id har 3 dimensioner"),
        ({"class": "collection"}, "class", 'ska vara "dataset"'),
        ({"version": "1.0"}, "version", 'ska vara "2.0"'),
        ({"status": ["..", "."]}, "status", "har 2 symboler men size ger 6 celler"),
        (
            {"id": ["Region", "ContentsCode", "Region"]},
            "id",
            "samma dimension förekommer flera gånger",
        ),
    ],
)
def test_a_malformed_or_truncated_document_is_refused_with_the_place_and_reason(
    changes, where, reason
):
    with pytest.raises(jsonstat.JsonStatError) as error:
        jsonstat.decode(a_document(**changes))
    assert error.value.where == where and reason in error.value.reason


def test_a_category_index_with_a_gap_is_refused():
    document = a_document()
    document["dimension"]["Region"]["category"]["index"] = {"00": 0, "01": 2, "03": 3}
    with pytest.raises(
        jsonstat.JsonStatError,
        match=r"dimension\.Region\.category\.index: positionerna ska vara 0, 1, 2",
    ):
        jsonstat.decode(document)


def test_json_stat_1_and_cut_off_text_are_named():
    with pytest.raises(jsonstat.JsonStatError, match="JSON-stat 1"):
        jsonstat.decode({"dataset": {"dimension": {}}})
    with pytest.raises(jsonstat.JsonStatError, match="inte giltig JSON"):
        jsonstat.loads(recorded("pxweb/v1-data.json")[:300])


@st.composite
def datasets(draw):
    """Small random datasets in either value form, with index objects in shuffled order."""
    sizes = draw(st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=3))
    ids = [f"d{i}" for i in range(len(sizes))]
    dimension = {}
    for dimension_id, size in zip(ids, sizes):
        codes = [f"{dimension_id}c{j}" for j in range(size)]
        order = draw(st.permutations(range(size)))
        dimension[dimension_id] = {
            "label": dimension_id,
            "category": {
                "index": {codes[j]: order[j] for j in range(size)},
                "label": {c: c.upper() for c in codes},
            },
        }
    total = math.prod(sizes)
    numbers = draw(
        st.lists(st.one_of(st.none(), st.integers(-1000, 1000)), min_size=total, max_size=total)
    )
    if draw(st.booleans()):
        value = numbers
    else:
        value = {str(i): n for i, n in enumerate(numbers) if n is not None}
    return {
        "version": "2.0",
        "class": "dataset",
        "id": ids,
        "size": sizes,
        "dimension": dimension,
        "value": value,
    }


@settings(max_examples=40, deadline=None)
@given(datasets())
def test_any_small_dataset_decodes_as_pyjstat_reads_it(document):
    text = json.dumps(document)
    dataset = jsonstat.loads(text)
    assert by_codes(dataset) == by_pyjstat(text, dataset.ids)
