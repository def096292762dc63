"""Public summary at /aktiviteter/ (with .json, .csv and .xlsx twins) and a page per activity;
editing under /aktiviteter/hantera/ (login required)."""

from django.urls import path, re_path

from . import views

app_name = "activities"

urlpatterns = [
    path("aktiviteter/", views.summary, name="summary"),
    re_path(r"^aktiviteter\.(?P<fmt>json|csv|xlsx)$", views.summary, name="summary_twin"),
    path("aktiviteter/<int:pk>/", views.detail, name="detail"),
    path("aktiviteter/hantera/", views.manage, name="manage"),
    re_path(r"^aktiviteter/hantera/alla\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    *views.REGISTER.urlpatterns("aktiviteter/hantera/"),
]
