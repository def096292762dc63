from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "county", "municipality")
    list_filter = ("role", "county")
    autocomplete_fields = ("county", "municipality")
    search_fields = ("user__username", "user__email")
