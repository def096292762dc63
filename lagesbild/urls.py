from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lagesbild.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
