from django.urls import path

from . import views

app_name = "sources"
urlpatterns = [
    path("data/importera/", views.import_template, name="import"),
]
