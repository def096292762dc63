"""A county editor builds the questionnaire in their own county only; questions freeze when the survey
opens, nothing is deleted, and every change is in the history."""

import pytest

from lagesbild.surveys.models import Question, Survey, SurveyStatus

from .builders import (
    a_day,
    a_survey,
    an_open_survey_with_questions,
    invite,
    the_basic_knowledge_questionnaire,
)


def test_a_county_editor_creates_surveys_only_in_their_own_county(client, stockholm_editor):
    client.force_login(stockholm_editor)
    client.post("/enkater/ny/", {"county": "12", "title": "Försök i Skåne", "year": "2025"})
    assert (
        Survey.objects.get(title="Försök i Skåne").county_id == "01"
    )  # the county field is fixed to their own


def test_another_county_editor_is_refused_and_told_whose_survey_it_is(client, skane_editor):
    survey = a_survey()
    client.force_login(skane_editor)
    for url in (
        f"/enkater/{survey.pk}/",
        f"/enkater/{survey.pk}/andra/",
        f"/enkater/{survey.pk}/resultat/",
        f"/enkater/{survey.pk}/resultat.csv",
        f"/enkater/{survey.pk}/inbjudningar/",
    ):
        refused = client.get(url)
        assert refused.status_code == 403 and "Stockholms län" in refused.content.decode()
    client.post(f"/enkater/{survey.pk}/andra/", {"title": "Ändrad av Skåne", "year": "2025"})
    survey.refresh_from_db()
    assert survey.title == "Baskunskaper i kommunerna"


def test_people_without_an_editor_role_cannot_reach_the_editor_pages(client, municipal_respondent):
    assert client.get("/enkater/").status_code == 302  # to the login page
    client.force_login(municipal_respondent)
    assert client.get("/enkater/").status_code == 403


def test_the_national_administrator_sees_every_county(client, national_admin, stockholm_editor):
    a_survey(title="Stockholms enkät")
    a_survey(county="12", title="Skånes enkät")
    client.force_login(national_admin)
    page = client.get("/enkater/").content.decode()
    assert "Stockholms enkät" in page and "Skånes enkät" in page
    client.force_login(stockholm_editor)
    assert "Skånes enkät" not in client.get("/enkater/").content.decode()


def test_a_follow_up_must_name_an_answer_its_parent_can_have(client, stockholm_editor):
    survey = a_survey()
    parent = Question.objects.create(
        survey=survey, kind="janej", text="Erbjuder kommunen baskunskaper?"
    )
    client.force_login(stockholm_editor)
    refused = client.post(
        f"/enkater/{survey.pk}/fragor/ny/",
        {"kind": "janej", "text": "Om ja: webbkursen?", "parent": parent.pk, "show_if": "kanske"},
    )
    assert (
        refused.status_code == 400
        and "”kanske” är inget svar på den överordnade frågan" in refused.content.decode()
    )
    client.post(
        f"/enkater/{survey.pk}/fragor/ny/",
        {"kind": "janej", "text": "Om ja: webbkursen?", "parent": parent.pk, "show_if": "JA"},
    )
    assert Question.objects.get(text="Om ja: webbkursen?").show_if == "ja"


def test_choice_questions_need_at_least_two_distinct_options(client, stockholm_editor):
    survey = a_survey()
    client.force_login(stockholm_editor)
    one = client.post(
        f"/enkater/{survey.pk}/fragor/ny/",
        {"kind": "ett", "text": "Hur ofta?", "options_text": "Ofta"},
    )
    assert one.status_code == 400 and "minst två svarsalternativ" in one.content.decode()
    twice = client.post(
        f"/enkater/{survey.pk}/fragor/ny/",
        {"kind": "flera", "text": "Vilka?", "options_text": "Skola\nSkola\nVård"},
    )
    assert twice.status_code == 400 and "står flera gånger" in twice.content.decode()
    assert not survey.questions.exists()


def test_questions_freeze_when_the_survey_opens(client, stockholm_editor):
    survey, questions = an_open_survey_with_questions()
    client.force_login(stockholm_editor)
    client.post(
        f"/enkater/{survey.pk}/fragor/{questions['honour'].pk}/",
        {"kind": "janej", "text": "Ändrad fråga"},
    )
    questions["honour"].refresh_from_db()
    assert questions["honour"].text.startswith(
        "Erbjuder kommunen baskunskaper inom hedersrelaterat"
    )


