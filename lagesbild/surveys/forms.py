"""Forms for the editors: the survey, its questions, the invitations and publishing a share."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.accounts.models import Membership, Role
from lagesbild.indicators.models import Goal
from lagesbild.registers.forms import limit_county_field
from lagesbild.territories.models import Territory, TerritoryIndex, UnknownTerritory

from .models import CHOICE_KINDS, Question, QuestionKind, Survey
from .publishing import survey_indicators

OPTION_LIMIT = 30


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "county",
            "title",
            "year",
            "introduction",
            "opens_on",
            "closes_on",
            "results_public",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "introduction": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        limit_county_field(self, user)
        for name in ("opens_on", "closes_on"):
            self.fields[name].input_formats = ["%Y-%m-%d"]
            self.fields[name].error_messages["invalid"] = _(
                "Skriv ett datum som ÅÅÅÅ-MM-DD, till exempel 2025-03-31."
            )
        self.fields["year"].error_messages["invalid"] = _(
            "Skriv året med fyra siffror, till exempel 2025."
        )

    def clean_title(self):
        title = self.cleaned_data["title"]
        if any(ord(character) < 32 or ord(character) == 127 for character in title):
            raise ValidationError(
                _("Titeln ska stå på en rad, utan radbrytningar eller andra styrtecken.")
            )
        return title

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("Enkäten kan inte stänga före den dag den öppnar."))
        return data


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label=gettext_lazy("Svarsalternativ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Ett alternativ per rad. Behövs för frågor med ett eller flera alternativ."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "text_en",
            "help_text",
            "required",
            "parent",
            "show_if",
            "position",
        ]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {
            "parent": gettext_lazy(
                "Gör frågan till en följdfråga, till exempel ”Om ja: med stöd av webbkursen?”."
            ),
            "show_if": gettext_lazy(
                "Svaret på den överordnade frågan som visar följdfrågan: ja, nej eller ett av "
                "dess alternativ."
            ),
            "position": gettext_lazy("Frågorna visas i den här ordningen (lägst först)."),
        }

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        parents = survey.questions.active().filter(kind__in=CHOICE_KINDS)
        if self.instance.pk:
            parents = parents.exclude(pk__in=self._self_and_descendants())
        self.fields["parent"].queryset = parents.order_by("position", "id")
        self.fields["parent"].empty_label = _("Ingen – en egen fråga")
        self.fields["parent"].label_from_instance = lambda q: q.text
        self.fields["position"].required = False
        if self.instance.pk:
            self.initial["options_text"] = "\n".join(self.instance.options or [])

    def _self_and_descendants(self) -> set[int]:
        found, frontier = {self.instance.pk}, [self.instance.pk]
        while frontier:
            children = list(
                Question.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            frontier = [c for c in children if c not in found]
            found.update(frontier)
        return found

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        options = [
            line.strip() for line in (data.get("options_text") or "").splitlines() if line.strip()
        ]
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if len(options) < 2:
                self.add_error("options_text", _("Skriv minst två svarsalternativ, ett per rad."))
            elif len(options) > OPTION_LIMIT:
                self.add_error(
                    "options_text", _("Högst %(n)s svarsalternativ.") % {"n": OPTION_LIMIT}
                )
            duplicates = sorted({o for o in options if options.count(o) > 1})
            if duplicates:
                self.add_error(
                    "options_text",
                    _("Alternativet ”%(option)s” står flera gånger.") % {"option": duplicates[0]},
                )
            if any(len(o) > 200 for o in options):
                self.add_error("options_text", _("Ett svarsalternativ får vara högst 200 tecken."))
            data["options"] = options
        else:
            data["options"] = []
        parent, show_if = data.get("parent"), (data.get("show_if") or "").strip()
        if parent is None:
            data["show_if"] = ""
        else:
            allowed = {v.casefold(): v for v in parent.answer_values()}
            if not show_if:
                self.add_error(
                    "show_if",
                    _("Ange vilket svar på den överordnade frågan som visar följdfrågan."),
                )
            elif show_if.casefold() not in allowed:
                shown = ", ".join(parent.answer_label(v) for v in parent.answer_values())
                self.add_error(
                    "show_if",
                    _(
                        "”%(answer)s” är inget svar på den överordnade frågan (möjliga: %(allowed)s)."
                    )
                    % {"answer": show_if, "allowed": shown},
                )
            else:
                data["show_if"] = allowed[show_if.casefold()]
        if data.get("position") is None:
            data["position"] = self.instance.position if self.instance.pk else self._next_position()
        return data

    def _next_position(self) -> int:
        last = (
            self.survey.questions.order_by("-position").values_list("position", flat=True).first()
        )
        return (last or 0) + 10

    def save(self, commit=True):
        question = super().save(commit=False)
        question.survey = self.survey
        question.options = self.cleaned_data["options"]
        question.show_if = self.cleaned_data["show_if"]
        question.position = self.cleaned_data["position"]
        if commit:
            question.save()
        return question

    def has_changed(self):
        return super().has_changed() or not self.instance.pk


@dataclass
class InviteLine:
    municipality: Territory
    email: str


class InviteForm(forms.Form):
    lines = forms.CharField(
        label=gettext_lazy("Kommuner att bjuda in"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "En kommun per rad, med e-postadress efter semikolon: ”Södertälje; "
            "kvinnofrid@sodertalje.se”. Utan adress skapas länken ändå och kan kopieras härifrån."
        ),
    )
    send_now = forms.BooleanField(
        label=gettext_lazy("Skicka inbjudan med e-post nu (om enkäten är öppen)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey

    def clean_lines(self) -> list[InviteLine]:
        municipalities = Territory.objects.kommuner().filter(parent_id=self.survey.county_id)
        index = TerritoryIndex(municipalities)
        problems, result, seen = [], [], set()
        for number, raw in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not raw.strip():
                continue
            name, _sep, email = raw.partition(";")
            try:
                municipality = index.resolve(name)
            except UnknownTerritory:
                problems.append(
                    _("Rad %(row)s: ”%(name)s” är ingen kommun i %(county)s.")
                    % {"row": number, "name": name.strip()[:60], "county": self.survey.county.name}
                )
                continue
            email = email.strip()
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    problems.append(
                        _("Rad %(row)s: ”%(email)s” är ingen giltig e-postadress.")
                        % {"row": number, "email": email[:80]}
                    )
                    continue
            if municipality.code in seen:
                problems.append(
                    _("Rad %(row)s: %(name)s står redan på en tidigare rad.")
                    % {"row": number, "name": municipality.name}
                )
                continue
            seen.add(municipality.code)
            result.append(InviteLine(municipality, email))
        if problems:
            raise ValidationError(problems)
        if not result:
            raise ValidationError(_("Skriv minst en kommun."))
        return result


def suggested_invitations(survey: Survey) -> str:
    """The county's municipalities not yet invited, with their coordinators' e-mail where known."""
    invited = set(survey.invitations.values_list("municipality_id", flat=True))
    emails = dict(
        Membership.objects.filter(
            role=Role.MUNICIPAL_COORDINATOR, municipality__parent_id=survey.county_id
        )
        .exclude(user__email="")
        .values_list("municipality_id", "user__email")
    )
    lines = []
    for municipality in (
        Territory.objects.kommuner().filter(parent_id=survey.county_id).order_by("name")
    ):
        if municipality.code not in invited:
            email = emails.get(municipality.code, "")
            lines.append(f"{municipality.name}; {email}" if email else municipality.name)
    return "\n".join(lines)


class PublishForm(forms.Form):
    NEW, EXISTING = "ny", "befintlig"

    answer = forms.ChoiceField(label=gettext_lazy("Andelen som svarade"), widget=forms.RadioSelect)
    target = forms.ChoiceField(
        label=gettext_lazy("Indikator"),
        widget=forms.RadioSelect,
        choices=[
            (NEW, gettext_lazy("Skapa en ny indikator")),
            (EXISTING, gettext_lazy("Lägg till i en befintlig enkätindikator")),
        ],
    )
    indicator = forms.ChoiceField(label=gettext_lazy("Befintlig enkätindikator"), required=False)
    name_sv = forms.CharField(
        label=gettext_lazy("Ny indikators namn på svenska"), required=False, max_length=300
    )
    name_en = forms.CharField(
        label=gettext_lazy("Ny indikators namn på engelska"), required=False, max_length=300
    )
    goal = forms.ModelChoiceField(
        label=gettext_lazy("Målsättning"),
        queryset=Goal.objects.all(),
        required=False,
        empty_label=None,
    )
    description_sv = forms.CharField(
        label=gettext_lazy("Beskrivning på svenska"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    year = forms.IntegerField(label=gettext_lazy("År"), min_value=2000, max_value=2100)

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        if question.survey.is_transcribed:
            answers = [question.reported_answer or "ja"]
        else:
            answers = question.answer_values()
        self.fields["answer"].choices = [(a, question.answer_label(a)) for a in answers]
        self.indicators = {i.pk: i for i in survey_indicators()}
        self.fields["indicator"].choices = [("", "–")] + [
            (pk, i.name) for pk, i in self.indicators.items()
        ]
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.number}. {goal.name}"
        self.fields["year"].initial = question.survey.year
        self.fields["year"].error_messages["invalid"] = _(
            "Skriv året med fyra siffror, till exempel 2025."
        )
        if len(answers) == 1:
            self.fields["answer"].initial = answers[0]

    def clean(self):
        data = super().clean()
        if data.get("target") == self.EXISTING:
            if not data.get("indicator"):
                self.add_error("indicator", _("Välj vilken indikator värdet ska läggas till i."))
            else:
                data["indicator_object"] = self.indicators[data["indicator"]]
        elif data.get("target") == self.NEW:
            for name in ("name_sv", "name_en"):
                if not (data.get(name) or "").strip():
                    self.add_error(
                        name, _("En ny indikator behöver ett namn på svenska och engelska.")
                    )
            if data.get("goal") is None:
                self.add_error(
                    "goal", _("Välj vilken av strategins målsättningar indikatorn följer upp.")
                )
        return data
