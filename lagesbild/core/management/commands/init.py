from pathlib import Path

from django.core.management.base import BaseCommand

from lagesbild.core.bootstrap import initialise
from lagesbild.core.errors import user_errors


class Command(BaseCommand):
    help = "Skapar eller uppdaterar databasen och läser in referensdata och publicerade siffror (kan köras flera gånger)."

    @user_errors
    def handle(self, *args, **options):
        from django.conf import settings

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        Path(settings.STATIC_ROOT).mkdir(
            parents=True, exist_ok=True
        )  # WhiteNoise warns in every worker otherwise
        messages = initialise()
        for line in messages:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                "Klart." if messages else "Allt var redan uppdaterat; inget ändrades."
            )
        )
