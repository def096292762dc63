from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lagesbild.territories.models import Territory

from .models import county_code_of, is_national_admin, membership_of


@login_required
def workspace(request):
    """Where a logged-in person finds everything they may edit."""
    county = county_code_of(request.user)
    return render(
        request,
        "accounts/workspace.html",
        {
            "membership": membership_of(request.user),
            "county": Territory.objects.filter(code=county).first() if county else None,
            "is_national_admin": is_national_admin(request.user),
        },
    )
