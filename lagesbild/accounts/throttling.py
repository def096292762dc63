"""Login throttling (django-axes): who is asking, and what a locked-out person is told.

After `LAGESBILD_LOGIN_FAILURE_LIMIT` failed logins for one user name or from one address, every
further attempt is refused for `LAGESBILD_LOGIN_LOCKOUT_MINUTES`, whether the password is right or
not, until the time has passed or an administrator unlocks (`lagesbild unlock`, or the admin's
"Access attempts"). The refusal is the same for every user name, existing or not, so it tells an
attacker nothing about which accounts exist."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind `LAGESBILD_TRUSTED_PROXIES` proxies the address
    the outermost trusted proxy saw (entries further left in X-Forwarded-For can be forged)."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-proxies] if len(hops) >= proxies else (hops[0] if hops else remote)


def lockout_minutes() -> int:
    return settings.LOGIN_LOCKOUT_MINUTES


def locked_out(request, original_response=None, credentials=None):
    """The login page again, with the one message every locked-out attempt gets (HTTP 429)."""
    form = AuthenticationForm(request)
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "locked_out": True,
            "lockout_minutes": lockout_minutes(),
            "next": request.POST.get("next", "") if request.method == "POST" else "",
        },
        status=429,
    )
