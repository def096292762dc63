"""One access scope: for every model a person can edit, each persona may change exactly what their
county board is responsible for, and a refusal is the same 403 page everywhere."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from lagesbild.accounts.scope import scope_of
from lagesbild.activities.models import Activity, SubAssignment
from lagesbild.directory.editing import request_approvals
from lagesbild.directory.models import CatchmentLevel, ServiceStatus
from lagesbild.publications.models import Publication, PublicationStatus
from lagesbild.reports.models import Commentary, ReportSettings
from tests.directory.builders import a_service, an_organization
from tests.surveys.builders import an_open_survey_with_questions

PERSONAS = [
    "stockholm_editor",
    "skane_editor",
    "national_admin",
    "municipal_respondent",
    "anonymous",
]
# Who may change a record owned by Stockholm (01), by Skåne (12) and by the nation (00).
MAY_EDIT = {
    "stockholm_editor": {"01"},
    "skane_editor": {"12"},
    "national_admin": {"01", "12", "00"},
    "municipal_respondent": set(),
    "anonymous": set(),
}


def stockholm_service():
    return a_service("Jouren i Botkyrka", county="01")


def an_approval_asked_of_skane(user):
    """A Stockholm service reaching into Malmö asks Skåne: Skåne decides, not Stockholm."""
    service = a_service(
        "Gränsjouren",
        catchment=(CatchmentLevel.MUNICIPALITIES, ["0127", "1280"]),
        status=ServiceStatus.DRAFT,
    )
    return request_approvals(service, user)[0]


def an_activity(county="01"):
    return Activity.objects.create(
        county_id=county,
        kind="utbildning",
        title="Utbildning om våld",
        year=2025,
        sub_assignment=SubAssignment.objects.get(number=1),
    )


def a_publication(county="01"):
    return Publication.objects.create(
        county_id=county,
        title="Lägesbild 2025",
        publisher="Länsstyrelsen",
        description_sv="En rapport.",
        status=PublicationStatus.PUBLISHED,
    )


# Every model with a `can_edit` (or `can_decide`) rule, how to build one, and whose it is.
EDITABLE = {
    "directory.Service": (lambda admin: stockholm_service(), "01", "can_edit"),
    "directory.Organization": (lambda admin: an_organization(county="12"), "12", "can_edit"),
    "directory.CatchmentApproval": (an_approval_asked_of_skane, "12", "can_decide"),
    "activities.Activity": (lambda admin: an_activity(), "01", "can_edit"),
    "publications.Publication": (lambda admin: a_publication("00"), "00", "can_edit"),
    "surveys.Survey": (lambda admin: an_open_survey_with_questions()[0], "01", "can_edit"),
    "surveys.Question": (
        lambda admin: next(iter(an_open_survey_with_questions()[1].values())),
        "01",
        "can_edit",
    ),
    "reports.ReportSettings": (
        lambda admin: ReportSettings.objects.create(territory_id="01"),
        "01",
        "can_edit",
    ),
    "reports.Commentary": (
        lambda admin: Commentary.objects.create(territory_id="12", year=2025, section="analys"),
        "12",
        "can_edit",
    ),
}


@pytest.fixture
def person(request):
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


def test_the_table_names_every_editable_model():
    """A new model with an editing rule must be added to the table above, so its rule is tested."""
    editable = {
        m._meta.label
        for m in apps.get_models()
        if hasattr(m, "can_edit") or hasattr(m, "can_decide")
    }
    assert editable == set(EDITABLE)


@pytest.mark.parametrize("person", PERSONAS, indirect=True, ids=PERSONAS)
@pytest.mark.parametrize("label", sorted(EDITABLE))
def test_each_persona_may_change_exactly_their_county_s_records(
    request, person, label, national_admin
):
    build, owner, rule = EDITABLE[label]
    record = build(national_admin)
    name = request.node.callspec.params["person"]
    expected = owner in MAY_EDIT[name]
    assert getattr(record, rule)(person) is expected
    scope = scope_of(person)
    assert scope.may_edit_county(owner) is expected
    model = type(record)
    field = "county" if hasattr(model, "county") else "territory"
    mine = (
        scope.filter(model.objects.filter(pk=record.pk), field) if hasattr(model, field) else None
    )
    if mine is not None:
        assert mine.exists() is expected


@pytest.mark.parametrize("person", PERSONAS, indirect=True, ids=PERSONAS)
def test_the_counties_a_person_may_choose(person, request):
    name = request.node.callspec.params["person"]
    codes = list(scope_of(person).counties(with_riket=True).values_list("code", flat=True))
    if name == "national_admin":
        assert len(codes) == 22 and "00" in codes
    else:
        assert set(codes) == MAY_EDIT[name]


@pytest.mark.parametrize(
    "page",
    [
        "/verksamheter/{service}/",
        "/aktiviteter/hantera/{activity}/",
        "/publikationer/hantera/{publication}/",
        "/enkater/{survey}/andra/",
        "/rapporter/01/2018/kommentarer/",
    ],
)
def test_every_editing_page_refuses_another_county_with_the_same_403_page(
    client, skane_editor, page
):
    records = {
        "service": stockholm_service().pk,
        "activity": an_activity().pk,
        "publication": a_publication().pk,
        "survey": an_open_survey_with_questions()[0].pk,
    }
    client.force_login(skane_editor)
    response = client.get(page.format(**records))
    assert response.status_code == 403
    assert next(t.name for t in response.templates) == "accounts/forbidden.html"
    assert "ansvaras för av Stockholms län" in response.content.decode()


def test_a_person_who_edits_nothing_is_refused_with_the_same_page(client, municipal_respondent):
    client.force_login(municipal_respondent)
    response = client.get("/aktiviteter/hantera/")
    assert response.status_code == 403
    assert next(t.name for t in response.templates) == "accounts/forbidden.html"
    assert "redaktörer" in response.content.decode()
