"""The surveys in Django's admin, for support: read and correct, never delete (records are archived)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Invitation, PublishedShare, Question, Survey


class NoDeleteAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("position", "kind", "text", "required", "parent", "show_if", "removed")
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Survey)
class SurveyAdmin(NoDeleteAdmin):
    list_display = ("title", "county", "year", "status", "results_public", "is_example")
    list_filter = ("status", "county", "year", "is_example")
    search_fields = ("title",)
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(NoDeleteAdmin):
    list_display = ("text", "survey", "kind", "position", "removed")
    list_filter = ("kind", "removed")
    search_fields = ("text",)


@admin.register(Invitation)
class InvitationAdmin(NoDeleteAdmin):
    list_display = ("survey", "municipality", "email", "submitted_at", "reminders", "withdrawn_at")
    list_filter = ("survey",)
    search_fields = ("municipality__name", "email")


@admin.register(PublishedShare)
class PublishedShareAdmin(admin.ModelAdmin):
    list_display = ("question", "answer", "indicator", "period", "value", "published_at")

    def has_delete_permission(self, request, obj=None):
        return False
