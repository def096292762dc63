"""`lagesbild directory import|export|check-links|example-data`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lagesbild.core.errors import user_errors
from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.core.outputs import render
from lagesbild.territories.models import UnknownTerritory

from ... import matrix
from ...exchange import owning_county
from ...hsds import tabular
from ...hsds.importing import import_hsds
from ...linkcheck import check_links
from ...models import Service, ServiceStatus
from ...vocabulary import sync_vocabularies

HSDS_SUFFIXES = (".json", ".ndjson", ".zip")
MATRIX_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")


class Command(BaseCommand):
    help = "Stödverksamheter: importera och exportera matrisen (XLSX/CSV) och HSDS 3.0, kontrollera länkar, exempeldata."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{import,export,check-links,example-data}"
        )
        reading = actions.add_parser(
            "import",
            help="läs in en matris (.xlsx/.csv) eller HSDS (.json/.ndjson/.zip); "
            "ett fel någonstans och inget sparas",
        )
        reading.add_argument(
            "file",
            type=Path,
            metavar="FIL",
            help="matrisen (.xlsx/.csv) eller HSDS (.json/.ndjson/.zip)",
        )
        reading.add_argument(
            "--county", help="ägande län för rader som inte anger det (kod eller namn)"
        )
        reading.add_argument("--user", help="användarnamn som ändringarna ska stå på i historiken")
        reading.add_argument(
            "--dry-run", action="store_true", help="kontrollera och visa utfallet utan att spara"
        )

        writing = actions.add_parser(
            "export",
            help="skriv matrisen som xlsx/csv, eller HSDS 3.0 (zip med en JSON per "
            "tjänst och ett tabulärt datapaket)",
        )
        writing.add_argument(
            "--format",
            choices=["hsds", "xlsx", "csv"],
            required=True,
            help="hsds (zip med HSDS 3.0), xlsx eller csv (matrisen)",
        )
        writing.add_argument(
            "--out", type=Path, help="fil att skriva (csv: standard ut; xlsx/hsds: krävs)"
        )
        writing.add_argument("--county", help="bara verksamheter som detta län ansvarar för")
        writing.add_argument(
            "--published-only",
            action="store_true",
            help="bara publicerade verksamheter (HSDS innehåller alltid bara publicerade)",
        )
        writing.add_argument(
            "--base-url", help="adress som HSDS-länkar (uri, term_uri) ska börja med"
        )

        links = actions.add_parser(
            "check-links", aliases=["check_links"], help="rapportera webbplatser som inte svarar"
        )
        links.add_argument("--county", help="bara verksamheter som detta län ansvarar för")
        links.add_argument(
            "--timeout", type=float, default=10.0, help="sekunder att vänta på svar (standard 10)"
        )
        links.add_argument(
            "--workers", type=int, default=8, help="antal samtidiga kontroller (standard 8)"
        )
        links.add_argument(
            "--include-example",
            action="store_true",
            help="kontrollera även exempeldata (deras adresser på example.org svarar inte)",
        )

        example = actions.add_parser(
            "example-data",
            aliases=["example_data"],
            help=f"generera en exempelkatalog för alla 21 län ({EXAMPLE_NOTICE})",
        )
        example.add_argument(
            "--seed",
            type=int,
            default=1,
            help="startvärde: samma tal ger samma katalog (standard 1)",
        )
        example.add_argument(
            "--county",
            action="append",
            dest="counties",
            metavar="KOD",
            help="bara dessa län (kan upprepas); standard: alla 21 och nationella verksamheter",
        )

    @user_errors
    def handle(self, *args, action, **options):
        sync_vocabularies()
        handler = {
            "import": self.import_file,
            "export": self.export,
            "check-links": self.check_links,
            "check_links": self.check_links,
            "example-data": self.example_data,
            "example_data": self.example_data,
        }[action]
        handler(**options)

    def _county(self, text: str | None) -> str | None:
        if not text:
            return None
        try:
            return owning_county(text)
        except UnknownTerritory as error:
            raise CommandError(f"--county: {error}") from None

    def import_file(self, *, file: Path, county, user, dry_run, **options):
        person = None
        if user:
            person = get_user_model().objects.filter(username=user).first()
            if person is None:
                raise CommandError(f"--user: det finns ingen användare som heter {user!r}")
        suffix = file.suffix.casefold()
        if suffix in HSDS_SUFFIXES:
            summary = import_hsds(file, user=person, county=self._county(county), dry_run=dry_run)
        elif suffix in MATRIX_SUFFIXES:
            summary = matrix.import_matrix(
                file, user=person, county=self._county(county), dry_run=dry_run
            )
        else:
            raise CommandError(
                f"{file.name}: filtypen stöds inte (matris: .xlsx, .csv; HSDS: .json, .ndjson, .zip)"
            )
        self.stdout.write(f"{file.name}: {summary.describe()}.")
        self.stdout.write(
            self.style.SUCCESS("Provkörning: inget sparades." if dry_run else "Importen är sparad.")
        )

    def export(self, *, format, out, county, published_only, base_url, **options):
        """HSDS is a zip of documents; the matrix goes through the publishing pipeline as CSV or XLSX."""
        services = Service.objects.all()
        if county := self._county(county):
            services = services.filter(county_id=county)
        if published_only or format in PUBLISHED_ONLY_FORMATS:
            services = services.filter(status=ServiceStatus.PUBLISHED)
        if out is None and format != "csv":
            raise CommandError(
                f"--out: ange filen att skriva, till exempel stodverksamheter.{EXTENSIONS[format]}"
            )
        count = EXPORTERS[format](services, out, base_url)
        if out is None:
            return
        self.stdout.write(f"{count} verksamheter skrivna till {out}.")

    def check_links(self, *, county, timeout, workers, include_example, **options):
        services = (
            Service.objects.exclude(status=ServiceStatus.ARCHIVED)
            .exclude(website="")
            .select_related("county")
        )
        if county := self._county(county):
            services = services.filter(county_id=county)
        if not include_example:
            services = services.filter(is_example=False)
        results = check_links(
            list(services.order_by("county_id", "name")), timeout=timeout, workers=max(1, workers)
        )
        dead = [r for r in results if not r.ok]
        for result in dead:
            service = result.service
            self.stdout.write(
                f"{service.county_id}  {service.name}: {service.website} – {result.problem}"
            )
        self.stdout.write(f"{len(results)} webbplatser kontrollerade, {len(dead)} svarar inte.")
        if dead:
            raise CommandError(f"{len(dead)} webbplatser svarar inte (se listan ovan).")

    def example_data(self, *, seed, counties, **options):
        from ...example import load_example_directory

        chosen = [self._county(c) for c in counties] if counties else None
        counts = load_example_directory(seed=seed, counties=chosen, national=not counties)
        self.stdout.write(
            f"{EXAMPLE_NOTICE}: {counts['written']} verksamheter skapade eller ändrade, "
            f"{counts['unchanged']} oförändrade."
        )


def _hsds_export(services, out, base_url) -> int:
    with out.open("wb") as handle:
        return tabular.write_export(services, handle, base_url)


def _matrix_export(extension: str):
    def write(services, out, base_url) -> int:
        body = render(
            matrix.matrix_output(matrix.export_queryset(services), public=False), extension
        )
        if out is None:
            sys.stdout.buffer.write(body)
            sys.stdout.flush()
        else:
            out.write_bytes(body)
        return services.count()

    return write


EXPORTERS = {"hsds": _hsds_export, "csv": _matrix_export("csv"), "xlsx": _matrix_export("xlsx")}
EXTENSIONS = {"hsds": "zip", "csv": "csv", "xlsx": "xlsx"}
PUBLISHED_ONLY_FORMATS = {"hsds"}  # HSDS is an exchange of published services only
