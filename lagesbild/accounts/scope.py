"""The one answer to "what may this person change": `scope_of(user)`.

A national administrator may change everything; a county editor only what their county board is
responsible for; everyone else nothing. Every editable model's `can_edit`, every editing view and
every form that offers a county asks this object, and a refusal is always the same 403 page, which
says whose the record is so the editor knows whom to ask."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from lagesbild.territories.models import RIKET_CODE, Level, Territory

from .models import county_code_of, is_national_admin


@dataclass(frozen=True)
class Scope:
    national: bool
    county: str | None  # the county editor's län code

    @property
    def is_editor(self) -> bool:
        """A county editor or the national administrator: the people who keep the platform's data."""
        return self.national or self.county is not None

    def may_edit_county(self, code: str | None) -> bool:
        """Records owned by this län (or by riket, "00", which only national administrators edit)."""
        return self.national or (code is not None and code == self.county)

    def filter(self, queryset, field: str = "county"):
        """The records of a queryset this person may change, by its county field."""
        if self.national:
            return queryset
        if self.county is None:
            return queryset.none()
        return queryset.filter(**{f"{field}_id": self.county})

    def counties(self, *, with_riket: bool = False):
        """The counties this person may choose in a form: their own, or all 21 (and riket if asked)."""
        levels = [Level.LAN, Level.RIKET] if with_riket else [Level.LAN]
        counties = Territory.objects.filter(level__in=levels).order_by("code")
        if self.national:
            return counties
        return counties.filter(code=self.county or "-")

    def require_editor(self) -> None:
        if not self.is_editor:
            raise PermissionDenied(
                _(
                    "Bara länsstyrelsernas redaktörer och den nationella administratören kan ändra här."
                )
            )


def scope_of(user) -> Scope:
    return Scope(national=is_national_admin(user), county=county_code_of(user))


def owner_name(owner: Territory | None) -> str:
    if owner is not None and owner.level == Level.LAN:
        return owner.name
    return _("den nationella administratören")


def forbidden(
    request, what: str, owner: Territory | None, *, back_url: str = "", back_text: str = ""
):
    """The one 403 page: what the record is, whose it is, and a way back."""
    return render(
        request,
        "accounts/forbidden.html",
        {
            "what": what,
            "owner": owner_name(owner),
            "back_url": back_url,
            "back_text": back_text,
            "national_only": owner is not None and owner.code == RIKET_CODE,
        },
        status=403,
    )


def permission_denied(request, exception=None):
    """Django's handler403: a PermissionDenied raised anywhere gets the same page."""
    reason = (
        str(exception)
        if exception and str(exception)
        else _("Du har inte behörighet att göra det här.")
    )
    return render(request, "accounts/forbidden.html", {"reason": reason}, status=403)
