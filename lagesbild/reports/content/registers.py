"""The county registers in a report: the county board's activities per sub-assignment (activities app),
the targeted support services (directory app: the matrix analysis) and survey results (surveys app),
each read through its app's public functions.

A register that holds nothing for the county and year is reported plainly ("Inga … är
registrerade"), never left out silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lagesbild.core.formatting import format_number, format_value
from lagesbild.territories.models import Territory

from ..document import BulletList, Cell, Generated, Paragraph, Strong, Table
from .common import swedish_date


@dataclass
class CountyRegisters:
    activity_blocks: list = field(default_factory=list)
    activity_sections: list[tuple[str, str, list]] = field(
        default_factory=list
    )  # (key, title, blocks)
    service_blocks: list = field(default_factory=list)
    survey_blocks: list = field(default_factory=list)
    example: bool = False


def installed(label: str, model: str) -> bool:
    """The register's app is installed and its table exists; an app whose migrations are not written
    or not applied yet counts as holding nothing, so the report still says so plainly."""
    if not apps.is_installed(f"lagesbild.{label}"):
        return False
    table = apps.get_model(label, model)._meta.db_table
    return table in connection.introspection.table_names()


def nothing_registered(text: str) -> list:
    return [Generated([Paragraph.of(text)])]


def _count(number: int | None, qualifier: str = "exakt") -> str:
    """'ca 75', 'minst 300 000', '70' — a registered figure as the county board gave it."""
    text = format_number(number)
    if qualifier == "ungefar":
        return _("ca %(number)s") % {"number": text}
    if qualifier == "minst":
        return _("minst %(number)s") % {"number": text}
    return text


# --- Activities ---------------------------------------------------------------------------------------


def _activity_item(activity) -> list:
    facts = [str(activity.get_kind_display())]
    if activity.start_date:
        facts.append(swedish_date(activity.start_date, "sv"))
    if activity.participants is not None:
        facts.append(
            _("%(count)s deltagare")
            % {"count": _count(activity.participants, activity.participants_qualifier)}
        )
    for figure in activity.reach_figures:
        facts.append(
            f"{_count(figure.get('value'), figure.get('qualifier', 'exakt'))} {figure['measure_label']}"
        )
    if activity.partner_list:
        facts.append(
            _("tillsammans med %(partners)s") % {"partners": ", ".join(activity.partner_list)}
        )
    item: list = [Strong(activity.title), f" ({'; '.join(facts)})."]
    if activity.description:
        item.append(" " + " ".join(activity.description.split()))
    if activity.is_example:
        item.append(" " + _("[Exempeldata – fiktiva värden]"))
    return item


def _sum_sentence(total) -> str:
    """'19 aktiviteter är registrerade, med sammanlagt ca 295 deltagare.'; no participants, no clause."""
    activities = ngettext(
        "%(n)s aktivitet är registrerad", "%(n)s aktiviteter är registrerade", total.activities
    ) % {"n": total.activities}
    if not total.participants:
        return activities + "."
    people = _count(total.participants, "ungefar" if total.participants_inexact else "exakt")
    return _("%(activities)s, med sammanlagt %(people)s deltagare.") % {
        "activities": activities,
        "people": people,
    }


def add_activities(county: Territory, year: int, registers: CountyRegisters) -> None:
    empty = _(
        "Inga aktiviteter är registrerade för %(county)s %(year)s. Länsstyrelsens aktiviteter per deluppdrag "
        "registreras i Lägesbild och visas här när de finns."
    ) % {"county": county.name, "year": year}
    if not installed("activities", "Activity"):
        registers.activity_blocks = nothing_registered(empty)
        return
    from lagesbild.activities.models import SubAssignment
    from lagesbild.activities.summaries import for_report

    summary = for_report(county.code, year)
    registers.example = registers.example or summary.has_example_data
    if not summary.activities:
        registers.activity_blocks = nothing_registered(empty)
        return
    registers.activity_blocks = [
        Generated(
            [
                Paragraph.of(
                    _(
                        "Länsstyrelsen har registrerat sitt arbete %(year)s per deluppdrag i det särskilda uppdraget. "
                    )
                    % {"year": year}
                    + _sum_sentence(summary.total)
                )
            ]
        )
    ]
    by_number = {int(s.key): s for s in summary.by_sub_assignment}
    for sub in SubAssignment.objects.all():
        mine = [a for a in summary.activities if a.sub_assignment_id == sub.number]
        if mine:
            blocks = [
                Generated(
                    [
                        Paragraph.of(_sum_sentence(by_number[sub.number])),
                        BulletList([_activity_item(a) for a in mine]),
                    ]
                )
            ]
        else:
            blocks = nothing_registered(
                _("Inga aktiviteter är registrerade för deluppdraget %(year)s.") % {"year": year}
            )
        registers.activity_sections.append((f"deluppdrag-{sub.number}", sub.name, blocks))


# --- Support services (the matrix) --------------------------------------------------------------------


def matrix_table(table, source: str, example: bool) -> Table:
    """One of the directory's analysis tables as a report table."""
    rows = [
        [
            Cell(str(row["label"])),
            *(
                Cell(format_number(row["values"].get(key, 0)), numeric=True, strong=key == "totalt")
                for key, _label in table.columns
            ),
        ]
        for row in table.rows
    ]
    return Table(
        caption=str(table.title),
        columns=[str(table.row_title), *(str(label) for _key, label in table.columns)],
        rows=rows,
        remarks=[str(table.note)] if table.note else [],
        source=source,
        example=example,
    )


