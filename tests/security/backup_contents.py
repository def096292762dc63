"""Run inside a `lagesbild shell` by the backup tests: fill a database with every kind of record the
platform keeps, and write every table's rows to a JSON file for comparison."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

# Content versions are renewed by every restore, on purpose: they are compared separately.
RENEWED_BY_RESTORE = {"core_contentversion"}


def fill() -> None:
    from axes.models import AccessAttempt
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from lagesbild.accounts.models import Role
    from lagesbild.directory.editing import decide, request_approvals
    from lagesbild.directory.models import CatchmentApproval, CatchmentLevel, ServiceStatus
    from lagesbild.indicators.models import Indicator
    from lagesbild.reports.models import save_commentaries
    from lagesbild.sources.importing import import_file
    from lagesbild.surveys.answers import submit
    from lagesbild.surveys.models import SurveyStatus
    from lagesbild.surveys.publishing import NewIndicator, publish_share
    from tests.builders import a_row, a_template_csv
    from tests.conftest import make_person
    from tests.directory.builders import a_service, a_sheltered_home
    from tests.surveys.builders import an_open_survey_with_questions, invite

    editor = make_person("stina.stockholm", Role.COUNTY_EDITOR, county="01")
    uppsala = make_person("ulla.uppsala", Role.COUNTY_EDITOR, county="03")
    make_person("nora.nationell", Role.NATIONAL_ADMIN)

    a_sheltered_home(user=editor)  # its address is protected and must survive the round trip
    widened = a_service(
        "Mottagningen i två län",
        catchment=(CatchmentLevel.MUNICIPALITIES, ["0127", "0381"]),
        status=ServiceStatus.DRAFT,
        user=editor,
    )
    request_approvals(widened, editor)
    decide(CatchmentApproval.objects.get(service=widened, county_id="03"), uppsala, True, "Ja.")

    survey, questions = an_open_survey_with_questions()
    for invitation in invite(survey, "Södertälje", "Botkyrka", "Nacka", "Solna", "Täby"):
        submit(invitation, {questions["ipv"].field_name: "ja", questions["trained"].field_name: 7})
    survey.status = SurveyStatus.CLOSED
    survey.save()
    publish_share(
        questions["ipv"],
        "ja",
        editor,
        new_indicator=NewIndicator(
            "Andel kommuner som erbjuder baskunskaper",
            "Share of municipalities offering basic knowledge",
            goal=Indicator.objects.get(id="oj-standardiserad-bedomningsmetod").goal,
        ),
    )

    save_commentaries("01", 2018, {"analys": "Första raden.\nAndra raden – med ”citat”."}, editor)
    with tempfile.TemporaryDirectory() as directory:
        first = a_template_csv(Path(directory), [a_row(value="9,4")], name="a.csv")
        second = a_template_csv(Path(directory), [a_row(value="10,25", note="Ny")], name="b.csv")
        import_file(first, user=editor, county="01")
        import_file(second, user=editor, county="01")

    AccessAttempt.objects.create(
        username="gissare",
        ip_address="203.0.113.5",
        user_agent="test",
        http_accept="*/*",
        path_info="/konto/logga-in/",
        failures_since_start=3,
        attempt_time=timezone.now(),
    )
    session = SessionStore()
    session["note"] = "en session"
    session.create()


def write_contents(out: str) -> None:
    from lagesbild.core.backup import _plain, stored_models

    contents = {}
    for model in stored_models():
        table = model._meta.db_table
        if table in RENEWED_BY_RESTORE:
            continue
        columns = sorted(field.attname for field in model._meta.concrete_fields)
        rows = model._base_manager.values_list(*columns)
        contents[table] = sorted(
            json.dumps(row, default=_plain, sort_keys=True, ensure_ascii=False) for row in rows
        )
    Path(out).write_text(json.dumps(contents, ensure_ascii=False), encoding="utf-8")
