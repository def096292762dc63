"""A service's history for people: who changed what, when, with old and new values in words.

The reading is lagesbild.core.history's; only the words for a service's own fields are here."""

from __future__ import annotations

from lagesbild.core.history import Entry, history_entries
from lagesbild.territories.models import Territory

from . import hours
from .models import Service


def _territory_names(ids) -> str:
    names = dict(Territory.objects.filter(pk__in=ids).values_list("pk", "name"))
    return ", ".join(sorted(str(names.get(i, i)) for i in ids)) or "–"


# Territories by name alone (their usual words add the code) and opening hours as a sentence.
SERVICE_WORDS = {
    "county": lambda code: _territory_names([code]) if code else "–",
    "catchment_areas": lambda rows: _territory_names([row["territory"] for row in rows or []]),
    "weekly_hours": lambda value: hours.describe_week(False, hours.from_json(value)) or "–",
}


def changes_of(service: Service) -> list[Entry]:
    """Newest first. Each entry is one edit (the editing path writes one record per edit)."""
    return history_entries(service, SERVICE_WORDS)
