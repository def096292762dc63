"""`lagesbild backup --out FILE`: a consistent copy of the whole database, while the platform runs."""

from pathlib import Path

from django.core.management.base import BaseCommand

from lagesbild.core.backup import FORMATS, backup
from lagesbild.core.errors import user_errors


class Command(BaseCommand):
    help = (
        "Säkerhetskopierar hela databasen (skyddade adresser och historik ingår) till en fil: "
        "SQLite med SQLites backup-API, PostgreSQL med pg_dump när det finns, annars portabelt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="filen som kopian skrivs till")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help=(
                "sqlite (kopia av SQLite-filen), postgres (pg_dump custom) eller portable "
                "(JSON som kan läsas in i båda; för att flytta från SQLite till PostgreSQL). "
                "Utan: databasens eget format."
            ),
        )

    @user_errors
    def handle(self, *args, out, format=None, **options):
        used = backup(Path(out), format)
        size = Path(out).stat().st_size
        self.stdout.write(
            self.style.SUCCESS(f"Säkerhetskopian är skriven: {out} ({used}, {size:,} byte).")
        )
        self.stdout.write(
            "Filen innehåller skyddade adresser: förvara den lika säkert som databasen. "
            "Uppladdade filer (publikationer) ligger i LAGESBILD_MEDIA_ROOT och kopieras för sig."
        )
