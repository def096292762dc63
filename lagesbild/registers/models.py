"""The county-owned base of every register: a record belongs to one county board (or the nation),
whose editors change it through the access scope (lagesbild.accounts.scope)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy

from lagesbild.accounts.scope import scope_of
from lagesbild.territories.models import Level


class CountyOwnedQuerySet(models.QuerySet):
    def editable_by(self, user):
        return scope_of(user).filter(self)


class CountyOwned(models.Model):
    """A record with a `county` foreign key (declared by each register, whose choices differ)."""

    class Meta:
        abstract = True

    def can_edit(self, user) -> bool:
        return scope_of(user).may_edit_county(self.county_id)


def county_board_field() -> models.ForeignKey:
    """The `county` of a record that always belongs to one of the 21 county boards."""
    return models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Level.LAN},
        verbose_name=pgettext_lazy("ett län", "län"),
    )
