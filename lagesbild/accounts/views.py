from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from lagesbild.territories.models import Territory

from .models import membership_of
from .scope import scope_of


@login_required
def workspace(request):
    """Where a logged-in person finds everything they may edit."""
    scope = scope_of(request.user)
    county = scope.county
    return render(
        request,
        "accounts/workspace.html",
        {
            "membership": membership_of(request.user),
            "county": Territory.objects.filter(code=county).first() if county else None,
            "is_national_admin": scope.national,
        },
    )


class PasswordChange(auth_views.PasswordChangeView):
    """Changing one's password keeps this session and ends every other session of the account
    (Django's session hash: each session remembers a hash of the password it was opened with)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("workspace")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Lösenordet är ändrat. Alla andra inloggningar med kontot har loggats ut."),
        )
        return response


class Login(auth_views.LoginView):
    """Login returns to the page it came from (`next`, checked by Django to be on this site); without
    one, an editor starts from their workspace (a county editor's own county's work list) and anyone
    else from the start page. Django's own default, /accounts/profile/, does not exist here."""

    template_name = "registration/login.html"

    def get_default_redirect_url(self):
        if scope_of(self.request.user).is_editor:
            return reverse("workspace")
        return "/"


class PasswordReset(auth_views.PasswordResetView):
    """Asks for the e-mail address; the answer is the same whether an account has it or not."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    extra_email_context = {"site_name": "Lägesbild"}


class PasswordResetDone(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetComplete(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