def _services_sentences(by_sector, coverage, county: Territory) -> list[str]:
    totals = sorted(
        ((row["values"].get("totalt", 0), str(row["label"])) for row in by_sector.rows),
        reverse=True,
    )
    found = []
    if totals and totals[0][0]:
        most, least = totals[0], totals[-1]
        found.append(
            _(
                "Flest verksamheter i länet riktar sig till %(most)s (%(most_n)s stycken) och minst till %(least)s "
                "(%(least_n)s stycken)."
            )
            % {
                "most": most[1].lower(),
                "most_n": most[0],
                "least": least[1].lower(),
                "least_n": least[0],
            }
        )
    municipalities = len(coverage.rows)
    if municipalities:
        for key, label in coverage.columns:
            without = sum(1 for row in coverage.rows if row["values"].get(key, 0) == 0)
            if without == 0:
                found.append(
                    _("Alla %(n)s kommuner i länet har minst en verksamhet för %(label)s.")
                    % {"n": municipalities, "label": str(label).lower()}
                )
            else:
                found.append(
                    _("%(without)s av %(n)s kommuner saknar verksamhet för %(label)s.")
                    % {"without": without, "n": municipalities, "label": str(label).lower()}
                )
    return found


def add_services(county: Territory, registers: CountyRegisters) -> None:
    empty = _(
        "Inga stödverksamheter är registrerade för %(county)s. Matrisen över särskilda verksamheter fylls i "
        "Lägesbild och visas här när den finns."
    ) % {"county": county.name}
    if not installed("directory", "Service"):
        registers.service_blocks = nothing_registered(empty)
        return
    from lagesbild.directory.analysis import scope_analysis

    analysis = scope_analysis(county)
    by_sector, by_group, coverage = analysis.tables
    if not any(row["values"].get("totalt", 0) for row in by_sector.rows):
        registers.service_blocks = nothing_registered(empty)
        return
    example = analysis.has_example_data
    registers.example = registers.example or example
    source = _(
        "Källa: Lägesbild, matrisen över särskilda verksamheter (publicerade verksamheter som länsstyrelsen "
        "ansvarar för), utifrån verksamheternas egen information på webben."
    )
    registers.service_blocks = [
        Generated([Paragraph.of(" ".join(_services_sentences(by_sector, coverage, county)))]),
        matrix_table(by_sector, source, example),
        matrix_table(by_group, source, example),
    ]


# --- Surveys -------------------------------------------------------------------------------------------


