"""Results per question over the municipalities, small numbers suppressed in public, exports for the
editor, and a share published as a county figure through the one import path."""

import csv
import io

import pytest
from openpyxl import load_workbook

from lagesbild.indicators.models import BatchKind, ImportBatch, Indicator, Observation, Origin
from lagesbild.surveys.answers import submit
from lagesbild.surveys.models import PublishedShare, Survey, SurveyStatus
from lagesbild.surveys.publishing import NewIndicator, PublishProblem, publish_share
from lagesbild.surveys.results import survey_results

from .builders import STOCKHOLM_MUNICIPALITIES, an_open_survey_with_questions, invite


def answered_by(survey, questions, replies: dict[str, dict]):
    """Each municipality submits; replies are answers by question name."""
    for invitation in invite(survey, *replies):
        stored = {
            questions[name].field_name: value
            for name, value in replies[invitation.municipality.name].items()
        }
        submit(invitation, stored)


@pytest.fixture
def six_answers():
    survey, questions = an_open_survey_with_questions(results_public=True)
    yes = {"ipv": "ja", "web_course": "ja", "honour": "ja", "infogenerator": "Ofta", "trained": 10}
    answered_by(
        survey,
        questions,
        {
            "Södertälje": {**yes, "comment": "Vi behöver mer stöd."},
            "Botkyrka": yes,
            "Nacka": yes,
            "Solna": yes,
            "Huddinge": {
                **yes,
                "web_course": "nej",
                "honour": "nej",
                "infogenerator": "Aldrig",
                "trained": 40,
            },
            "Täby": {"ipv": "nej", "honour": "ja", "infogenerator": "Ibland", "trained": 10},
        },
    )
    survey.status = SurveyStatus.CLOSED
    survey.save()
    return survey, questions


def the(results, question):
    return next(r for r in results.questions if r.question.pk == question.pk)


def test_counts_and_shares_per_question_over_the_municipalities_that_answered(six_answers):
    survey, questions = six_answers
    results = survey_results(survey, public=False)
    ipv = the(results, questions["ipv"])
    assert ipv.answered == 6 and [(c.answer, c.count, round(c.share)) for c in ipv.cells] == [
        ("ja", 5, 83),
        ("nej", 1, 17),
    ]
    web_course = the(results, questions["web_course"])
    assert web_course.asked == 5 and web_course.answered == 5  # asked only where the answer was yes
    numbers = the(results, questions["trained"]).numbers
    assert (numbers.count, numbers.mean, numbers.median, numbers.smallest, numbers.largest) == (
        6,
        15,
        10,
        10,
        40,
    )
    assert the(results, questions["comment"]).texts == [("Södertälje", "Vi behöver mer stöd.")]


def test_public_results_hide_counts_below_five_and_never_show_free_text(
    six_answers, anonymous_visitor
):
    survey, questions = six_answers
    results = survey_results(survey, public=True)
    ipv = the(results, questions["ipv"])
    assert [(c.count, c.suppressed, round(c.share)) for c in ipv.cells] == [
        (5, False, 83),
        (None, True, 17),
    ]
    numbers = the(results, questions["trained"]).numbers
    assert numbers.smallest is None and numbers.largest is None and numbers.mean == 15
    page = anonymous_visitor.get(f"/enkater/resultat/{survey.pk}/").content.decode()
    assert "färre än 5" in page and "Vi behöver mer stöd" not in page and "Södertälje" not in page
    document = anonymous_visitor.get(f"/enkater/resultat/{survey.pk}.json").json()
    counts = [row["count"] for row in document["results"] if row["question_number"] == "1"]
    assert counts == [5, None] and document["suppress_below"] == 5
    twin = anonymous_visitor.get(f"/enkater/resultat/{survey.pk}.csv").content.decode("utf-8-sig")
    assert "Vi behöver mer stöd" not in twin
    assert (
        f"/enkater/resultat/{survey.pk}.json"
        in anonymous_visitor.get(f"/enkater/resultat/{survey.pk}/")["Link"]
    )


def test_the_threshold_follows_the_setting(six_answers, settings):
    survey, questions = six_answers
    settings.SUPPRESS_BELOW = 7
    ipv = the(survey_results(survey, public=True), questions["ipv"])
    assert ipv.answered_suppressed and all(c.suppressed for c in ipv.cells)


def test_results_are_public_only_when_closed_and_chosen_to_be(six_answers, anonymous_visitor):
    survey, _questions = six_answers
    survey.results_public = False
    survey.save()
    assert anonymous_visitor.get(f"/enkater/resultat/{survey.pk}/").status_code == 404
    assert anonymous_visitor.get(f"/enkater/resultat/{survey.pk}.json").status_code == 404


