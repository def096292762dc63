"""The one path by which services are written: the web forms, the spreadsheet and HSDS imports and
the example data all go through `save_service`, so every change lands in the history once, with who
made it and why, and an edit that changes nothing leaves no trace."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.scope import scope_of
from lagesbild.territories.models import Territory

from .models import (
    HISTORY_M2M,
    SERVICE_HISTORY,
    ApprovalStatus,
    CatchmentApproval,
    Organization,
    Service,
    ServiceStatus,
)

# Derived or bookkeeping columns: a change to them alone is not an edit of the service.
NOT_CONTENT = {"search_text", "link_ok", "link_checked_at", "link_problem", "modified", "created"}


@dataclass
class ServiceChanges:
    """New values for a service: plain fields by name, and the full new set of each relation given."""

    fields: dict = field(default_factory=dict)
    relations: dict = field(default_factory=dict)  # name in HISTORY_M2M -> iterable of objects
    reason: str = ""
    # Making a protected address public is never a side effect: the edit form sets this only after
    # the owning county's editor has confirmed it and given a reason (see ServiceForm).
    unprotect: bool = False


class ProtectionKept(PermissionDenied):
    """A write would have made a protected address public without the explicit action."""


def _content_fields() -> list:
    return [f for f in Service._meta.concrete_fields if f.name not in NOT_CONTENT]


def _scalars(service: Service) -> dict:
    return {f.attname: getattr(service, f.attname) for f in _content_fields()}


def _stored_relations(service: Service) -> dict[str, set]:
    return {name: set(getattr(service, name).values_list("pk", flat=True)) for name in HISTORY_M2M}


@transaction.atomic
def save_service(service: Service, changes: ServiceChanges, user=None) -> bool:
    """Applies the changes; returns False (and writes nothing) when they change nothing."""
    created = service._state.adding
    if created:
        before_scalars, before_relations = None, {name: set() for name in HISTORY_M2M}
    else:
        stored = Service.objects.get(pk=service.pk)
        before_scalars, before_relations = _scalars(stored), _stored_relations(stored)
    for name, value in changes.fields.items():
        setattr(service, name, value)
    if (
        not created
        and before_scalars["location_confidential"]
        and not service.location_confidential
    ) and not (changes.unprotect and service.may_clear_protection(user)):
        raise ProtectionKept(
            _(
                "Den skyddade adressen kan bara göras publik i redigeringsformuläret, av en "
                "redaktör i det ägande länet."
            )
        )
    wanted = {name: list(values) for name, values in changes.relations.items()}
    changed_relations = [
        name for name, values in wanted.items() if {v.pk for v in values} != before_relations[name]
    ]
    if not created and not changed_relations and _scalars(service) == before_scalars:
        return False
    reason = changes.reason
    service.skip_history_when_saving = True
    try:
        service.save()
        for name in changed_relations:
            if created:
                _insert_links(service, name, wanted[name])
            else:
                getattr(service, name).set(wanted[name])
        if _unpublish_without_approval(service, user):
            unpublished = _(
                "avpublicerad: upptagningsområdet når utanför det som andra län har godkänt"
            )
            reason = f"{reason}; {unpublished}" if reason else unpublished
    finally:
        del service.skip_history_when_saving
    service._history_user = user
    service._change_reason = reason or None
    SERVICE_HISTORY.create_historical_record(service, "+" if created else "~")
    return True


def _unpublish_without_approval(service: Service, user) -> bool:
    """A published service whose catchment now reaches areas no one has approved goes back to draft
    until they are approved. The platform itself (user None) and the national administrator publish
    without approvals."""
    if (
        user is None
        or service.status != ServiceStatus.PUBLISHED
        or not service.publish_blockers(user)
    ):
        return False
    service.status = ServiceStatus.DRAFT
    service.save(update_fields=["status", "modified", "search_text"])
    return True


def _insert_links(service: Service, name: str, targets) -> None:
    """A new service has no links yet: insert them in one statement instead of `set()`'s lookups."""
    relation = Service._meta.get_field(name)
    through = relation.remote_field.through
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{f"{source}_id": service.pk, f"{target}_id": t.pk}) for t in targets]
    )


def save_organization(organization: Organization, user=None, reason: str = "") -> Organization:
    organization._history_user = user
    organization._change_reason = reason or None
    organization.save()
    return organization


def mark_verified(service: Service, user) -> bool:
    if not service.can_edit(user):
        raise PermissionDenied(_("Du kan bara ändra verksamheter som ditt län ansvarar för."))
    return save_service(
        service,
        ServiceChanges(
            fields={"verified_at": timezone.localdate(), "verified_by": user},
            reason=_("uppgifterna kontrollerade"),
        ),
        user,
    )


def archive(service: Service, user) -> bool:
    """Archived services stay in the database and in the history; they only leave the public pages."""
    if not service.can_edit(user):
        raise PermissionDenied(_("Du kan bara ändra verksamheter som ditt län ansvarar för."))
    return save_service(
        service,
        ServiceChanges(fields={"status": ServiceStatus.ARCHIVED}, reason=_("arkiverad")),
        user,
    )


@transaction.atomic
def request_approvals(service: Service, user) -> list[CatchmentApproval]:
    """Asks every other county whose part of the catchment is not yet approved; a declined request,
    or an approval of a smaller area than the catchment now holds, is asked again."""
    if not service.can_edit(user):
        raise PermissionDenied(
            _("Du kan bara begära godkännande för verksamheter som ditt län ansvarar för.")
        )
    asked = []
    for county in service.missing_approvals():
        approval, created = CatchmentApproval.objects.get_or_create(
            service=service,
            county_id=county,
            defaults={"requested_by": user},
        )
        if not created and approval.status != ApprovalStatus.REQUESTED:
            approval.status, approval.requested_by, approval.requested_at = (
                ApprovalStatus.REQUESTED,
                user,
                timezone.now(),
            )
            approval.decided_by, approval.decided_at = None, None
            approval._history_user = user
            approval.save()
        asked.append(approval)
    return asked


def decide(approval: CatchmentApproval, user, approve: bool, reason: str) -> CatchmentApproval:
    """Records the decision; an approval names the areas of the catchment in the deciding county as
    they are now, so a later widening needs a new decision."""
    if not approval.can_decide(user):
        raise PermissionDenied(
            _("Bara länets redaktörer eller den nationella administratören kan besluta om detta.")
        )
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValueError(_("Skriv varför ni inte godkänner upptagningsområdet."))
    service = approval.service
    approval.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.DECLINED
    approval.areas = (
        sorted(
            Service.areas_within(
                approval.county_id, service.catchment_level, service.catchment_codes()
            )
        )
        if approve
        else []
    )
    approval.decided_by, approval.decided_at, approval.reason = user, timezone.now(), reason
    approval._history_user = user
    approval.save()
    return approval


def pending_for(user):
    """Requests this user may decide: their county's, or all of them for the national administrator."""
    pending = CatchmentApproval.objects.filter(status=ApprovalStatus.REQUESTED).select_related(
        "service", "county"
    )
    return scope_of(user).filter(pending)


def county_names(codes) -> str:
    names = dict(Territory.objects.filter(code__in=list(codes)).values_list("code", "name"))
    return ", ".join(
        _("hela landet (nationell administratör)") if code == "00" else names.get(code, code)
        for code in codes
    )
