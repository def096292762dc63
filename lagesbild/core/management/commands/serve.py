import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from lagesbild.core.bootstrap import initialise
from lagesbild.core.errors import user_errors


class Command(BaseCommand):
    help = "Kör init vid behov och startar webbservern (gunicorn)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default="127.0.0.1", help="adressen att lyssna på (standard 127.0.0.1)"
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="porten att lyssna på (standard 8000)"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("LAGESBILD_WORKERS", "0")) or None,
            help="antal arbetsprocesser (standard: 2 × kärnor + 1)",
        )

    @user_errors
    def handle(self, *args, host, port, workers, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        Path(settings.STATIC_ROOT).mkdir(
            parents=True, exist_ok=True
        )  # WhiteNoise warns in every worker otherwise
        for line in initialise():
            self.stdout.write(line)
        workers = workers or (os.cpu_count() or 1) * 2 + 1
        self.stdout.write(
            self.style.SUCCESS(f"Lägesbild körs på http://{host}:{port}/ (avsluta med Ctrl+C)")
        )
        sys.stdout.flush()
        from gunicorn.app.wsgiapp import run

        sys.argv = [
            "gunicorn",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
            "lagesbild.wsgi:application",
        ]
        run()