def test_the_editor_exports_results_as_csv_and_every_answer_as_xlsx(
    six_answers, client, stockholm_editor
):
    survey, questions = six_answers
    client.force_login(stockholm_editor)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/enkater/{survey.pk}/resultat.csv").content.decode("utf-8-sig")
            ),
        )
    )
    assert rows[0][:4] == ["question_number", "question", "kind", "answered"]
    assert ["1", questions["ipv"].text, "janej", "6", "Nej", "1", "16.7", "", "", "nej"] in rows
    workbook = load_workbook(io.BytesIO(client.get(f"/enkater/{survey.pk}/resultat.xlsx").content))
    answers_sheet = workbook.worksheets[1]
    municipalities = [row[1] for row in answers_sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(municipalities) == sorted(STOCKHOLM_MUNICIPALITIES)
    assert any(
        "Vi behöver mer stöd." in (row or ()) for row in answers_sheet.iter_rows(values_only=True)
    )


def test_a_share_becomes_a_new_user_indicator_at_lan_level_with_the_survey_as_source(
    six_answers, stockholm_editor
):
    _survey, questions = six_answers
    published = publish_share(
        questions["ipv"],
        "ja",
        stockholm_editor,
        new_indicator=NewIndicator(
            "Andel kommuner som erbjuder baskunskaper",
            "Share of municipalities offering basic knowledge",
            goal=Indicator.objects.get(id="oj-standardiserad-bedomningsmetod").goal,
        ),
    )
    indicator = published.indicator
    assert (
        indicator.origin,
        indicator.levels,
        indicator.goal_id,
        indicator.unit,
        indicator.status,
    ) == (Origin.USER, ["lan"], 4, "procent", "indikator")
    observation = Observation.objects.get(indicator=indicator)
    assert (observation.territory_id, observation.period_start, observation.value) == (
        "01",
        2025,
        83,
    )
    assert observation.batch.kind == BatchKind.SURVEY and observation.batch.user == stockholm_editor
    assert (
        observation.batch.source
        == "Baskunskaper i kommunerna, Länsstyrelsen i Stockholms län, 2025"
    )
    assert "6 kommuner svarade på frågan" in observation.note
    assert (published.numerator, published.denominator) == (5, 6)


def test_publishing_again_into_the_existing_indicator_updates_the_figure_with_its_provenance(
    six_answers, stockholm_editor
):
    _survey, questions = six_answers
    first = publish_share(
        questions["ipv"],
        "ja",
        stockholm_editor,
        new_indicator=NewIndicator(
            "Andel kommuner med baskunskaper",
            "Share with basic knowledge",
            goal=Indicator.objects.first().goal,
        ),
    )
    second = publish_share(questions["ipv"], "nej", stockholm_editor, indicator=first.indicator)
    observation = Observation.objects.get(indicator=first.indicator)
    assert observation.value == 17 and observation.batch_id == second.batch_id
    assert observation.revisions.get().old_value == 83


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (
            lambda survey, q: (setattr(survey, "status", SurveyStatus.OPEN), survey.save()),
            "Stäng enkäten först",
        ),
        (lambda survey, q: None, "inget svarsalternativ"),
    ],
)
def test_publishing_is_refused_with_a_reason_and_nothing_is_saved(
    six_answers, stockholm_editor, setup, message
):
    survey, questions = six_answers
    setup(survey, questions)
    before = (
        Indicator.objects.count(),
        ImportBatch.objects.count(),
        PublishedShare.objects.count(),
    )
    with pytest.raises(PublishProblem, match=message):
        publish_share(
            questions["ipv"],
            "kanske",
            stockholm_editor,
            new_indicator=NewIndicator("Ny", "New", goal=Indicator.objects.first().goal),
        )
    assert (
        Indicator.objects.count(),
        ImportBatch.objects.count(),
        PublishedShare.objects.count(),
    ) == before


def test_only_survey_indicators_take_survey_shares_and_only_the_counties_own_editors_publish(
    six_answers, stockholm_editor, skane_editor, client
):
    survey, questions = six_answers
    with pytest.raises(PublishProblem, match="tar inte emot enkätandelar"):
        publish_share(
            questions["ipv"], "ja", stockholm_editor, indicator=Indicator.objects.get(id="ntu-hot")
        )
    with pytest.raises(PublishProblem, match="Bara länets redaktörer"):
        publish_share(
            questions["ipv"],
            "ja",
            skane_editor,
            new_indicator=NewIndicator("Ny", "New", goal=Indicator.objects.first().goal),
        )
    client.force_login(stockholm_editor)
    missing = client.post(
        f"/enkater/{survey.pk}/fragor/{questions['ipv'].pk}/publicera/",
        {"answer": "ja", "year": "2025", "target": "ny", "name_sv": "", "name_en": ""},
    )
    assert (
        missing.status_code == 400
        and "behöver ett namn på svenska och engelska" in missing.content.decode()
    )


def test_the_reports_shares_can_be_published_with_the_report_in_the_note(stockholm_editor):
    shipped = Survey.objects.get(key="stockholm-2018-baskunskaper")
    question = shipped.questions.get(reported_share=73)
    published = publish_share(
        question,
        "ja",
        stockholm_editor,
        new_indicator=NewIndicator(
            "Andel kommuner som erbjuder baskunskaper inom våld i nära relation",
            "Share offering basic knowledge on IPV",
            goal=Indicator.objects.get(id="oj-standardiserad-bedomningsmetod").goal,
        ),
    )
    observation = Observation.objects.get(indicator=published.indicator)
    assert (observation.value, observation.period_start, observation.territory_id) == (
        73,
        2018,
        "01",
    )
    assert "Rapport 2019:6" in observation.note and not observation.is_example


def test_a_published_share_shows_in_the_county_report_and_the_reports_survey_in_its_survey_section(
    six_answers, stockholm_editor
):
    from lagesbild.reports.services import build, report_key

    _survey, questions = six_answers
    published = publish_share(
        questions["ipv"],
        "ja",
        stockholm_editor,
        new_indicator=NewIndicator(
            "Andel kommuner som erbjuder baskunskaper",
            "Share offering basic knowledge",
            goal=Indicator.objects.get(id="oj-standardiserad-bedomningsmetod").goal,
        ),
    )
    report = build(report_key("01", 2025))
    assert report.section(f"indikator-{published.indicator.pk}") is not None
    report_2018 = build(report_key("01", 2018))
    survey_section = report_2018.section("enkater")
    table = next(block for block in survey_section.blocks if hasattr(block, "rows"))
    assert [row[2].text.replace("\u00a0", " ") for row in table.rows] == [
        "73 %",
        "59 %",
        "64 %",
        "13 %",
        "14 %",
    ]
