"""Loading a register's shipped data (YAML files in the app's data folder) by natural keys: unchanged
data writes nothing, so `lagesbild init` twice leaves the database and the history as they were."""

from __future__ import annotations

from django.db import models

from lagesbild.core.models import Area
from lagesbild.core.versioning import bump

from .history import _TRACKED, record_history

SHIPPED = "inläst från Lägesbilds data (lagesbild init)"


def citation(key: str) -> str:
    """The full reference for a source named by key in the registers' data files."""
    from lagesbild.sources.published import REPORT_2019_6

    sources = {"rapport-2019-6": REPORT_2019_6}
    if key not in sources:
        raise ValueError(f"okänd källa {key!r} i registrens data (kända: {', '.join(sources)})")
    return sources[key]


def read_yaml(path):
    import yaml

    return yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )


def upsert(model, lookup: dict, fields: dict, reason: str = "") -> tuple[models.Model, bool]:
    """Creates or updates one record of shipped data by its natural key; unchanged data writes nothing,
    so loading twice leaves the database (and the history) exactly as it was."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **fields)
        instance._change_reason = reason or None
        instance.save()
        return instance, True
    if all(_same(getattr(instance, name), value) for name, value in fields.items()):
        return instance, False
    for name, value in fields.items():
        setattr(instance, name, value)
    instance._change_reason = reason or None
    instance.save()
    return instance, True


def _same(current, wanted) -> bool:
    if isinstance(current, models.Model):
        return current.pk == getattr(wanted, "pk", wanted)
    return current == wanted


def set_relation(instance, name: str, targets: list, reason: str = "") -> bool:
    """Replaces a many-to-many relation of shipped data, with one history record if it changed."""
    relation = getattr(instance, name)
    if set(relation.values_list("pk", flat=True)) == {t.pk for t in targets}:
        return False
    instance.skip_history_when_saving = True
    try:
        relation.set(targets)
    finally:
        del instance.skip_history_when_saving
    record_history(instance, None, reason)
    return True


def create_many(model, new: list[tuple[models.Model, dict[str, list]]], reason: str = "") -> int:
    """Inserts new records of shipped data with their many-to-many links and one history record each
    (with the links), in a handful of statements, so a fresh `lagesbild init` stays fast."""
    if not new:
        return 0
    objects = [obj for obj, _relations in new]
    for obj in objects:
        prepare = getattr(obj, "prepare_to_save", None)
        if prepare:
            prepare()
    model.objects.bulk_create(objects)
    bump(Area.REGISTERS)  # bulk inserts go past the model signals
    links: dict[str, list] = {}
    for name in {name for _obj, relations in new for name in relations}:
        relation = model._meta.get_field(name)
        through = relation.remote_field.through
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        links[name] = through.objects.bulk_create(
            [
                through(**{f"{source}_id": obj.pk, f"{target}_id": t.pk})
                for obj, relations in new
                for t in relations.get(name, [])
            ]
        )
    historical = model.history.bulk_history_create(objects, default_change_reason=reason)
    records = next(r for r in _TRACKED if getattr(r, "cls", None) is model)
    by_object = {
        row.id: row for row in historical
    }  # a historical row keeps the original's id in `id`
    for name, rows in links.items():
        relation = model._meta.get_field(name)
        history_model = records.m2m_models[relation]
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        history_model.objects.bulk_create(
            [
                history_model(
                    history=by_object[getattr(row, f"{source}_id")],
                    id=row.pk,
                    **{
                        f"{source}_id": getattr(row, f"{source}_id"),
                        f"{target}_id": getattr(row, f"{target}_id"),
                    },
                )
                for row in rows
            ]
        )
    return len(objects)
