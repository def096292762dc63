"""The knowledge bank's vocabularies and the publications listed on Länsstyrelsen Stockholm's page
(the second seed document), as bibliographic records with descriptions written for Lägesbild.
Found by natural keys and written only when they differ, so `lagesbild init` twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from lagesbild.registers.shipped import SHIPPED, create_many, read_yaml, set_relation, upsert

from .models import Publication, PublicationStatus, Term

DATA_DIR = Path(__file__).resolve().parent / "data"
PUBLICATION_FILES = [DATA_DIR / "lansstyrelsen-stockholm.yml"]


def _text(value) -> str:
    return " ".join(str(value or "").split())


def load_vocabulary() -> int:
    document = read_yaml(DATA_DIR / "vocabulary.yml")
    changed = 0
    for kind, name in ((Term.TOPIC, "topics"), (Term.AUDIENCE, "audiences")):
        for order, spec in enumerate(document[name]):
            changed += upsert(
                Term,
                {"kind": kind, "code": spec["code"]},
                {"name_sv": spec["name_sv"], "name_en": spec["name_en"], "order": order},
            )[1]
    return changed


def _terms(kind: str, codes: list[str], where: str) -> list[Term]:
    found = {t.code: t for t in Term.objects.filter(kind=kind, code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValueError(f"{where}: okända termer {', '.join(unknown)}")
    return [found[c] for c in codes]


def _fields(spec: dict, document: dict) -> dict:
    return {
        "county_id": document["county"],
        "title": spec["title"],
        "subtitle": spec.get("subtitle", ""),
        "publisher": spec.get("publisher", document["publisher"]),
        "contributors": spec.get("contributors", ""),
        "series": spec.get("series", ""),
        "number": spec.get("number", ""),
        "year": spec.get("year"),
        "description_sv": _text(spec["description_sv"]),
        "description_en": _text(spec.get("description_en")),
        "url": spec.get("url", ""),
        "status": PublicationStatus.PUBLISHED,
        "source": document["source"],
        "is_example": False,
    }


@transaction.atomic
def load_publication_file(path: Path) -> int:
    document = read_yaml(path)
    specs = document["publications"]
    existing = {p.key: p for p in Publication.objects.filter(key__in=[s["key"] for s in specs])}
    new, changed = [], 0
    for spec in specs:
        where = f"{path.name}: {spec['key']}"
        relations = {
            "topics": _terms(Term.TOPIC, spec.get("topics", []), where),
            "audiences": _terms(Term.AUDIENCE, spec.get("audiences", []), where),
        }
        if spec["key"] not in existing:
            new.append((Publication(key=spec["key"], **_fields(spec, document)), relations))
            continue
        publication, was_changed = upsert(
            Publication, {"key": spec["key"]}, _fields(spec, document), SHIPPED
        )
        links_changed = [
            set_relation(publication, name, targets, SHIPPED) for name, targets in relations.items()
        ]
        changed += was_changed or any(links_changed)
    return changed + create_many(Publication, new, SHIPPED)


def load_publications() -> list[str]:
    messages = []
    if changed := load_vocabulary():
        messages.append(f"publikationernas ämnen och målgrupper: {changed} inlästa eller ändrade")
    for path in PUBLICATION_FILES:
        if changed := load_publication_file(path):
            messages.append(f"{path.name}: {changed} publikationer inlästa eller ändrade")
    return messages
