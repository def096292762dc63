"""Reading a record's change history (django-simple-history) for people: who changed what and when,
with old and new values in words. Every app that keeps history shows it through `history_entries`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

HIDDEN_FIELDS = frozenset({"modified", "created", "search_text"})


@dataclass
class Entry:
    when: object
    who: str
    created: bool
    reason: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def history_entries(
    instance, describe: dict[str, Callable[[object], str]] | None = None
) -> list[Entry]:
    """Newest first, one entry per saved edit. `describe` gives the words for fields whose stored form
    means nothing to people (a weekly schedule kept as JSON, say)."""
    model = type(instance)
    describe = describe or {}
    m2m = {f.name for f in model._meta.many_to_many}
    records = list(
        instance.history.order_by("history_date", "history_id").select_related("history_user")
    )
    entries, previous = [], None
    for record in records:
        who = (
            record.history_user.get_username()
            if record.history_user
            else _("systemet (kommandoraden)")
        )
        entry = Entry(
            record.history_date, who, record.history_type == "+", record.history_change_reason or ""
        )
        if previous is not None:
            entry.changes = record_changes(model, record, previous, describe, m2m)
        entries.append(entry)
        previous = record
    return list(reversed(entries))


def record_changes(
    model,
    record,
    previous,
    describe: dict[str, Callable[[object], str]] | None = None,
    m2m: set[str] | None = None,
) -> list[tuple[str, str, str]]:
    """(field label, old words, new words) for each field a history record changed since `previous`."""
    describe = describe or {}
    if m2m is None:
        m2m = {f.name for f in model._meta.many_to_many}
    changes = []
    for change in record.diff_against(previous, foreign_keys_are_objs=False).changes:
        if change.field in HIDDEN_FIELDS:
            continue
        label = str(model._meta.get_field(change.field).verbose_name)
        if change.field in describe:
            words = describe[change.field]
        elif change.field in m2m:
            words = lambda rows, name=change.field: _m2m_words(model, name, rows)  # noqa: E731
        else:
            words = lambda value, name=change.field: _words(model, name, value)  # noqa: E731
        changes.append((label, words(change.old), words(change.new)))
    return changes


def record_values(model, record, describe: dict[str, Callable[[object], str]] | None = None):
    """(field label, words) for every field a history record holds: what a new or deleted record was."""
    describe = describe or {}
    values = []
    for model_field in model._meta.fields:
        name = model_field.attname if model_field.is_relation else model_field.name
        if (
            model_field.primary_key
            or model_field.name in HIDDEN_FIELDS
            or not hasattr(record, name)
        ):
            continue
        value = getattr(record, name)
        words = (
            describe[model_field.name](value)
            if model_field.name in describe
            else _words(model, model_field.name, value)
        )
        if words != "–":
            values.append((str(model_field.verbose_name), words))
    return values


def _words(model, name: str, value) -> str:
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the record was written
        return "–" if value in (None, "") else str(value)
    if value in (None, "", [], {}):
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation and (model_field.many_to_one or model_field.one_to_one):
        target = model_field.related_model
        found = target.objects.filter(pk=value).first()
        if found is None:
            return str(value)
        return found.get_username() if target is get_user_model() else str(found)
    if isinstance(value, list):
        return "; ".join(_item_words(v) for v in value)
    return str(value)


def _item_words(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{v}" for v in value.values() if v not in (None, ""))
    return str(value)


def _m2m_words(model, name: str, rows) -> str:
    target = model._meta.get_field(name).related_model
    key = target._meta.model_name
    ids = [row.get(key) for row in rows or []]
    names = {obj.pk: str(obj) for obj in target.objects.filter(pk__in=ids)}
    return ", ".join(sorted(names.get(i, str(i)) for i in ids)) or "–"
