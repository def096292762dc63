"""Public survey results: the surveys whose county board chose to show them, closed, with small
numbers suppressed. Each results page also answers as .json and .csv."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from lagesbild.core.outputs import Output, respond
from lagesbild.core.twins import alternates, announce
from lagesbild.registers.files import table_response

from ..exports import public_document, result_table
from ..models import Survey
from ..results import survey_results

SURVEY_COLUMNS = ("id", "title", "county", "year", "example_data")


@require_safe
def public_list(request, fmt=None):
    surveys = list(
        Survey.objects.public().select_related("county").order_by("-year", "county_id", "title")
    )
    if fmt:
        rows = [
            {
                "id": s.pk,
                "title": s.title,
                "county": s.county_id,
                "year": s.year,
                "example_data": s.is_example,
            }
            for s in surveys
        ]
        return respond(
            Output(
                rows=rows,
                columns=list(SURVEY_COLUMNS),
                document=lambda rows: {"surveys": rows},
                name="enkater",
            ),
            fmt,
        )
    links = alternates(request)
    response = render(
        request,
        "surveys/public_list.html",
        {
            "surveys": surveys,
            "alternates": links,
            "has_example_data": any(s.is_example for s in surveys),
        },
    )
    return announce(response, links)


@require_safe
def public_results(request, pk, fmt=None):
    survey = get_object_or_404(Survey.objects.public().select_related("county"), pk=pk)
    if fmt:
        columns, rows = result_table(survey, public=True)
        return table_response(
            fmt,
            f"enkat-{survey.pk}",
            columns,
            rows,
            disposition="inline",
            example=survey.is_example,
            document=public_document(survey),
        )
    links = alternates(request)
    response = render(
        request,
        "surveys/public_results.html",
        {
            "survey": survey,
            "results": survey_results(survey, public=True),
            "alternates": links,
            "has_example_data": survey.is_example,
        },
    )
    return announce(response, links)
