from django.core.management.base import BaseCommand

from lagesbild.core.errors import user_errors
from lagesbild.core.outputs import Output, render
from lagesbild.indicators.coverage import LEVELS, coverage, declared_totals, difference_lines

HEADER = [
    "goal",
    "name_sv",
    "declared_total",
    "declared_regional",
    "in_catalogue",
    *[f"readable_{lvl}" for lvl in LEVELS],
    *[f"with_data_{lvl}" for lvl in LEVELS],
    "national",
    "not_found",
    "regional",
    "regional_not_found",
    "usable_not_regional",
    "regional_additions",
    "combined_views",
]


class Command(BaseCommand):
    help = "Täckning per målsättning och nivå: hur många indikatorer som finns och hur många som går att läsa."

    def add_arguments(self, parser):
        parser.add_argument("--territory", help="räkna data bara för detta territorium (kod)")
        parser.add_argument(
            "--format",
            choices=["table", "csv", "json"],
            default="table",
            help="utdataformat (standard: table, en tabell att läsa)",
        )

    @user_errors
    def handle(self, *args, territory, format, **options):
        rows = coverage(territory)
        flat = [
            [
                r.goal,
                r.name_sv,
                r.declared_total,
                r.declared_regional,
                r.in_catalogue,
                *[r.readable[lvl] for lvl in LEVELS],
                *[r.with_data[lvl] for lvl in LEVELS],
                len(r.difference.national),
                r.difference.not_found,
                " ".join(r.difference.regional),
                r.difference.regional_not_found,
                " ".join(r.difference.usable_not_regional),
                " ".join(r.difference.regional_additions),
                " ".join(r.difference.combined_views),
            ]
            for r in rows
        ]
        regional, total = declared_totals(rows)
        if format != "table":
            output = Output(
                rows=[dict(zip(HEADER, row, strict=True)) for row in flat],
                columns=HEADER,
                document={
                    "goals": [r.as_dict() for r in rows],
                    "declared": {"regional": regional, "total": total},
                },
            )
            self.stdout.write(render(output, format).decode("utf-8"), ending="")
        else:
            self.stdout.write(
                "Mål  Enligt källan (regionalt/totalt)  I katalogen  Läsbara riket/län/kommun  Med data riket/län/kommun"
            )
            for r in rows:
                self.stdout.write(
                    f"{r.goal:>3}  {r.declared_regional or 0:>12} / {r.declared_total or 0:<18} {r.in_catalogue:>11}  "
                    f"{r.readable['riket']:>8} / {r.readable['lan']} / {r.readable['kommun']:<11} "
                    f"{r.with_data['riket']:>6} / {r.with_data['lan']} / {r.with_data['kommun']}"
                )
            self.stdout.write(
                f"Enligt källan går {regional} av totalt {total} indikatorer att läsa på regional nivå."
            )
            for r in rows:
                self.stdout.write(f"\nMål {r.goal}:")
                for line in difference_lines(r):
                    self.stdout.write(f"  {line}")
