import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lagesbild.core.errors import user_errors
from lagesbild.core.outputs import format_of, write_to
from lagesbild.indicators.selection import ObservationFilter, observation_rows, observations_output


class Command(BaseCommand):
    help = (
        "Exporterar observationer med enhet, status, kommentar och källa som CSV, JSON eller XLSX (till "
        "standard ut om --out saknas). Visar det som är lagrat: små antal döljs inte här, till skillnad från "
        "de publika sidorna och API:et."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--indicator",
            action="append",
            default=[],
            metavar="ID",
            help="en indikators id (kan upprepas); utan: alla",
        )
        parser.add_argument(
            "--territory",
            action="append",
            default=[],
            metavar="KOD",
            help="ett område: SCB-kod eller namn, t.ex. 01 eller Uppsala län (kan upprepas)",
        )
        parser.add_argument(
            "--level",
            action="append",
            default=[],
            choices=["riket", "lan", "kommun"],
            help="bara områden på den här nivån (kan upprepas)",
        )
        parser.add_argument(
            "--period", metavar="ÅÅÅÅ[-ÅÅÅÅ]", help="ett år eller ett intervall, t.ex. 2016-2018"
        )
        parser.add_argument("--sex", metavar="T|K|M", help="totalt (T), kvinnor (K) eller män (M)")
        parser.add_argument(
            "--breakdown",
            action="append",
            default=[],
            metavar="KATEGORI",
            help="en kategori i indikatorns extra uppdelning (kan upprepas)",
        )
        parser.add_argument(
            "--real-only",
            action="store_true",
            help="bara verkliga värden: lämna ut genererade exempeldata",
        )
        parser.add_argument(
            "--format",
            choices=["csv", "json", "xlsx"],
            default="csv",
            help="filformat (standard csv: RFC 4180, komma, UTF-8)",
        )
        parser.add_argument(
            "--out", type=Path, metavar="FIL", help="filen att skriva; utan: standard ut"
        )

    @user_errors
    def handle(
        self,
        *args,
        indicator,
        territory,
        level,
        period,
        sex,
        breakdown,
        real_only,
        format,
        out,
        **options,
    ):
        selection = ObservationFilter(
            indicators=indicator,
            territories=territory,
            levels=level,
            period=period,
            sex=sex,
            breakdowns=breakdown,
            real_only=real_only,
        )
        output = observations_output(observation_rows(selection.queryset()), public=False)
        if out is None and not format_of(format).viewable and sys.stdout.isatty():
            raise CommandError(f"{format.upper()} kan inte skrivas till terminalen: ange --out FIL")
        if out is None:
            write_to(output, format, sys.stdout.buffer)
            sys.stdout.flush()
        else:
            with out.open("wb") as stream:
                write_to(output, format, stream)
        if out:
            self.stderr.write(f"Observationerna är skrivna till {out}")
