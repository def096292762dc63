"""Builders for the survey stories: a questionnaire like the county boards', municipalities invited,
and answers posted through the respondents' personal links."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from lagesbild.surveys.models import Invitation, Question, QuestionKind, Survey, SurveyStatus
from lagesbild.surveys.tokens import path_for

STOCKHOLM_MUNICIPALITIES = {
    "Södertälje": "0181",
    "Botkyrka": "0127",
    "Nacka": "0182",
    "Solna": "0184",
    "Huddinge": "0126",
    "Täby": "0160",
}


def the_basic_knowledge_questionnaire(survey: Survey) -> dict[str, Question]:
    """The questions of the report's survey: yes/no with a conditional follow-up, one choice, several
    choices, a number and free text."""
    ipv = Question.objects.create(
        survey=survey,
        position=10,
        kind=QuestionKind.YES_NO,
        text="Erbjuder kommunen baskunskaper inom våld i nära relation?",
    )
    web_course = Question.objects.create(
        survey=survey,
        position=15,
        kind=QuestionKind.YES_NO,
        parent=ipv,
        show_if="ja",
        text="Om ja – sker det med stöd av webbkursen våld?",
    )
    honour = Question.objects.create(
        survey=survey,
        position=20,
        kind=QuestionKind.YES_NO,
        text="Erbjuder kommunen baskunskaper inom hedersrelaterat våld och förtryck?",
    )
    infogenerator = Question.objects.create(
        survey=survey,
        position=30,
        kind=QuestionKind.SINGLE,
        text="Hur ofta använder kommunen Infogeneratorn?",
        options=["Aldrig", "Ibland", "Ofta"],
    )
    groups = Question.objects.create(
        survey=survey,
        position=40,
        kind=QuestionKind.MULTIPLE,
        required=False,
        text="Vilka yrkesgrupper har fått baskunskaper?",
        options=["Socialtjänst", "Skola", "Äldreomsorg"],
    )
    trained = Question.objects.create(
        survey=survey,
        position=50,
        kind=QuestionKind.NUMBER,
        text="Hur många medarbetare gick webbkursen under året?",
    )
    comment = Question.objects.create(
        survey=survey,
        position=60,
        kind=QuestionKind.TEXT,
        required=False,
        text="Övriga kommentarer",
    )
    return {
        "ipv": ipv,
        "web_course": web_course,
        "honour": honour,
        "infogenerator": infogenerator,
        "groups": groups,
        "trained": trained,
        "comment": comment,
    }


def a_survey(
    county="01", title="Baskunskaper i kommunerna", year=2025, status=SurveyStatus.DRAFT, **fields
) -> Survey:
    today = timezone.localdate()
    defaults = {"opens_on": today - timedelta(days=1), "closes_on": today + timedelta(days=30)}
    return Survey.objects.create(
        county_id=county, title=title, year=year, status=status, **{**defaults, **fields}
    )


def an_open_survey_with_questions(**fields) -> tuple[Survey, dict[str, Question]]:
    survey = a_survey(status=SurveyStatus.OPEN, **fields)
    return survey, the_basic_knowledge_questionnaire(survey)


def invite(survey: Survey, *names: str) -> list[Invitation]:
    return [
        Invitation.objects.create(
            survey=survey,
            municipality_id=STOCKHOLM_MUNICIPALITIES[name],
            email=f"kvinnofrid@{name.lower().replace('ö', 'o').replace('ä', 'a')}.se",
        )
        for name in names
    ]


def link(invitation: Invitation) -> str:
    return path_for(invitation)


def answers(questions: dict[str, Question], **values) -> dict:
    """Form data for the respondent's page: answers by question name, as a browser posts them."""
    data = {}
    for name, value in values.items():
        data[questions[name].field_name] = value
    return data


def a_complete_answer(
    questions,
    ipv="ja",
    web_course="ja",
    honour="nej",
    infogenerator="Ibland",
    groups=("Socialtjänst",),
    trained="12",
    comment="",
) -> dict:
    return answers(
        questions,
        ipv=ipv,
        web_course=web_course,
        honour=honour,
        infogenerator=infogenerator,
        groups=list(groups),
        trained=trained,
        comment=comment,
    )


def a_day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)
