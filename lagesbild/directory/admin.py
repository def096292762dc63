from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    SERVICE_HISTORY,
    CatchmentApproval,
    Language,
    Organization,
    Service,
    Taxonomy,
    TaxonomyTerm,
)


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ("id", "name_sv", "name_en", "version")


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ("code", "name_sv", "name_en", "taxonomy", "order")
    list_filter = ("taxonomy",)
    search_fields = ("code", "name_sv", "name_en")


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("code", "name_sv", "name_en", "native")
    search_fields = ("code", "name_sv", "name_en")


URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("name", "county", "org_number", "is_example")
    list_filter = ("county", "is_example")
    search_fields = ("name", "org_number")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("name", "organization", "county", "status", "verified_at", "is_example")
    list_filter = ("status", "county", "catchment_level", "is_example", "sector")
    search_fields = ("name", "alternate_name", "organization__name")
    filter_horizontal = ("target_groups", "exposure_types", "catchment_areas", "languages")
    autocomplete_fields = ("organization",)
    readonly_fields = ("link_ok", "link_checked_at", "link_problem")

    def get_readonly_fields(self, request, obj=None):
        # A protected address is made public only through the edit form, with confirmation and reason.
        fields = super().get_readonly_fields(request, obj)
        return (
            (*fields, "location_confidential")
            if obj is not None and obj.location_confidential
            else fields
        )

    def has_delete_permission(self, request, obj=None):
        return False  # services are archived, never deleted

    def save_model(self, request, obj, form, change):
        # One history record per edit, written after the relations are saved (see editing.save_service).
        obj.skip_history_when_saving = True
        obj.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        service = form.instance
        del service.skip_history_when_saving
        service._history_user = request.user
        SERVICE_HISTORY.create_historical_record(service, "~" if change else "+")


@admin.register(CatchmentApproval)
class CatchmentApprovalAdmin(SimpleHistoryAdmin):
    list_display = ("service", "county", "status", "requested_at", "decided_at")
    list_filter = ("status", "county")
    raw_id_fields = ("service",)
