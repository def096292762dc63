from django.urls import path

from . import published, views

app_name = "sources"
urlpatterns = [
    path("data/importera/", views.import_template, name="import"),
    path("mall/importmall.<str:fmt>", published.template_file, name="template-file"),
]
