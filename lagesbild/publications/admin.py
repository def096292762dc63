"""Publications in Django's admin, for support: never deleted (archived instead)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Publication, Term


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "series", "number", "year", "publisher", "status", "is_example")
    list_filter = ("status", "county", "year", "is_example")
    search_fields = ("title", "description_sv")
    filter_horizontal = ("topics", "audiences")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("kind", "code", "name_sv", "name_en", "order")
    list_filter = ("kind",)

    def has_delete_permission(self, request, obj=None):
        return False
