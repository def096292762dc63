"""Every change an editor makes is in the audit log at /granskning/: who, when, what, before and after.
National administrators see every county's entries and filter them; a county editor sees their own
county's; anyone else is sent to the login or refused. The same entries download as a CSV file."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from lagesbild.accounts.models import Membership, Role
from lagesbild.audit import log
from lagesbild.audit.kinds import Criteria
from lagesbild.directory.editing import decide, request_approvals
from lagesbild.directory.models import CatchmentApproval, Organization, Service
from lagesbild.indicators.models import Indicator
from lagesbild.sources.importing import import_file
from lagesbild.surveys.answers import submit
from lagesbild.surveys.models import Invitation, Survey, SurveyStatus
from lagesbild.surveys.publishing import NewIndicator, publish_share
from tests.activities.test_activities import a_form as an_activity_form
from tests.builders import a_row, a_template_csv
from tests.conftest import make_person
from tests.directory.builders import a_filled_in_form
from tests.publications.test_publications import a_form as a_publication_form
from tests.surveys.builders import an_open_survey_with_questions, invite


def entries(**criteria):
    return log.entries(Criteria(**criteria), limit=1000)


def only(kind, **criteria):
    found = entries(kinds=(kind,), **criteria)
    assert found, f"no {kind} entry"
    return found


def changes_of(entry) -> dict:
    return {label: (before, after) for label, before, after in entry.changes}


def the_log_as_csv(client, query="") -> list[dict]:
    answer = client.get(f"/granskning/logg.csv{query}")
    assert answer.status_code == 200
    text = answer.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def uppsala_editor():
    return make_person("ulla.uppsala", Role.COUNTY_EDITOR, county="03")


# --- One test per kind of change ------------------------------------------------------------------


def test_a_new_service_and_its_edit_are_recorded_with_before_and_after(client, stockholm_editor):
    client.force_login(stockholm_editor)
    assert client.post("/verksamheter/ny/", a_filled_in_form()).status_code == 302
    service = Service.objects.get(name="Mottagningen Exempla")
    client.post(
        f"/verksamheter/{service.pk}/",
        a_filled_in_form(phone="000-765 43 21", catchment="Botkyrka, Huddinge"),
    )
    edit, created = only("service")[:2]
    assert created.action == "+" and created.who == "stina.stockholm" and created.county == "01"
    assert edit.action == "~" and edit.subject == "Mottagningen Exempla"
    changed = changes_of(edit)
    assert changed["telefon"] == ("000-123 45 67", "000-765 43 21")
    assert changed["kommuner eller län i upptagningsområdet"] == ("Botkyrka", "Botkyrka, Huddinge")
    assert changes_of(only("organization")[0])["namn"] == ("–", "Botkyrka kommun")


def test_catchment_approvals_are_recorded_for_both_counties(
    client, stockholm_editor, uppsala_editor
):
    client.force_login(stockholm_editor)
    client.post(
        "/verksamheter/ny/", a_filled_in_form(catchment="Botkyrka, Enköping", status="utkast")
    )
    service = Service.objects.get(name="Mottagningen Exempla")
    request_approvals(service, stockholm_editor)
    approval = CatchmentApproval.objects.get(service=service, county_id="03")
    decide(approval, uppsala_editor, True, "Enköping tar emot.")
    for county in ("01", "03"):
        decision = only("approval", county=county)[0]
        assert decision.who == "ulla.uppsala" and decision.action == "~"
        assert changes_of(decision)["status"] == ("Begärt", "Godkänt")
    assert not entries(kinds=("approval",), county="12")


def test_surveys_questions_and_answers_are_recorded(client, stockholm_editor):
    client.force_login(stockholm_editor)
    client.post("/enkater/ny/", {"county": "01", "title": "Rutiner 2025", "year": "2025"})
    survey = Survey.objects.get(title="Rutiner 2025")
    client.post(f"/enkater/{survey.pk}/andra/", {"title": "Rutiner i kommunerna", "year": "2025"})
    renamed = only("survey")[0]
    assert renamed.who == "stina.stockholm"
    assert changes_of(renamed)["titel"] == ("Rutiner 2025", "Rutiner i kommunerna")

    open_survey, questions = an_open_survey_with_questions()
    (invitation,) = invite(open_survey, "Södertälje")
    submit(invitation, {questions["ipv"].field_name: "ja"})
    answered = next(e for e in only("invitation") if e.action == "~")
    assert "svar inskickat" in changes_of(answered)
    assert "ingen inloggad användare" in answered.who
    assert only("question", county="01")


def test_publishing_a_survey_share_is_recorded(stockholm_editor):
    survey, questions = an_open_survey_with_questions()
    for invitation in invite(survey, "Södertälje", "Botkyrka", "Nacka", "Solna", "Täby"):
        submit(invitation, {questions["ipv"].field_name: "ja"})
    survey.status = SurveyStatus.CLOSED
    survey.save()
    publish_share(
        questions["ipv"],
        "ja",
        stockholm_editor,
        new_indicator=NewIndicator(
            "Andel kommuner som erbjuder baskunskaper",
            "Share of municipalities offering basic knowledge",
            goal=Indicator.objects.get(id="oj-standardiserad-bedomningsmetod").goal,
        ),
    )
    published = only("share", county="01")[0]
    assert published.action == "publish" and published.who == "stina.stockholm"
    assert changes_of(published)["svar"] == ("–", "ja")
    assert changes_of(published)["andel (procent)"] == ("–", "100")


def test_activities_are_recorded(client, stockholm_editor):
    client.force_login(stockholm_editor)
    client.post("/aktiviteter/hantera/ny/", an_activity_form())
    from lagesbild.activities.models import Activity

    activity = Activity.objects.get(title="FREDA-kortfrågor för hemtjänsten")
    client.post(f"/aktiviteter/hantera/{activity.pk}/arkivera/")
    archived, created = only("activity")[:2]
    assert created.action == "+" and archived.who == "stina.stockholm"
    assert changes_of(archived)["arkiverad"] == ("nej", "ja")


def test_publications_are_recorded(client, stockholm_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(stockholm_editor)
    client.post("/publikationer/hantera/ny/", a_publication_form())
    from lagesbild.publications.models import Publication

    publication = Publication.objects.get(number="2024:2")
    client.post(
        f"/publikationer/hantera/{publication.pk}/", a_publication_form(title="Våld mot äldre")
    )
    changed = only("publication")[0]
    assert changed.who == "stina.stockholm" and changes_of(changed)["titel"] == (
        "Våld mot äldre i länet",
        "Våld mot äldre",
    )


def test_report_texts_are_recorded(client, stockholm_editor):
    client.force_login(stockholm_editor)
    client.post("/rapporter/01/2018/kommentarer/", {"analys": "Första versionen."})
    client.post("/rapporter/01/2018/kommentarer/", {"analys": "Andra versionen."})
    changed = only("commentary", county="01")[0]
    assert changes_of(changed)["text"] == ("Första versionen.", "Andra versionen.")


def test_imports_are_recorded_with_what_each_changed_observation_held_before(
    stockholm_editor, tmp_path
):
    first = a_template_csv(tmp_path, [a_row(value="10")], name="a.csv")
    second = a_template_csv(tmp_path, [a_row(value="12")], name="b.csv")
    import_file(first, user=stockholm_editor, county="01")
    import_file(second, user=stockholm_editor, county="01")
    latest, earlier = only("import", county="01")[:2]
    assert latest.action == "import" and latest.who == "stina.stockholm"
    assert "1 rader: 0 nya, 1 ändrade" in latest.reason and "b.csv" in latest.reason
    ((observation, before, after),) = latest.changes
    assert (before, after) == ("10", "12") and "ntu-hot 01 2019" in observation
    assert "1 nya" in earlier.reason
    skane = entries(kinds=("import",), county="12")
    assert not [e for e in skane if e.who == "stina.stockholm"], (
        "Stockholm's imports are not Skåne's"
    )


def test_roles_given_in_the_admin_are_recorded(client, national_admin):
    national_admin.is_staff = True
    national_admin.save()
    client.force_login(national_admin)
    person = make_person("ny.redaktor")
    added = client.post(
        "/admin/accounts/membership/add/",
        {"user": person.pk, "role": "county_editor", "county": "01", "municipality": ""},
    )
    assert added.status_code == 302, added.content.decode()[-3000:]
    assert Membership.objects.get(user=person).county_id == "01"
    given = only("role", county="01")[0]
    assert given.who == "nora.nationell" and given.action == "+"
    assert changes_of(given)["roll"] == ("–", "Redaktör på länsstyrelse")


# --- Who sees what, filters and the file ----------------------------------------------------------


@pytest.fixture
def changes_in_two_counties(stockholm_editor, skane_editor):
    Organization.objects.create(name="Stockholms jour", county_id="01")
    organization = Organization.objects.get(name="Stockholms jour")
    organization.name = "Stockholms kvinnojour"
    organization._history_user = stockholm_editor
    organization.save()
    skane = Organization(name="Skånes jour", county_id="12")
    skane._history_user = skane_editor
    skane.save()


def test_a_national_administrator_sees_everything_and_filters_by_county_kind_and_person(
    client, national_admin, changes_in_two_counties
):
    client.force_login(national_admin)
    page = client.get("/granskning/").content.decode()
    assert "Stockholms kvinnojour" in page and "Skånes jour" in page
    stockholm = client.get("/granskning/?lan=01").content.decode()
    assert "Stockholms kvinnojour" in stockholm and "Skånes jour" not in stockholm
    by_person = client.get("/granskning/?anvandare=sven").content.decode()
    assert "Skånes jour" in by_person and "Stockholms kvinnojour" not in by_person
    other_kind = client.get("/granskning/?slag=activity").content.decode()
    assert "Skånes jour" not in other_kind


def test_the_date_range_includes_both_days(client, national_admin, changes_in_two_counties):
    client.force_login(national_admin)
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    assert "Skånes jour" in client.get(f"/granskning/?fran={today}&till={today}").content.decode()
    assert "Skånes jour" not in (
        client.get(f"/granskning/?fran={yesterday}&till={yesterday}").content.decode()
    )
    assert client.get(f"/granskning/?fran={today}&till={yesterday}").status_code == 400
    assert client.get("/granskning/?fran=igår").status_code == 400


def test_a_county_editor_sees_only_their_own_county(
    client, stockholm_editor, changes_in_two_counties
):
    client.force_login(stockholm_editor)
    page = client.get("/granskning/?lan=12").content.decode()
    assert "Stockholms kvinnojour" in page and "Skånes jour" not in page
    rows = the_log_as_csv(client, "?lan=12")
    assert {row["Län"] for row in rows} == {"01"}


def test_people_without_an_editor_role_cannot_read_the_log(client, municipal_respondent):
    answer = client.get("/granskning/")
    assert answer.status_code == 302 and answer["Location"].startswith("/konto/logga-in/")
    assert client.get("/granskning/logg.csv").status_code == 302
    client.force_login(municipal_respondent)
    assert client.get("/granskning/").status_code == 403
    assert client.get("/granskning/logg.csv").status_code == 403


def test_the_csv_has_swedish_headers_and_one_row_per_changed_field(
    client, national_admin, changes_in_two_counties
):
    client.force_login(national_admin)
    rows = the_log_as_csv(client, "?slag=organization&lan=01")
    assert list(rows[0]) == log.COLUMNS
    renamed = [r for r in rows if r["Händelse"] == "ändrad"]
    assert renamed == [
        {
            **renamed[0],
            "Användare": "stina.stockholm",
            "Slag": "Huvudman",
            "Vad": "Stockholms kvinnojour",
            "Fält": "namn",
            "Före": "Stockholms jour",
            "Efter": "Stockholms kvinnojour",
        }
    ]
    workbook_answer = client.get("/granskning/logg.xlsx?slag=organization")
    assert workbook_answer.status_code == 200


def test_the_log_speaks_english_to_an_english_reader(
    client, national_admin, changes_in_two_counties
):
    client.force_login(national_admin)
    page = client.get("/en/granskning/").content.decode()
    assert "Audit log" in page and "Principal organisation" in page


def test_the_log_pages_through_many_entries(client, national_admin, stockholm_editor):
    for n in range(log.PAGE_SIZE + 5):
        organization = Organization(name=f"Jour {n:03d}", county_id="01")
        organization._history_user = stockholm_editor
        organization.save()
    client.force_login(national_admin)
    first = client.get("/granskning/?slag=organization").content.decode()
    second = client.get("/granskning/?slag=organization&sida=2").content.decode()
    assert "Jour 104" in first and "Jour 000" not in first
    assert "Jour 000" in second and "Jour 104" not in second
    assert client.get("/granskning/?sida=x").status_code == 200


def test_invitations_of_every_kind_are_counted(stockholm_editor):
    survey, _questions = an_open_survey_with_questions()
    invite(survey, "Södertälje")
    assert log.count(Criteria(kinds=("invitation",), county="01")) == Invitation.objects.count()
