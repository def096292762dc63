from django.core.management.base import BaseCommand

from lagesbild.core.errors import user_errors
from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.sources.example import load_example_data


class Command(BaseCommand):
    help = (
        f"Läser in genererade exempeldata ({EXAMPLE_NOTICE}) för alla territorier och indikatorer med "
        "data. Värdena följer räknereglerna för det de anger (totalen mellan kvinnor och män, antal som "
        "summeras från kommun till län till riket, ja/nej per kommun); se docs/sources/example-data.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="startvärde: samma tal ger samma värden (standard 1)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="räkna vad som skulle läsas in utan att spara"
        )

    @user_errors
    def handle(self, *args, seed, dry_run, **options):
        summary = load_example_data(seed=seed, dry_run=dry_run)
        self.stdout.write(f"{EXAMPLE_NOTICE}: {summary.describe()}.")
