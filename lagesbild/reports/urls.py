"""Mounted at /rapporter/: the index, a report per county (two-digit code) or riket and year, its
downloads and the commentary form."""

from django.urls import path, register_converter

from . import views


class ReportPlace:
    regex = r"riket|\d{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ReportFormat(ReportPlace):
    regex = "pdf|docx|html"


register_converter(ReportPlace, "report_place")
register_converter(ReportFormat, "report_format")

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<report_place:place>/<int:year>/", views.report, name="report"),
    path(
        "<report_place:place>/<int:year>/rapport.<report_format:fmt>",
        views.download,
        name="download",
    ),
    path("<report_place:place>/<int:year>/kommentarer/", views.commentary, name="commentary"),
    path("<report_place:place>/<int:year>/utkast/", views.draft, name="draft"),
    path("<report_place:place>/<int:year>/publicera/", views.publish_report, name="publish"),
    path("<report_place:place>/<int:year>/utgavor/", views.editions, name="editions"),
    path(
        "<report_place:place>/<int:year>/utgavor/<int:number>/rapport.<report_format:fmt>",
        views.edition_file,
        name="edition_file",
    ),
    path("<report_place:place>/installningar/", views.report_settings, name="settings"),
]
