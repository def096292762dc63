"""A service's history for people: who changed what, when, with old and new values in words."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from lagesbild.territories.models import Territory

from . import hours
from .models import Language, Organization, Service, TaxonomyTerm

HIDDEN = {"modified", "created"}
RELATED_NAMES = {
    "organization": lambda ids: dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name")),
    "sector": lambda ids: dict(TaxonomyTerm.objects.filter(pk__in=ids).values_list("pk", "name_sv")),
    "county": lambda ids: dict(Territory.objects.filter(pk__in=ids).values_list("pk", "name")),
    "verified_by": lambda ids: {u.pk: u.get_username() for u in get_user_model().objects.filter(pk__in=ids)},
}
M2M_TARGET = {"target_groups": "taxonomyterm", "exposure_types": "taxonomyterm", "catchment_areas": "territory",
              "languages": "language"}


@dataclass
class Entry:
    when: object
    who: str
    created: bool
    reason: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _label(name: str) -> str:
    return str(Service._meta.get_field(name).verbose_name)


def _m2m_names(name: str, rows) -> str:
    ids = [row[M2M_TARGET[name]] for row in rows or []]
    if name == "catchment_areas":
        names = dict(Territory.objects.filter(pk__in=ids).values_list("pk", "name"))
    elif name == "languages":
        names = dict(Language.objects.filter(pk__in=ids).values_list("pk", "name_sv"))
    else:
        names = dict(TaxonomyTerm.objects.filter(pk__in=ids).values_list("pk", "name_sv"))
    return ", ".join(sorted(str(names.get(i, i)) for i in ids)) or "–"


def _words(name: str, value) -> str:
    if name in RELATED_NAMES:
        return str(RELATED_NAMES[name]([value]).get(value, value)) if value is not None else "–"
    if name == "weekly_hours":
        return hours.describe_week(False, hours.from_json(value)) or "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if name == "status":
        return str(dict(Service._meta.get_field("status").choices).get(value, value))
    return "–" if value in (None, "") else str(value)


def changes_of(service: Service) -> list[Entry]:
    """Newest first. Each entry is one edit (the editing path writes one record per edit)."""
    records = list(service.history.all().order_by("history_date", "history_id").select_related("history_user"))
    entries = []
    previous = None
    for record in records:
        who = record.history_user.get_username() if record.history_user else _("systemet (kommandoraden)")
        entry = Entry(record.history_date, who, record.history_type == "+", record.history_change_reason or "")
        if previous is not None:
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                if change.field in HIDDEN:
                    continue
                if change.field in M2M_TARGET:
                    entry.changes.append((_label(change.field), _m2m_names(change.field, change.old),
                                          _m2m_names(change.field, change.new)))
                else:
                    entry.changes.append((_label(change.field), _words(change.field, change.old),
                                          _words(change.field, change.new)))
        entries.append(entry)
        previous = record
    return list(reversed(entries))
