"""Who may keep the registers: county editors for their county, the national administrator for all."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from lagesbild.accounts.models import county_code_of, is_national_admin
from lagesbild.territories.models import Level, Territory


def is_editor(user) -> bool:
    """A county editor or the national administrator: the people who keep the registers."""
    return is_national_admin(user) or county_code_of(user) is not None


def require_editor(user) -> None:
    if not is_editor(user):
        raise PermissionDenied(
            _("Bara länsstyrelsernas redaktörer och den nationella administratören kan ändra här.")
        )


def counties_for(user):
    """The län a user may register things for: their own, or all 21 for the national administrator."""
    counties = Territory.objects.filter(level=Level.LAN).order_by("code")
    if is_national_admin(user):
        return counties
    return counties.filter(code=county_code_of(user))


def limit_county_field(form, counties) -> None:
    """The form's `county` offers only `counties`; it is fixed once the record exists (a record never
    changes county) and when there is only one to choose."""
    field = form.fields["county"]
    field.queryset = counties
    field.empty_label = None
    if form.instance.pk or counties.count() == 1:
        field.disabled = True
        if not form.instance.pk:
            form.initial["county"] = counties.first()


def editable_by(queryset, user, field_name: str = "county"):
    if is_national_admin(user):
        return queryset
    county = county_code_of(user)
    return queryset.filter(**{f"{field_name}_id": county}) if county else queryset.none()


def forbidden(request, what: str, owner: Territory | None):
    """403 page that says whose the record is, so the editor knows whom to ask."""
    owner_name = (
        owner.name
        if owner is not None and owner.level == Level.LAN
        else _("den nationella administratören")
    )
    return render(
        request, "registers/forbidden.html", {"what": what, "owner": owner_name}, status=403
    )
