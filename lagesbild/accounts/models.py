"""Who may edit what: a national administrator edits everything, a county editor only their county.

The rule built on these, "what may this person change", is `lagesbild.accounts.scope.scope_of`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("Nationell administratör")
    COUNTY_EDITOR = "county_editor", _("Redaktör på länsstyrelse")
    MUNICIPAL_COORDINATOR = "municipal", _("Kommunal samordnare")


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("användare"),
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    county = models.ForeignKey(
        "territories.Territory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "lan"},
        verbose_name=_("län"),
    )
    municipality = models.ForeignKey(
        "territories.Territory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "kommun"},
        verbose_name=_("kommun"),
    )
    # Who gave whom which role, and when (read by the audit log).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="county_editor") | models.Q(county__isnull=False),
                name="county_editor_has_county",
            ),
        ]

    def __str__(self) -> str:
        where = self.county or self.municipality or ""
        return f"{self.user} – {self.get_role_display()} {where}".strip()


def membership_of(user) -> Membership | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def is_national_admin(user) -> bool:
    if user is not None and getattr(user, "is_superuser", False):
        return True
    membership = membership_of(user)
    return membership is not None and membership.role == Role.NATIONAL_ADMIN


def county_code_of(user) -> str | None:
    """The län code a county editor works for, or None."""
    membership = membership_of(user)
    if membership and membership.role == Role.COUNTY_EDITOR:
        return membership.county_id
    return None
