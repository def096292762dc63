"""The respondent's page at /enkat/<token>/: no account, only the personal signed link.

GET shows the questionnaire with any saved draft; POST with "spara" stores a draft, with "skicka"
submits once. Any refusal (bad input, a forged or expired link, a second submission, a closed survey)
is a page that says what happened, and whatever was saved before stays as it was."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..answers import (
    AlreadySubmitted,
    AnswerForm,
    NotAccepting,
    readable_answers,
    save_draft,
    submit,
)
from ..models import Invitation
from ..tokens import LinkProblem, resolve

SAVE, SUBMIT = "spara", "skicka"


def _problem(request, message: str, status: int, invitation: Invitation | None = None):
    return render(
        request,
        "surveys/respond_problem.html",
        {"message": message, "invitation": invitation},
        status=status,
    )


def _questions(invitation: Invitation):
    return list(invitation.survey.questions.active().order_by("position", "id"))


def _receipt(request, invitation: Invitation, status: int = 200, message: str = ""):
    return render(
        request,
        "surveys/respond_done.html",
        {
            "invitation": invitation,
            "survey": invitation.survey,
            "message": message,
            "rows": readable_answers(invitation, _questions(invitation)),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token: str):
    try:
        invitation = resolve(token)
    except LinkProblem as problem:
        return _problem(request, str(problem), problem.status)
    survey = invitation.survey
    if invitation.submitted_at is not None:
        if request.method == "POST":
            return _receipt(request, invitation, 409, str(AlreadySubmitted(invitation)))
        return _receipt(request, invitation)
    unavailable = survey.answering_problem()
    if unavailable:
        return _problem(request, unavailable, 403 if survey.status == "utkast" else 410, invitation)
    form = AnswerForm(
        _questions(invitation), request.POST or None, stored=invitation.answers, label_suffix=""
    )
    status, notice = 200, ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in (SAVE, SUBMIT):
            form.is_valid()
            form.add_error(None, _("Välj om svaret ska sparas som utkast eller skickas in."))
        elif form.is_valid():
            answers = form.answers()
            try:
                if action == SAVE:
                    invitation = save_draft(invitation, answers)
                    notice = _("Utkastet är sparat. Du kan fortsätta senare med samma länk.")
                elif form.complete(answers):
                    invitation = submit(invitation, answers)
                    return _receipt(request, invitation, message=_("Tack! Svaret är inskickat."))
            except AlreadySubmitted as refused:
                return _receipt(request, refused.invitation, 409, str(refused))
            except NotAccepting as refused:
                return _problem(request, str(refused), 410, invitation)
            if action == SAVE:
                form = AnswerForm(
                    _questions(invitation), stored=invitation.answers, label_suffix=""
                )
        if form.errors:
            status = 400
    return render(
        request,
        "surveys/respond.html",
        {
            "survey": survey,
            "invitation": invitation,
            "form": form,
            "notice": notice,
            "nothing_saved": status == 400,
        },
        status=status,
    )
