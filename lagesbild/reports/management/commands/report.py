"""`lagesbild report`: one county's situation report, or all 21 and the national compilation.

    lagesbild report --county 01 --year 2018 --format pdf --out stockholm-2018.pdf
    lagesbild report --all --year 2018 --out rapporter/

--county takes a county code (01–25) or name; 00 or "riket" gives the national compilation.
Without --format, the format follows the --out file's suffix; --all writes every format unless
--format is given (it may be repeated)."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lagesbild.core.errors import user_errors
from lagesbild.reports.content.common import ReportError, lan_territories
from lagesbild.reports.render import FORMATS, render
from lagesbild.reports.render.pdf import RenderError
from lagesbild.reports.services import ReportKey, build, report_key
from lagesbild.reports.workers import start, write_report

ALL_FORMATS = ("pdf", "docx", "html")


def writable_file(path: Path) -> Path:
    """Fails before any work is done when the file cannot be written, naming the path and the reason."""
    if path.is_dir():
        raise CommandError(
            f"{path}: är en mapp; ange ett filnamn, till exempel {path / 'rapport.pdf'}"
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise CommandError(f"{path}: mappen {parent} finns inte")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"{path}: skrivskyddad plats; välj en annan fil med --out")
    return path


def writable_dir(path: Path) -> Path:
    if path.exists() and not path.is_dir():
        raise CommandError(f"{path}: är en fil; --all behöver en mapp att skriva rapporterna i")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"{path}: mappen kan inte skapas ({error.strerror or error})") from None
    if not os.access(path, os.W_OK):
        raise CommandError(f"{path}: skrivskyddad mapp; välj en annan med --out")
    return path


def write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as error:
        raise CommandError(f"{path}: kan inte skrivas ({error.strerror or error})") from None


def default_jobs() -> int:
    """One worker per core (at most four) when workers can see the data: not inside an open transaction
    (as in tests) and not on an in-memory database, which only this process can read."""
    from django.db import connection

    name = str(connection.settings_dict.get("NAME") or "")
    if connection.in_atomic_block or "memory" in name:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


class Command(BaseCommand):
    help = (
        "Skriver den regionala lägesrapporten för ett län (--county) eller för alla län och den nationella "
        "sammanställningen (--all), som HTML, PDF eller Word."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--county",
            help="länskod (01–25) eller länsnamn; 00 eller riket ger den nationella sammanställningen",
        )
        parser.add_argument(
            "--all", action="store_true", help="alla 21 län och den nationella sammanställningen"
        )
        parser.add_argument("--year", required=True, help="rapportår, till exempel 2018")
        parser.add_argument(
            "--format",
            action="append",
            choices=ALL_FORMATS,
            dest="formats",
            help="html, pdf eller docx (med --all får flaggan upprepas; utan den skrivs alla tre)",
        )
        parser.add_argument(
            "--out",
            help="fil (--county) eller mapp (--all); standard: rapportens filnamn i aktuell mapp",
        )
        parser.add_argument(
            "--language",
            choices=("sv", "en"),
            default="sv",
            help="språk för rubriker och genererad text (rapportspråket är svenska)",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=0,
            help="med --all: antal processer som arbetar samtidigt (standard: en per processorkärna, "
            "högst fyra)",
        )

    @user_errors
    def handle(self, *args, county, all, year, formats, out, language, jobs, **options):
        if bool(county) == bool(all):
            raise CommandError("ange antingen --county KOD eller --all")
        try:
            if all:
                self.write_all(year, formats, out, language, jobs)
            else:
                self.write_one(county, year, formats, out, language)
        except (ReportError, RenderError) as error:
            raise CommandError(str(error)) from None

    def write_one(self, county: str, year, formats, out, language: str) -> None:
        key = report_key(county, year, language)
        fmt = self._single_format(formats, out)
        path = writable_file(Path(out)) if out else None
        document = build(key)
        path = path or writable_file(Path(f"{document.file_stem}.{FORMATS[fmt][1]}"))
        write(path, render(document, fmt))
        self.stdout.write(f"{path}: {document.subtitle} ({fmt.upper()})")

    @staticmethod
    def _single_format(formats, out) -> str:
        if formats and len(formats) > 1:
            raise CommandError(
                "--county skriver ett format åt gången; använd --all för flera format"
            )
        if formats:
            return formats[0]
        suffix = Path(out).suffix.lstrip(".").casefold() if out else ""
        if suffix in FORMATS:
            return suffix
        raise CommandError(
            "ange --format html, pdf eller docx (eller en --out-fil som slutar på .html, .pdf eller .docx)"
        )

    def write_all(self, year, formats, out, language: str, jobs: int) -> None:
        first = report_key("riket", year, language)  # checks the year before any work
        directory = writable_dir(Path(out or f"lagesrapporter-{first.year}"))
        chosen = tuple(dict.fromkeys(formats or ALL_FORMATS))
        places = ["riket"] + [
            c.code for c in lan_territories()
        ]  # the largest first, so workers end together
        written: list[str] = []
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        ) as progress:
            task = progress.add_task(f"Lägesrapporter {first.year}", total=len(places))
            jobs = jobs or default_jobs()
            if jobs > 1:
                written = self._in_workers(
                    places, first, language, chosen, directory, jobs, progress, task
                )
            else:
                for place in places:
                    written += write_report(place, first.year, language, chosen, str(directory))
                    progress.advance(task)
        self.stdout.write(
            f"{len(written)} filer skrevs i {directory}: {len(places) - 1} län och den nationella "
            f"sammanställningen ({', '.join(f.upper() for f in chosen)})."
        )

    @staticmethod
    def _in_workers(
        places, first: ReportKey, language, chosen, directory, jobs, progress, task
    ) -> list[str]:
        from django.db import connections

        connections.close_all()  # workers open their own connections
        written: list[str] = []
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=get_context("spawn"), initializer=start
        ) as pool:
            futures = [
                pool.submit(write_report, place, first.year, language, chosen, str(directory))
                for place in places
            ]
            for future in as_completed(futures):
                written += future.result()
                progress.advance(task)
        return written
