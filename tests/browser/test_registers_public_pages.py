"""The county registers' public pages in a real browser: the knowledge bank, survey results, the
activities summary and the respondent's questionnaire, each without axe-core violations in Swedish
and English, and usable with the keyboard alone."""

import re

from lagesbild.publications.models import Publication
from lagesbild.surveys.answers import submit
from lagesbild.surveys.models import Survey, SurveyStatus
from tests.surveys.builders import an_open_survey_with_questions, invite, link

from .conftest import assert_accessible, open_in

LANGUAGES = ["sv", "en"]


def test_the_publications_list_and_a_publication_are_accessible(page, site):
    report = Publication.objects.get(key="rapport-2019-6")
    for language in LANGUAGES:
        open_in(page, site + "/publikationer/?q=manniskohandel", language)
        assert page.locator(".record").count() == 3
        assert_accessible(page)
        open_in(page, site + f"/publikationer/{report.pk}/", language)
        assert_accessible(page)


def test_the_survey_results_are_accessible_with_small_numbers_suppressed(page, site):
    shipped = Survey.objects.get(key="stockholm-2018-baskunskaper")
    survey, questions = an_open_survey_with_questions(results_public=True)
    for invitation in invite(
        survey, "Södertälje", "Botkyrka", "Nacka", "Solna", "Huddinge", "Täby"
    ):
        submit(
            invitation,
            {
                questions["ipv"].field_name: "nej"
                if invitation.municipality.name == "Täby"
                else "ja",
                questions["trained"].field_name: 4,
            },
        )
    survey.status = SurveyStatus.CLOSED
    survey.save()
    for language in LANGUAGES:
        open_in(page, site + "/enkater/resultat/", language)
        assert_accessible(page)
        open_in(page, site + f"/enkater/resultat/{shipped.pk}/", language)
        assert_accessible(page)
        open_in(page, site + f"/enkater/resultat/{survey.pk}/", language)
        assert page.get_by_text(re.compile("färre än 5|fewer than 5")).first.is_visible()
        assert_accessible(page)


def test_the_activities_summary_and_an_activity_are_accessible(page, site):
    for language in LANGUAGES:
        open_in(page, site + "/aktiviteter/?lan=01&ar=2018", language)
        assert page.locator("table.sums").count() == 3
        assert_accessible(page)
        with page.expect_navigation():
            page.locator(".record a").first.click()
        assert_accessible(page)


def test_the_respondents_questionnaire_is_accessible_also_with_errors(page, site):
    survey, questions = an_open_survey_with_questions()
    (sodertalje,) = invite(survey, "Södertälje")
    for language in LANGUAGES:
        open_in(page, site + link(sodertalje), language)
        assert_accessible(page)
        page.locator(f"[name={questions['trained'].field_name}]").fill("ett dussin")
        with page.expect_navigation():
            page.locator("button[value=skicka]").click()
        assert page.locator(".error-summary").is_visible()
        assert_accessible(page)


def test_a_keyboard_user_searches_the_knowledge_bank(page, site):
    open_in(page, site + "/publikationer/", "sv")
    page.locator("#id_q").focus()
    page.keyboard.type("skyddat boende")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=skyddat+boende" in page.url
    titles = page.locator(".record h3").all_inner_texts()
    assert titles == ["Kartläggning av skyddat boende för särskilt utsatta personer"]
    page.keyboard.press("Tab")  # the first focusable element is the skip link
    assert page.evaluate("document.activeElement.textContent").strip() == "Hoppa till innehållet"


def test_a_keyboard_user_answers_and_the_follow_up_appears_only_after_yes(page, site):
    survey, questions = an_open_survey_with_questions()
    (sodertalje,) = invite(survey, "Södertälje")
    open_in(page, site + link(sodertalje), "sv")
    follow_up = page.locator(f"[data-parent={questions['ipv'].field_name}]")
    assert follow_up.is_hidden()
    page.locator(f"#id_{questions['ipv'].field_name}_0").focus()
    page.keyboard.press("Space")
    assert follow_up.is_visible()
    page.keyboard.press("ArrowDown")  # moves the choice to "Nej"
    assert follow_up.is_hidden()
    page.locator("button[value=spara]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("status").filter(has_text="Utkastet är sparat").is_visible()
    sodertalje.refresh_from_db()
    assert sodertalje.answers == {questions["ipv"].field_name: "nej"}
