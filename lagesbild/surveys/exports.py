"""Survey results as files: the editor's export (every count, and each municipality's answers) and
the public twins of the results page (small numbers suppressed)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lagesbild.registers.files import table_response

from .answers import answer_words, numbered
from .models import Survey
from .results import result_rows, survey_results

RESULT_COLUMNS = [
    "question_number",
    "question",
    "kind",
    "answered",
    "answer",
    "count",
    "share_percent",
    "mean",
    "median",
    "suppressed",
]


def _stem(survey: Survey) -> str:
    return f"enkat-{survey.year}-{survey.county_id}-{slugify(survey.title)[:40]}"


def result_table(survey: Survey, *, public: bool) -> tuple[list[str], list[list]]:
    rows = result_rows(survey_results(survey, public=public))
    return RESULT_COLUMNS, [[row.get(column) for column in RESULT_COLUMNS] for row in rows]


def answers_table(survey: Survey) -> tuple[list[str], list[list]]:
    """One row per municipality, one column per question: for the editor only."""
    items = numbered(list(survey.questions.active().order_by("position", "id")))
    columns = [_("kommunkod"), _("kommun"), _("status"), _("inskickat")] + [
        f"{i.label}. {i.question.text}" for i in items
    ]
    rows = []
    for invitation in (
        survey.invitations.current().select_related("municipality").order_by("municipality__name")
    ):
        submitted = (
            timezone.localtime(invitation.submitted_at).strftime("%Y-%m-%d %H:%M")
            if invitation.submitted_at
            else ""
        )
        cells = [
            answer_words(i.question, invitation.answers.get(i.question.field_name))
            if i.question.applies_to(invitation.answers)
            else ""
            for i in items
        ]
        rows.append(
            [
                invitation.municipality_id,
                invitation.municipality.name,
                str(invitation.state_label),
                submitted,
                *cells,
            ]
        )
    return columns, rows


def editor_export(survey: Survey, fmt: str):
    """CSV: the results per question. XLSX: the results and a second sheet with every answer."""
    columns, rows = result_table(survey, public=False)
    sheets = []
    if not survey.is_transcribed:  # the answers sheet: XLSX only (a CSV holds one table)
        answer_columns, answer_rows = answers_table(survey)
        sheets.append((_("svar per kommun"), answer_columns, answer_rows))
    return table_response(
        fmt, _stem(survey), columns, rows, example=survey.is_example, sheets=sheets
    )


def public_document(survey: Survey) -> dict:
    """The public results as JSON: what the page shows, counts below the threshold left out."""
    results = survey_results(survey, public=True)
    document = {
        "survey": {
            "id": survey.pk,
            "title": survey.title,
            "county": survey.county_id,
            "county_name": survey.county.name,
            "year": survey.year,
            "source": survey.results_source or survey.source_label,
            "invited": None if survey.is_transcribed else survey.invitations.current().count(),
            "submitted": None
            if survey.is_transcribed or results.submitted < results.threshold
            else results.submitted,
        },
        "suppress_below": results.threshold,
        "results": result_rows(results),
    }
    document["example_data"] = survey.is_example  # the pipeline adds the notice
    return document
