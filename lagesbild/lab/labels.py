"""Words the lab shows for codes stored in the database, in Swedish with English translations.

The lab keeps its own labels (rather than the models' choice labels) because it needs several forms
of each word: a table heading, a phrase inside a sentence, a plural. Every label goes through
gettext, so the lab's catalogue holds the English for all of them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lagesbild.indicators.models import ObservationStatus, Sex, Status, Unit
from lagesbild.territories.models import RIKET_CODE, Level

INDICATOR_STATUS = {
    Status.CORE: _("Kärnindikator"),
    Status.INDICATOR: pgettext_lazy("status", "Indikator"),
    Status.DEVELOPMENT: _("Utvecklingsindikator"),
}

LEVEL = {Level.RIKET: _("Riket"), Level.LAN: _("Län"), Level.KOMMUN: _("Kommun")}
# With a context: other apps' catalogues translate a bare "län" as the singular "county".
LEVEL_PLURAL = {
    Level.RIKET: pgettext_lazy("plural", "riket"),
    Level.LAN: pgettext_lazy("plural", "län"),
    Level.KOMMUN: pgettext_lazy("plural", "kommuner"),
}
LEVEL_PHRASE = {
    Level.RIKET: _("på riksnivå"),
    Level.LAN: _("på länsnivå"),
    Level.KOMMUN: _("på kommunnivå"),
}

SEX_TITLE = _("Kön")
AREA_TITLE = _("Område")
SEX = {Sex.TOTAL: _("Totalt"), Sex.WOMEN: _("Kvinnor"), Sex.MEN: _("Män")}

OBSERVATION_STATUS = {
    ObservationStatus.OK: _("publicerat"),
    ObservationStatus.MISSING: _("saknas"),
    ObservationStatus.SUPPRESSED: _("skyddat (för få fall)"),
    ObservationStatus.PRELIMINARY: _("preliminärt"),
}

UNIT_TITLE = {
    Unit.PERCENT: _("Procent"),
    Unit.COUNT: _("Antal"),
    Unit.PER_1000: _("Per 1 000 invånare"),
    Unit.PER_10000: _("Per 10 000 invånare"),
    Unit.PER_100000: _("Per 100 000 invånare"),
}

# How a sentence names the quantity: "Andelen ökade …", "Antalet minskade …".
UNIT_SUBJECT = {
    Unit.PERCENT: _("Andelen"),
    Unit.COUNT: _("Antalet"),
    Unit.PER_1000: _("Talet"),
    Unit.PER_10000: _("Talet"),
    Unit.PER_100000: _("Talet"),
}


def place_name(code: str, name: str) -> str:
    """The territory's name in the active language: riket is "Sweden" in English, the rest keep their names."""
    return str(LEVEL[Level.RIKET]) if code == RIKET_CODE else name


def level_label(level: str) -> str:
    return str(LEVEL.get(level, level))


def sex_label(sex: str) -> str:
    return str(SEX.get(sex, sex))


def observation_status_label(status: str) -> str:
    return str(OBSERVATION_STATUS.get(status, status))


def unit_title(unit: str) -> str:
    return str(UNIT_TITLE.get(unit, unit))
