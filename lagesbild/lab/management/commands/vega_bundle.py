from django.core.management.base import BaseCommand

from lagesbild.lab.assets import BUNDLE_PATH, write_vega_bundle


class Command(BaseCommand):
    help = "Skriver Vega-, Vega-Lite- och Vega-Embed-paketet från vl-convert-python till labbets statiska filer."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="skriv inget; avsluta med fel om filen saknas eller gjordes med andra versioner",
        )

    def handle(self, *args, check, **options):
        from django.core.management.base import CommandError

        from lagesbild.lab.assets import bundle_is_current

        if check:
            if not bundle_is_current():
                raise CommandError(
                    f"{BUNDLE_PATH} saknas eller är gjord med andra versioner; kör `lagesbild vega-bundle`"
                )
            self.stdout.write(f"{BUNDLE_PATH} är aktuell")
            return
        size = write_vega_bundle()
        self.stdout.write(f"{BUNDLE_PATH} skriven ({size // 1024} kB)")
