"""The static export's data files, written without a request per file.

Per indicator: its CSV and JSON download (`/indikatorer/<id>/data.csv`, `data.json`) and, for every
territory with data, the download of that territory's selection (`data.csv?territory=<code>`, the
link the indicator page offers). Fetching them one by one through the site costs a query, a form
and a response each (12,000 files for 20 indicators at every level); here each indicator is read
with one query, ordered as the download is, and cut by territory. Each file is written by the
publishing pipeline's own writers (lagesbild.core.outputs) from the same rows, so its bytes are those
the site answers at that address (a test compares them)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from operator import itemgetter

from django.urls import reverse

from lagesbild.core.outputs import FORMATS
from lagesbild.indicators.selection import (
    ObservationFilter,
    observation_rows,
    observations_output,
)

FORMATS_WRITTEN = ("csv", "json")


def address(indicator_id: str, extension: str, territory: str | None = None) -> str:
    """The download's address, as the indicator page links it (unprefixed: the same in both languages)."""
    path = reverse("lab:download", args=[indicator_id, extension])
    return f"{path}?territory={territory}" if territory else path


def _bodies(indicator_id: str, rows: list[dict], name: str, territory: str | None):
    for extension in FORMATS_WRITTEN:
        output = observations_output(rows, name)
        yield address(indicator_id, extension, territory), FORMATS[extension].write(output)


def indicator_files(indicator_id: str) -> Iterator[tuple[str, str, bytes]]:
    """(address, media type, body) of every data file of one indicator, from one query."""
    media = {e: FORMATS[e].media_type for e in FORMATS_WRITTEN}
    rows = list(observation_rows(ObservationFilter(indicators=[indicator_id]).queryset()))
    for found, body in _bodies(indicator_id, rows, indicator_id, None):
        yield found, media[found.rsplit(".", 1)[-1]], body
    for code, group in itertools.groupby(rows, key=itemgetter("territory")):
        for found, body in _bodies(indicator_id, list(group), f"{indicator_id}-urval", code):
            yield found, media[found.split("?")[0].rsplit(".", 1)[-1]], body
