from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lagesbild.accounts import views as accounts
from lagesbild.api.api import urls as api_urls
from lagesbild.core import views as core

# Pages answer in the address's language: Swedish unprefixed, English under /en/ (ADR 10). The API
# and the admin have no language in the address.
urlpatterns = [
    path("favicon.ico", core.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),  # the old language form: redirects to /en/…
    path("api/v1/", api_urls),
    *i18n_patterns(
        path("", include("lagesbild.lab.urls")),
        path("konto/logga-in/", accounts.Login.as_view(), name="login"),
        path("konto/logga-ut/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
        path("konto/losenord/", accounts.PasswordChange.as_view(), name="password_change"),
        path("konto/losenord/glomt/", accounts.PasswordReset.as_view(), name="password_reset"),
        path(
            "konto/losenord/glomt/skickat/",
            accounts.PasswordResetDone.as_view(),
            name="password_reset_done",
        ),
        path(
            "konto/losenord/nytt/<uidb64>/<token>/",
            accounts.PasswordResetConfirm.as_view(),
            name="password_reset_confirm",
        ),
        path(
            "konto/losenord/nytt/klart/",
            accounts.PasswordResetComplete.as_view(),
            name="password_reset_complete",
        ),
        path("arbetsyta/", accounts.workspace, name="workspace"),
        path("", include("lagesbild.sources.urls")),  # data/importera/, mall/importmall.csv|xlsx
        path("rapporter/", include("lagesbild.reports.urls")),
        path("", include("lagesbild.directory.urls")),
        path(
            "", include("lagesbild.surveys.urls")
        ),  # enkater/ (editors), enkat/<token>/ (respondents)
        path("", include("lagesbild.activities.urls")),  # aktiviteter/
        path("", include("lagesbild.publications.urls")),  # publikationer/
        path("", include("lagesbild.audit.urls")),  # granskning/
        path("", include("lagesbild.opendata.urls")),  # dcat/, flode/, inbaddning/, oppna-data/
        prefix_default_language=False,
    ),
]

handler403 = "lagesbild.accounts.scope.permission_denied"
handler500 = (
    "lagesbild.core.views.server_error"  # framed, in the visitor's language, minimal context
)
