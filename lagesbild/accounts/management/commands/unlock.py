"""`lagesbild unlock USER` or `lagesbild unlock --address IP`: lifts a login lockout at once."""

from __future__ import annotations

from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Låser upp inloggningen för ett användarnamn eller en adress som spärrats efter för många "
        "misslyckade försök (utan argument: visar vilka som är spärrade)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="användarnamnet som ska låsas upp")
        parser.add_argument("--address", help="IP-adressen som ska låsas upp")
        parser.add_argument("--all", action="store_true", help="lås upp alla")

    def handle(self, *args, username=None, address=None, all=False, **options):
        if all:
            removed = reset()
        elif username or address:
            removed = reset(ip=address, username=username)
        else:
            self._list()
            return
        if removed:
            self.stdout.write(f"Upplåst: {removed} spärrade försöksrader borttagna.")
        else:
            raise CommandError("Inget spärrat försök hittades för det angivna.")

    def _list(self) -> None:
        from axes.models import AccessAttempt

        attempts = AccessAttempt.objects.order_by("-attempt_time")
        if not attempts:
            self.stdout.write("Inga misslyckade inloggningar är registrerade.")
        for attempt in attempts:
            self.stdout.write(
                f"{attempt.username or '–'}\t{attempt.ip_address or '–'}\t"
                f"{attempt.failures_since_start} misslyckade\tsenast {attempt.attempt_time:%Y-%m-%d %H:%M}"
            )
