"""A municipality answers through its personal link: drafts, one submission, and every kind of bad
input refused with a clear message while whatever was saved stays as it was."""

import time
from unittest import mock

import pytest

from lagesbild.surveys.models import SurveyStatus
from lagesbild.surveys.tokens import LINK_DAYS, token_for

from .builders import a_complete_answer, a_day, an_open_survey_with_questions, answers, invite, link


@pytest.fixture
def open_survey():
    survey, questions = an_open_survey_with_questions()
    (sodertalje,) = invite(survey, "Södertälje")
    return survey, questions, sodertalje


def test_the_link_opens_the_questionnaire_without_an_account(anonymous_visitor, open_survey):
    _survey, _questions, sodertalje = open_survey
    page = anonymous_visitor.get(link(sodertalje))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Baskunskaper i kommunerna" in text and "Södertälje" in text
    assert "Besvaras om svaret på fråga 1 är ”Ja”" in text  # the follow-up says when it applies
    assert page["Cache-Control"].startswith("max-age=0")


def test_a_draft_is_saved_and_shown_again_and_the_respondent_can_submit_later(
    anonymous_visitor, open_survey
):
    _survey, questions, sodertalje = open_survey
    saved = anonymous_visitor.post(
        link(sodertalje), {**answers(questions, ipv="ja", trained="3,5"), "action": "spara"}
    )
    assert saved.status_code == 200 and "Utkastet är sparat" in saved.content.decode()
    sodertalje.refresh_from_db()
    assert sodertalje.answers == {
        questions["ipv"].field_name: "ja",
        questions["trained"].field_name: 3.5,
    }
    assert sodertalje.submitted_at is None
    again = anonymous_visitor.get(link(sodertalje)).content.decode()
    assert 'value="3,5"' in again
    submitted = anonymous_visitor.post(
        link(sodertalje), {**a_complete_answer(questions), "action": "skicka"}
    )
    assert "Tack! Svaret är inskickat." in submitted.content.decode()
    sodertalje.refresh_from_db()
    assert (
        sodertalje.submitted_at is not None
        and sodertalje.answers[questions["trained"].field_name] == 12
    )


def test_a_second_submission_is_refused_and_the_first_answer_is_kept(
    anonymous_visitor, open_survey
):
    _survey, questions, sodertalje = open_survey
    anonymous_visitor.post(
        link(sodertalje), {**a_complete_answer(questions, honour="ja"), "action": "skicka"}
    )
    again = anonymous_visitor.post(
        link(sodertalje), {**a_complete_answer(questions, honour="nej"), "action": "skicka"}
    )
    assert again.status_code == 409
    assert "kan inte skickas eller ändras igen" in again.content.decode()
    sodertalje.refresh_from_db()
    assert sodertalje.answers[questions["honour"].field_name] == "ja"
    draft = anonymous_visitor.post(
        link(sodertalje), {**a_complete_answer(questions, honour="nej"), "action": "spara"}
    )
    assert draft.status_code == 409
    sodertalje.refresh_from_db()
    assert sodertalje.answers[questions["honour"].field_name] == "ja"


def test_text_where_a_number_is_expected_is_refused_and_the_saved_draft_stays(
    anonymous_visitor, open_survey
):
    _survey, questions, sodertalje = open_survey
    anonymous_visitor.post(link(sodertalje), {**answers(questions, trained="7"), "action": "spara"})
    refused = anonymous_visitor.post(
        link(sodertalje), {**a_complete_answer(questions, trained="ett dussin"), "action": "skicka"}
    )
    text = refused.content.decode()
    assert refused.status_code == 400
    assert "”ett dussin” är inte ett tal" in text and "Inget sparades" in text
    assert 'value="ett dussin"' in text  # what was typed is still in the form
    sodertalje.refresh_from_db()
    assert (
        sodertalje.answers == {questions["trained"].field_name: 7}
        and sodertalje.submitted_at is None
    )


def test_an_option_that_does_not_exist_is_refused(anonymous_visitor, open_survey):
    _survey, questions, sodertalje = open_survey
    refused = anonymous_visitor.post(
        link(sodertalje),
        {**a_complete_answer(questions, infogenerator="Varje dag"), "action": "skicka"},
    )
    assert (
        refused.status_code == 400
        and "Välj ett av alternativen som finns" in refused.content.decode()
    )


