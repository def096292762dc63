"""Form setup the registers share."""

from __future__ import annotations

from lagesbild.accounts.scope import scope_of


def limit_county_field(form, user, *, with_riket: bool = False) -> None:
    """The form's `county` offers only the counties the user may choose; it is fixed once the record
    exists (a record never changes county) and when there is only one to choose."""
    counties = scope_of(user).counties(with_riket=with_riket)
    field = form.fields["county"]
    field.queryset = counties
    field.empty_label = None
    if form.instance.pk or counties.count() == 1:
        field.disabled = True
        if not form.instance.pk:
            form.initial["county"] = counties.first()
