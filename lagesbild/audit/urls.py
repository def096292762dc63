from django.urls import path, re_path

from . import views

app_name = "audit"

urlpatterns = [
    path("granskning/", views.audit_log, name="log"),
    re_path(r"^granskning/logg\.(?P<fmt>csv|xlsx)$", views.audit_file, name="file"),
]
