"""The public knowledge bank at /publikationer/ (with .json and .csv twins); editing under
/publikationer/hantera/ (login required)."""

from django.urls import path, re_path

from . import views

app_name = "publications"

urlpatterns = [
    path("publikationer/", views.public_list, name="list"),
    re_path(r"^publikationer\.(?P<fmt>json|csv)$", views.public_list, name="list_twin"),
    path("publikationer/<int:pk>/", views.detail, name="detail"),
    path("publikationer/<int:pk>/<str:name>", views.full_text, name="full_text"),
    path("publikationer/hantera/", views.manage, name="manage"),
    *views.REGISTER.urlpatterns("publikationer/hantera/"),
]
