"""The static export's data files, written without a request per file.

Per indicator: its CSV and JSON download (`/indikatorer/<id>/data.csv`, `data.json`) and, for every
territory with data, the download of that territory's selection (`data.csv?territory=<code>`, the
link the indicator page offers). Fetching them one by one through the site costs a query, a form
and a response each (12,500 files for 20 indicators at every level); here each indicator is read
with one query, ordered as the download is, and cut by territory.

The bytes are those the site answers at each address (a test compares them): the rows pass the
publishing pipeline's rule and cell formatting (lagesbild.core.outputs), and each row is formatted
once — as a CSV line and as the JSON text `json.dumps(…, indent=1)` gives it — then joined into the
indicator's file and its territory's file. JSON is written by orjson, its two-space indentation
halved; a value orjson spells differently from `json` (a float written with an exponent, or not
finite) sends that indicator through the pipeline's own writers instead."""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
from collections.abc import Iterator
from operator import itemgetter

import orjson
from django.urls import reverse

from lagesbild.core.outputs import (
    FORMATS,
    LagesbildCsv,
    file_cell,
    marked_document,
)
from lagesbild.indicators.selection import (
    COLUMNS,
    ObservationFilter,
    observation_rows,
    observations_output,
)

# orjson's indentation is two spaces a level; `json.dumps(indent=1)` one. Levels are halved from the
# shallowest up, each pattern matching exactly its own depth, so no line is shortened twice.
_DEPTHS = [(re.compile(rb"\n" + b"  " * n + rb"(?! )"), b"\n" + b" " * n) for n in range(1, 3)]


def address(indicator_id: str, extension: str, territory: str | None = None) -> str:
    """The download's address, as the indicator page links it (unprefixed: the same in both languages)."""
    path = reverse("lab:download", args=[indicator_id, extension])
    return f"{path}?territory={territory}" if territory else path


def _spelled_alike(rows: list[dict]) -> bool:
    """Whether orjson writes every number of these rows as `json` does (no exponent, finite)."""
    for row in rows:
        for name in ("value", "lower", "upper"):
            number = row[name]
            if isinstance(number, float) and (not math.isfinite(number) or "e" in repr(number)):
                return False
    return True


def _json_row(row: dict) -> bytes:
    """A row as `json.dumps(document, indent=1)` writes it inside the document's list (depth 2)."""
    text = orjson.dumps(row, option=orjson.OPT_INDENT_2)
    for pattern, spaces in _DEPTHS:
        text = pattern.sub(spaces, text)
    return text.replace(b"\n", b"\n  ")


def _json_file(rows: list[dict], fragments: list[bytes]) -> bytes:
    if not rows:
        return FORMATS["json"].write(observations_output(rows))
    head = {"count": len(rows), "columns": list(COLUMNS), "observations": []}
    document = marked_document(head, any(row["example_data"] for row in rows))
    text = json.dumps(document, ensure_ascii=False, indent=1)
    # The empty list ends the document; the rows go in its place.
    return (
        text[: -len("[]\n}")].encode("utf-8") + b"[\n  " + b",\n  ".join(fragments) + b"\n ]\n}\n"
    )


class _Line:
    """A file for csv.writer that hands each written line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def _csv_lines(rows: list[dict]) -> list[bytes]:
    writer = csv.writer(_Line(), dialect=LagesbildCsv)
    return [writer.writerow([file_cell(row[c]) for c in COLUMNS]).encode("utf-8") for row in rows]


def _csv_header() -> bytes:
    return csv.writer(_Line(), dialect=LagesbildCsv).writerow(COLUMNS).encode("utf-8")


def _by_pipeline(rows: list[dict]) -> Iterator[tuple[str | None, bytes, bytes]]:
    """(territory or None for the whole indicator, CSV, JSON) through the pipeline's own writers."""
    groups = [(None, rows)] + [
        (code, list(group)) for code, group in itertools.groupby(rows, key=itemgetter("territory"))
    ]
    for code, part in groups:
        yield (
            code,
            FORMATS["csv"].write(observations_output(part)),
            FORMATS["json"].write(observations_output(part)),
        )


def _by_rows(rows: list[dict]) -> Iterator[tuple[str | None, bytes, bytes]]:
    """The same files, each row formatted once and joined into both its files."""
    header = _csv_header()
    lines = _csv_lines(rows)
    fragments = [_json_row(row) for row in rows]
    yield None, header + b"".join(lines), _json_file(rows, fragments)
    start = 0
    for code, group in itertools.groupby(rows, key=itemgetter("territory")):
        part = slice(start, start + sum(1 for _row in group))
        yield code, header + b"".join(lines[part]), _json_file(rows[part], fragments[part])
        start = part.stop


def indicator_files(indicator_id: str) -> Iterator[tuple[str, str, bytes]]:
    """(address, media type, body) of every data file of one indicator, from one query."""
    output = observations_output(
        observation_rows(ObservationFilter(indicators=[indicator_id]).queryset())
    )
    rows = list(output.public_rows())  # small-count suppression, as in every download
    files = _by_rows(rows) if _spelled_alike(rows) else _by_pipeline(rows)
    csv_type, json_type = FORMATS["csv"].media_type, FORMATS["json"].media_type
    for code, csv_body, json_body in files:
        yield address(indicator_id, "csv", code), csv_type, csv_body
        yield address(indicator_id, "json", code), json_type, json_body
