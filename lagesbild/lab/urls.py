"""The lab at the site root, with Swedish paths; every data page also answers as .json and .csv."""

from django.urls import path, register_converter

from . import views
from .indicator_page import DOWNLOADS


class TwinFormat:
    regex = "json|csv"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class DownloadFormat(TwinFormat):
    regex = "|".join(DOWNLOADS)


class TerritoryCode(TwinFormat):
    regex = "[^/.]+"


register_converter(TwinFormat, "twin")
register_converter(DownloadFormat, "download")
register_converter(TerritoryCode, "place")

app_name = "lab"
urlpatterns = [
    path("", views.start, name="start"),
    path("index.<twin:fmt>", views.start, name="start-twin"),
    path("mal/<int:number>/", views.goal, name="goal"),
    path("mal/<int:number>.<twin:fmt>", views.goal, name="goal-twin"),
    path("indikatorer/<slug:indicator_id>/", views.indicator, name="indicator"),
    path("indikatorer/<slug:indicator_id>.<twin:fmt>", views.indicator, name="indicator-twin"),
    path("indikatorer/<slug:indicator_id>/data.<download:ext>", views.download, name="download"),
    path("territorier/", views.territories, name="territories"),
    path("territorier.<twin:fmt>", views.territories, name="territories-twin"),
    path("territorier/<place:code>/", views.territory_detail, name="territory"),
    path("territorier/<place:code>.<twin:fmt>", views.territory_detail, name="territory-twin"),
    path("tackning/", views.coverage, name="coverage"),
    path("tackning.<twin:fmt>", views.coverage, name="coverage-twin"),
    path("sok/", views.search, name="search"),
    path("sok.<twin:fmt>", views.search, name="search-twin"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("kartor/<slug:level>.geojson", views.boundaries, name="boundaries"),
]
