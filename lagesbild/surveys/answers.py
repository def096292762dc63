"""Answering a survey: the form a municipality fills in, drafts, and the one submission.

Answers are stored per question as `{"q<id>": value}`: "ja"/"nej" for yes/no, the option's text for
one choice, a list of option texts for several, a number, or a text. A follow-up question that does
not apply (its parent got another answer) is never stored. Bad input (text where a number is
expected, an option that does not exist) is refused with a message per field, and whatever was
saved before stays exactly as it was."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.indicators.parsing import parse_number
from lagesbild.registers.history import record_history

from .models import NO, YES, Invitation, Question, QuestionKind

TEXT_LIMIT = 5000


class AlreadySubmitted(Exception):
    def __init__(self, invitation: Invitation):
        self.invitation = invitation
        super().__init__(
            _(
                "Svaret skickades in %(when)s och kan inte skickas eller ändras igen. Kontakta "
                "länsstyrelsen om något behöver rättas."
            )
            % {"when": timezone.localtime(invitation.submitted_at).strftime("%Y-%m-%d %H:%M")}
        )


class NotAccepting(Exception):
    """The survey does not take answers now (not opened, closed, outside its period)."""


@dataclass
class Numbered:
    label: str
    question: Question
    parent_label: str = ""


def numbered(questions: list[Question]) -> list[Numbered]:
    """1, 2, 3 for main questions and 1a, 1b for follow-ups, each follow-up right after its parent."""
    by_parent: dict[int | None, list[Question]] = {}
    for question in questions:
        by_parent.setdefault(question.parent_id, []).append(question)
    result: list[Numbered] = []

    def walk(parent_id, prefix: str) -> None:
        for index, question in enumerate(by_parent.get(parent_id, []), start=1):
            label = f"{index}" if not prefix else f"{prefix}{chr(ord('a') + index - 1)}"
            result.append(Numbered(label, question, prefix))
            walk(question.pk, label)

    walk(None, "")
    known = {item.question.pk for item in result}
    # A follow-up whose parent was removed is still shown, last, so no answer is ever hidden.
    for question in questions:
        if question.pk not in known:
            result.append(Numbered(str(len(result) + 1), question))
    return result


def number_text(value) -> str:
    """A stored number as a person types it in Swedish: 12, 3,5."""
    if value is None or value == "":
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}".replace(".", ",")


class NumberAnswerField(forms.CharField):
    default_error_messages = {"invalid": gettext_lazy("Skriv ett tal, till exempel 12 eller 3,5.")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if len(text) > 40:
            raise forms.ValidationError(
                _("Skriv ett tal, till exempel 12 eller 3,5."), code="invalid"
            )
        try:
            number = parse_number(text, allow_percent_sign=False)
        except ValueError:
            raise forms.ValidationError(
                _("”%(text)s” är inte ett tal. Skriv ett tal, till exempel 12 eller 3,5.")
                % {"text": text[:40]},
                code="invalid",
            ) from None
        return int(number) if number is not None and number.is_integer() else number


def _field_for(question: Question, label: str, follow_up_of: Numbered | None) -> forms.Field:
    help_parts = []
    if follow_up_of is not None:
        answer = follow_up_of.question.answer_label(question.show_if)
        help_parts.append(
            _("Besvaras om svaret på fråga %(number)s är ”%(answer)s”.")
            % {"number": follow_up_of.label, "answer": answer}
        )
    if question.help_text:
        help_parts.append(question.help_text)
    if not question.required:
        help_parts.append(_("Frivillig fråga."))
    common = {
        "label": f"{label}. {question.text}",
        "required": False,
        "help_text": " ".join(help_parts),
    }
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Ja")), (NO, _("Nej"))], widget=forms.RadioSelect, **common
        )
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(
            choices=[(o, o) for o in question.options], widget=forms.RadioSelect, **common
        )
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in question.options],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if question.kind == QuestionKind.NUMBER:
        return NumberAnswerField(**common)
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_LIMIT, **common
    )


class AnswerForm(forms.Form):
    """One field per active question; nothing is required here, because a draft may be half done.
    `complete()` checks the required questions when the answer is submitted."""

    def __init__(self, questions: list[Question], *args, stored: dict | None = None, **kwargs):
        self.items = numbered(questions)
        stored = stored or {}
        initial = {
            item.question.field_name: self._initial(item.question, stored) for item in self.items
        }
        super().__init__(*args, initial=initial, **kwargs)
        by_pk = {item.question.pk: item for item in self.items}
        for item in self.items:
            parent = by_pk.get(item.question.parent_id)
            self.fields[item.question.field_name] = _field_for(item.question, item.label, parent)
            item.field = self[item.question.field_name]
            item.parent_field = parent.question.field_name if parent else ""
            item.show_if = item.question.show_if
        for _name, field in self.fields.items():
            field.error_messages["invalid_choice"] = _("Välj ett av alternativen som finns.")
            if isinstance(field, forms.CharField) and not isinstance(field, NumberAnswerField):
                field.error_messages["max_length"] = _(
                    "Svaret får vara högst %(limit)s tecken."
                ) % {"limit": TEXT_LIMIT}

    @staticmethod
    def _initial(question: Question, stored: dict):
        value = stored.get(question.field_name)
        if question.kind == QuestionKind.NUMBER:
            return number_text(value)
        return value

    def answers(self) -> dict:
        """The answers to store: empty ones and follow-ups that do not apply are left out."""
        result: dict = {}
        for item in self.items:
            question = item.question
            value = self.cleaned_data.get(question.field_name)
            if value in (None, "", []):
                continue
            if isinstance(value, str):
                value = value.strip()
                if not value:
                    continue
            result[question.field_name] = value
        for item in self.items:
            if not item.question.applies_to(result):
                result.pop(item.question.field_name, None)
        return result

    def complete(self, answers: dict) -> bool:
        """Adds an error to every required question that applies and has no answer."""
        for item in self.items:
            question = item.question
            if (
                question.required
                and question.applies_to(answers)
                and question.field_name not in answers
            ):
                self.add_error(
                    question.field_name, _("Frågan behöver ett svar innan svaret kan skickas in.")
                )
        return not self.errors


@transaction.atomic
def save_draft(invitation: Invitation, answers: dict) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.submitted_at is not None:
        raise AlreadySubmitted(locked)
    problem = locked.survey.answering_problem()
    if problem:
        raise NotAccepting(problem)
    locked.answers, locked.draft_saved_at = answers, timezone.now()
    locked.skip_history_when_saving = True
    locked.save(update_fields=["answers", "draft_saved_at"])
    del locked.skip_history_when_saving
    record_history(locked, None, _("utkast sparat av kommunen"))
    return locked


@transaction.atomic
def submit(invitation: Invitation, answers: dict) -> Invitation:
    """Stores the answers as final, once: a second submission is refused and changes nothing."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.submitted_at is not None:
        raise AlreadySubmitted(locked)
    problem = locked.survey.answering_problem()
    if problem:
        raise NotAccepting(problem)
    now = timezone.now()
    locked.answers, locked.draft_saved_at, locked.submitted_at = (
        answers,
        locked.draft_saved_at or now,
        now,
    )
    locked.skip_history_when_saving = True
    locked.save(update_fields=["answers", "draft_saved_at", "submitted_at"])
    del locked.skip_history_when_saving
    record_history(locked, None, _("svaret inskickat av kommunen"))
    return locked


def readable_answers(
    invitation: Invitation, questions: list[Question]
) -> list[tuple[str, str, str]]:
    """(number, question, answer in words) for the respondent's receipt and the editor's view."""
    rows = []
    for item in numbered(questions):
        question = item.question
        value = invitation.answers.get(question.field_name)
        if not question.applies_to(invitation.answers):
            continue
        rows.append((item.label, question.text, answer_words(question, value)))
    return rows


def answer_words(question: Question, value) -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(value, list):
        return "; ".join(question.answer_label(v) for v in value)
    if question.kind == QuestionKind.NUMBER:
        return number_text(value)
    return question.answer_label(str(value))
