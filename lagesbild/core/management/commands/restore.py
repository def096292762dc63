"""`lagesbild restore FILE`: replaces the database's content with a backup's."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lagesbild.core.backup import restore
from lagesbild.core.errors import user_errors


class Command(BaseCommand):
    help = (
        "Läser tillbaka en säkerhetskopia från `lagesbild backup` och ersätter allt i databasen "
        "med den. Stoppa servern först."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="säkerhetskopian")
        parser.add_argument(
            "--yes", action="store_true", help="fråga inte: ersätt databasens innehåll"
        )

    @user_errors
    def handle(self, *args, file, yes=False, **options):
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("Återläsningen ersätter allt i databasen; bekräfta med --yes.")
            answer = input(
                "Allt i databasen ersätts med säkerhetskopian. Skriv ja för att fortsätta: "
            )
            if answer.strip().lower() not in ("ja", "yes"):
                raise CommandError("Avbrutet; inget ändrades.")
        used = restore(Path(file))
        self.stdout.write(self.style.SUCCESS(f"Databasen är återläst från {file} ({used})."))
