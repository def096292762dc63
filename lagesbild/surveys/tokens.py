"""Personal links for respondents: a signed, expiring token naming the invitation and its link
version, so no account is needed and a link cannot be guessed, altered or used after it expires."""

from __future__ import annotations

import os

from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from .models import Invitation

SALT = "lagesbild.surveys.invitation"


def _link_days() -> int:
    """A link is valid this many days after it was sent; every reminder carries a fresh link."""
    raw = os.environ.get("LAGESBILD_SURVEY_LINK_DAYS", "").strip() or "60"
    if not raw.isdigit() or int(raw) < 1:
        raise ImproperlyConfigured(
            f"LAGESBILD_SURVEY_LINK_DAYS={raw!r} is not a whole number of days (at least 1)"
        )
    return int(raw)


LINK_DAYS = _link_days()


class LinkProblem(Exception):
    """A link that cannot be used, with a message for the respondent and the HTTP status to answer."""

    def __init__(self, message: str, status: int):
        self.status = status
        super().__init__(message)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def token_for(invitation: Invitation) -> str:
    return _signer().sign(f"{invitation.pk}.{invitation.link_version}")


def path_for(invitation: Invitation) -> str:
    from django.urls import reverse

    return reverse("surveys:answer", kwargs={"token": token_for(invitation)})


def link_for(invitation: Invitation, site_url: str) -> str:
    return site_url.rstrip("/") + path_for(invitation)


def resolve(token: str) -> Invitation:
    """The invitation a token names; raises LinkProblem when it is forged, expired or replaced."""
    try:
        value = _signer().unsign(token, max_age=LINK_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise LinkProblem(
            _(
                "Länken har gått ut. Be länsstyrelsen skicka en ny länk; det som redan är sparat "
                "finns kvar."
            ),
            410,
        ) from None
    except signing.BadSignature:
        raise LinkProblem(
            _("Länken är inte giltig. Kontrollera att hela adressen kom med när du kopierade den."),
            400,
        ) from None
    pk, _sep, version = value.partition(".")
    invitation = (
        Invitation.objects.select_related("survey", "survey__county", "municipality")
        .filter(pk=pk)
        .first()
        if pk.isdigit()
        else None
    )
    if invitation is None or not version.isdigit():
        raise LinkProblem(
            _("Länken är inte giltig. Kontrollera att hela adressen kom med när du kopierade den."),
            400,
        )
    if invitation.withdrawn_at is not None:
        raise LinkProblem(_("Inbjudan har återkallats av länsstyrelsen."), 410)
    if int(version) != invitation.link_version:
        raise LinkProblem(
            _("Länken har ersatts av en nyare. Använd länken i det senaste e-postmeddelandet."), 410
        )
    return invitation
