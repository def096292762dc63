"""The directory's vocabularies (taxonomies and languages) are YAML files in this folder, loaded into
the database by `sync_vocabularies`: by a data migration on `lagesbild init`, and again by every
`lagesbild directory` command that reads or writes services, so an edited file takes effect."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from django.db import transaction

FOLDER = Path(__file__).resolve().parent


@cache
def taxonomy_definitions() -> list[dict]:
    return yaml.safe_load((FOLDER / "taxonomies.yml").read_text(encoding="utf-8"))["taxonomies"]


@cache
def language_definitions() -> list[dict]:
    return yaml.safe_load((FOLDER / "languages.yml").read_text(encoding="utf-8"))["languages"]


def _upsert(model, key: dict, values: dict) -> bool:
    current = model.objects.filter(**key).first()
    if current is None:
        model.objects.create(**key, **values)
        return True
    if any(getattr(current, name) != value for name, value in values.items()):
        model.objects.filter(**key).update(**values)
        return True
    return False


@transaction.atomic
def sync_vocabularies(taxonomy_model=None, term_model=None, language_model=None) -> int:
    """Creates or corrects every taxonomy, term and language; returns how many rows changed.
    Terms are never deleted (services may refer to them). Models can be passed in for migrations."""
    from lagesbild.directory import models
    from lagesbild.directory.models import derived_uuid

    taxonomy_model = taxonomy_model or models.Taxonomy
    term_model = term_model or models.TaxonomyTerm
    language_model = language_model or models.Language
    changed = 0
    for taxonomy in taxonomy_definitions():
        changed += _upsert(
            taxonomy_model,
            {"id": taxonomy["id"]},
            {
                "uuid": derived_uuid("taxonomy", taxonomy["id"]),
                "name_sv": taxonomy["name_sv"],
                "name_en": taxonomy["name_en"],
                "description_sv": taxonomy.get("description_sv", ""),
                "description_en": taxonomy.get("description_en", ""),
                "version": str(taxonomy.get("version", "")),
            },
        )
        for order, term in enumerate(taxonomy["terms"], start=1):
            changed += _upsert(
                term_model,
                {"taxonomy_id": taxonomy["id"], "code": term["code"]},
                {
                    "uuid": derived_uuid("term", taxonomy["id"], term["code"]),
                    "name_sv": term["name_sv"],
                    "name_en": term["name_en"],
                    "name_easy": term.get("easy", term["name_sv"]),
                    "description_sv": term.get("description_sv", ""),
                    "description_en": term.get("description_en", ""),
                    "order": order,
                },
            )
    for order, language in enumerate(language_definitions(), start=1):
        changed += _upsert(
            language_model,
            {"code": language["code"]},
            {
                "name_sv": language["name_sv"],
                "name_en": language["name_en"],
                "native": language["native"],
                "rtl": bool(language.get("rtl", False)),
                "order": order,
            },
        )
    return changed
