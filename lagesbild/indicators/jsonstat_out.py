"""Observations as a JSON-stat 2.0 dataset (https://json-stat.org/format/), the format SCB's PxWeb speaks.

The cube's dimensions are indicator (role metric, with the unit), territory (role geo), period (role
time), sex and, when the indicator has one, its breakdown. Values are a dense array in row-major
order of `id`. What JSON-stat has no field for is kept in `extension`: ranges (lower–upper) and the
note of each cell, keyed like `status` by the cell's index. Example data says so in `note` and
`extension.example_data`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from lagesbild.core.marking import EXAMPLE_NOTICE

from .models import Indicator, Sex

SEX_ORDER = [Sex.TOTAL, Sex.WOMEN, Sex.MEN]
SEX_LABELS = {Sex.TOTAL: "Totalt", Sex.WOMEN: "Kvinnor", Sex.MEN: "Män"}
UNIT_SYMBOLS = {"procent": ("%", "end"), "antal": ("", "end")}
UNIT_LABELS = {
    "procent": "procent",
    "antal": "antal",
    "per_1000": "per 1 000 invånare",
    "per_10000": "per 10 000 invånare",
    "per_100000": "per 100 000 invånare",
}


def _period_id(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}-{end}"


def _period_label(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def _dimension(label: str, ids: list[str], labels: dict[str, str], **extra) -> dict:
    category = {
        "index": {cid: i for i, cid in enumerate(ids)},
        "label": {cid: labels.get(cid, cid) for cid in ids},
    }
    category.update(extra)
    return {"label": label, "category": category}


def dataset(
    rows: Iterable[dict], *, label: str | None = None, updated: datetime | None = None
) -> dict:
    """A JSON-stat 2.0 dataset of observation rows (lagesbild.indicators.selection.observation_rows)."""
    rows = list(rows)
    indicator_ids = sorted({r["indicator"] for r in rows})
    indicators = {i.id: i for i in Indicator.objects.filter(id__in=indicator_ids)}
    territories = {r["territory"]: r["territory_name"] for r in rows}
    periods = sorted({(r["period_start"], r["period_end"]) for r in rows})
    sexes = [s for s in SEX_ORDER if any(r["sex"] == s for r in rows)]
    breakdown_labels: dict[str, str] = {}
    for indicator in indicators.values():
        breakdown_labels |= {cid: c["sv"] for cid, c in indicator.breakdown_categories().items()}
    present = {r["breakdown"] for r in rows}
    breakdowns = [b for b in breakdown_labels if b in present] + sorted(
        b for b in present if b not in breakdown_labels
    )
    with_breakdown = any(b for b in breakdowns)

    dimension = {
        "indicator": _dimension(
            "indikator",
            indicator_ids,
            {i: indicators[i].name_sv for i in indicator_ids if i in indicators},
            unit={i: _unit(indicators[i]) for i in indicator_ids if i in indicators},
        ),
        "territory": _dimension(
            "territorium", sorted(territories, key=lambda c: (len(c), c)), territories
        ),
        "period": _dimension(
            "period",
            [_period_id(*p) for p in periods],
            {_period_id(*p): _period_label(*p) for p in periods},
        ),
        "sex": _dimension("kön", list(sexes), SEX_LABELS),
    }
    if with_breakdown:
        dimension["breakdown"] = _dimension(
            "uppdelning", breakdowns, {b: breakdown_labels.get(b, b or "alla") for b in breakdowns}
        )
    ids = list(dimension)
    sizes = [len(dimension[d]["category"]["index"]) for d in ids]
    strides = [1] * len(sizes)
    for i in range(len(sizes) - 2, -1, -1):
        strides[i] = strides[i + 1] * sizes[i + 1]

    values: list = [None] * (strides[0] * sizes[0] if sizes else 0)
    status, ranges, notes = {}, {}, {}
    example = False
    sources: list[str] = []
    for r in rows:
        coordinates = {
            "indicator": r["indicator"],
            "territory": r["territory"],
            "period": _period_id(r["period_start"], r["period_end"]),
            "sex": r["sex"],
            "breakdown": r["breakdown"],
        }
        index = sum(
            dimension[d]["category"]["index"][coordinates[d]] * strides[k]
            for k, d in enumerate(ids)
        )
        values[index] = r["value"]
        if r["status"] != "ok":
            status[str(index)] = r["status"]
        if r["lower"] is not None and r["upper"] is not None:
            ranges[str(index)] = [r["lower"], r["upper"]]
        if r["note"] and r["note"] != EXAMPLE_NOTICE:
            notes[str(index)] = r["note"]
        example = example or bool(r["example_data"])
        if r["source"] not in sources:
            sources.append(r["source"])

    document = {
        "version": "2.0",
        "class": "dataset",
        "label": label
        or ", ".join(indicators[i].name_sv for i in indicator_ids if i in indicators)
        or "Lägesbild",
        "source": "; ".join(sources) or "Lägesbild",
        "updated": (updated or datetime.now().astimezone()).isoformat(timespec="seconds"),
        "id": ids,
        "size": sizes,
        "role": {"metric": ["indicator"], "geo": ["territory"], "time": ["period"]},
        "dimension": dimension,
        "value": values,
    }
    if status:
        document["status"] = status
    if example:
        document["note"] = [
            f"{EXAMPLE_NOTICE}: datasetet innehåller genererade exempelvärden som inte beskriver verkligheten."
        ]
    document["extension"] = {"example_data": example, "ranges": ranges, "notes": notes}
    return document


def _unit(indicator: Indicator) -> dict:
    symbol, position = UNIT_SYMBOLS.get(indicator.unit, ("", "end"))
    unit = {
        "label": UNIT_LABELS.get(indicator.unit, indicator.unit),
        "decimals": indicator.decimals,
    }
    if symbol:
        unit |= {"symbol": symbol, "position": position}
    return unit


def jsonstat_bytes(output) -> bytes:
    """A publishing-pipeline writer (lagesbild.core.outputs): the output's public rows as one dataset."""
    document = dataset(output.public_rows())
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
