"""The Django admin is for the national administrator only.

The admin edits every row of every county and has no notion of a county's scope, so a county editor
who was given staff rights would see other counties' protected addresses there. County editors work
in the site's own pages, which are scoped; the admin stays closed to them whatever their flags say."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class NationalAdminSite(admin.AdminSite):
    site_header = "Lägesbild – administration"
    site_title = "Lägesbild"

    def has_permission(self, request) -> bool:
        from .models import is_national_admin

        user = request.user
        return bool(user.is_active and user.is_staff and is_national_admin(user))


class LagesbildAdminConfig(AdminConfig):
    default_site = "lagesbild.accounts.admin_site.NationalAdminSite"


class NationalAdminBackend:
    """The national administrator holds every model permission the admin asks about, as a superuser
    would, without having to be one; nobody else gains any permission here."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None) -> bool:
        from .models import is_national_admin

        return bool(user.is_active and is_national_admin(user))

    def has_module_perms(self, user, app_label) -> bool:
        return self.has_perm(user, app_label)
