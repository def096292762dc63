"""The survey results of Rapport 2019:6 the platform ships with, loaded by `lagesbild init` (the app
registers `load_surveys` as bundled data). Every record is found by a natural key and written only
when it differs, so running init again changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from lagesbild.registers.shipped import SHIPPED, citation, read_yaml, upsert

from .models import Question, Survey, SurveyStatus

DATA_DIR = Path(__file__).resolve().parent / "data"
SURVEY_FILES = [DATA_DIR / "rapport-2019-6-enkat.yml"]


def _question_fields(spec: dict, parent: Question | None) -> dict:
    return {
        "kind": spec["kind"],
        "text": spec["text"],
        "text_en": spec.get("text_en", ""),
        "help_text": spec.get("help_text", ""),
        "required": spec.get("required", True),
        "options": spec.get("options", []),
        "parent": parent,
        "show_if": spec.get("show_if", ""),
        "reported_share": spec.get("reported_share"),
        "reported_answer": spec.get("reported_answer", "ja"),
        "reported_note": " ".join(spec.get("reported_note", "").split()),
        "removed": False,
    }


def _load_questions(survey: Survey, specs: list[dict], parent: Question | None = None) -> int:
    changed = 0
    for spec in specs:
        question, was_changed = upsert(
            Question,
            {"survey": survey, "position": spec["position"]},
            _question_fields(spec, parent),
            SHIPPED,
        )
        changed += was_changed
        changed += _load_questions(survey, spec.get("follow_ups", []), question)
    return changed


@transaction.atomic
def load_survey_file(path: Path) -> int:
    spec = read_yaml(path)
    source = (
        f"{citation(spec['source'])}, {spec['source_section']}"
        if spec.get("source_section")
        else citation(spec["source"])
    )
    survey, changed = upsert(
        Survey,
        {"key": spec["key"]},
        {
            "county_id": spec["county"],
            "year": spec["year"],
            "title": spec["title"],
            "introduction": " ".join(spec.get("introduction", "").split()),
            "status": SurveyStatus.CLOSED,
            "results_public": True,
            "results_source": source,
            "is_example": False,
        },
        SHIPPED,
    )
    return changed + _load_questions(survey, spec["questions"])


def load_surveys() -> list[str]:
    messages = []
    for path in SURVEY_FILES:
        if changed := load_survey_file(path):
            messages.append(f"{path.name}: {changed} enkäter och frågor inlästa eller ändrade")
    return messages