def _survey_table(results, survey) -> Table:
    rows = []
    for result in results.questions:
        question = (
            result.question.localised_text
            if hasattr(result.question, "localised_text")
            else result.question.text
        )
        for index, cell in enumerate(result.cells):
            share = format_value(cell.share, "procent", 0) if cell.share is not None else "–"
            count = (
                _("färre än %(n)s") % {"n": results.threshold}
                if cell.suppressed
                else (format_number(cell.count) if cell.count is not None else "–")
            )
            rows.append(
                [
                    Cell(f"{result.label} {question}" if index == 0 else ""),
                    Cell(cell.label),
                    Cell(share, numeric=True),
                    Cell(count, numeric=True),
                ]
            )
        if result.numbers is not None and result.numbers.mean is not None:
            rows.append(
                [
                    Cell(f"{result.label} {question}"),
                    Cell(_("medelvärde")),
                    Cell(format_number(result.numbers.mean, 1), numeric=True),
                    Cell(format_number(result.numbers.count), numeric=True),
                ]
            )
    source = _("Källa: %(source)s.") % {"source": survey.results_source or survey.source_label}
    columns = [_("Fråga"), _("Svar"), _("Andel"), _("Antal kommuner")]
    if all(row[3].text == "–" for row in rows):  # figures from a publication come as shares only
        columns, rows = columns[:3], [row[:3] for row in rows]
    return Table(
        caption=survey.title,
        columns=columns,
        rows=rows,
        row_headers=False,
        source=source,
        example=survey.is_example,
    )


def add_surveys(county: Territory, year: int, registers: CountyRegisters) -> None:
    empty = _("Inga enkätresultat är registrerade för %(county)s %(year)s.") % {
        "county": county.name,
        "year": year,
    }
    if not installed("surveys", "Survey"):
        registers.survey_blocks = nothing_registered(empty)
        return
    from lagesbild.surveys.models import Survey
    from lagesbild.surveys.results import survey_results

    surveys = list(
        Survey.objects.public().filter(county_id=county.code, year=year).order_by("title", "id")
    )
    if not surveys:
        registers.survey_blocks = nothing_registered(empty)
        return
    blocks = []
    for survey in surveys:
        results = survey_results(survey, public=True)
        registers.example = registers.example or survey.is_example
        if survey.is_transcribed:
            about = _("Resultatet av enkäten ”%(title)s” är hämtat ur %(source)s.") % {
                "title": survey.title,
                "source": survey.results_source,
            }
        else:
            rate = format_number(results.response_rate or 0)
            about = _(
                "%(submitted)s av %(invited)s kommuner besvarade enkäten ”%(title)s” (%(rate)s procent). Antal under "
                "%(threshold)s redovisas inte."
            ) % {
                "submitted": results.submitted,
                "invited": results.invited,
                "title": survey.title,
                "rate": rate,
                "threshold": results.threshold,
            }
        blocks += [Generated([Paragraph.of(about)]), _survey_table(results, survey)]
    registers.survey_blocks = blocks


def county_registers(county: Territory, year: int) -> CountyRegisters:
    registers = CountyRegisters()
    add_activities(county, year, registers)
    add_services(county, registers)
    add_surveys(county, year, registers)
    return registers


# --- The national compilation -------------------------------------------------------------------------


@dataclass
class NationalServices:
    blocks: list = field(default_factory=list)
    example: bool = False


def national_services() -> NationalServices:
    empty = _(
        "Inga stödverksamheter är registrerade. Matrisen över särskilda verksamheter fylls i Lägesbild och visas "
        "här per län när den finns."
    )
    if not installed("directory", "Service"):
        return NationalServices(nothing_registered(empty))
    from lagesbild.directory.analysis import national_overview

    overview = national_overview()
    table = overview.tables[0]
    total = sum(row["values"].get("totalt", 0) for row in table.rows)
    if not total:
        return NationalServices(nothing_registered(empty))
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
    return NationalServices(
        [
            Generated([Paragraph.of(sentence)]),
            matrix_table(table, source, overview.has_example_data),
        ],
        overview.has_example_data,
    )
