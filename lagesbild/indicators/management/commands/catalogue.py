from django.core.management.base import BaseCommand

from lagesbild.core.errors import user_errors
from lagesbild.indicators.catalogue import catalogue_files, load_catalogue, sync_catalogue


class Command(BaseCommand):
    help = "Indikatorkatalogen: check (validera filerna), list (visa indikatorerna), sync (läs in i databasen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["check", "list", "sync"],
            help="check: validera filerna, list: visa indikatorerna, sync: läs in i databasen",
        )

    @user_errors
    def handle(self, *args, action, **options):
        catalogue = load_catalogue()
        if action == "check":
            files = catalogue_files()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Katalogen är giltig: {len(catalogue.goals)} målsättningar och {len(catalogue.indicators)} indikatorer i {len(files)} filer."
                )
            )
        elif action == "list":
            for indicator_id, spec in sorted(
                catalogue.indicators.items(), key=lambda item: (item[1]["goal"], item[0])
            ):
                levels = ",".join(spec["levels"]) or "-"
                self.stdout.write(
                    f"{spec['goal']}  {indicator_id:40} {spec['status']:22} {levels:16} {spec['name_sv']}"
                )
        else:
            changed = sync_catalogue(catalogue)
            self.stdout.write(self.style.SUCCESS(f"{changed} poster ändrade."))
