"""One content version: whatever an editor changes shows at once on every page, twin, API answer and
report page that shows it, although each of them was cached a moment before."""

from __future__ import annotations

import pytest

from lagesbild.activities.models import Activity
from lagesbild.indicators.models import Indicator
from lagesbild.surveys.models import Survey, SurveyStatus
from lagesbild.surveys.publishing import NewIndicator, publish_share
from tests.directory.builders import a_filled_in_form, a_service
from tests.surveys.builders import an_open_survey_with_questions
from tests.surveys.test_results_and_publishing import answered_by

REPORT = "/rapporter/01/2018/"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def warm(client, *addresses) -> None:
    """Visits each address so that its answer is in every cache."""
    for address in addresses:
        assert client.get(address).status_code == 200, address


def text_of(client, address: str) -> str:
    return client.get(address).content.decode()


def test_an_edited_activity_shows_at_once(client, stockholm_editor):
    activity = Activity.objects.filter(county_id="01", year=2018).order_by("pk").first()
    pages = ["/aktiviteter/", "/aktiviteter.json", f"/aktiviteter/{activity.pk}/", REPORT]
    warm(client, *pages)
    client.force_login(stockholm_editor)
    form = client.get(f"/aktiviteter/hantera/{activity.pk}/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {
        "title": "Nätverksträff om våld i nära relation, omdöpt",
        "rackvidd-TOTAL_FORMS": "0",
        "rackvidd-INITIAL_FORMS": "0",
        "target_groups": [t.pk for t in activity.target_groups.all()],
    }
    data.pop("county", None)
    assert client.post(f"/aktiviteter/hantera/{activity.pk}/", data).status_code == 302
    client.logout()
    for page in pages:
        assert "omdöpt" in text_of(client, page), page


def test_an_edited_survey_result_shows_at_once(client):
    survey = Survey.objects.get(key="stockholm-2018-baskunskaper")
    question = survey.questions.filter(reported_share__isnull=False).order_by("position").first()
    pages = [f"/enkater/resultat/{survey.pk}/", f"/enkater/resultat/{survey.pk}.json", REPORT]
    warm(client, *pages)
    question.reported_share = 99  # a transcription corrected in the admin
    question.save()
    for page in pages:
        assert "99" in text_of(client, page), page


def test_an_edited_service_shows_at_once(client, stockholm_editor):
    service = a_service("Jouren i Botkyrka")
    pages = [
        "/hitta-stod/?kommun=Botkyrka",
        f"/hitta-stod/verksamhet/{service.pk}/",
        f"/hsds/services/{service.pk}",
        "/hsds/services",
        "/hitta-stod/matris.csv",
        REPORT,
    ]
    warm(client, *pages)
    client.force_login(stockholm_editor)
    response = client.post(
        f"/verksamheter/{service.pk}/",
        a_filled_in_form(
            "Kvinnojouren Botkyrka Norra",
            new_organization=None,
            organization=service.organization_id,
        ),
    )
    assert response.status_code == 302
    client.logout()
    for page in pages[:-1]:
        assert "Botkyrka Norra" in text_of(client, page), page
    assert "Kvinnojouren Botkyrka Norra" not in text_of(client, REPORT), (
        "reports count services, not names"
    )


def test_an_analyst_text_shows_at_once_on_the_page_and_in_the_files(client, stockholm_editor):
    warm(client, REPORT, f"{REPORT}rapport.html")
    client.force_login(stockholm_editor)
    client.post(f"{REPORT}kommentarer/", {"analys": "Länets analys skrevs om i dag."})
    client.logout()
    assert "Länets analys skrevs om i dag." in text_of(client, REPORT)
    assert "Länets analys skrevs om i dag." in text_of(client, f"{REPORT}rapport.html")


def test_a_renamed_survey_and_a_published_share_show_at_once(client, stockholm_editor):
    """A survey's new title reaches its public results; publishing a share reaches the lab and the API."""
    survey, questions = an_open_survey_with_questions(results_public=True)
    answered_by(
        survey,
        questions,
        {name: {"ipv": "ja"} for name in ("Södertälje", "Botkyrka", "Nacka", "Solna", "Täby")},
    )
    survey.status = SurveyStatus.CLOSED
    survey.save()
    results = [
        f"/enkater/resultat/{survey.pk}/",
        f"/enkater/resultat/{survey.pk}.json",
        "/enkater/resultat/",
    ]
    warm(client, *results)
    survey.title = "Baskunskaper i länets kommuner 2025"
    survey.save()
    for page in results:
        assert "Baskunskaper i länets kommuner 2025" in text_of(client, page), page

    pages = [
        "/api/v1/indicators",
        "/sok/?q=baskunskaper",
        "/api/v1/observations?territory=01&level=lan",
    ]
    warm(client, *pages)
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
    for page in pages:
        assert published.indicator.id in text_of(client, page), page
