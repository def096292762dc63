"""The indicator catalogue: versioned YAML files validated against a JSON Schema.

Files are read from the package's own `catalogue/` folder and from any folders named in
LAGESBILD_CATALOGUE_DIRS (separated by the OS path separator), so a county can add its own
indicators, and its own strategy's goals (`regional_strategies`), without touching the package.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import ProtectedError
from jsonschema import Draft202012Validator

from lagesbild.core.errors import UserError
from lagesbild.core.models import Area
from lagesbild.core.versioning import bump
from lagesbild.territories.models import Level, Territory

from .models import Goal, Indicator, Origin, RegionalGoal, Scope

PACKAGE_DIR = Path(__file__).parent / "catalogue"


class CatalogueError(UserError, ValueError):
    heading = "Katalogen innehåller fel:"

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Catalogue:
    goals: dict[int, dict] = field(default_factory=dict)
    indicators: dict[str, dict] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # indicator id -> file name
    # (county code, goal number) -> the goal, with its strategy's name, references and file name
    regional_goals: dict[tuple[str, int], dict] = field(default_factory=dict)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(
        json.loads((PACKAGE_DIR / "schema.json").read_text(encoding="utf-8"))
    )


def catalogue_dirs() -> list[Path]:
    extra = os.environ.get("LAGESBILD_CATALOGUE_DIRS", "")
    return [PACKAGE_DIR, *(Path(p) for p in extra.split(os.pathsep) if p.strip())]


def catalogue_files(dirs: list[Path] | None = None) -> list[Path]:
    files: list[Path] = []
    for directory in dirs or catalogue_dirs():
        if not directory.is_dir():
            raise CatalogueError([f"{directory}: katalogmappen finns inte"])
        files += sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])
    return files


def _location(error) -> str:
    return "/".join(str(part) for part in error.absolute_path) or "(filens rot)"


def _read_file(path: Path, problems: list[str]) -> dict | None:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problems.append(f"{path.name}: går inte att läsa som YAML: {error}")
        return None
    if document is None:
        return {}
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors:
        problems.append(f"{path.name}: {_location(error)}: {error.message}")
    return None if errors else document


def load_catalogue(dirs: list[Path] | None = None) -> Catalogue:
    """Reads and validates every catalogue file; raises CatalogueError listing every problem."""
    catalogue = Catalogue()
    problems: list[str] = []
    for path in catalogue_files(dirs):
        document = _read_file(path, problems)
        if document is None:
            continue
        for goal in document.get("goals", []):
            if goal["number"] in catalogue.goals:
                problems.append(f"{path.name}: målsättning {goal['number']} finns redan")
            catalogue.goals[goal["number"]] = goal
        for index, indicator in enumerate(document.get("indicators", [])):
            where = f"{path.name}: indicators/{index} ({indicator['id']})"
            if indicator["id"] in catalogue.indicators:
                problems.append(f"{where}: id finns redan i {catalogue.files[indicator['id']]}")
            problems += [f"{where}: {p}" for p in _indicator_problems(indicator)]
            catalogue.indicators[indicator["id"]] = indicator
            catalogue.files[indicator["id"]] = path.name
        for index, strategy in enumerate(document.get("regional_strategies", [])):
            for goal in strategy["goals"]:
                key = (strategy["county"], goal["number"])
                if key in catalogue.regional_goals:
                    problems.append(
                        f"{path.name}: regional_strategies/{index}: län {key[0]} har redan ett mål {key[1]}"
                    )
                catalogue.regional_goals[key] = {
                    **goal,
                    "strategy_sv": strategy["name_sv"],
                    "strategy_en": strategy["name_en"],
                    "file": path.name,
                }
    for indicator_id, indicator in catalogue.indicators.items():
        where = f"{catalogue.files[indicator_id]}: {indicator_id}"
        if indicator["goal"] not in catalogue.goals:
            problems.append(f"{where}: målsättning {indicator['goal']} finns inte")
        problems += [f"{where}: {p}" for p in _combined_view_problems(indicator, catalogue)]
    for (county, number), goal in catalogue.regional_goals.items():
        unknown = [i for i in goal.get("indicators", []) if i not in catalogue.indicators]
        if unknown:
            problems.append(
                f"{goal['file']}: län {county} mål {number}: okända indikatorer {', '.join(unknown)}"
            )
    if problems:
        raise CatalogueError(problems)
    return catalogue


def _indicator_problems(indicator: dict) -> list[str]:
    problems = []
    dimension = indicator.get("dimension")
    if dimension:
        ids = [c["id"] for c in dimension["categories"]]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            problems.append(
                f"dimension: kategorierna {', '.join(duplicates)} förekommer flera gånger"
            )
    if indicator["status"] == "utvecklingsindikator" and indicator["levels"]:
        problems.append("status: en utvecklingsindikator saknar datakälla och kan inte ha nivåer")
    if indicator["status"] != "utvecklingsindikator" and not indicator["levels"]:
        problems.append("levels: en indikator med datakälla måste kunna läsas på minst en nivå")
    return problems


def _combined_view_problems(indicator: dict, catalogue: Catalogue) -> list[str]:
    """A category naming a published indicator: it must exist, be an indicator of its own (not
    another combined view) and share goal and unit, since its figures are that indicator's."""
    problems = []
    for category in (indicator.get("dimension") or {}).get("categories", []):
        target_id = category.get("indicator")
        if not target_id:
            continue
        target = catalogue.indicators.get(target_id)
        where = f"dimension: kategorin {category['id']}"
        if target is None or target_id == indicator["id"]:
            problems.append(f"{where}: indikatorn {target_id} finns inte")
        elif any(c.get("indicator") for c in (target.get("dimension") or {}).get("categories", [])):
            problems.append(f"{where}: {target_id} är själv en sammanställning")
        elif (target["goal"], target["unit"]) != (indicator["goal"], indicator["unit"]):
            problems.append(f"{where}: {target_id} har annan målsättning eller enhet")
    return problems


