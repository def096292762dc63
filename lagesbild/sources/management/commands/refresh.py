import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lagesbild.core.errors import user_errors
from lagesbild.sources.refresh import EXAMPLE, load_config, refresh
from lagesbild.sources.reporting import outcome_lines, source_errors


class Command(BaseCommand):
    help = (
        "Hämtar och importerar alla källor i en konfigurationsfil (YAML), var och en allt eller inget, "
        f"och sammanfattar vad som ändrades. Exempel: {EXAMPLE}"
    )

    def add_arguments(self, parser):
        parser.add_argument("config", type=Path, metavar="KONFIGURATION")
        parser.add_argument(
            "--dry-run", action="store_true", help="hämta och kontrollera allt, men spara inget"
        )
        parser.add_argument("--check", action="store_true", help="kontrollera bara konfigurationen")

    @user_errors
    @source_errors
    def handle(self, *args, config, dry_run, check, **options):
        loaded = load_config(config)
        if check:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{config}: {len(loaded.entries)} källor, konfigurationen är giltig."
                )
            )
            return
        console = Console(file=sys.stderr)
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("Uppdaterar", total=len(loaded.entries))

            def started(entry):
                if entry.number > 1:
                    progress.advance(task)
                progress.update(task, description=entry.name[:50])

            results = refresh(loaded, dry_run=dry_run, on_start=started)
            progress.advance(task)
        self._summarise(results, dry_run)

    def _summarise(self, results, dry_run: bool):
        totals = {"created": 0, "updated": 0, "unchanged": 0}
        for result in results:
            if result.ok:
                self.stdout.write(self.style.SUCCESS(f"✓ {result.entry.name}"))
                for line in outcome_lines(result.outcome, indent="  "):
                    self.stdout.write(line)
                summary = result.outcome.summary
                for key in totals:
                    totals[key] += getattr(summary, key) if summary else 0
            else:
                self.stdout.write(self.style.ERROR(f"✗ {result.entry.name}"))
                for line in result.error.splitlines():
                    self.stdout.write(f"  {line}")
        failed = [r for r in results if not r.ok]
        verb = "skulle ge" if dry_run else "gav"
        self.stdout.write(
            f"{len(results) - len(failed)} av {len(results)} källor {verb} {totals['created']} nya, "
            f"{totals['updated']} ändrade och {totals['unchanged']} oförändrade observationer."
        )
        if dry_run:
            self.stdout.write("Provkörning: inget sparades.")
        if failed:
            names = ", ".join(r.entry.name for r in failed)
            raise CommandError(
                f"{len(failed)} av {len(results)} källor misslyckades ({names}); deras data ändrades "
                "inte. Se meddelandena ovan."
            )
