from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lagesbild.api.api import urls as api_urls
from lagesbild.core import downloads, views

urlpatterns = [
    path("", include("lagesbild.lab.urls")),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("mall/importmall.<str:fmt>", downloads.import_template, name="import-template"),
    path("arbetsyta/", views.workspace, name="workspace"),
    path("", include("lagesbild.sources.urls")),  # data/importera/
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api_urls),
    path("rapporter/", include("lagesbild.reports.urls")),
    path("", include("lagesbild.directory.urls")),
    path("", include("lagesbild.surveys.urls")),  # enkater/ (editors), enkat/<token>/ (respondents)
    path("", include("lagesbild.activities.urls")),  # aktiviteter/
    path("", include("lagesbild.publications.urls")),  # publikationer/
]
