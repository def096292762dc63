from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from lagesbild.core.errors import user_errors
from lagesbild.opendata.static_site import build


class Command(BaseCommand):
    help = (
        "Skriver den publika indikatorsajten som statiska filer (sidor, tvillingar, diagram, kartor, "
        "API-svar, statiska filer) med fungerande länkar; bara det som ändrats skrivs om."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="mappen att skriva till")
        parser.add_argument(
            "--base-url", default="", help="sökväg eller adress där mappen publiceras (t.ex. /lab)"
        )
        parser.add_argument("--jobs", type=int, default=1, help="antal processer")
        parser.add_argument(
            "--live-url",
            default=settings.SITE_URL,
            help="den levande webbplatsens adress, för länkar till sidor som inte exporteras "
            "(standard: LAGESBILD_SITE_URL)",
        )

    @user_errors
    def handle(self, *args, out, base_url, jobs, live_url, **options):
        result = build(Path(out), base_url=base_url, jobs=jobs, live_url=live_url)
        self.stdout.write(
            f"{result['pages']} adresser: {result['written']} filer skrivna, "
            f"{result['unchanged']} oförändrade, {result['reused']} sidor utan ändrade data "
            f"återanvända, på {result['seconds']} s"
        )
