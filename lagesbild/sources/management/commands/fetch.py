from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lagesbild.core.errors import user_errors
from lagesbild.sources.fetching import BadRequest
from lagesbild.sources.http import HttpClient
from lagesbild.sources.kolada import Kolada, KoladaQuery, fetch_kolada, kolada_ids, unpinned_hints
from lagesbild.sources.pxweb import (
    PxMapping,
    PxQuery,
    PxWeb,
    Variable,
    fetch_pxweb,
    unconfirmed_tables,
)
from lagesbild.sources.refresh import years
from lagesbild.sources.reporting import outcome_lines, source_errors

SHOWN_ROWS = 200


def _listed(values: list[str] | None) -> list[str]:
    """Repeated options and comma-separated lists, in order, without repeats."""
    return list(
        dict.fromkeys(v.strip() for value in values or [] for v in value.split(",") if v.strip())
    )


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    pairs = {}
    for value in values or []:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip() or not rest.strip():
            raise BadRequest(f"{option} {value!r} ska skrivas NAMN=VÄRDE")
        pairs[key.strip()] = rest.strip()
    return pairs


class Command(BaseCommand):
    help = (
        "Hämtar data från Kolada eller SCB (PxWeb) och importerar allt eller inget, med adresser, parametrar "
        "och hämtningstid som proveniens."
    )

    def add_arguments(self, parser):
        sources = parser.add_subparsers(dest="source", required=True, metavar="kolada|pxweb")
        self._kolada_arguments(sources.add_parser("kolada", help="Kolada (RKA), API v3"))
        self._pxweb_arguments(
            sources.add_parser("pxweb", help="SCB:s statistikdatabas, PxWebApi 2.0 eller API v1")
        )

    @staticmethod
    def _common(parser):
        parser.add_argument(
            "--base-url", help="annan adress till tjänsten, t.ex. en spegel eller proxy"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="hämta och kontrollera, men spara inget"
        )
        parser.add_argument(
            "--show", action="store_true", help="visa de hämtade värdena utan att importera"
        )
        parser.add_argument(
            "--timeout", type=float, default=30.0, help="sekunder att vänta på svar (30)"
        )
        parser.add_argument(
            "--attempts", type=int, default=4, help="försök per anrop vid fel och 429 (4)"
        )
        parser.add_argument(
            "--indicator", help="indikatorn i katalogen som värdena ska importeras till"
        )
        parser.add_argument(
            "--scale", type=float, help="multiplicera varje värde, t.ex. 100 för andelar 0–1"
        )

    def _kolada_arguments(self, parser):
        self._common(parser)
        parser.add_argument("--kpi", action="append", help="KPI-id, upprepa eller skriv med komma")
        parser.add_argument(
            "--municipality",
            action="append",
            help="0180, 00 eller 0000 (riket), 01 eller 0001 (län), eller riket, lan, kommuner",
        )
        parser.add_argument(
            "--year", action="append", help="år, t.ex. 2023, 2019-2023 eller 2021,2022"
        )
        parser.add_argument(
            "--from-date", help="bara värden ändrade sedan detta datum (ÅÅÅÅ-MM-DD)"
        )
        parser.add_argument(
            "--breakdown", help="kategori i indikatorns extra dimension som KPI:n avser"
        )
        parser.add_argument("--mapping", type=Path, help="egen mappningsfil KPI → indikator")
        parser.add_argument(
            "--search-kpi", metavar="ORD", help="sök KPI:er vars titel innehåller orden"
        )
        parser.add_argument(
            "--search-municipality", metavar="ORD", help="sök kommuner och regioner"
        )
        parser.add_argument(
            "--region-type", choices=["K", "L"], help="K kommuner, L regioner (med sökning)"
        )

    def _pxweb_arguments(self, parser):
        self._common(parser)
        parser.add_argument(
            "--api", choices=["v1", "v2"], default="v2", help="v2 (PxWebApi 2.0, standard) eller v1"
        )
        parser.add_argument("--table", help="tabell-id (v2) eller sökväg under databasen (v1)")
        parser.add_argument(
            "--select", action="append", metavar="VARIABEL=KOD,KOD", help="värden för en variabel"
        )
        parser.add_argument(
            "--codelist",
            action="append",
            metavar="VARIABEL=ID",
            help="kodlista, t.ex. Region=vs_RegionLän07",
        )
        parser.add_argument(
            "--contents",
            action="append",
            metavar="KOD=INDIKATOR",
            help="ContentsCode till indikator",
        )
        parser.add_argument(
            "--breakdown-dimension", help="dimension som blir indikatorns uppdelning"
        )
        parser.add_argument(
            "--category",
            action="append",
            metavar="KOD=KATEGORI",
            help="kod i uppdelningen → kategori",
        )
        parser.add_argument(
            "--lang",
            choices=["sv", "en"],
            default="sv",
            help="språk på tabellernas texter (standard sv)",
        )
        parser.add_argument("--search", metavar="ORD", help="sök tabeller")
        parser.add_argument(
            "--describe", action="store_true", help="visa tabellens variabler och koder"
        )

    @user_errors
    @source_errors
    def handle(self, *args, source, **options):
        with HttpClient(timeout=options["timeout"], attempts=options["attempts"]) as client:
            if source == "kolada":
                self._kolada(client, options)
            else:
                self._pxweb(client, options)

    def _kolada(self, client, options):
        kolada = Kolada(client, options["base_url"])
        if options["search_kpi"] or options["search_municipality"]:
            what = "kpi" if options["search_kpi"] else "municipality"
            found = kolada.search(
                what,
                options["search_kpi"] or options["search_municipality"],
                options["region_type"],
            )
            self._write_found(
                [
                    (f["id"], f.get("title", ""), f.get("type") or f.get("municipality_type") or "")
                    for f in found
                ]
            )
            if what == "kpi":
                for hint in unpinned_hints(options["mapping"]):
                    self.stdout.write(
                        f"  (mappningen saknar KPI för {hint['indicator']}; sök: {hint.get('search', '')})"
                    )
            return
        query = KoladaQuery(
            _listed(options["kpi"]),
            kolada_ids(_listed(options["municipality"])),
            [y for text in _listed(options["year"]) for y in years(text)],
            options["from_date"],
        )
        if options["show"]:
            return self._show_kolada(kolada, query)
        outcome = fetch_kolada(
            query,
            indicator=options["indicator"],
            scale=options["scale"],
            breakdown=options["breakdown"],
            mapping=options["mapping"],
            base_url=options["base_url"],
            dry_run=options["dry_run"],
            client=client,
        )
        self._report(outcome, options["dry_run"])

    def _show_kolada(self, kolada: Kolada, query: KoladaQuery):
        shown = 0
        params = {"per_page": 5000, **({"from_date": query.from_date} if query.from_date else {})}
        for path in query.paths():
            for url, values in kolada.pages(kolada.base_url + path, params):
                self.stdout.write(f"# {url}")
                for row in values:
                    items = row.get("values") if isinstance(row, dict) else None
                    for item in items if isinstance(items, list) else []:
                        if not isinstance(item, dict):
                            continue
                        if shown < SHOWN_ROWS:
                            self.stdout.write(
                                f"{row.get('kpi')}\t{row.get('municipality')}\t{row.get('period')}\t"
                                f"{item.get('gender')}\t{item.get('value')}\t{item.get('status') or ''}"
                            )
                        shown += 1
        self.stdout.write(
            f"{shown} värden" + (f" (de första {SHOWN_ROWS} visas)" if shown > SHOWN_ROWS else "")
        )

    def _pxweb(self, client, options):
        pxweb = PxWeb(client, options["api"], options["base_url"], options["lang"])
        if options["search"]:
            self._write_found(
                [
                    (t["id"], t["label"] or "", t["updated"] or "")
                    for t in pxweb.search(options["search"])
                ]
            )
            for hint in unconfirmed_tables():
                self.stdout.write(
                    f"  (mappningen saknar tabell för {hint['indicator']}; sök: {hint.get('search', '')})"
                )
            return
        if not options["table"]:
            raise CommandError("Ange --table (eller --search för att hitta en tabell).")
        if options["describe"]:
            for code, values in pxweb.variable_codes(options["table"]).items():
                shown = ", ".join(values[:30]) + (
                    f" … ({len(values)} koder)" if len(values) > 30 else ""
                )
                self.stdout.write(f"{code}: {shown}")
            return
        codelists = _pairs(options["codelist"], "--codelist")
        selections = _pairs(options["select"], "--select")
        unknown = sorted(set(codelists) - set(selections))
        if unknown:
            raise BadRequest(f"--codelist för {', '.join(unknown)} saknar motsvarande --select")
        query = PxQuery(
            options["table"],
            [
                Variable(code, _listed([values]), codelists.get(code))
                for code, values in selections.items()
            ],
            options["api"],
            options["lang"],
        )
        if options["show"]:
            return self._show_pxweb(pxweb, query)
        mapping = PxMapping(
            indicator=options["indicator"],
            contents=_pairs(options["contents"], "--contents"),
            breakdown=options["breakdown_dimension"],
            categories=_pairs(options["category"], "--category"),
            scale=options["scale"] or 1.0,
        )
        outcome = fetch_pxweb(
            query, mapping, base_url=options["base_url"], dry_run=options["dry_run"], client=client
        )
        self._report(outcome, options["dry_run"])

    def _show_pxweb(self, pxweb: PxWeb, query: PxQuery):
        shown = 0
        for where, dataset in pxweb.data(query, pxweb.limits()):
            self.stdout.write(f"# {where}: {dataset.label}")
            self.stdout.write("\t".join([*dataset.ids, "värde", "status"]))
            for cell in dataset.cells():
                if shown < SHOWN_ROWS:
                    self.stdout.write(
                        "\t".join(
                            [
                                *(cell.codes[d] for d in dataset.ids),
                                "" if cell.value is None else f"{cell.value:g}",
                                cell.status or "",
                            ]
                        )
                    )
                shown += 1
        self.stdout.write(
            f"{shown} celler" + (f" (de första {SHOWN_ROWS} visas)" if shown > SHOWN_ROWS else "")
        )

    def _write_found(self, rows: list[tuple[str, str, str]]):
        for identifier, title, extra in rows:
            self.stdout.write(f"{identifier}\t{title}" + (f"\t{extra}" if extra else ""))
        self.stdout.write(f"{len(rows)} träffar")

    def _report(self, outcome, dry_run: bool):
        for line in outcome_lines(outcome):
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS("Provkörning: inget sparades." if dry_run else "Importen är sparad.")
        )
