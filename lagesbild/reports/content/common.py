"""What every report builder shares: the scope (territory, year, years shown), the commentary slots,
source lines and the observations a report may show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from lagesbild.core.formatting import format_date, format_period
from lagesbild.core.marking import example_notice
from lagesbild.indicators.models import ImportBatch, Indicator
from lagesbild.lab import data, labels
from lagesbild.lab.data import Point
from lagesbild.territories.models import (
    RIKET_CODE,
    Level,
    Territory,
    TerritoryIndex,
    UnknownTerritory,
)

from ..document import AnalystText, BulletList, Notice, Paragraph, blocks_from_text
from ..models import Commentary

# A report shows the report year and the years before it, as far back as this.
YEARS_SHOWN = 5
FIRST_REPORT_YEAR = 2000


class ReportError(ValueError):
    """A request for a report that cannot be made; the message can be shown as it is."""


def last_report_year() -> int:
    return date.today().year + 1


def check_year(year) -> int:
    try:
        number = int(str(year).strip())
    except (TypeError, ValueError):
        raise ReportError(
            _("ogiltigt år %(year)r: ange ett årtal med fyra siffror, till exempel 2018")
            % {"year": year}
        ) from None
    if not FIRST_REPORT_YEAR <= number <= last_report_year():
        raise ReportError(
            _("året %(year)s ligger utanför %(first)s–%(last)s")
            % {"year": number, "first": FIRST_REPORT_YEAR, "last": last_report_year()}
        )
    return number


def resolve_report_territory(text: str, *, allow_riket: bool = True) -> Territory:
    """A län by code or name ('01', 'Stockholms län', 'stockholm'); riket ('00') is the national compilation."""
    try:
        place = TerritoryIndex(
            Territory.objects.filter(level__in=[Level.RIKET, Level.LAN])
        ).resolve(str(text))
    except UnknownTerritory:
        municipality = Territory.objects.kommuner().filter(code=str(text).strip()).first()
        if municipality is not None:
            raise ReportError(
                _(
                    "%(code)s är en kommun (%(name)s); lägesrapporter görs per län: ange en länskod (01–25)"
                )
                % {"code": municipality.code, "name": municipality.name}
            ) from None
        raise ReportError(
            _("okänt län %(value)r: ange en länskod (01–25) eller ett länsnamn, eller 00 för riket")
            % {"value": text}
        ) from None
    if place.level == Level.RIKET and not allow_riket:
        raise ReportError(_("ange ett län (01–25), inte riket"))
    return place


def lan_territories() -> list[Territory]:
    return list(Territory.objects.lan().order_by("code"))


def riket() -> Territory:
    return Territory.objects.get(code=RIKET_CODE)


def place_name(place: Territory) -> str:
    """A territory as the report names it, as the lab does: riket gets its name in the report's language."""
    return labels.place_name(place.code, place.name)


def swedish_date(day: date, language: str) -> str:
    """'18 mars 2019' (Swedish: day, lower-case month, year), '18 March 2019' in English."""
    return format_date(day, language)


def issuer_of(place: Territory) -> str:
    if place.code == RIKET_CODE:
        return _("Lägesbild – nationell sammanställning")
    return _("Länsstyrelsen i %(county)s") % {"county": place.name}


@dataclass
class Scope:
    place: Territory
    year: int
    language: str

    @property
    def first_year(self) -> int:
        return self.year - YEARS_SHOWN + 1

    @property
    def years_label(self) -> str:
        return format_period(self.first_year, self.year)

    def shown(self, point: Point) -> bool:
        """A figure belongs to the report when its period ends within the years shown."""
        return self.first_year <= point.end <= self.year


def report_points(indicator: Indicator, codes: list[str], scope: Scope) -> list[Point]:
    """The indicator's public observations for the territories within the years shown.

    Where a territory has real figures, its example figures are left out, so a real series is never
    drawn together with invented values for the same place."""
    found = [p for p in data.points(indicator, territories=codes) if scope.shown(p)]
    real = {p.territory for p in found if not p.is_example}
    return [p for p in found if not (p.is_example and p.territory in real)]


# --- Commentary slots --------------------------------------------------------------------------


class CommentarySlots:
    """Hands each section its saved analyst text and remembers the order. In a draft a place without
    text says so (the editors see where text is missing); in a published report it is left out."""

    def __init__(self, place: Territory, year: int, draft: bool = False):
        self.saved = Commentary.objects.texts(place.code, year)
        self.keys: list[str] = []
        self.draft = draft

    def slot(self, section: str) -> AnalystText:
        """The saved text; without one, in a draft, a note that the county board's text is missing."""
        self.keys.append(section)
        saved = self.saved.get(section)
        if saved is None:
            return AnalystText(section, [], _("Här saknas egen text.") if self.draft else "")
        byline = _("Senast ändrad %(day)s") % {
            "day": swedish_date(saved.updated_at.date(), translation.get_language() or "sv")
        }
        return AnalystText(section, blocks_from_text(saved.text), byline=byline)


# --- Sources -------------------------------------------------------------------------------------


class SourceLedger:
    """Collects the import batches behind the figures shown, for source lines and the list of sources."""

    def __init__(self):
        self.batch_ids: set[int] = set()
        self._batches: dict[int, ImportBatch] = {}

    def batches(self, ids) -> list[ImportBatch]:
        missing = set(ids) - set(self._batches)
        if missing:
            self._batches.update({b.id: b for b in ImportBatch.objects.filter(id__in=missing)})
        return sorted(
            (self._batches[i] for i in set(ids) if i in self._batches), key=lambda b: b.id
        )

    def line(self, indicator: Indicator, points: list[Point]) -> str:
        """'Källa: NTU lokal (Brå); Länsstyrelsen Stockholm, Rapport 2019:6, …'."""
        ids = {p.batch for p in points}
        self.batch_ids |= ids
        origin = (
            f"{indicator.data_source} ({indicator.agency})"
            if indicator.agency
            else indicator.data_source
        )
        parts = [origin, *(b.source_label for b in self.batches(ids))]
        return _("Källa: %(sources)s.") % {"sources": "; ".join(dict.fromkeys(parts))}

    def section_blocks(self, language: str) -> list:
        batches = self.batches(self.batch_ids)
        if not batches:
            return [Paragraph.of(_("Rapporten visar inga värden ur importerade källor."))]
        items = []
        for batch in batches:
            when = swedish_date(batch.imported_at.date(), language) if batch.imported_at else ""
            text = batch.source_label + (_(" (inläst %(day)s)") % {"day": when} if when else "")
            if batch.urls:
                text += ", " + ", ".join(batch.urls)
            items.append([text])
        return [
            Paragraph.of(_("Värdena i rapporten kommer från följande importer till Lägesbild:")),
            BulletList(items),
        ]


def colophon_lines(document) -> list[str]:
    return document.colophon()


def example_notice_block() -> Notice:
    return Notice(
        example_notice()
        + " – "
        + _(
            "rapporten innehåller genererade värden som inte beskriver verkligheten. "
            "Figurer och tabeller med sådana värden är märkta."
        )
    )
