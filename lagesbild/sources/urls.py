from django.urls import path, re_path

from . import published, views

app_name = "sources"
urlpatterns = [
    path("data/importera/", views.import_template, name="import"),
    re_path(r"^mall/importmall\.(?P<fmt>csv|xlsx)$", published.template_file, name="template-file"),
]
