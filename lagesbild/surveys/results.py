"""Survey results: counts and shares per question over the municipalities that answered.

The editor sees every count. Public outputs (the public results page and its .json/.csv twins) follow
the platform's rule for small numbers (settings.SUPPRESS_BELOW, default 5), the same rule the lab
applies: a count of municipalities below the threshold is not shown ("färre än 5"), and neither is
the number who answered a question when it is below the threshold. Shares are shown, as the lab
shows percentages and as county boards publish them (see docs/adr/0006-survey-figures-and-small-numbers.md).
Free-text answers are never public, nor are the smallest and largest number given (each is one
municipality's answer)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from .answers import Numbered, numbered
from .models import Question, QuestionKind, Survey


@dataclass
class Cell:
    """A count with its share; `suppressed` when public output must not show the count."""

    answer: str
    label: str
    count: int | None
    share: float | None
    suppressed: bool = False


@dataclass
class NumberSummary:
    count: int
    total: float | None = None
    mean: float | None = None
    median: float | None = None
    smallest: float | None = None
    largest: float | None = None


@dataclass
class QuestionResult:
    item: Numbered
    answered: int | None
    asked: int
    cells: list[Cell] = field(default_factory=list)
    numbers: NumberSummary | None = None
    texts: list[tuple[str, str]] = field(default_factory=list)  # (municipality, text), editor only
    reported: bool = False
    answered_suppressed: bool = False

    @property
    def question(self) -> Question:
        return self.item.question

    @property
    def label(self) -> str:
        return self.item.label


@dataclass
class SurveyResults:
    survey: Survey
    invited: int
    submitted: int
    questions: list[QuestionResult]
    public: bool
    threshold: int

    @property
    def response_rate(self) -> float | None:
        return 100 * self.submitted / self.invited if self.invited else None


def _share(count: int, answered: int) -> float | None:
    return 100 * count / answered if answered else None


def _choice_cells(question: Question, answers: list) -> tuple[list[Cell], int]:
    counts = dict.fromkeys(question.answer_values(), 0)
    answered = 0
    for value in answers:
        if value in (None, "", []):
            continue
        answered += 1
        for chosen in value if isinstance(value, list) else [value]:
            counts[chosen] = counts.get(chosen, 0) + 1
    cells = [
        Cell(value, question.answer_label(value), n, _share(n, answered))
        for value, n in counts.items()
    ]
    return cells, answered


def _reported_cells(question: Question) -> list[Cell]:
    answer = question.reported_answer or "ja"
    return [Cell(answer, question.answer_label(answer), None, question.reported_share)]


def _number_summary(values: list[float]) -> NumberSummary:
    if not values:
        return NumberSummary(0)
    return NumberSummary(
        len(values),
        sum(values),
        statistics.fmean(values),
        statistics.median(values),
        min(values),
        max(values),
    )


def _suppress(result: QuestionResult, threshold: int) -> None:
    """Public output: counts below the threshold and a small number of answers are not shown."""
    if result.answered is not None and result.answered < threshold:
        result.answered_suppressed = True
    for cell in result.cells:
        if cell.count is not None and cell.count < threshold:
            cell.count, cell.suppressed = None, True
    if result.numbers is not None:
        numbers = result.numbers
        if numbers.count < threshold:
            result.numbers = NumberSummary(numbers.count)
        else:
            numbers.smallest = numbers.largest = None
    result.texts = []


def survey_results(survey: Survey, *, public: bool) -> SurveyResults:
    questions = list(survey.questions.active().order_by("position", "id"))
    invitations = list(survey.invitations.current().select_related("municipality"))
    submitted = [i for i in invitations if i.submitted_at is not None]
    threshold = settings.SUPPRESS_BELOW
    results = []
    for item in numbered(questions):
        question = item.question
        if survey.is_transcribed:
            results.append(
                QuestionResult(
                    item,
                    None,
                    0,
                    _reported_cells(question) if question.reported_share is not None else [],
                    reported=True,
                )
            )
            continue
        asked = [i for i in submitted if question.applies_to(i.answers)]
        values = [i.answers.get(question.field_name) for i in asked]
        result = QuestionResult(item, None, len(asked))
        if question.has_choices:
            result.cells, result.answered = _choice_cells(question, values)
        elif question.kind == QuestionKind.NUMBER:
            numbers = [float(v) for v in values if v not in (None, "")]
            result.numbers, result.answered = _number_summary(numbers), len(numbers)
        else:
            result.texts = [
                (i.municipality.name, i.answers[question.field_name])
                for i in asked
                if i.answers.get(question.field_name)
            ]
            result.answered = len(result.texts)
        if public:
            _suppress(result, threshold)
        results.append(result)
    return SurveyResults(survey, len(invitations), len(submitted), results, public, threshold)


def share_of(question: Question, answer: str) -> tuple[float, int | None, int | None]:
    """(share in percent, municipalities with the answer, municipalities answering) for publishing.

    Raises ValueError with a message for the editor when there is nothing to publish."""
    if question.survey.is_transcribed:
        if question.reported_share is None:
            raise ValueError(_("Frågan har ingen publicerad andel."))
        if answer != (question.reported_answer or "ja"):
            raise ValueError(
                _("Den publicerade andelen gäller svaret ”%(answer)s”.")
                % {"answer": question.answer_label(question.reported_answer or "ja")}
            )
        return question.reported_share, None, None
    if not question.has_choices:
        raise ValueError(_("Bara frågor med svarsalternativ ger en andel att publicera."))
    if answer not in question.answer_values():
        raise ValueError(
            _("”%(answer)s” är inget svarsalternativ till frågan.") % {"answer": answer}
        )
    result = next(
        r
        for r in survey_results(question.survey, public=False).questions
        if r.question.pk == question.pk
    )
    if not result.answered:
        raise ValueError(_("Ingen kommun har svarat på frågan ännu."))
    cell = next(c for c in result.cells if c.answer == answer)
    return cell.share, cell.count, result.answered


def result_rows(results: SurveyResults) -> list[dict]:
    """One row per question and answer, for the .json/.csv twins and the exports."""
    rows = []
    for result in results.questions:
        base = {
            "question_number": result.label,
            "question": result.question.text,
            "kind": result.question.kind,
            "answered": None if result.answered_suppressed else result.answered,
        }
        if result.cells:
            for cell in result.cells:
                rows.append(
                    {
                        **base,
                        "answer": cell.label,
                        "count": cell.count,
                        "share_percent": None if cell.share is None else round(cell.share, 1),
                        "suppressed": cell.suppressed,
                    }
                )
        elif result.numbers is not None:
            numbers = result.numbers
            rows.append(
                {
                    **base,
                    "answer": _("medelvärde"),
                    "count": numbers.count if numbers.mean is not None else None,
                    "share_percent": None,
                    "mean": numbers.mean,
                    "median": numbers.median,
                    "suppressed": numbers.mean is None and numbers.count > 0,
                }
            )
        else:
            rows.append(
                {
                    **base,
                    "answer": _("fritext"),
                    "count": None if result.answered_suppressed else result.answered,
                    "share_percent": None,
                    "suppressed": result.answered_suppressed,
                }
            )
    return rows
