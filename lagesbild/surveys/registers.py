"""What the three county registers (surveys, activities, publications) share: who may edit, saving
with one history record per edit (read for people by lagesbild.core.history), and tables as CSV or XLSX.

It lives in the surveys app because the three apps are installed together; activities and
publications import it from here."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lagesbild.accounts.models import county_code_of, is_national_admin
from lagesbild.territories.models import Level, Territory

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Who may edit -------------------------------------------------------------------------------


def is_editor(user) -> bool:
    """A county editor or the national administrator: the people who keep the registers."""
    return is_national_admin(user) or county_code_of(user) is not None


def require_editor(user) -> None:
    if not is_editor(user):
        raise PermissionDenied(
            _("Bara länsstyrelsernas redaktörer och den nationella administratören kan ändra här.")
        )


def counties_for(user):
    """The län a user may register things for: their own, or all 21 for the national administrator."""
    counties = Territory.objects.filter(level=Level.LAN).order_by("code")
    if is_national_admin(user):
        return counties
    return counties.filter(code=county_code_of(user))


def limit_county_field(form, counties) -> None:
    """The form's `county` offers only `counties`; it is fixed once the record exists (a record never
    changes county) and when there is only one to choose."""
    field = form.fields["county"]
    field.queryset = counties
    field.empty_label = None
    if form.instance.pk or counties.count() == 1:
        field.disabled = True
        if not form.instance.pk:
            form.initial["county"] = counties.first()


def editable_by(queryset, user, field_name: str = "county"):
    if is_national_admin(user):
        return queryset
    county = county_code_of(user)
    return queryset.filter(**{f"{field_name}_id": county}) if county else queryset.none()


def forbidden(request, what: str, owner: Territory | None):
    """403 page that says whose the record is, so the editor knows whom to ask."""
    owner_name = (
        owner.name
        if owner is not None and owner.level == Level.LAN
        else _("den nationella administratören")
    )
    return render(
        request, "registers/forbidden.html", {"what": what, "owner": owner_name}, status=403
    )


# --- Saving with history ------------------------------------------------------------------------


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


# --- Tables as files ----------------------------------------------------------------------------


def csv_bytes(columns: list[str], rows: list[list], notice: str = "") -> bytes:
    """UTF-8 with BOM and semicolons, so Excel with Swedish settings opens it as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if notice:
        writer.writerow([notice])
    writer.writerow(columns)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: list[tuple[str, list[str], list[list]]], notice: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        if notice:
            sheet.append([notice])
            sheet.cell(row=1, column=1).font = Font(bold=True)
        sheet.append(columns)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def table_response(
    fmt: str,
    filename: str,
    columns: list[str],
    rows: list[list],
    *,
    notice: str = "",
    sheets: list | None = None,
    disposition: str = "attachment",
) -> HttpResponse:
    """A CSV or XLSX answer; `sheets` adds further XLSX sheets as (title, columns, rows)."""
    if fmt == "xlsx":
        body = xlsx_bytes([(filename, columns, rows), *(sheets or [])], notice)
        response = HttpResponse(body, content_type=XLSX_TYPE)
    else:
        response = HttpResponse(
            csv_bytes(columns, rows, notice), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{fmt}"'
    return response


# --- Shipped data ---------------------------------------------------------------------------------


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
