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
    path("aktiviteter/hantera/ny/", views.create, name="create"),
    re_path(r"^aktiviteter/hantera/alla\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    path("aktiviteter/hantera/<int:pk>/", views.edit, name="edit"),
    path("aktiviteter/hantera/<int:pk>/historik/", views.history, name="history"),
    path("aktiviteter/hantera/<int:pk>/arkivera/", views.archive, name="archive"),
]
