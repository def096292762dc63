"""Figures for the stories, imported through the one import path like any user's file."""

from __future__ import annotations

from pathlib import Path

from lagesbild.indicators.models import BatchKind
from lagesbild.sources.importing import import_file
from tests.builders import a_row, a_template_csv


def county_figures(
    directory: Path, rows: list[list], *, example: bool = False, name: str = "siffror.csv"
):
    """Imports template rows; with example=True they are generated example data, marked as such."""
    path = a_template_csv(directory, rows, name=name)
    kind = BatchKind.EXAMPLE if example else BatchKind.TEMPLATE
    return import_file(
        path,
        kind=kind,
        source="Länsstyrelsen Uppsala, egna siffror" if not example else "test",
        is_example=example,
    )


def routines(territory: str, year: str, value: str) -> list:
    """Share of municipalities with written routines when an adult is subjected to violence (ÖJ)."""
    return a_row("oj-rutin-indikation-vald", territory, year, "T", "", value)


def sexual_offences(territory: str, year: str, sex: str, value: str) -> list:
    return a_row("ntu-sexualbrott", territory, year, sex, "", value)
