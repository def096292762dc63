"""Which figures the public may see: small counts are suppressed, as official Swedish statistics do.

Every public output (the lab's pages and downloads, the API, the reports) passes observations through
`publishable`, so a figure hidden in one place is never shown in another (ADR 5). Stored data is never
changed; administrators' command-line exports show what is stored."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings

from .models import ObservationStatus, Unit


def publishable(unit: str, value, lower, upper, status: str):
    """(value, lower, upper, status) with counts below LAGESBILD_SUPPRESS_BELOW replaced by 'suppressed'."""
    if unit == Unit.COUNT and status != ObservationStatus.SUPPRESSED:
        figures = [n for n in (value, lower, upper) if n is not None]
        if figures and min(figures) < settings.SUPPRESS_BELOW:
            return None, None, None, ObservationStatus.SUPPRESSED
    return value, lower, upper, status


def public_rows(rows: Iterable[dict]) -> Iterator[dict]:
    """Rows of lagesbild.indicators.selection.observation_rows (or of the same shape) as the public sees them."""
    for row in rows:
        value, lower, upper, status = publishable(
            row["unit"], row["value"], row["lower"], row["upper"], row["status"]
        )
        if status != row["status"]:
            row = {**row, "value": value, "lower": lower, "upper": upper, "status": status}
        yield row
