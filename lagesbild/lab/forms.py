"""The lab's query parameters, checked with Django forms so a bad value gets a 400 page that says why.

The indicator page reads `territory`, `compare` (repeated or comma-separated), `sex`, `breakdown`,
`year` and `level`; anything missing falls back to what the indicator's data make sensible."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.indicators.models import Indicator, Sex
from lagesbild.indicators.parsing import parse_period, parse_sex
from lagesbild.territories.boundaries import MAP_LEVELS
from lagesbild.territories.models import Level, UnknownTerritory

from . import labels
from .data import IndicatorFacts, territory_index

MAX_COMPARED = 8  # territories in one comparison, the chosen one included
SELECTION_PARAMETERS = ("territory", "compare", "sex", "breakdown", "year", "level")


class BadQuery(ValueError):
    """Query parameters that name nothing the page can show; `errors` maps parameter to reasons."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(
            "; ".join(f"{field}: {' '.join(reasons)}" for field, reasons in errors.items())
        )


@dataclass(frozen=True)
class Selection:
    """What the indicator page shows: a territory, others to compare it with, and the map's settings."""

    territory: str
    compare: tuple[str, ...] = ()
    sex: str = ""  # empty: every sex the indicator has, as separate lines
    breakdown: str = ""  # empty: every category, as separate lines or bars
    year: tuple[int, int] | None = None  # the map's period; None: the latest
    level: str = Level.LAN  # the map's level
    explicit: bool = (
        False  # whether the visitor chose anything (downloads then mean "this selection")
    )

    @property
    def compared(self) -> tuple[str, ...]:
        return (self.territory, *self.compare)

    def params(self, **changes) -> list[tuple[str, str]]:
        chosen = replace(self, **changes) if changes else self
        pairs = [("territory", chosen.territory)]
        pairs += [("compare", code) for code in chosen.compare]
        if chosen.sex:
            pairs.append(("sex", chosen.sex))
        if chosen.breakdown:
            pairs.append(("breakdown", chosen.breakdown))
        if chosen.year:
            pairs.append(
                (
                    "year",
                    f"{chosen.year[0]}"
                    if chosen.year[0] == chosen.year[1]
                    else f"{chosen.year[0]}-{chosen.year[1]}",
                )
            )
        pairs.append(("level", chosen.level))
        return pairs

    def query(self, **changes) -> str:
        return urlencode(self.params(**changes))

    def data_query(self) -> str:
        """The parameters that select observations (not the map's), for downloads of this selection."""
        return urlencode(
            [(k, v) for k, v in self.params() if k in ("territory", "compare", "sex", "breakdown")]
        )

    def key(self) -> str:
        return self.query()


def default_map_level(indicator: Indicator) -> str:
    for level in MAP_LEVELS:
        if level in indicator.levels:
            return level
    return Level.LAN


