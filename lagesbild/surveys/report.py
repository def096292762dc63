"""The surveys' section of the county report: the county's published survey results of the year
(registered as "surveys" in lagesbild.registers.report_sections)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lagesbild.core.formatting import format_number, format_value
from lagesbild.registers.report_sections import (
    Prose,
    SectionContent,
    TableCell,
    TableData,
    Text,
    nothing_registered,
)

from .models import Survey
from .results import survey_results


def _survey_table(results, survey) -> TableData:
    rows = []
    for result in results.questions:
        question = getattr(result.question, "localised_text", None) or result.question.text
        for index, cell in enumerate(result.cells):
            share = format_value(cell.share, "procent", 0) if cell.share is not None else "–"
            count = (
                _("färre än %(n)s") % {"n": results.threshold}
                if cell.suppressed
                else (format_number(cell.count) if cell.count is not None else "–")
            )
            rows.append(
                [
                    TableCell(f"{result.label} {question}" if index == 0 else ""),
                    TableCell(cell.label),
                    TableCell(share, numeric=True),
                    TableCell(count, numeric=True),
                ]
            )
        if result.numbers is not None and result.numbers.mean is not None:
            rows.append(
                [
                    TableCell(f"{result.label} {question}"),
                    TableCell(_("medelvärde")),
                    TableCell(format_number(result.numbers.mean, 1), numeric=True),
                    TableCell(format_number(result.numbers.count), numeric=True),
                ]
            )
    source = _("Källa: %(source)s.") % {"source": survey.results_source or survey.source_label}
    columns = [_("Fråga"), _("Svar"), _("Andel"), _("Antal kommuner")]
    if all(row[3].text == "–" for row in rows):  # figures from a publication come as shares only
        columns, rows = columns[:3], [row[:3] for row in rows]
    return TableData(
        caption=survey.title,
        columns=columns,
        rows=rows,
        row_headers=False,
        source=source,
        example=survey.is_example,
    )


def _about(survey, results) -> str:
    if survey.is_transcribed:
        return _("Resultatet av enkäten ”%(title)s” är hämtat ur %(source)s.") % {
            "title": survey.title,
            "source": survey.results_source,
        }
    return _(
        "%(submitted)s av %(invited)s kommuner besvarade enkäten ”%(title)s” (%(rate)s procent). Antal under "
        "%(threshold)s redovisas inte."
    ) % {
        "submitted": results.submitted,
        "invited": results.invited,
        "title": survey.title,
        "rate": format_number(results.response_rate or 0),
        "threshold": results.threshold,
    }


def surveys_section(county, year: int, language: str) -> SectionContent:
    surveys = list(
        Survey.objects.public().filter(county_id=county.code, year=year).order_by("title", "id")
    )
    if not surveys:
        return nothing_registered(
            _("Inga enkätresultat är registrerade för %(county)s %(year)s.")
            % {"county": county.name, "year": year}
        )
    content = SectionContent([])
    for survey in surveys:
        results = survey_results(survey, public=True)
        content.example = content.example or survey.is_example
        content.blocks += [
            Prose([Text.of(_about(survey, results))]),
            _survey_table(results, survey),
        ]
    return content
