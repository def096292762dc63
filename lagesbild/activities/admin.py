"""Activities in Django's admin, for support: never deleted (archived instead)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, SubAssignment, TargetGroup


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = (
        "title",
        "county",
        "year",
        "sub_assignment",
        "goal",
        "kind",
        "participants",
        "archived",
        "is_example",
    )
    list_filter = ("county", "year", "sub_assignment", "goal", "kind", "archived", "is_example")
    search_fields = ("title", "description")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SubAssignment)
class SubAssignmentAdmin(admin.ModelAdmin):
    list_display = ("number", "name_sv", "name_en")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name_sv", "name_en", "order")

    def has_delete_permission(self, request, obj=None):
        return False