def test_submitting_without_a_required_answer_names_the_question_and_saves_nothing(
    anonymous_visitor, open_survey
):
    _survey, questions, sodertalje = open_survey
    incomplete = {**a_complete_answer(questions), questions["honour"].field_name: ""}
    refused = anonymous_visitor.post(link(sodertalje), {**incomplete, "action": "skicka"})
    assert refused.status_code == 400
    assert "Frågan behöver ett svar innan svaret kan skickas in" in refused.content.decode()
    sodertalje.refresh_from_db()
    assert sodertalje.answers == {} and sodertalje.submitted_at is None


def test_a_follow_up_that_does_not_apply_is_neither_required_nor_stored(
    anonymous_visitor, open_survey
):
    _survey, questions, sodertalje = open_survey
    anonymous_visitor.post(
        link(sodertalje),
        {**a_complete_answer(questions, ipv="nej", web_course="ja"), "action": "skicka"},
    )
    sodertalje.refresh_from_db()
    assert sodertalje.submitted_at is not None
    assert questions["web_course"].field_name not in sodertalje.answers


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "9999." + token.split(".", 1)[1],
        lambda token: "inte-en-lank",
    ],
)
def test_a_forged_link_is_refused(anonymous_visitor, open_survey, tamper):
    _survey, questions, sodertalje = open_survey
    refused = anonymous_visitor.post(
        f"/enkat/{tamper(token_for(sodertalje))}/",
        {**a_complete_answer(questions), "action": "skicka"},
    )
    assert refused.status_code == 400 and "Länken är inte giltig" in refused.content.decode()
    sodertalje.refresh_from_db()
    assert sodertalje.answers == {}


def test_an_expired_link_is_refused_and_the_draft_is_kept(anonymous_visitor, open_survey):
    _survey, questions, sodertalje = open_survey
    sodertalje.answers = {questions["ipv"].field_name: "ja"}
    sodertalje.save()
    with mock.patch("time.time", return_value=time.time() - (LINK_DAYS + 1) * 86400):
        old_token = token_for(sodertalje)
    refused = anonymous_visitor.post(
        f"/enkat/{old_token}/", {**a_complete_answer(questions), "action": "skicka"}
    )
    assert refused.status_code == 410 and "Länken har gått ut" in refused.content.decode()
    sodertalje.refresh_from_db()
    assert (
        sodertalje.answers == {questions["ipv"].field_name: "ja"}
        and sodertalje.submitted_at is None
    )


def test_a_replaced_link_stops_working(client, stockholm_editor, open_survey):
    survey, _questions, sodertalje = open_survey
    old = link(sodertalje)
    client.force_login(stockholm_editor)
    client.post(f"/enkater/{survey.pk}/inbjudningar/{sodertalje.pk}/ny-lank/")
    client.logout()
    assert client.get(old).status_code == 410
    sodertalje.refresh_from_db()
    assert client.get(link(sodertalje)).status_code == 200


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"status": SurveyStatus.CLOSED}, 410, "Enkäten är stängd"),
        ({"closes_on": a_day(-1), "opens_on": a_day(-9)}, 410, "Sista svarsdagen var"),
        ({"opens_on": a_day(3)}, 410, "Enkäten öppnar"),
    ],
)
def test_a_survey_that_does_not_take_answers_says_why(
    anonymous_visitor, open_survey, change, status, message
):
    survey, questions, sodertalje = open_survey
    for name, value in change.items():
        setattr(survey, name, value)
    survey.save()
    answer = anonymous_visitor.post(
        link(sodertalje), {**a_complete_answer(questions), "action": "skicka"}
    )
    assert answer.status_code == status and message in answer.content.decode()
    sodertalje.refresh_from_db()
    assert sodertalje.submitted_at is None


def test_the_respondent_page_is_in_english_for_an_english_visitor(anonymous_visitor, open_survey):
    _survey, _questions, sodertalje = open_survey
    page = anonymous_visitor.get("/en" + link(sodertalje)).content.decode()
    assert "Submit the answer" in page and "Save draft" in page
