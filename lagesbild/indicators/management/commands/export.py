import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lagesbild.core.errors import user_errors
from lagesbild.indicators.selection import (
    ObservationFilter,
    SelectionError,
    observation_rows,
    write_csv,
    write_json,
    xlsx_bytes,
)


class Command(BaseCommand):
    help = "Exporterar observationer som CSV, JSON eller XLSX (till standard ut om --out saknas)."

    def add_arguments(self, parser):
        parser.add_argument("--indicator", action="append", default=[], metavar="ID")
        parser.add_argument("--territory", action="append", default=[], metavar="KOD")
        parser.add_argument(
            "--level", action="append", default=[], choices=["riket", "lan", "kommun"]
        )
        parser.add_argument("--period", metavar="ÅÅÅÅ[-ÅÅÅÅ]")
        parser.add_argument("--sex", metavar="T|K|M")
        parser.add_argument("--breakdown", action="append", default=[])
        parser.add_argument("--format", choices=["csv", "json", "xlsx"], default="csv")
        parser.add_argument("--out", type=Path, metavar="FIL")

    @user_errors
    def handle(
        self, *args, indicator, territory, level, period, sex, breakdown, format, out, **options
    ):
        selection = ObservationFilter(
            indicators=indicator,
            territories=territory,
            levels=level,
            period=period,
            sex=sex,
            breakdowns=breakdown,
        )
        try:
            rows = observation_rows(selection.queryset())
            if format == "xlsx":
                if out is None and sys.stdout.isatty():
                    raise CommandError("XLSX kan inte skrivas till terminalen: ange --out FIL")
                content, count = xlsx_bytes(rows)
                if out:
                    out.write_bytes(content)
                else:
                    sys.stdout.buffer.write(content)
            else:
                writer = write_csv if format == "csv" else write_json
                if out:
                    with out.open("w", encoding="utf-8", newline="") as stream:
                        count = writer(rows, stream)
                else:
                    count = writer(rows, self.stdout._out)
        except SelectionError as error:
            raise CommandError(str(error)) from None
        if out:
            self.stderr.write(f"{count} observationer skrivna till {out}")
