"""The county board's activities: registered by the county's editors, summed per county, year,
sub-assignment and goal, exported, never deleted; and the report's 2018 activities as shipped."""

import csv
import io

import pytest
from openpyxl import load_workbook

from lagesbild.activities.models import Activity, SubAssignment
from lagesbild.activities.summaries import filtered, for_report, summarise
from lagesbild.core.bootstrap import initialise
from lagesbild.sources.published import REPORT_2019_6


def a_form(**overrides) -> dict:
    """What an editor posts when registering a training, with one reach figure."""
    data = {
        "kind": "utbildning",
        "title": "FREDA-kortfrågor för hemtjänsten",
        "year": "2024",
        "start_date": "2024-03-12",
        "end_date": "2024-03-12",
        "sub_assignment": "5",
        "goal": "2",
        "target_groups": ["socialtjanst"],
        "participants": "35",
        "participants_qualifier": "exakt",
        "sessions": "1",
        "partners": "NCK",
        "description": "Halvdag om att ställa frågor om våld.",
        "links": "https://www.nck.uu.se/",
        "rackvidd-TOTAL_FORMS": "2",
        "rackvidd-INITIAL_FORMS": "0",
        "rackvidd-0-measure": "anvandare",
        "rackvidd-0-value": "120",
        "rackvidd-0-qualifier": "ungefar",
        "rackvidd-0-label": "användare av filmerna",
        "rackvidd-1-qualifier": "exakt",
    }
    data.update(overrides)
    return data


def test_an_editor_registers_an_activity_with_participants_and_reach(client, stockholm_editor):
    client.force_login(stockholm_editor)
    saved = client.post("/aktiviteter/hantera/ny/", a_form())
    assert saved.status_code == 302
    activity = Activity.objects.get(title="FREDA-kortfrågor för hemtjänsten")
    assert (
        activity.county_id,
        activity.year,
        activity.sub_assignment_id,
        activity.goal_id,
        activity.participants,
    ) == ("01", 2024, 5, 2, 35)
    assert activity.reach == [
        {
            "measure": "anvandare",
            "value": 120,
            "qualifier": "ungefar",
            "of_total": None,
            "label": "användare av filmerna",
        }
    ]
    assert [g.code for g in activity.target_groups.all()] == ["socialtjanst"]
    assert (
        activity.history.count() == 1 and activity.history.first().history_user == stockholm_editor
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants", "sjuttio", "Skriv ett heltal med siffror"),
        ("start_date", "12 mars", "ÅÅÅÅ-MM-DD"),
        ("start_date", "2023-03-12", "Startdatumet ligger inte i året 2024"),
        ("end_date", "2024-03-01", "Slutdatumet kan inte vara före startdatumet"),
        ("links", "nck punkt se", "är ingen webbadress"),
        ("rackvidd-0-value", "många", "Skriv ett heltal med siffror"),
        ("sub_assignment", "7", "Välj ett giltigt alternativ"),
    ],
)
def test_bad_input_is_refused_with_the_reason_and_nothing_changes(
    client, stockholm_editor, field, value, message
):
    client.force_login(stockholm_editor)
    client.post("/aktiviteter/hantera/ny/", a_form())
    activity = Activity.objects.get(title="FREDA-kortfrågor för hemtjänsten")
    refused = client.post(
        f"/aktiviteter/hantera/{activity.pk}/", a_form(**{field: value, "title": "Ändrad titel"})
    )
    assert refused.status_code == 400 and message in refused.content.decode()
    activity.refresh_from_db()
    assert activity.title == "FREDA-kortfrågor för hemtjänsten" and activity.history.count() == 1


def test_another_county_cannot_change_an_activity_and_is_told_whose_it_is(
    client, stockholm_editor, skane_editor
):
    activity = Activity.objects.get(key="sthlm-2018-regional-konferens")
    client.force_login(skane_editor)
    refused = client.post(f"/aktiviteter/hantera/{activity.pk}/", a_form(title="Skånes ändring"))
    assert refused.status_code == 403 and "Stockholms län" in refused.content.decode()
    assert client.post(f"/aktiviteter/hantera/{activity.pk}/arkivera/").status_code == 403
    activity.refresh_from_db()
    assert activity.title.startswith("Regional konferens") and not activity.archived
    assert "Regional konferens" not in client.get("/aktiviteter/hantera/").content.decode()