class IndicatorQueryForm(forms.Form):
    territory = forms.CharField(required=False, label=gettext_lazy("Område"))
    compare = forms.CharField(required=False, label=gettext_lazy("Jämför med"))
    sex = forms.CharField(required=False, label=gettext_lazy("Kön"))
    breakdown = forms.CharField(required=False, label=gettext_lazy("Uppdelning"))
    year = forms.CharField(required=False, label=gettext_lazy("År"))
    level = forms.CharField(required=False, label=gettext_lazy("Nivå"))

    def __init__(self, data, *, indicator: Indicator, facts: IndicatorFacts):
        self.compare_values = (
            [v for raw in data.getlist("compare") for v in raw.split(",") if v.strip()]
            if hasattr(data, "getlist")
            else []
        )
        super().__init__(data)
        self.indicator = indicator
        self.facts = facts

    @staticmethod
    def _resolve(text: str) -> str:
        try:
            return territory_index().resolve(text).code
        except UnknownTerritory as error:
            raise forms.ValidationError(str(error)) from None

    def clean_territory(self) -> str:
        text = self.cleaned_data["territory"].strip()
        return self._resolve(text) if text else self.facts.default_territory()

    def clean_compare(self) -> tuple[str, ...]:
        codes: list[str] = []
        for text in self.compare_values:
            code = self._resolve(text.strip())
            if code not in codes:
                codes.append(code)
        if len(codes) > MAX_COMPARED:
            raise forms.ValidationError(
                _("Högst %(count)s områden kan jämföras.") % {"count": MAX_COMPARED}
            )
        return tuple(codes)

    def clean_sex(self) -> str:
        text = self.cleaned_data["sex"].strip()
        if not text:
            return ""
        try:
            sex = parse_sex(text)
        except ValueError:
            raise forms.ValidationError(
                _("Okänt kön %(value)r: använd T, K eller M.") % {"value": text}
            ) from None
        if sex != Sex.TOTAL and not self.indicator.by_sex:
            raise forms.ValidationError(_("Indikatorn är inte uppdelad på kön."))
        return sex

    def clean_breakdown(self) -> str:
        text = self.cleaned_data["breakdown"].strip()
        categories = self.indicator.breakdown_categories()
        if text and text not in categories:
            if not categories:
                raise forms.ValidationError(_("Indikatorn har ingen uppdelning."))
            raise forms.ValidationError(
                _("%(value)r är ingen kategori för indikatorn (tillåtna: %(allowed)s).")
                % {"value": text, "allowed": ", ".join(categories)}
            )
        return text

    def clean_year(self) -> tuple[int, int] | None:
        text = self.cleaned_data["year"].strip()
        if not text:
            return None
        try:
            return parse_period(text)
        except ValueError:
            raise forms.ValidationError(
                _("%(value)r är inget år eller period (skriv till exempel 2017 eller 2016-2018).")
                % {"value": text}
            ) from None

    def clean_level(self) -> str:
        text = self.cleaned_data["level"].strip()
        if not text or text == default_map_level(self.indicator):
            # The page's own links carry the default even for an indicator without a map.
            return default_map_level(self.indicator)
        if text not in MAP_LEVELS:
            raise forms.ValidationError(
                _("Kartan finns för län och kommun (lan, kommun), inte %(value)r.")
                % {"value": text}
            )
        if text not in self.indicator.levels:
            raise forms.ValidationError(
                _("Indikatorn kan inte läsas %(where)s.") % {"where": labels.LEVEL_PHRASE[text]}
            )
        return text

    def clean(self):
        cleaned = super().clean()
        territory, compare = cleaned.get("territory"), cleaned.get("compare")
        if territory and compare is not None:
            others = tuple(code for code in compare if code != territory)
            if len(others) + 1 > MAX_COMPARED:
                self.add_error(
                    "compare",
                    _("Högst %(count)s områden kan jämföras: det valda och %(others)s till.")
                    % {"count": MAX_COMPARED, "others": MAX_COMPARED - 1},
                )
            else:
                cleaned["compare"] = others
        return cleaned

    def selection(self) -> Selection:
        if not self.is_valid():
            raise BadQuery({name: [str(e) for e in errors] for name, errors in self.errors.items()})
        data = self.cleaned_data
        return Selection(
            territory=data["territory"],
            compare=data["compare"],
            sex=data["sex"],
            breakdown=data["breakdown"],
            year=data["year"],
            level=data["level"],
            explicit=any(self.data.get(name) for name in SELECTION_PARAMETERS),
        )


def parse_indicator_query(query, indicator: Indicator, facts: IndicatorFacts) -> Selection:
    return IndicatorQueryForm(query, indicator=indicator, facts=facts).selection()


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False, max_length=200, label=gettext_lazy("Sök indikator eller område")
    )


class TerritoryPickForm(forms.Form):
    """The "min kommun / mitt län" picker: a code or a name."""

    kod = forms.CharField(required=False, max_length=100, label=gettext_lazy("Kommun eller län"))

    def clean_kod(self) -> str | None:
        text = self.cleaned_data["kod"].strip()
        if not text:
            return None
        try:
            return territory_index().resolve(text).code
        except UnknownTerritory as error:
            raise forms.ValidationError(str(error)) from None
