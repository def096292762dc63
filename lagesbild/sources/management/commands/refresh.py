import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lagesbild.core.errors import user_errors
from lagesbild.sources.refresh import (
    EXAMPLE,
    Outcome,
    check,
    ensure_database,
    load_config,
    refresh,
)
from lagesbild.sources.reporting import outcome_lines, source_errors

# Exit status when the only failures are services that could not be reached: "try again later"
# (EX_TEMPFAIL in sysexits.h), so a scheduler can tell a network outage from a broken source.
TRY_AGAIN_LATER = 75


class Command(BaseCommand):
    help = (
        "Hämtar och importerar alla källor i en konfigurationsfil (YAML), var och en allt eller inget, "
        f"och sammanfattar vad som ändrades. Exempel: {EXAMPLE}. Slutstatus: 0 när allt som kunde "
        f"köras gick bra (platshållare hoppas över), {TRY_AGAIN_LATER} när en tjänst inte gick att "
        "nå, 1 när en källa misslyckades."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "config", type=Path, metavar="KONFIGURATION", help="YAML-filen som listar källorna"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="hämta och kontrollera allt, men spara inget"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="kontrollera bara konfigurationen och nämn varje platshållare (slutstatus 1 om det finns någon)",
        )

    @user_errors
    @source_errors
    def handle(self, *args, config, dry_run, check: bool, **options):
        loaded = load_config(config)
        if check:
            return self._check(config, loaded)
        for line in ensure_database():
            self.stdout.write(line)
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

    def _check(self, path: Path, loaded) -> None:
        problems = check(loaded)
        if not problems:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{path}: {len(loaded.entries)} källor, konfigurationen är giltig."
                )
            )
            return
        self.stdout.write(f"{path}: {len(loaded.entries)} källor; detta måste åtgärdas:")
        for problem in problems:
            self.stdout.write(f"  {problem}")
        placeholders = [e for e in loaded.entries if e.placeholders()]
        count = sum(len(e.placeholders()) for e in placeholders)
        missing = len(problems) - len(placeholders)
        parts = [f"{count} platshållare i {len(placeholders)} poster"] if placeholders else []
        if missing:
            parts.append(f"{missing} fil{'er' if missing > 1 else ''} som saknas")
        raise CommandError(
            f"Konfigurationen har {' och '.join(parts)}; de posterna kan inte hämtas förrän det "
            "är åtgärdat."
        )

    def _summarise(self, results, dry_run: bool):
        totals = {"created": 0, "updated": 0, "unchanged": 0}
        marks = {Outcome.FAILED: "✗", Outcome.UNREACHABLE: "✗", Outcome.PLACEHOLDER: "–"}
        for result in results:
            if result.ok:
                self.stdout.write(self.style.SUCCESS(f"✓ {result.entry.name}"))
                for line in outcome_lines(result.outcome, indent="  "):
                    self.stdout.write(line)
                summary = result.outcome.summary
                for key in totals:
                    totals[key] += getattr(summary, key) if summary else 0
                continue
            style = self.style.WARNING if result.status == Outcome.PLACEHOLDER else self.style.ERROR
            self.stdout.write(style(f"{marks[result.status]} {result.entry.name}"))
            for line in result.error.splitlines():
                self.stdout.write(f"  {line}")
        by_status = {
            status: [r for r in results if r.status == status]
            for status in (Outcome.OK, Outcome.FAILED, Outcome.UNREACHABLE, Outcome.PLACEHOLDER)
        }
        verb = "skulle ge" if dry_run else "gav"
        self.stdout.write(
            f"{len(by_status[Outcome.OK])} av {len(results)} källor {verb} {totals['created']} nya, "
            f"{totals['updated']} ändrade och {totals['unchanged']} oförändrade observationer."
        )
        if by_status[Outcome.PLACEHOLDER]:
            names = ", ".join(r.entry.name for r in by_status[Outcome.PLACEHOLDER])
            self.stdout.write(
                f"{len(by_status[Outcome.PLACEHOLDER])} hoppades över eftersom id:t är en "
                f"platshållare ({names}); se `lagesbild refresh KONFIGURATION --check`."
            )
        if dry_run:
            self.stdout.write("Provkörning: inget sparades.")
        failed = by_status[Outcome.FAILED] + by_status[Outcome.UNREACHABLE]
        if failed:
            names = ", ".join(r.entry.name for r in failed)
            only_unreachable = not by_status[Outcome.FAILED]
            raise CommandError(
                f"{len(failed)} av {len(results)} källor misslyckades ({names}); deras data ändrades "
                + (
                    "inte. Tjänsten gick inte att nå; försök igen senare."
                    if only_unreachable
                    else "inte. Se meddelandena ovan."
                ),
                returncode=TRY_AGAIN_LATER if only_unreachable else 1,
            )
