"""The activities' vocabularies (the six sub-assignments, target groups) and the real activities the
platform ships with (Länsstyrelsen Stockholm 2018, from Rapport 2019:6). Found by natural keys and
written only when they differ, so `lagesbild init` twice changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from lagesbild.registers.shipped import (
    SHIPPED,
    citation,
    create_many,
    read_yaml,
    set_relation,
    upsert,
)

from .models import Activity, Qualifier, SubAssignment, TargetGroup

DATA_DIR = Path(__file__).resolve().parent / "data"
ACTIVITY_FILES = [DATA_DIR / "stockholm-2018.yml"]


def load_vocabularies() -> int:
    changed = 0
    for spec in read_yaml(DATA_DIR / "deluppdrag.yml"):
        changed += upsert(
            SubAssignment,
            {"number": spec["number"]},
            {
                k: spec.get(k, "")
                for k in ("name_sv", "name_en", "description_sv", "description_en")
            },
        )[1]
    for order, spec in enumerate(read_yaml(DATA_DIR / "malgrupper.yml")):
        changed += upsert(
            TargetGroup,
            {"code": spec["code"]},
            {"name_sv": spec["name_sv"], "name_en": spec["name_en"], "order": order},
        )[1]
    return changed


def _text(value) -> str:
    return " ".join(str(value or "").split())


def _fields(spec: dict, document: dict) -> dict:
    start = spec.get("start_date")
    source = citation(document["source"])
    if spec.get("section"):
        source += f", avsnittet ”{spec['section']}”"
    return {
        "county_id": document["county"],
        "year": document["year"],
        "kind": spec["kind"],
        "title": spec["title"],
        "start_date": start
        if isinstance(start, date) or start is None
        else date.fromisoformat(start),
        "end_date": spec.get("end_date"),
        "sub_assignment_id": spec["sub_assignment"],
        "goal_id": spec.get("goal"),
        "participants": spec.get("participants"),
        "participants_qualifier": spec.get("participants_qualifier", Qualifier.EXACT),
        "sessions": spec.get("sessions"),
        "reach": [
            {
                "measure": r["measure"],
                "value": r["value"],
                "qualifier": r.get("qualifier", Qualifier.EXACT),
                "of_total": r.get("of_total"),
                "label": r.get("label", ""),
            }
            for r in spec.get("reach", [])
        ],
        "partners": "\n".join(spec.get("partners", [])),
        "description": _text(spec.get("description")),
        "links": "\n".join(spec.get("links", [])),
        "source": source,
        "is_example": False,
        "archived": False,
    }


@transaction.atomic
def load_activity_file(path: Path) -> int:
    document = read_yaml(path)
    groups = {g.code: g for g in TargetGroup.objects.all()}
    specs = document["activities"]
    existing = {a.key: a for a in Activity.objects.filter(key__in=[s["key"] for s in specs])}
    new, changed = [], 0
    for spec in specs:
        unknown = [code for code in spec.get("target_groups", []) if code not in groups]
        if unknown:
            raise ValueError(f"{path.name}: {spec['key']}: okända målgrupper {', '.join(unknown)}")
        targets = [groups[c] for c in spec.get("target_groups", [])]
        if spec["key"] not in existing:
            new.append(
                (Activity(key=spec["key"], **_fields(spec, document)), {"target_groups": targets})
            )
            continue
        activity, was_changed = upsert(
            Activity, {"key": spec["key"]}, _fields(spec, document), SHIPPED
        )
        changed += was_changed or set_relation(activity, "target_groups", targets, SHIPPED)
    return changed + create_many(Activity, new, SHIPPED)


def load_activities() -> list[str]:
    messages = []
    if changed := load_vocabularies():
        messages.append(f"deluppdrag och målgrupper: {changed} inlästa eller ändrade")
    for path in ACTIVITY_FILES:
        if changed := load_activity_file(path):
            messages.append(f"{path.name}: {changed} aktiviteter inlästa eller ändrade")
    return messages
