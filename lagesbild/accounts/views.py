from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
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