def _indicator_fields(spec: dict, file_name: str) -> dict:
    return {
        "goal_id": spec["goal"],
        "name_sv": spec["name_sv"],
        "name_en": spec["name_en"],
        "description_sv": spec.get("description_sv", ""),
        "description_en": spec.get("description_en", ""),
        "area": spec.get("area", ""),
        "status": spec["status"],
        "status_note": spec.get("status_note", ""),
        "data_source": spec["data_source"],
        "agency": spec["agency"],
        "unit": spec["unit"],
        "decimals": spec.get("decimals", 0),
        "levels": spec["levels"],
        "by_sex": spec["by_sex"],
        "dimension": spec.get("dimension"),
        "higher_is_better": spec.get("higher_is_better"),
        "scope": spec.get("scope", Scope.NATIONAL),
        "references": spec["references"],
        "notes": spec.get("notes", ""),
        "origin": Origin.CATALOGUE,
        "catalogue_file": file_name,
    }


@transaction.atomic
def sync_catalogue(catalogue: Catalogue | None = None) -> int:
    """Writes the catalogue to the database; returns how many goals and indicators changed.

    An indicator removed from the files is removed from the database too, unless something refers to
    it (its observations, a published survey share): then it stays, so no figure loses its indicator.
    Regional goals follow the files exactly."""
    catalogue = catalogue or load_catalogue()
    changed = 0
    for number, spec in catalogue.goals.items():
        fields = {
            k: spec.get(k, None if k.startswith("declared_") and k != "declared_source" else "")
            for k in (
                "name_sv",
                "name_en",
                "description_sv",
                "description_en",
                "declared_total",
                "declared_regional",
                "declared_source",
                "notes",
            )
        }
        changed += _upsert(Goal, {"number": number}, fields)
    for indicator_id, spec in catalogue.indicators.items():
        changed += _upsert(
            Indicator, {"id": indicator_id}, _indicator_fields(spec, catalogue.files[indicator_id])
        )
    changed += _remove_unreferenced(
        Indicator.objects.filter(origin=Origin.CATALOGUE).exclude(id__in=catalogue.indicators)
    )
    changed += _sync_regional_goals(catalogue)
    if changed:
        bump(Area.CATALOGUE)  # updates go past the model signals
    return changed


def _remove_unreferenced(indicators) -> int:
    removed = 0
    for indicator in indicators:
        try:
            with transaction.atomic():
                indicator.delete()
            removed += 1
        except ProtectedError:
            continue
    return removed


def _sync_regional_goals(catalogue: Catalogue) -> int:
    """Creates, updates and removes regional goals to match the files; returns how many changed."""
    territories = set(Territory.objects.filter(level=Level.LAN).values_list("code", flat=True))
    unknown = sorted({county for county, _ in catalogue.regional_goals} - territories)
    if unknown:
        raise CatalogueError(
            [
                f"regional_strategies: {code} är inget län (län har koderna 01–25)"
                for code in unknown
            ]
        )
    changed = 0
    kept = []
    for (county, number), spec in catalogue.regional_goals.items():
        fields = {
            "name_sv": spec["name_sv"],
            "name_en": spec["name_en"],
            "description_sv": spec.get("description_sv", ""),
            "description_en": spec.get("description_en", ""),
            "strategy_sv": spec["strategy_sv"],
            "strategy_en": spec["strategy_en"],
            "references": spec["references"],
            "notes": spec.get("notes", ""),
            "catalogue_file": spec["file"],
        }
        changed += _upsert(RegionalGoal, {"county_id": county, "number": number}, fields)
        goal = RegionalGoal.objects.get(county_id=county, number=number)
        kept.append(goal.pk)
        wanted = set(spec.get("indicators", []))
        if set(goal.indicators.values_list("id", flat=True)) != wanted:
            goal.indicators.set(wanted)
            changed += 1
    stale = RegionalGoal.objects.exclude(pk__in=kept)
    changed += stale.count()
    stale.delete()
    return changed


def _upsert(model, key: dict, fields: dict) -> int:
    instance = model.objects.filter(**key).first()
    if instance is None:
        model.objects.create(**key, **fields)
        return 1
    if all(getattr(instance, name) == value for name, value in fields.items()):
        return 0
    model.objects.filter(**key).update(**fields)
    return 1
