from django.contrib.auth.decorators import login_required
from django.shortcuts import render

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
