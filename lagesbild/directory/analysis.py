"""Counting the matrix, as the report's appendix does (figures 5 and 6): published services per
exposure type × sector and per exposure type × target group, for one county's matrix or the whole
nation; which exposure types have no service covering a municipality; and counts per county.

A county's matrix is the services its county board is responsible for (their owning county), as
each county board mapped its own services for the report. Coverage of a municipality counts every
published service whose catchment includes it, whoever owns it. A service for several exposure
types or target groups is counted once in each of their rows or columns, so rows do not add up to
the number of services; the totals column counts each service once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lagesbild.core.outputs import Output
from lagesbild.territories.models import RIKET_CODE, Level, Territory

from .models import EXPOSURE, SECTOR, TARGET_GROUP, Service, TaxonomyTerm


@dataclass
class Table:
    key: str
    title: str
    row_title: str
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[dict] = field(
        default_factory=list
    )  # {"key", "label", "values": {column: count}, **extra}
    note: str = ""

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "note": self.note,
            "columns": [{"key": k, "label": label} for k, label in self.columns],
            "rows": [
                {
                    "key": r["key"],
                    "label": r["label"],
                    "values": r["values"],
                    **({"missing": r["missing"]} if "missing" in r else {}),
                }
                for r in self.rows
            ],
        }

    def grid(self) -> list[dict]:
        """Rows for templates: the label, the counts in column order and the names of missing columns."""
        labels = dict(self.columns)
        return [
            {
                "key": row["key"],
                "label": row["label"],
                "counts": [row["values"].get(key, 0) for key, _ in self.columns],
                "missing": [labels[code] for code in row.get("missing", [])],
            }
            for row in self.rows
        ]

    def long_rows(self):
        for row in self.rows:
            for key, label in self.columns:
                yield [self.key, row["key"], row["label"], key, label, row["values"].get(key, 0)]


LONG_COLUMNS = ["tabell", "rad", "radnamn", "kolumn", "kolumnnamn", "antal"]


@dataclass
class Analysis:
    scope: Territory
    tables: list[Table]
    has_example_data: bool

    def as_json(self) -> dict:
        return {
            "scope": {"code": self.scope.code, "name": self.scope.name},
            "tables": [t.as_json() for t in self.tables],
            "example_data": self.has_example_data,
        }

    def output(self, name: str) -> Output:
        """For the publishing pipeline: CSV in long form (one count per row, every table), one XLSX
        sheet per table in the shape of the page, and the JSON of `as_json`."""
        example = self.has_example_data or None
        long = [
            dict(zip(LONG_COLUMNS, row, strict=True))
            for table in self.tables
            for row in table.long_rows()
        ]
        sheets = [
            Output(
                rows=[
                    {
                        table.row_title: row["label"],
                        **{label: row["values"].get(key, 0) for key, label in table.columns},
                    }
                    for row in table.rows
                ],
                columns=[table.row_title, *(label for _, label in table.columns)],
                sheet=table.key,
                example=example,
            )
            for table in self.tables
        ]
        return Output(
            rows=long,
            columns=LONG_COLUMNS,
            document=self.as_json(),
            name=name,
            sheet="",
            sheets=sheets,
            example=example,
            about=[str(t.title) for t in self.tables],
            disposition="attachment",
        )


def terms(taxonomy: str) -> list[TaxonomyTerm]:
    return list(TaxonomyTerm.objects.of(taxonomy))


def _pairs(relation: str, service_ids) -> dict[int, set]:
    """term id -> ids of the given services that have it."""
    through = getattr(Service, relation).through
    column = "taxonomyterm_id"
    found: dict[int, set] = defaultdict(set)
    for service_id, term_id in through.objects.filter(service_id__in=service_ids).values_list(
        "service_id", column
    ):
        found[term_id].add(service_id)
    return found


def matrix_services(scope: Territory):
    published = Service.objects.published()
    return published if scope.code == RIKET_CODE else published.filter(county_id=scope.code)


def exposure_by_sector(scope: Territory) -> Table:
    services = dict(matrix_services(scope).values_list("id", "sector_id"))
    by_exposure = _pairs("exposure_types", services.keys())
    sectors = terms(SECTOR)
    table = Table(
        "utsatthet-sektor",
        _("Verksamheter per utsatthet och sektor"),
        _("Utsatthet"),
        [(s.code, s.name) for s in sectors] + [("totalt", _("Totalt"))],
    )
    for exposure in terms(EXPOSURE):
        ids = by_exposure.get(exposure.pk, set())
        values = {s.code: sum(1 for i in ids if services[i] == s.pk) for s in sectors}
        values["totalt"] = len(ids)
        table.rows.append({"key": exposure.code, "label": exposure.name, "values": values})
    return table


def exposure_by_target_group(scope: Territory) -> Table:
    ids = list(matrix_services(scope).values_list("id", flat=True))
    by_exposure, by_target = _pairs("exposure_types", ids), _pairs("target_groups", ids)
    groups = terms(TARGET_GROUP)
    table = Table(
        "utsatthet-malgrupp",
        _("Verksamheter per utsatthet och målgrupp"),
        _("Utsatthet"),
        [(g.code, g.name) for g in groups] + [("totalt", _("Totalt"))],
    )
    for exposure in terms(EXPOSURE):
        with_exposure = by_exposure.get(exposure.pk, set())
        values = {g.code: len(with_exposure & by_target.get(g.pk, set())) for g in groups}
        values["totalt"] = len(with_exposure)
        table.rows.append({"key": exposure.code, "label": exposure.name, "values": values})
    return table


def coverage_by_municipality(scope: Territory) -> Table:
    """For each municipality: published services covering it per exposure type, and which types have none."""
    published = list(Service.objects.published().values_list("id", flat=True))
    by_exposure = _pairs("exposure_types", published)
    through = Service.catchment_areas.through
    by_area: dict[str, set] = defaultdict(set)
    for service_id, code in through.objects.filter(service_id__in=published).values_list(
        "service_id", "territory_id"
    ):
        by_area[code].add(service_id)
    municipalities = Territory.objects.kommuner()
    if scope.code != RIKET_CODE:
        municipalities = municipalities.filter(parent_id=scope.code)
    exposures = terms(EXPOSURE)
    table = Table(
        "kommuner-utan-stod",
        _("Verksamheter som täcker varje kommun, per utsatthet"),
        _("Kommun"),
        [(e.code, e.name) for e in exposures],
        note=_(
            "0 betyder att ingen publicerad verksamhet med kommunen i sitt upptagningsområde finns för "
            "den utsattheten."
        ),
    )
    for municipality in municipalities.order_by("code"):
        covering = by_area[municipality.code] | by_area[municipality.code[:2]] | by_area[RIKET_CODE]
        values = {e.code: len(covering & by_exposure.get(e.pk, set())) for e in exposures}
        missing = [e.code for e in exposures if values[e.code] == 0]
        table.rows.append(
            {
                "key": municipality.code,
                "label": municipality.name,
                "values": values,
                "missing": missing,
            }
        )
    return table


def counties_side_by_side() -> Table:
    published = dict(Service.objects.published().values_list("id", "county_id"))
    by_exposure = _pairs("exposure_types", published.keys())
    exposures = terms(EXPOSURE)
    table = Table(
        "lan",
        _("Verksamheter per län och utsatthet"),
        _("Län"),
        [(e.code, e.name) for e in exposures] + [("totalt", _("Totalt"))],
        note=_(
            "Varje läns matris: verksamheter som länsstyrelsen ansvarar för. Nationella verksamheter står "
            "för sig."
        ),
    )
    counties = list(Territory.objects.lan().order_by("code")) + [
        Territory.objects.get(code=RIKET_CODE)
    ]
    for county in counties:
        own = {i for i, c in published.items() if c == county.code}
        values = {e.code: len(own & by_exposure.get(e.pk, set())) for e in exposures}
        values["totalt"] = len(own)
        label = _("Nationella verksamheter") if county.level == Level.RIKET else county.name
        table.rows.append({"key": county.code, "label": label, "values": values})
    return table


def scope_analysis(scope: Territory) -> Analysis:
    # The coverage table counts services of every owner, so any published example service marks it.
    example = Service.objects.published().filter(is_example=True).exists()
    return Analysis(
        scope,
        [
            exposure_by_sector(scope),
            exposure_by_target_group(scope),
            coverage_by_municipality(scope),
        ],
        example,
    )


def national_overview() -> Analysis:
    riket = Territory.objects.get(code=RIKET_CODE)
    return Analysis(
        riket,
        [counties_side_by_side()],
        Service.objects.published().filter(is_example=True).exists(),
    )
