from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Commentary


@admin.register(Commentary)
class CommentaryAdmin(SimpleHistoryAdmin):
    list_display = ("territory", "year", "section", "updated_at", "updated_by")
    list_filter = ("year", "territory")
    search_fields = ("section", "text")
    readonly_fields = ("updated_at", "updated_by")