def test_a_survey_opens_only_when_it_is_ready(client, stockholm_editor):
    survey = a_survey(opens_on=None, closes_on=None)
    client.force_login(stockholm_editor)
    response = client.post(f"/enkater/{survey.pk}/status/oppna/", follow=True)
    text = response.content.decode()
    assert (
        "Lägg till minst en fråga först" in text and "Ange när enkäten öppnar och stänger" in text
    )
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT


def test_the_closing_day_cannot_come_before_the_opening_day(client, stockholm_editor):
    client.force_login(stockholm_editor)
    refused = client.post(
        "/enkater/ny/",
        {
            "title": "Fel ordning",
            "year": "2025",
            "opens_on": a_day(5).isoformat(),
            "closes_on": a_day(1).isoformat(),
        },
    )
    assert refused.status_code == 400 and "kan inte stänga före" in refused.content.decode()
    bad_date = client.post(
        "/enkater/ny/", {"title": "Fel datum", "year": "2025", "opens_on": "31/3"}
    )
    assert bad_date.status_code == 400 and "ÅÅÅÅ-MM-DD" in bad_date.content.decode()
    assert not Survey.objects.filter(title__in=["Fel ordning", "Fel datum"]).exists()


def test_removing_a_question_keeps_it_in_the_history(client, stockholm_editor):
    survey = a_survey()
    questions = the_basic_knowledge_questionnaire(survey)
    client.force_login(stockholm_editor)
    client.post(f"/enkater/{survey.pk}/fragor/{questions['comment'].pk}/ta-bort/")
    questions["comment"].refresh_from_db()
    assert (
        questions["comment"].removed
        and Question.objects.filter(pk=questions["comment"].pk).exists()
    )
    refused = client.post(
        f"/enkater/{survey.pk}/fragor/{questions['ipv'].pk}/ta-bort/", follow=True
    )
    assert "Ta bort följdfrågorna först" in refused.content.decode()
    history = client.get(f"/enkater/{survey.pk}/historik/").content.decode()
    assert "frågan borttagen" in history and "stina.stockholm" in history


def test_an_edit_is_one_history_entry_with_old_and_new_value(client, stockholm_editor):
    survey = a_survey()
    client.force_login(stockholm_editor)
    client.post(
        f"/enkater/{survey.pk}/andra/",
        {
            "title": "Baskunskaper 2025",
            "year": "2025",
            "opens_on": survey.opens_on.isoformat(),
            "closes_on": survey.closes_on.isoformat(),
        },
    )
    client.post(
        f"/enkater/{survey.pk}/andra/",
        {
            "title": "Baskunskaper 2025",
            "year": "2025",
            "opens_on": survey.opens_on.isoformat(),
            "closes_on": survey.closes_on.isoformat(),
        },
    )
    assert (
        survey.history.count() == 2
    )  # created, then one edit; the unchanged second post left no trace
    page = client.get(f"/enkater/{survey.pk}/historik/").content.decode()
    assert "Baskunskaper i kommunerna" in page and "Baskunskaper 2025" in page


def test_archiving_keeps_the_survey_and_hides_its_results(client, stockholm_editor):
    survey = a_survey(status=SurveyStatus.CLOSED, results_public=True)
    assert client.get(f"/enkater/resultat/{survey.pk}/").status_code == 200
    client.force_login(stockholm_editor)
    client.post(f"/enkater/{survey.pk}/status/arkivera/")
    client.logout()
    assert client.get(f"/enkater/resultat/{survey.pk}/").status_code == 404
    assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.ARCHIVED


@pytest.mark.parametrize("lines", ["Malmö; a@malmo.se", "Södertälje; inte-en-adress", "Atlantis"])
def test_inviting_a_municipality_outside_the_county_or_a_bad_address_is_refused(
    client, stockholm_editor, lines
):
    survey = a_survey()
    invite(survey, "Botkyrka")
    client.force_login(stockholm_editor)
    refused = client.post(
        f"/enkater/{survey.pk}/inbjudningar/", {"lines": f"Nacka; n@nacka.se\n{lines}"}
    )
    assert refused.status_code == 400 and "Rad 2" in refused.content.decode()
    assert list(survey.invitations.values_list("municipality__name", flat=True)) == ["Botkyrka"]
