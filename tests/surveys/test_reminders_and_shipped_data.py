"""Reminders by e-mail (Django's locmem backend in tests), and the report's survey figures as shipped."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lagesbild.core.bootstrap import initialise
from lagesbild.sources.published import REPORT_2019_6
from lagesbild.surveys.answers import submit
from lagesbild.surveys.models import Invitation, Question, Survey, SurveyStatus
from lagesbild.surveys.tokens import resolve

from .builders import an_open_survey_with_questions, invite


def remind(*args) -> str:
    out = io.StringIO()
    call_command("survey_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def three_invited():
    survey, questions = an_open_survey_with_questions()
    survey.site_url = "https://lagesbild.example.se"
    survey.save()
    sodertalje, botkyrka, nacka = invite(survey, "Södertälje", "Botkyrka", "Nacka")
    submit(nacka, {questions["ipv"].field_name: "nej"})
    return survey, sodertalje, botkyrka, nacka


def test_reminders_go_to_those_who_have_not_submitted_with_a_fresh_personal_link(
    three_invited, mailoutbox
):
    _survey, sodertalje, botkyrka, _nacka = three_invited
    output = remind()
    assert {m.to[0] for m in mailoutbox} == {sodertalje.email, botkyrka.email}
    assert "2 påminnelser" in output and "Nacka" not in output
    message = next(m for m in mailoutbox if m.to == [sodertalje.email])
    assert message.subject == "Påminnelse: Baskunskaper i kommunerna"
    token = re.search(r"https://lagesbild\.example\.se/enkat/([^/\s]+)/", message.body).group(1)
    assert resolve(token) == sodertalje
    sodertalje.refresh_from_db()
    assert (
        sodertalje.reminders == 1
        and sodertalje.history.first().history_change_reason == "påminnelse skickad"
    )


def test_nobody_is_reminded_twice_within_the_interval(three_invited, mailoutbox):
    remind()
    assert "0 påminnelser" in remind() and len(mailoutbox) == 2
    Invitation.objects.update(reminded_at=timezone.now() - timedelta(days=8))
    remind("--days", "7")
    assert len(mailoutbox) == 4


def test_a_dry_run_sends_nothing(three_invited, mailoutbox):
    assert "skulle få en påminnelse" in remind("--dry-run") and mailoutbox == []


def test_closed_surveys_and_unknown_ids_get_no_reminders_and_a_clear_message(
    three_invited, mailoutbox
):
    survey = three_invited[0]
    survey.status = SurveyStatus.CLOSED
    survey.save()
    assert "0 påminnelser" in remind() and mailoutbox == []
    with pytest.raises(CommandError, match="inte öppen"):
        remind("--survey", str(survey.pk))
    with pytest.raises(CommandError, match="ingen enkät med id 999999"):
        remind("--survey", "999999")


def test_the_editor_sends_reminders_from_the_status_page(
    three_invited, client, stockholm_editor, mailoutbox
):
    survey = three_invited[0]
    client.force_login(stockholm_editor)
    page = client.post(f"/enkater/{survey.pk}/inbjudningar/paminn/", follow=True).content.decode()
    assert "2 påminnelser skickade" in page and len(mailoutbox) == 2


def test_the_reports_survey_figures_are_loaded_with_the_report_as_source(anonymous_visitor):
    survey = Survey.objects.get(key="stockholm-2018-baskunskaper")
    assert (survey.county_id, survey.year, survey.status, survey.is_example) == (
        "01",
        2018,
        SurveyStatus.CLOSED,
        False,
    )
    assert survey.results_source.startswith(REPORT_2019_6)
    shares = {q.text: q.reported_share for q in survey.questions.all()}
    assert shares == {
        "Erbjuder kommunen baskunskaper inom våld i nära relation?": 73,
        "Om ja – sker det med stöd av webbkursen våld?": 59,
        "Erbjuder kommunen baskunskaper inom hedersrelaterat våld och förtryck?": 64,
        "Erbjuder kommunen baskunskaper inom prostitution och/eller människohandel för sexuella ändamål?": 13,
        "Har kommunen använt Infogeneratorn som stöd för information på olika språk?": 14,
    }
    assert Question.objects.get(reported_share=59).parent.reported_share == 73
    page = anonymous_visitor.get(f"/enkater/resultat/{survey.pk}/").content.decode()
    assert "Rapport 2019:6" in page and "73" in page and "Exempeldata" not in page


def test_loading_the_shipped_data_again_changes_nothing():
    survey = Survey.objects.get(key="stockholm-2018-baskunskaper")
    before = (survey.history.count(), Question.history.count())
    assert initialise() == []
    assert (survey.history.count(), Question.history.count()) == before
