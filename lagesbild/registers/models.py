"""The county-owned base of every register: a record belongs to one county board (or the nation),
whose editors change it through the access scope (lagesbild.accounts.scope)."""

from __future__ import annotations

from django.db import models

from lagesbild.accounts.scope import scope_of


class CountyOwnedQuerySet(models.QuerySet):
    def editable_by(self, user):
        return scope_of(user).filter(self)


class CountyOwned(models.Model):
    """A record with a `county` foreign key (declared by each register, whose choices differ)."""

    class Meta:
        abstract = True

    def can_edit(self, user) -> bool:
        return scope_of(user).may_edit_county(self.county_id)
