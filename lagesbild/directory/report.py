"""The support services' sections of the reports: the county's matrix (registered as "services")
and the nation's overview per county (registered as "services-national")."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lagesbild.core.formatting import format_number
from lagesbild.registers.report_sections import (
    Prose,
    SectionContent,
    TableCell,
    TableData,
    Text,
    nothing_registered,
)

from .analysis import national_overview, scope_analysis


def matrix_table(table, source: str, example: bool) -> TableData:
    """One of the directory's analysis tables as a report table."""
    rows = [
        [
            TableCell(str(row["label"])),
            *(
                TableCell(
                    format_number(row["values"].get(key, 0)), numeric=True, strong=key == "totalt"
                )
                for key, _label in table.columns
            ),
        ]
        for row in table.rows
    ]
    return TableData(
        caption=str(table.title),
        columns=[str(table.row_title), *(str(label) for _key, label in table.columns)],
        rows=rows,
        remarks=[str(table.note)] if table.note else [],
        source=source,
        example=example,
    )


def _count(n: int) -> str:
    return ngettext("%(n)s verksamhet", "%(n)s verksamheter", n) % {"n": format_number(n)}


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(names)s och %(last)s") % {"names": ", ".join(items[:-1]), "last": items[-1]}


def services_sentences(by_sector, coverage) -> list[str]:
    """What the matrix shows, said once: the largest and smallest target groups, and which kinds of
    support every municipality has and which some lack, grouped into one sentence each."""
    totals = sorted(
        ((row["values"].get("totalt", 0), str(row["label"])) for row in by_sector.rows),
        reverse=True,
    )
    found = []
    if totals and totals[0][0]:
        most, least = totals[0], totals[-1]
        if most[0] == least[0]:
            found.append(
                _("Lika många verksamheter, %(count)s, riktar sig till varje målgrupp.")
                % {"count": _count(most[0])}
            )
        else:
            found.append(
                _(
                    "Flest verksamheter i länet riktar sig till %(most)s (%(most_n)s) och minst till "
                    "%(least)s (%(least_n)s)."
                )
                % {
                    "most": most[1].lower(),
                    "most_n": _count(most[0]),
                    "least": least[1].lower(),
                    "least_n": _count(least[0]),
                }
            )
    municipalities = len(coverage.rows)
    if municipalities:
        everywhere, lacking = [], []
        for key, label in coverage.columns:
            without = sum(1 for row in coverage.rows if row["values"].get(key, 0) == 0)
            if without == 0:
                everywhere.append(str(label).lower())
            else:
                lacking.append((without, str(label).lower()))
        if everywhere:
            found.append(
                ngettext(
                    "Länets enda kommun har minst en verksamhet för var och en av %(labels)s.",
                    "Alla %(n)s kommuner i länet har minst en verksamhet för var och en av %(labels)s.",
                    municipalities,
                )
                % {"n": municipalities, "labels": _join(everywhere)}
            )
        if lacking:
            parts = [
                ngettext(
                    "%(without)s kommun saknar verksamhet för %(label)s",
                    "%(without)s kommuner saknar verksamhet för %(label)s",
                    without,
                )
                % {"without": without, "label": label}
                for without, label in lacking
            ]
            found.append(
                _("Av länets %(n)s kommuner gäller att %(parts)s.")
                % {"n": municipalities, "parts": _join(parts)}
            )
    return found


def services_section(county, year: int, language: str) -> SectionContent:
    analysis = scope_analysis(county)
    by_sector, by_group, coverage = analysis.tables
    if not any(row["values"].get("totalt", 0) for row in by_sector.rows):
        return nothing_registered(
            _(
                "Inga stödverksamheter är registrerade för %(county)s. Matrisen över särskilda verksamheter fylls i "
                "Lägesbild och visas här när den finns."
            )
            % {"county": county.name}
        )
    example = analysis.has_example_data
    source = _(
        "Källa: Lägesbild, matrisen över särskilda verksamheter (publicerade verksamheter som länsstyrelsen "
        "ansvarar för), utifrån verksamheternas egen information på webben."
    )
    return SectionContent(
        [
            Prose([Text.of(" ".join(services_sentences(by_sector, coverage)))]),
            matrix_table(by_sector, source, example),
            matrix_table(by_group, source, example),
        ],
        example=example,
    )


def national_services_section(place, year: int, language: str) -> SectionContent:
    overview = national_overview()
    table = overview.tables[0]
    total = sum(row["values"].get("totalt", 0) for row in table.rows)
    if not total:
        return nothing_registered(
            _(
                "Inga stödverksamheter är registrerade. Matrisen över särskilda verksamheter fylls i Lägesbild och "
                "visas här per län när den finns."
            )
        )
    counties_without = [
        str(row["label"]) for row in table.rows[:-1] if not row["values"].get("totalt", 0)
    ]
    sentence = _("Matrisen innehåller %(total)s publicerade verksamheter.") % {
        "total": format_number(total)
    }
    if counties_without:
        sentence += " " + _("Inga verksamheter är registrerade för %(names)s.") % {
            "names": ", ".join(counties_without)
        }
    source = _(
        "Källa: Lägesbild, länens matriser över särskilda verksamheter (publicerade verksamheter)."
    )
    return SectionContent(
        [Prose([Text.of(sentence)]), matrix_table(table, source, overview.has_example_data)],
        example=overview.has_example_data,
    )
