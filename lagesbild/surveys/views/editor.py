"""The county editor's pages (login required): build the questionnaire, open and close the survey,
invite municipalities, follow who has answered, remind, see and export results, publish a share."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.scope import forbidden, scope_of
from lagesbild.core.history import history_entries
from lagesbild.registers.history import save_fields, save_with_history

from .. import exports, mail
from ..answers import numbered, readable_answers
from ..forms import InviteForm, PublishForm, QuestionForm, SurveyForm, suggested_invitations
from ..models import Invitation, Question, Survey, SurveyStatus
from ..publishing import NewIndicator, PublishProblem, publish_share
from ..results import survey_results
from ..tokens import path_for


def _status(form) -> int:
    return 400 if form.is_bound and not form.is_valid() else 200


def _survey_for_editing(request, pk):
    """The survey, or a 403 page when it belongs to another county."""
    survey = get_object_or_404(Survey.objects.select_related("county"), pk=pk)
    if not survey.can_edit(request.user):
        return survey, forbidden(request, _("enkäten"), survey.county)
    return survey, None


@login_required
def survey_list(request):
    scope_of(request.user).require_editor()
    surveys = (
        scope_of(request.user)
        .filter(Survey.objects.select_related("county"))
        .order_by("-year", "title")
    )
    rows = []
    for survey in surveys:
        invitations = survey.invitations.current()
        rows.append(
            {
                "survey": survey,
                "invited": invitations.count(),
                "submitted": invitations.submitted().count(),
            }
        )
    return render(request, "surveys/list.html", {"rows": rows})


@login_required
def create(request):
    scope_of(request.user).require_editor()
    form = SurveyForm(
        request.POST or None,
        instance=Survey(created_by=request.user),
        user=request.user,
        label_suffix="",
    )
    if request.method == "POST" and form.is_valid():
        survey, _changed = save_with_history(form, request.user, _("enkäten skapad"))
        messages.success(request, _("Enkäten är skapad. Lägg till frågorna."))
        return redirect("surveys:detail", pk=survey.pk)
    return render(
        request, "surveys/edit.html", {"form": form, "survey": None}, status=_status(form)
    )


@login_required
def detail(request, pk):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    questions = list(survey.questions.active().order_by("position", "id"))
    invitations = survey.invitations.current()
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "items": numbered(questions),
            "invited": invitations.count(),
            "submitted": invitations.submitted().count(),
            "opening_problems": survey.opening_problems(),
            "removed": survey.questions.filter(removed=True).count(),
        },
    )


@login_required
def edit(request, pk):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    form = SurveyForm(request.POST or None, instance=survey, user=request.user, label_suffix="")
    if request.method == "POST" and form.is_valid():
        _saved, changed = save_with_history(form, request.user)
        messages.success(
            request, _("Ändringarna är sparade.") if changed else _("Inget var ändrat.")
        )
        return redirect("surveys:detail", pk=survey.pk)
    stored = Survey.objects.get(pk=survey.pk)
    return render(
        request, "surveys/edit.html", {"form": form, "survey": stored}, status=_status(form)
    )


def _question_page(request, survey: Survey, question: Question | None):
    if survey.structure_locked:
        messages.error(
            request,
            _(
                "Frågorna kan bara ändras medan enkäten är ett utkast, så att alla kommuner "
                "svarar på samma frågor."
            ),
        )
        return redirect("surveys:detail", pk=survey.pk)
    form = QuestionForm(
        request.POST or None,
        instance=question or Question(survey=survey),
        survey=survey,
        label_suffix="",
    )
    if request.method == "POST" and form.is_valid():
        _saved, changed = save_with_history(
            form, request.user, "" if question else _("frågan tillagd")
        )
        messages.success(request, _("Frågan är sparad.") if changed else _("Inget var ändrat."))
        return redirect("surveys:detail", pk=survey.pk)
    return render(
        request,
        "surveys/question.html",
        {"form": form, "survey": survey, "question": question},
        status=_status(form),
    )


@login_required
def add_question(request, pk):
    survey, refused = _survey_for_editing(request, pk)
    return refused or _question_page(request, survey, None)


@login_required
def edit_question(request, pk, question_id):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    question = get_object_or_404(survey.questions.active(), pk=question_id)
    return _question_page(request, survey, question)


@login_required
@require_POST
def remove_question(request, pk, question_id):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    question = get_object_or_404(survey.questions.active(), pk=question_id)
    if survey.structure_locked:
        messages.error(request, _("Frågorna kan bara ändras medan enkäten är ett utkast."))
    elif question.follow_ups.active().exists():
        messages.error(request, _("Ta bort följdfrågorna först; de hänger på den här frågan."))
    else:
        save_fields(question, request.user, _("frågan borttagen"), removed=True)
        messages.success(request, _("Frågan är borttagen. Den finns kvar i historiken."))
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def change_status(request, pk, action):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    if action == "oppna":
        problems = survey.opening_problems()
        if problems:
            for problem in problems:
                messages.error(request, problem)
        else:
            _remember_site(request, survey)
            save_fields(survey, request.user, _("enkäten öppnad"), status=SurveyStatus.OPEN)
            sending = mail.send_invitations(
                survey,
                list(survey.invitations.current().filter(sent_at__isnull=True)),
                survey.site_url,
                request.user,
            )
            messages.success(
                request,
                _("Enkäten är öppen. %(n)s inbjudningar skickades med e-post.")
                % {"n": len(sending.sent)},
            )
    elif action == "stang" and survey.status == SurveyStatus.OPEN:
        save_fields(survey, request.user, _("enkäten stängd"), status=SurveyStatus.CLOSED)
        messages.success(request, _("Enkäten är stängd. Inga fler svar tas emot."))
    elif action == "arkivera" and survey.status != SurveyStatus.ARCHIVED:
        save_fields(
            survey,
            request.user,
            _("enkäten arkiverad"),
            status=SurveyStatus.ARCHIVED,
            results_public=False,
        )
        messages.success(
            request,
            _("Enkäten är arkiverad. Den finns kvar med sin historik men visas inte publikt."),
        )
    else:
        raise Http404(_("Det går inte att göra så med enkäten nu."))
    return redirect("surveys:detail", pk=survey.pk)


def _remember_site(request, survey: Survey) -> None:
    """Links in e-mails, also those the reminder command sends later, point where the editor works."""
    site = request.build_absolute_uri("/").rstrip("/")
    if survey.site_url != site:
        Survey.objects.filter(pk=survey.pk).update(site_url=site)
        survey.site_url = site


@login_required
def invitations(request, pk):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    if survey.is_transcribed:
        messages.error(request, _("Enkäten har resultat ur en publikation och tar inte emot svar."))
        return redirect("surveys:detail", pk=survey.pk)
    form = InviteForm(
        request.POST or None,
        survey=survey,
        label_suffix="",
        initial={"lines": suggested_invitations(survey)},
    )
    if request.method == "POST" and form.is_valid():
        created, updated = _store_invitations(survey, form.cleaned_data["lines"], request.user)
        text = _("%(created)s kommuner inbjudna, %(updated)s uppdaterade.") % {
            "created": len(created),
            "updated": updated,
        }
        if form.cleaned_data["send_now"] and survey.status == SurveyStatus.OPEN:
            _remember_site(request, survey)
            sending = mail.send_invitations(survey, created, survey.site_url, request.user)
            text += " " + _("%(n)s e-postmeddelanden skickade.") % {"n": len(sending.sent)}
        messages.success(request, text)
        return redirect("surveys:invitations", pk=survey.pk)
    rows = [
        {"invitation": i, "path": path_for(i)}
        for i in survey.invitations.select_related("municipality")
    ]
    return render(
        request,
        "surveys/invitations.html",
        {"survey": survey, "form": form, "rows": rows},
        status=_status(form),
    )


@transaction.atomic
def _store_invitations(survey: Survey, lines, user) -> tuple[list[Invitation], int]:
    existing = {i.municipality_id: i for i in survey.invitations.all()}
    created, updated = [], 0
    for line in lines:
        found = existing.get(line.municipality.code)
        if found is None:
            invitation = Invitation(survey=survey, municipality=line.municipality, email=line.email)
            invitation._history_user = user
            invitation.save()
            created.append(invitation)
        elif found.withdrawn_at is not None or (line.email and line.email != found.email):
            save_fields(
                found,
                user,
                _("inbjudan uppdaterad"),
                email=line.email or found.email,
                withdrawn_at=None,
            )
            updated += 1
    return created, updated


@login_required
@require_POST
def invitation_action(request, pk, invitation_id, action):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    invitation = get_object_or_404(survey.invitations, pk=invitation_id)
    if action == "ny-lank" and invitation.submitted_at is None:
        save_fields(
            invitation,
            request.user,
            _("ny länk; den gamla slutar fungera"),
            link_version=invitation.link_version + 1,
        )
        messages.success(
            request,
            _("%(name)s har fått en ny länk. Den tidigare länken fungerar inte längre.")
            % {"name": invitation.municipality.name},
        )
    elif (
        action == "aterkalla"
        and invitation.submitted_at is None
        and invitation.withdrawn_at is None
    ):
        save_fields(invitation, request.user, _("inbjudan återkallad"), withdrawn_at=timezone.now())
        messages.success(
            request,
            _("Inbjudan till %(name)s är återkallad.") % {"name": invitation.municipality.name},
        )
    else:
        messages.error(
            request, _("Det går inte: svaret är redan inskickat eller inbjudan återkallad.")
        )
    return redirect("surveys:invitations", pk=survey.pk)


@login_required
@require_POST
def remind(request, pk):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    if survey.status != SurveyStatus.OPEN:
        messages.error(request, _("Påminnelser kan bara skickas medan enkäten är öppen."))
        return redirect("surveys:invitations", pk=survey.pk)
    _remember_site(request, survey)
    sending = mail.send_reminders(survey, user=request.user, after_days=0)
    messages.success(
        request,
        _("%(n)s påminnelser skickade till kommuner som inte har skickat in sitt svar.")
        % {"n": len(sending.sent)},
    )
    return redirect("surveys:invitations", pk=survey.pk)


@login_required
def answer_detail(request, pk, invitation_id):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    invitation = get_object_or_404(
        survey.invitations.select_related("municipality"), pk=invitation_id
    )
    questions = list(survey.questions.active().order_by("position", "id"))
    return render(
        request,
        "surveys/answer_detail.html",
        {
            "survey": survey,
            "invitation": invitation,
            "rows": readable_answers(invitation, questions),
        },
    )


@login_required
def results(request, pk):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    return render(
        request,
        "surveys/results_editor.html",
        {
            "survey": survey,
            "results": survey_results(survey, public=False),
            "published": survey_published(survey),
        },
    )


def survey_published(survey: Survey):
    from ..models import PublishedShare

    return PublishedShare.objects.filter(question__survey=survey).select_related(
        "indicator", "question"
    )


@login_required
def export(request, pk, fmt):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    return exports.editor_export(survey, fmt)


@login_required
def publish(request, pk, question_id):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    question = get_object_or_404(survey.questions.active(), pk=question_id)
    if not (question.has_choices or survey.is_transcribed):
        raise Http404(_("Bara frågor med svarsalternativ ger en andel att publicera."))
    form = PublishForm(request.POST or None, question=question, label_suffix="")
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = None
        if data["target"] == PublishForm.NEW:
            new = NewIndicator(
                data["name_sv"], data["name_en"], data["goal"], data["description_sv"]
            )
        try:
            published = publish_share(
                question,
                data["answer"],
                request.user,
                indicator=data.get("indicator_object"),
                new_indicator=new,
                year=data["year"],
            )
        except PublishProblem as error:
            problem = str(error)
        else:
            messages.success(
                request,
                _(
                    "Andelen %(value)s %% är publicerad som länsvärde för %(year)s i indikatorn "
                    "”%(name)s”."
                )
                % {
                    "value": f"{published.value:g}".replace(".", ","),
                    "year": published.period,
                    "name": published.indicator.name,
                },
            )
            return redirect("surveys:results", pk=survey.pk)
    return render(
        request,
        "surveys/publish.html",
        {
            "survey": survey,
            "question": question,
            "form": form,
            "problem": problem,
            "results": next(
                (
                    r
                    for r in survey_results(survey, public=False).questions
                    if r.question.pk == question.pk
                ),
                None,
            ),
        },
        status=400 if problem or (form.is_bound and not form.is_valid()) else 200,
    )


@login_required
def history(request, pk):
    survey, refused = _survey_for_editing(request, pk)
    if refused:
        return refused
    entries = [(_("Enkäten"), history_entries(survey))]
    for question in survey.questions.order_by("position", "id"):
        entries.append((_("Fråga: %(text)s") % {"text": question.text}, history_entries(question)))
    return render(
        request,
        "registers/history.html",
        {
            "record": survey,
            "title": survey.title,
            "back_url": reverse("surveys:detail", args=[survey.pk]),
            "section": "surveys",
            "kept_text": _(
                "Ingenting tas bort: frågor markeras som borttagna och enkäter arkiveras."
            ),
            "groups": entries,
        },
    )
