"""Saving a register's record as one edit with one history record (read for people by
lagesbild.core.history): forms, single fields (archiving, opening, closing), explicit records."""

from __future__ import annotations

from django.db import models, transaction


@transaction.atomic
def save_with_history(
    form, user, reason: str = "", *, also_changed: bool = False
) -> tuple[models.Model, bool]:
    """Saves a ModelForm's instance and its many-to-many fields as one edit with one history record.

    `also_changed` tells that the caller set a field outside the form. Returns (instance, changed);
    an edit that changes nothing writes nothing."""
    instance = form.instance
    created = instance._state.adding
    if not created and not form.has_changed() and not also_changed:
        return instance, False
    instance.skip_history_when_saving = True
    try:
        instance = form.save()
    finally:
        del instance.skip_history_when_saving
    record_history(instance, user, reason, created=created)
    return instance, True


_TRACKED: list = []


def tracked(records):
    """Registers a model's HistoricalRecords so edits can write their one record explicitly:
    `history = tracked(HistoricalRecords())` in the model class."""
    _TRACKED.append(records)
    return records


def record_history(instance, user, reason: str = "", *, created: bool = False) -> None:
    instance._history_user = user
    instance._change_reason = reason or None
    records = next((r for r in _TRACKED if getattr(r, "cls", None) is type(instance)), None)
    if records is None:
        raise LookupError(f"{type(instance).__name__} is not registered with tracked()")
    records.create_historical_record(instance, "+" if created else "~")


@transaction.atomic
def save_fields(instance, user, reason: str, **fields) -> bool:
    """Sets plain fields and saves them as one edit (archiving, opening, closing); False if nothing changed."""
    if all(getattr(instance, name) == value for name, value in fields.items()):
        return False
    for name, value in fields.items():
        setattr(instance, name, value)
    instance._history_user = user
    instance._change_reason = reason or None
    instance.save()
    return True
