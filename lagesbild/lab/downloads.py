"""Download formats, registered as {extension, media type, writer} as datasette does with renderers.

Every format writes the same public rows (small counts suppressed) with unit, status, note and
source, and every one says when the rows include example data."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lagesbild.indicators.jsonstat_out import write_jsonstat
from lagesbild.indicators.selection import write_csv, write_json, xlsx_bytes


def _text_writer(writer) -> Callable[[Iterable[dict]], bytes]:
    def render(rows: Iterable[dict]) -> bytes:
        buffer = io.StringIO()
        writer(rows, buffer)
        return buffer.getvalue().encode("utf-8")

    return render


def _xlsx(rows: Iterable[dict]) -> bytes:
    return xlsx_bytes(rows)[0]


@dataclass(frozen=True)
class DownloadFormat:
    extension: str
    file_suffix: str
    media_type: str
    label: str
    render: Callable[[Iterable[dict]], bytes]


FORMATS = {
    f.extension: f
    for f in (
        DownloadFormat("csv", "csv", "text/csv; charset=utf-8", "CSV", _text_writer(write_csv)),
        DownloadFormat(
            "xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "XLSX",
            _xlsx,
        ),
        DownloadFormat("json", "json", "application/json", "JSON", _text_writer(write_json)),
        DownloadFormat(
            "jsonstat",
            "jsonstat.json",
            "application/json",
            "JSON-stat 2.0",
            _text_writer(write_jsonstat),
        ),
    )
}
