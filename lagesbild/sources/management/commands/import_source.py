from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from lagesbild.core.errors import user_errors
from lagesbild.sources.bra import import_bra
from lagesbild.sources.importing import ImportRejected
from lagesbild.sources.oj import import_oj
from lagesbild.sources.records import FileRejected
from lagesbild.sources.reporting import outcome_lines, source_errors


class Command(BaseCommand):
    help = (
        "Importerar Socialstyrelsens Öppna jämförelser (Excel) eller Brås tabeller (CSV eller Excel). "
        "Alla filer eller ingen: en fil med fel ändrar ingenting."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=["oj", "bra"],
            metavar="oj|bra",
            help="oj: Socialstyrelsens Öppna jämförelser, bra: Brås tabeller",
        )
        parser.add_argument(
            "files",
            nargs="+",
            type=Path,
            metavar="FIL",
            help="filerna (CSV eller XLSX); alla eller ingen",
        )
        parser.add_argument("--year", type=int, help="ÖJ: året, när filen inte anger det")
        parser.add_argument(
            "--indicator", help="Brå: indikatorn, när tabellens rubrik inte avgör den"
        )
        parser.add_argument(
            "--mapping", type=Path, help="egen mappningsfil (se lagesbild/sources/mappings/)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="visa vad som skulle ändras utan att spara"
        )

    @user_errors
    @source_errors
    def handle(self, *args, kind, files, year, indicator, mapping, dry_run, **options):
        outcomes, problems = [], []
        with transaction.atomic():
            for path in files:
                try:
                    if kind == "oj":
                        outcomes.append(
                            import_oj(path, year=year, mapping=mapping, dry_run=dry_run)
                        )
                    else:
                        outcomes.append(
                            import_bra(path, indicator=indicator, mapping=mapping, dry_run=dry_run)
                        )
                except ImportRejected as rejected:
                    problems.extend(rejected.errors)
                except FileRejected as rejected:
                    problems.append(rejected.error)
            if problems:
                transaction.set_rollback(True)
        if problems:
            raise ImportRejected(problems)
        for outcome in outcomes:
            for line in outcome_lines(outcome):
                self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS("Provkörning: inget sparades." if dry_run else "Importen är sparad.")
        )
