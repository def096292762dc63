"""Invitations and reminders by e-mail, through Django's e-mail backend (settings.EMAIL_BACKEND).

Each message carries the municipality's personal link, signed afresh, so a reminder also renews a
link that is about to expire. Messages are written in Swedish: the respondents are Swedish
municipalities."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lagesbild.registers.history import record_history

from .models import Invitation, Survey, SurveyStatus
from .tokens import LINK_DAYS, link_for

DEFAULT_SITE_URL = "http://127.0.0.1:8000"
REMIND_AFTER_DAYS = 7


def default_site_url() -> str:
    """Where links point when a survey has not been sent from the web (LAGESBILD_SITE_URL)."""
    return settings.SITE_URL or DEFAULT_SITE_URL


@dataclass
class Sending:
    sent: list[Invitation] = field(default_factory=list)
    without_email: list[Invitation] = field(default_factory=list)


def _message(invitation: Invitation, site_url: str, reminder: bool) -> EmailMessage:
    survey = invitation.survey
    with translation.override("sv"):
        context = {
            "survey": survey,
            "invitation": invitation,
            "link": link_for(invitation, site_url),
            "reminder": reminder,
            "link_days": LINK_DAYS,
            "board": survey.board,
        }
        subject = (
            _("Påminnelse: %(title)s") if reminder else _("Enkät från %(board)s: %(title)s")
        ) % {"title": survey.title, "board": survey.board}
        body = render_to_string("surveys/email.txt", context)
    return EmailMessage(one_line(subject), body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def one_line(text: str) -> str:
    """A subject is one header line: a title saved with a line break (by the admin or an older
    version) must neither stop the sending nor add a header."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _send(invitations: list[Invitation], site_url: str, *, reminder: bool, user=None) -> Sending:
    result = Sending()
    messages = []
    for invitation in invitations:
        if not invitation.email:
            result.without_email.append(invitation)
            continue
        messages.append(_message(invitation, site_url, reminder))
        result.sent.append(invitation)
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
    now = timezone.now()
    for invitation in result.sent:
        if reminder:
            invitation.reminded_at, invitation.reminders = now, invitation.reminders + 1
        else:
            invitation.sent_at = now
        invitation.skip_history_when_saving = True
        invitation.save(update_fields=["reminded_at", "reminders"] if reminder else ["sent_at"])
        del invitation.skip_history_when_saving
        record_history(
            invitation, user, _("påminnelse skickad") if reminder else _("inbjudan skickad")
        )
    return result


def send_invitations(
    survey: Survey, invitations: list[Invitation], site_url: str, user=None
) -> Sending:
    return _send(
        [i for i in invitations if i.submitted_at is None and i.withdrawn_at is None],
        site_url,
        reminder=False,
        user=user,
    )


def due_for_reminder(
    survey: Survey, now=None, after_days: int = REMIND_AFTER_DAYS
) -> list[Invitation]:
    """Invitations of an open survey without a submitted answer, not contacted for `after_days` days."""
    now = now or timezone.now()
    if survey.status != SurveyStatus.OPEN or survey.answering_problem(timezone.localdate(now)):
        return []
    cutoff = now - timedelta(days=after_days)
    return [
        i
        for i in survey.invitations.waiting().select_related(
            "municipality", "survey", "survey__county"
        )
        if i.email and (i.last_contact is None or i.last_contact <= cutoff)
    ]


def send_reminders(
    survey: Survey,
    *,
    user=None,
    now=None,
    after_days: int = REMIND_AFTER_DAYS,
    dry_run: bool = False,
) -> Sending:
    due = due_for_reminder(survey, now, after_days)
    if dry_run:
        return Sending(sent=due)
    return _send(due, survey.site_url or default_site_url(), reminder=True, user=user)