def test_an_archived_activity_stays_with_its_history_but_leaves_the_sums(client, stockholm_editor):
    activity = Activity.objects.get(key="sthlm-2018-regional-konferens")
    before = summarise(filtered(county="01", year=2018)).total.participants
    client.force_login(stockholm_editor)
    client.post(f"/aktiviteter/hantera/{activity.pk}/arkivera/")
    activity.refresh_from_db()
    assert activity.archived and Activity.objects.filter(pk=activity.pk).exists()
    assert summarise(filtered(county="01", year=2018)).total.participants == before - 150
    assert client.get(f"/aktiviteter/{activity.pk}/").status_code == 404
    history = client.get(f"/aktiviteter/hantera/{activity.pk}/historik/").content.decode()
    assert "arkiverad" in history and "stina.stockholm" in history


def test_the_reports_2018_activities_are_loaded_with_the_report_as_source():
    activities = Activity.objects.filter(county_id="01", year=2018)
    assert activities.count() == 19 and not activities.filter(is_example=True).exists()
    assert all(a.source.startswith(REPORT_2019_6) for a in activities)
    freda = activities.get(key="sthlm-2018-freda-bedomningsmetoder")
    assert (freda.participants, freda.participants_qualifier) == (70, "exakt")
    intersectional = activities.get(key="sthlm-2018-intersektionella-perspektiv")
    assert (intersectional.participants, intersectional.participants_qualifier) == (75, "ungefar")
    conference = activities.get(key="sthlm-2018-regional-konferens")
    assert (
        conference.participants,
        conference.start_date.isoformat(),
        conference.sub_assignment_id,
    ) == (150, "2018-11-23", 6)
    web_course = activities.get(key="sthlm-2018-webbkurs-vald")
    figure = web_course.reach[0]
    assert (figure["measure"], figure["value"], figure["qualifier"], figure["of_total"]) == (
        "anvandare",
        3540,
        "exakt",
        14160,
    )
    assert [s.number for s in SubAssignment.objects.all()] == [1, 2, 3, 4, 5, 6]


def test_sums_per_sub_assignment_goal_and_kind_for_stockholm_2018():
    summary = for_report("01", 2018)
    by_sub = {s.key: s for s in summary.by_sub_assignment}
    assert summary.total.activities == 19
    assert (
        summary.total.participants == 70 + 75 + 150
        and summary.total.participants_qualifier == "ungefar"
    )
    assert by_sub["5"].participants == 145 and by_sub["6"].participants == 150
    people = by_sub["4"].reach_rows[0]
    assert people == (
        "personer nådda",
        21347 + 300000,
        "minst",
    )  # "över 300 000" makes the sum a lower bound
    assert by_sub["5"].reach == {"anvandare": 3540}
    assert {s.key for s in summary.by_goal} == {"1", "2", "4", "0"}


def test_the_public_summary_filters_and_answers_as_json_csv_and_xlsx(anonymous_visitor):
    page = anonymous_visitor.get("/aktiviteter/", {"lan": "01", "ar": "2018", "deluppdrag": "5"})
    text = page.content.decode()
    assert "Att utreda våldsutsattas behov av stöd och skydd med FREDA bedömningsmetoder" in text
    assert "Regional konferens" not in text
    assert "/aktiviteter.json?" in page["Link"]
    document = anonymous_visitor.get("/aktiviteter.json", {"lan": "01", "ar": "2018"}).json()
    assert document["total"]["participants"] == 295 and "notice" not in document
    rows = list(
        csv.DictReader(
            io.StringIO(
                anonymous_visitor.get("/aktiviteter.csv", {"mal": "0"}).content.decode("utf-8-sig")
            ),
        )
    )
    assert {r["goal"] for r in rows} == {""} and len(rows) == 3
    sheet = load_workbook(
        io.BytesIO(anonymous_visitor.get("/aktiviteter.xlsx").content)
    ).worksheets[0]
    assert sheet.max_row == 20


@pytest.mark.parametrize("query", [{"ar": "tjugoarton"}, {"lan": "99"}, {"mal": "7"}])
def test_a_bad_filter_gets_a_400_page_naming_the_parameter(anonymous_visitor, query):
    refused = anonymous_visitor.get("/aktiviteter/", query)
    assert refused.status_code == 400 and next(iter(query)) in refused.content.decode()
    assert anonymous_visitor.get("/aktiviteter.json", query).status_code == 400


def test_the_summary_is_in_english_for_an_english_visitor(anonymous_visitor):
    page = anonymous_visitor.get("/en/aktiviteter/", {"lan": "01", "ar": "2018"}).content.decode()
    assert "Activities of the county administrative boards" in page and "Competence support" in page


def test_loading_the_shipped_activities_again_changes_nothing():
    before = Activity.history.count()
    assert initialise() == []
    assert Activity.history.count() == before
