from django.contrib import admin

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("received", "page", "email", "mailed", "handled")
    list_filter = ("handled", "mailed")
    search_fields = ("message", "page", "email", "name")
    readonly_fields = ("name", "email", "page", "message", "language", "received", "mailed")
