"""A small, strict JSON-stat 2.0 decoder (the `json-stat2` answers of PxWeb v1 and PxWebApi 2.0).

Required: `version` "2.0", `class` "dataset", `id`, `size`, `dimension`, `value`. Each dimension's
`category.index` maps code to position (an object, or an array of codes, or left out for a single
category). `value` is row-major in `id` order, the last dimension varying fastest: an array with nulls
(SCB), or a sparse object keyed by position (Eurostat), where a missing position has no value. `status`
is one symbol for every cell, an array, or an object keyed by position.

Every problem is a JsonStatError naming the place in the document, so a truncated or malformed answer
is refused with a reason instead of being half read.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field


class JsonStatError(ValueError):
    def __init__(self, where: str, reason: str):
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: tuple[str, ...]
    labels: dict[str, str]
    units: dict[str, dict] = field(default_factory=dict)

    def label_of(self, code: str) -> str:
        return self.labels.get(code, code)


@dataclass(frozen=True)
class Cell:
    position: int
    codes: dict[str, str]
    value: float | None
    status: str | None


@dataclass
class Dataset:
    ids: list[str]
    sizes: list[int]
    dimensions: dict[str, Dimension]
    values: list | dict
    statuses: str | list | dict | None
    label: str = ""
    source: str = ""
    updated: str = ""
    roles: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return math.prod(self.sizes)

    def role(self, name: str) -> list[str]:
        return list(self.roles.get(name, []))

    def value_at(self, position: int) -> float | None:
        if isinstance(self.values, list):
            return self.values[position]
        return self.values.get(position)

    def status_at(self, position: int) -> str | None:
        statuses = self.statuses
        if statuses is None or isinstance(statuses, str):
            return statuses
        if isinstance(statuses, list):
            return statuses[0] if len(statuses) == 1 else statuses[position]
        return statuses.get(position)

    def cells(self) -> Iterator[Cell]:
        """Every cell in position order, with its category code in each dimension."""
        strides = []
        stride = 1
        for size in reversed(self.sizes):
            strides.append(stride)
            stride *= size
        strides.reverse()
        dimensions = [self.dimensions[i] for i in self.ids]
        for position in range(self.total):
            codes = {
                dimension.id: dimension.codes[(position // step) % size]
                for dimension, step, size in zip(dimensions, strides, self.sizes)
            }
            yield Cell(position, codes, self.value_at(position), self.status_at(position))


def loads(text: str | bytes) -> Dataset:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonStatError(
            "(dokumentet)", f"inte giltig JSON ({error.msg} vid tecken {error.pos}); avbrutet?"
        ) from None
    except RecursionError:
        raise JsonStatError("(dokumentet)", "JSON-strukturen är orimligt djupt nästlad") from None
    return decode(document)


def decode(document) -> Dataset:
    if not isinstance(document, dict):
        raise JsonStatError("(dokumentet)", "ett JSON-stat-dataset ska vara ett objekt")
    if "dataset" in document and "class" not in document:
        raise JsonStatError(
            "dataset", "detta är JSON-stat 1 (formatet json-stat); be om json-stat2"
        )
    _require(
        document.get("class") == "dataset",
        "class",
        f'ska vara "dataset", inte {document.get("class")!r}',
    )
    _require(
        str(document.get("version", "")).startswith("2"),
        "version",
        f'ska vara "2.0", inte {document.get("version")!r}',
    )
    ids, sizes = _ids_and_sizes(document)
    dimensions = {d: _dimension(document, d, size) for d, size in zip(ids, sizes)}
    total = math.prod(sizes)
    roles = document.get("role") or {}
    _require(isinstance(roles, dict), "role", "ska vara ett objekt")
    for role, members in roles.items():
        _require(
            isinstance(members, list) and all(isinstance(m, str) for m in members),
            f"role.{role}",
            "ska vara en lista med dimensioners id",
        )
    return Dataset(
        ids=ids,
        sizes=sizes,
        dimensions=dimensions,
        values=_values(document.get("value"), total),
        statuses=_statuses(document.get("status"), total),
        label=str(document.get("label") or ""),
        source=str(document.get("source") or ""),
        updated=str(document.get("updated") or ""),
        roles={k: list(v) for k, v in roles.items()},
    )


def _require(condition: bool, where: str, reason: str) -> None:
    if not condition:
        raise JsonStatError(where, reason)


def _ids_and_sizes(document: dict) -> tuple[list[str], list[int]]:
    ids, sizes = document.get("id"), document.get("size")
    _require(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids),
        "id",
        "ska vara en lista med dimensionernas id",
    )
    _require(len(set(ids)) == len(ids), "id", "samma dimension förekommer flera gånger")
    _require(
        isinstance(sizes, list)
        and all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes),
        "size",
        "ska vara en lista med heltal",
    )
    _require(
        len(ids) == len(sizes), "size", f"har {len(sizes)} tal men id har {len(ids)} dimensioner"
    )
    _require(
        isinstance(document.get("dimension"), dict), "dimension", "saknas eller är inget objekt"
    )
    return ids, sizes


def _dimension(document: dict, dimension_id: str, size: int) -> Dimension:
    where = f"dimension.{dimension_id}"
    spec = document["dimension"].get(dimension_id)
    _require(isinstance(spec, dict), where, "saknas")
    category = spec.get("category")
    _require(isinstance(category, dict), f"{where}.category", "saknas")
    labels = category.get("label") or {}
    _require(isinstance(labels, dict), f"{where}.category.label", "ska vara ett objekt")
    codes = _codes(category.get("index"), labels, size, f"{where}.category.index")
    units = category.get("unit") or {}
    return Dimension(
        dimension_id,
        str(spec.get("label") or dimension_id),
        codes,
        {str(k): str(v) for k, v in labels.items()},
        units if isinstance(units, dict) else {},
    )


def _codes(index, labels: dict, size: int, where: str) -> tuple[str, ...]:
    if index is None:
        _require(
            len(labels) == 1 and size == 1,
            where,
            "saknas (får bara utelämnas för en enda kategori)",
        )
        return (str(next(iter(labels))),)
    if isinstance(index, list):
        _require(all(isinstance(c, str) for c in index), where, "listan ska innehålla koder")
        codes = list(index)
    else:
        _require(isinstance(index, dict), where, "ska vara ett objekt eller en lista")
        positions = sorted(index.values(), key=lambda p: p if isinstance(p, int) else -1)
        _require(
            positions == list(range(len(index))),
            where,
            "positionerna ska vara 0, 1, 2 … utan luckor eller dubbletter",
        )
        codes = [code for code, _ in sorted(index.items(), key=lambda item: item[1])]
    _require(len(codes) == size, where, f"har {len(codes)} kategorier men size anger {size}")
    _require(len(set(codes)) == len(codes), where, "samma kod förekommer flera gånger")
    return tuple(codes)


def _number(value, where: str) -> float | None:
    if value is None:
        return None
    _require(
        isinstance(value, (int, float)) and not isinstance(value, bool),
        where,
        f"{value!r} är inget tal",
    )
    _require(math.isfinite(value), where, "talet är inte ändligt")
    return float(value)


def _values(raw, total: int) -> list | dict:
    if isinstance(raw, list):
        _require(
            len(raw) == total,
            "value",
            f"har {len(raw)} värden men size ger {total} celler; svaret är "
            "trunkerat eller felaktigt",
        )
        return [_number(v, f"value[{i}]") for i, v in enumerate(raw)]
    _require(isinstance(raw, dict), "value", "saknas eller är varken lista eller objekt")
    values = {}
    for key, value in raw.items():
        position = _position(key, total, "value")
        values[position] = _number(value, f"value[{key!r}]")
    return values


def _statuses(raw, total: int) -> str | list | dict | None:
    if raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, list):
        _require(
            len(raw) in (1, total), "status", f"har {len(raw)} symboler men size ger {total} celler"
        )
        _require(
            all(s is None or isinstance(s, str) for s in raw),
            "status",
            "ska innehålla textsymboler",
        )
        return raw
    _require(isinstance(raw, dict), "status", "ska vara text, lista eller objekt")
    statuses = {}
    for key, symbol in raw.items():
        _require(
            symbol is None or isinstance(symbol, str), f"status[{key!r}]", "ska vara en textsymbol"
        )
        statuses[_position(key, total, "status")] = symbol
    return statuses


def _position(key: str, total: int, where: str) -> int:
    _require(
        isinstance(key, str) and key.isdigit(),
        f"{where}[{key!r}]",
        "nyckeln ska vara en position (heltal)",
    )
    position = int(key)
    _require(
        position < total, f"{where}[{key!r}]", f"positionen ligger utanför de {total} cellerna"
    )
    return position


def dimensions_only(document) -> dict[str, Dimension]:
    """The dimensions of a JSON-stat document without values, such as PxWebApi 2.0's table metadata."""
    if not isinstance(document, dict):
        raise JsonStatError("(dokumentet)", "ett JSON-stat-dataset ska vara ett objekt")
    ids, sizes = _ids_and_sizes(document)
    return {d: _dimension(document, d, size) for d, size in zip(ids, sizes)}
