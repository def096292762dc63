from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from lagesbild.core.errors import user_errors
from lagesbild.sources.importing import ImportRejected, import_file


class Command(BaseCommand):
    help = "Importerar observationer från importmallen (CSV eller XLSX). En fil med fel ändrar ingenting."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", type=Path, metavar="FIL", help="en eller flera filer i importmallen"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="visa vad som skulle ändras utan att spara"
        )
        parser.add_argument(
            "--source", help="källa att ange för observationerna (standard: filens namn)"
        )

    @user_errors
    def handle(self, *args, files, dry_run, source, **options):
        problems = []
        summaries = []
        # All files or none: one transaction around them all.
        with transaction.atomic():
            for path in files:
                try:
                    summaries.append((path, import_file(path, source=source, dry_run=dry_run)))
                except ImportRejected as rejected:
                    problems.extend(rejected.errors)
            if problems:
                transaction.set_rollback(True)
        if problems:
            raise ImportRejected(problems)
        for path, summary in summaries:
            self.stdout.write(f"{path.name}: {summary.describe()}")
            for change in summary.changes[:20]:
                self.stdout.write(
                    f"  ändras: {' '.join(map(str, change['key']))}: {change['old'][0]} → {change['new'][0]}"
                )
        self.stdout.write(
            self.style.SUCCESS("Provkörning: inget sparades." if dry_run else "Importen är sparad.")
        )
