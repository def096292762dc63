"""Editors at /enkater/ (login required), respondents at /enkat/<token>/ (the personal link), public
results at /enkater/resultat/ with .json and .csv twins."""

from django.urls import path, re_path

from .views import editor, public, respondent

app_name = "surveys"

urlpatterns = [
    path("enkater/", editor.survey_list, name="manage"),
    path("enkater/ny/", editor.create, name="create"),
    path("enkater/resultat/", public.public_list, name="public_list"),
    re_path(r"^enkater/resultat\.(?P<fmt>json|csv)$", public.public_list, name="public_list_twin"),
    path("enkater/resultat/<int:pk>/", public.public_results, name="public_results"),
    re_path(
        r"^enkater/resultat/(?P<pk>\d+)\.(?P<fmt>json|csv)$",
        public.public_results,
        name="public_results_twin",
    ),
    path("enkater/<int:pk>/", editor.detail, name="detail"),
    path("enkater/<int:pk>/andra/", editor.edit, name="edit"),
    path("enkater/<int:pk>/historik/", editor.history, name="history"),
    path("enkater/<int:pk>/fragor/ny/", editor.add_question, name="add_question"),
    path("enkater/<int:pk>/fragor/<int:question_id>/", editor.edit_question, name="edit_question"),
    path(
        "enkater/<int:pk>/fragor/<int:question_id>/ta-bort/",
        editor.remove_question,
        name="remove_question",
    ),
    path("enkater/<int:pk>/fragor/<int:question_id>/publicera/", editor.publish, name="publish"),
    path("enkater/<int:pk>/status/<str:action>/", editor.change_status, name="change_status"),
    path("enkater/<int:pk>/inbjudningar/", editor.invitations, name="invitations"),
    path("enkater/<int:pk>/inbjudningar/paminn/", editor.remind, name="remind"),
    path(
        "enkater/<int:pk>/inbjudningar/<int:invitation_id>/",
        editor.answer_detail,
        name="answer_detail",
    ),
    path(
        "enkater/<int:pk>/inbjudningar/<int:invitation_id>/<str:action>/",
        editor.invitation_action,
        name="invitation_action",
    ),
    path("enkater/<int:pk>/resultat/", editor.results, name="results"),
    re_path(r"^enkater/(?P<pk>\d+)/resultat\.(?P<fmt>csv|xlsx)$", editor.export, name="export"),
    path("enkat/<str:token>/", respondent.answer, name="answer"),
]
