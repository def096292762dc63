"""Work for `lagesbild report --all` that runs in worker processes.

This module imports nothing from Django at the top: a spawned worker unpickles these functions
before Django is set up, and `start` sets it up once per worker."""

from __future__ import annotations

import os


def start() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()


def write_report(
    place: str, year: int, language: str, formats: tuple[str, ...], directory: str
) -> list[str]:
    """Builds one report and writes each format into the directory; returns the paths written."""
    from pathlib import Path

    from .render import FORMATS, render
    from .services import build, report_key

    document = build(report_key(place, year, language))
    written = []
    for fmt in formats:
        path = Path(directory) / f"{document.file_stem}.{FORMATS[fmt][1]}"
        try:
            path.write_bytes(render(document, fmt))
        except OSError as error:
            from django.core.management.base import CommandError

            raise CommandError(f"{path}: kan inte skrivas ({error.strerror or error})") from None
        written.append(str(path))
    return written
