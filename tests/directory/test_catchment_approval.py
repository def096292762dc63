"""A county editor cannot publish into another county's catchment until that county approves; the
other county's editor (or the national administrator) decides, and a refusal carries a reason."""

import pytest
from django.core.exceptions import PermissionDenied

from lagesbild.directory.editing import decide, request_approvals
from lagesbild.directory.models import ApprovalStatus, CatchmentLevel, Service, ServiceStatus

from .builders import a_filled_in_form, a_service


def a_draft_reaching_into_uppsala(editor):
    """Stockholm's service for Botkyrka and Enköping (Uppsala län), saved as a draft by its editor."""
    return a_service(
        "Gränsjouren",
        catchment=(CatchmentLevel.MUNICIPALITIES, ["0127", "0381"]),
        status=ServiceStatus.DRAFT,
        user=editor,
    )


def test_the_catchment_needs_the_approval_of_each_other_county_it_reaches(stockholm_editor):
    service = a_draft_reaching_into_uppsala(stockholm_editor)
    assert service.foreign_counties() == {"03"}
    assert service.publish_blockers(stockholm_editor) == ["03"]


def test_publishing_is_blocked_with_a_clear_message_until_approved(as_person, stockholm_editor):
    service = a_draft_reaching_into_uppsala(stockholm_editor)
    client = as_person(stockholm_editor)
    response = client.post(
        f"/verksamheter/{service.pk}/",
        a_filled_in_form("Gränsjouren", catchment="Botkyrka, Enköping"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Kan inte publiceras ännu" in page and "Uppsala län" in page and "begär godkännande" in page
    )
    service.refresh_from_db()
    assert service.status == ServiceStatus.DRAFT


def test_the_editor_requests_and_the_other_county_approves_then_publishing_works(
    as_person, stockholm_editor, uppsala_editor
):
    service = a_draft_reaching_into_uppsala(stockholm_editor)
    as_person(stockholm_editor).post(f"/verksamheter/{service.pk}/godkannande/")
    approval = service.approvals.get()
    assert approval.county_id == "03" and approval.status == ApprovalStatus.REQUESTED

    uppsala = as_person(uppsala_editor)
    assert "Gränsjouren" in uppsala.get("/verksamheter/godkannanden/").content.decode()
    uppsala.post(
        f"/verksamheter/godkannanden/{approval.pk}/", {"decision": "godkann", "reason": ""}
    )
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.APPROVED and approval.decided_by == uppsala_editor

    stockholm = as_person(stockholm_editor)
    response = stockholm.post(
        f"/verksamheter/{service.pk}/",
        a_filled_in_form("Gränsjouren", catchment="Botkyrka, Enköping"),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.status == ServiceStatus.PUBLISHED


def test_a_refusal_needs_a_reason_and_keeps_publishing_blocked(
    as_person, stockholm_editor, uppsala_editor
):
    service = a_draft_reaching_into_uppsala(stockholm_editor)
    [approval] = request_approvals(service, stockholm_editor)
    client = as_person(uppsala_editor)
    without_reason = client.post(
        f"/verksamheter/godkannanden/{approval.pk}/", {"decision": "avsla", "reason": ""}
    )
    assert without_reason.status_code == 400 and "Skriv varför" in without_reason.content.decode()
    client.post(
        f"/verksamheter/godkannanden/{approval.pk}/",
        {"decision": "avsla", "reason": "Enköping har egen jour; hänvisa dit."},
    )
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.DECLINED and approval.reason.startswith("Enköping")
    assert service.publish_blockers(stockholm_editor) == ["03"]
    edit_page = as_person(stockholm_editor).get(f"/verksamheter/{service.pk}/").content.decode()
    assert "Enköping har egen jour" in edit_page


def test_only_the_other_county_or_the_national_admin_decides(
    stockholm_editor, skane_editor, uppsala_editor, national_admin
):
    service = a_draft_reaching_into_uppsala(stockholm_editor)
    [approval] = request_approvals(service, stockholm_editor)
    for outsider in (stockholm_editor, skane_editor):
        assert not approval.can_decide(outsider)
        with pytest.raises(PermissionDenied):
            decide(approval, outsider, True, "")
    assert approval.can_decide(uppsala_editor) and approval.can_decide(national_admin)


def test_another_county_cannot_request_approval_for_a_service_it_does_not_own(
    as_person, stockholm_editor, skane_editor
):
    service = a_draft_reaching_into_uppsala(stockholm_editor)
    assert (
        as_person(skane_editor).post(f"/verksamheter/{service.pk}/godkannande/").status_code == 403
    )
    assert not service.approvals.exists()


def test_a_catchment_of_the_whole_country_is_decided_by_the_national_admin(
    stockholm_editor, national_admin
):
    service = a_service(
        "Rikslinjen", catchment=(CatchmentLevel.NATION, []), status=ServiceStatus.DRAFT
    )
    assert service.publish_blockers(stockholm_editor) == ["00"]
    [approval] = request_approvals(service, stockholm_editor)
    decide(approval, national_admin, True, "")
    assert service.publish_blockers(stockholm_editor) == []


def test_the_national_admin_publishes_anywhere(national_admin):
    service = a_service(
        "Gränsjouren", catchment=(CatchmentLevel.COUNTIES, ["01", "03"]), status=ServiceStatus.DRAFT
    )
    assert service.publish_blockers(national_admin) == []


def test_a_catchment_within_the_own_county_needs_no_approval(as_person, stockholm_editor):
    client = as_person(stockholm_editor)
    assert (
        client.post(
            "/verksamheter/ny/", a_filled_in_form(catchment_level="lan", catchment="Stockholms län")
        ).status_code
        == 302
    )
    assert Service.objects.get().status == ServiceStatus.PUBLISHED


def approved_for_enkoping(stockholm_editor, uppsala_editor):
    """Stockholm's published service for Botkyrka and Enköping, after Uppsala approved Enköping."""
    service = a_draft_reaching_into_uppsala(stockholm_editor)
    [approval] = request_approvals(service, stockholm_editor)
    decide(approval, uppsala_editor, approve=True, reason="")
    approval.refresh_from_db()
    assert approval.areas == ["0381"]
    service.status = ServiceStatus.PUBLISHED
    service.save()
    return service


def test_an_approval_names_the_areas_and_widening_unpublishes_until_approved(
    as_person, stockholm_editor, uppsala_editor
):
    service = approved_for_enkoping(stockholm_editor, uppsala_editor)
    client = as_person(stockholm_editor)

    same = client.post(
        f"/verksamheter/{service.pk}/",
        a_filled_in_form("Gränsjouren", catchment="Botkyrka, Enköping"),
    )
    assert same.status_code == 302
    service.refresh_from_db()
    assert service.status == ServiceStatus.PUBLISHED

    widened = client.post(
        f"/verksamheter/{service.pk}/",
        a_filled_in_form("Gränsjouren", catchment="Botkyrka, Enköping, Uppsala"),
        follow=True,
    )
    service.refresh_from_db()
    assert service.status == ServiceStatus.DRAFT
    assert service.missing_approvals() == ["03"]
    assert "avpublicerad" in widened.content.decode()
    assert "avpublicerad" in service.history.order_by("-history_date").first().history_change_reason
    assert as_person(uppsala_editor).get(f"/hitta-stod/verksamhet/{service.pk}/").status_code == 404

    [again] = request_approvals(service, stockholm_editor)
    assert again.status == ApprovalStatus.REQUESTED
    decide(again, uppsala_editor, approve=True, reason="")
    again.refresh_from_db()
    assert again.areas == ["0380", "0381"]
    assert service.publish_blockers(stockholm_editor) == []


def test_widening_to_the_whole_county_also_needs_a_new_approval(stockholm_editor, uppsala_editor):
    service = approved_for_enkoping(stockholm_editor, uppsala_editor)
    assert service.missing_approvals(level=CatchmentLevel.COUNTIES, area_codes=["01", "03"]) == [
        "03"
    ]
    assert (
        service.missing_approvals(level=CatchmentLevel.MUNICIPALITIES, area_codes=["0127", "0381"])
        == []
    )


def test_an_import_that_widens_a_published_service_is_refused(
    tmp_path, stockholm_editor, uppsala_editor
):
    from lagesbild.core.errors import ImportRejected
    from lagesbild.directory import matrix

    from .builders import MATRIX_HEADER, a_matrix_csv, a_matrix_row

    service = approved_for_enkoping(stockholm_editor, uppsala_editor)
    row = [
        str(service.pk),
        *a_matrix_row(
            name="Gränsjouren",
            organization=service.organization.name,
            catchment="Botkyrka, Enköping, Knivsta",
        ),
        "publicerad",
    ]
    with pytest.raises(ImportRejected) as rejected:
        matrix.import_matrix(
            a_matrix_csv(tmp_path, [row], header=["id", *MATRIX_HEADER, "status"]),
            user=stockholm_editor,
        )
    assert "03" in str(rejected.value) and rejected.value.errors[0].column == "status"
