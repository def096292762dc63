"""Publishing a question's share as a county figure: one observation at län level of a survey
indicator, imported through the platform's one import path (lagesbild.sources.importing) with the
survey as its source, so it shows in the indicator lab and the county report with its provenance.

A new indicator made this way is the editor's (origin "user"), readable at län level only, under the
goal the editor chooses, and says in its status note that county surveys differ between counties."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.models import BatchKind, Goal, Indicator, Origin, Status, Unit
from lagesbild.sources.importing import BatchInfo, ImportRejected, import_records
from lagesbild.sources.records import Record
from lagesbild.territories.models import Level

from .answers import numbered
from .models import SURVEY_DATA_SOURCE, PublishedShare, Question
from .results import share_of

AGENCY = "Länsstyrelserna"
AREA = "Länsstyrelsernas enkäter till kommunerna"
COLUMNS = {
    name: name for name in ("indicator", "territory", "period", "sex", "value", "status", "note")
}


class PublishProblem(Exception):
    """Why the share cannot be published; nothing has been saved."""


@dataclass
class NewIndicator:
    name_sv: str
    name_en: str
    goal: Goal
    description_sv: str = ""
    description_en: str = ""


def survey_indicators() -> list[Indicator]:
    """Indicators a survey share may go into: survey-based shares readable at län level, undivided."""
    candidates = Indicator.objects.filter(
        data_source=SURVEY_DATA_SOURCE, unit=Unit.PERCENT, by_sex=False
    ).order_by("name_sv")
    return [i for i in candidates if i.readable_at(Level.LAN) and not i.dimension]


def _free_id(name: str) -> str:
    base = ("enkat-" + slugify(name))[:72].strip("-") or "enkat-indikator"
    candidate, number = base, 2
    while Indicator.objects.filter(id=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def create_indicator(spec: NewIndicator, survey) -> Indicator:
    return Indicator.objects.create(
        id=_free_id(spec.name_sv),
        goal=spec.goal,
        name_sv=spec.name_sv.strip(),
        name_en=spec.name_en.strip(),
        description_sv=spec.description_sv.strip(),
        description_en=spec.description_en.strip(),
        area=AREA,
        status=Status.INDICATOR,
        status_note=_(
            "Skapad i Lägesbild från enkäten ”%(title)s” (%(board)s). Länsstyrelserna ställer egna frågor, "
            "så värden från olika län är inte alltid jämförbara."
        )
        % {"title": survey.title, "board": survey.board},
        data_source=SURVEY_DATA_SOURCE,
        agency=AGENCY,
        unit=Unit.PERCENT,
        decimals=0,
        levels=[Level.LAN],
        by_sex=False,
        dimension=None,
        higher_is_better=None,
        origin=Origin.USER,
        catalogue_file="",
    )


def _note(question: Question, answer: str, denominator: int | None) -> str:
    survey = question.survey
    label = next(
        (
            item.label
            for item in numbered(list(survey.questions.active()))
            if item.question.pk == question.pk
        ),
        "",
    )
    parts = [
        _(
            "Andel av kommunerna som svarade ”%(answer)s” på fråga %(number)s, ”%(text)s”, i %(source)s."
        )
        % {
            "answer": question.answer_label(answer),
            "number": label,
            "text": question.text,
            "source": survey.source_label,
        }
    ]
    if survey.is_transcribed:
        parts.append(_("Andelen är hämtad ur %(source)s.") % {"source": survey.results_source})
        if question.reported_note:
            parts.append(question.reported_note)
    elif denominator is not None:
        if denominator >= settings.SUPPRESS_BELOW:
            parts.append(_("Underlag: %(n)s kommuner svarade på frågan.") % {"n": denominator})
        else:
            parts.append(
                _("Underlag: färre än %(n)s kommuner svarade på frågan.")
                % {"n": settings.SUPPRESS_BELOW}
            )
    if survey.is_example:
        parts.append(EXAMPLE_NOTICE + ".")
    return " ".join(parts)


def publish_share(
    question: Question,
    answer: str,
    user,
    *,
    indicator: Indicator | None = None,
    new_indicator: NewIndicator | None = None,
    year: int | None = None,
) -> PublishedShare:
    """Publishes the share of municipalities giving `answer`; raises PublishProblem and saves nothing
    when that is not possible."""
    survey = question.survey
    if not survey.can_edit(user):
        raise PublishProblem(_("Bara länets redaktörer kan publicera resultat från enkäten."))
    if not survey.results_final:
        raise PublishProblem(
            _("Stäng enkäten först: resultatet kan ändras så länge kommunerna kan svara.")
        )
    if (indicator is None) == (new_indicator is None):
        raise PublishProblem(_("Välj en befintlig indikator eller skapa en ny."))
    if indicator is not None and indicator.pk not in {i.pk for i in survey_indicators()}:
        raise PublishProblem(
            _(
                "Indikatorn %(id)s tar inte emot enkätandelar: den måste vara en andel från "
                "länsstyrelsernas enkäter som kan läsas på länsnivå."
            )
            % {"id": indicator.pk}
        )
    try:
        value, numerator, denominator = share_of(question, answer)
    except ValueError as error:
        raise PublishProblem(str(error)) from None
    year = year or survey.year
    try:
        with transaction.atomic():
            target = indicator or create_indicator(new_indicator, survey)
            record = Record(
                1,
                {
                    "indicator": target.pk,
                    "territory": survey.county_id,
                    "period": str(year),
                    "sex": "T",
                    "value": round(value, target.decimals),
                    "status": "ok",
                    "note": _note(question, answer, denominator),
                },
                COLUMNS,
            )
            info = BatchInfo(
                kind=BatchKind.SURVEY,
                source=survey.source_label,
                user=user,
                is_example=survey.is_example,
                parameters={"survey": survey.pk, "question": question.pk, "answer": answer},
                note=EXAMPLE_NOTICE if survey.is_example else "",
            )
            summary = import_records([record], info, file_name=survey.source_label)
            if summary.skipped:
                raise PublishProblem(
                    _(
                        "Länet har redan ett riktigt värde för %(year)s i indikatorn; exempeldata "
                        "ersätter det inte."
                    )
                    % {"year": year}
                )
            published = PublishedShare.objects.create(
                question=question,
                answer=answer,
                indicator=target,
                batch_id=summary.batch_id,
                period=year,
                value=record.values["value"],
                numerator=numerator,
                denominator=denominator,
                published_by=user,
            )
    except ImportRejected as rejected:
        raise PublishProblem(
            _("Värdet kunde inte läsas in: %(reason)s")
            % {"reason": "; ".join(error.reason for error in rejected.errors)}
        ) from None
    return published
