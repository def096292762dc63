"""The national compilation for a year: every indicator with riket and the 21 län side by side,
indicator coverage per county, support services per county and the state of the county reports —
the overview Rapport 2019:6 proposes that a national authority should compile."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Max
from django.utils import translation
from django.utils.translation import gettext as _

from lagesbild.core.marking import example_notice
from lagesbild.indicators.coverage import coverage, select_indicators
from lagesbild.indicators.models import Goal, Observation
from lagesbild.territories.models import Level

from ..document import Cell, Document, Generated, Paragraph, Section, Sentence, Table, prune
from ..models import Commentary
from . import registers
from .common import (
    CommentarySlots,
    Scope,
    SourceLedger,
    example_notice_block,
    issuer_of,
    lan_territories,
    report_points,
    riket,
    swedish_date,
)
from .county import STRATEGY, goal_title, method_paragraph, report_title
from .indicators import NationalIndicator


class NationalReport:
    def __init__(self, year: int, language: str = "sv", draft: bool = False):
        self.national = riket()
        self.counties = lan_territories()
        self.places = [self.national, *self.counties]
        self.scope = Scope(self.national, year, language)
        self.year, self.language = year, language
        self.draft = draft
        self.slots = CommentarySlots(self.national, year, draft=draft)
        self.sources = SourceLedger()
        self.views: dict[int, list[NationalIndicator]] = {}

    def _indicator_views(self) -> None:
        codes = [p.code for p in self.places]
        for goal in Goal.objects.all():
            self.views[goal.number] = [
                NationalIndicator(
                    indicator,
                    self.places,
                    report_points(indicator, codes, self.scope),
                    self.scope,
                    self.sources,
                )
                for indicator in select_indicators(level=Level.LAN, goal=goal.number)
            ]

    @property
    def has_example_data(self) -> bool:
        return (
            any(p.is_example for views in self.views.values() for v in views for p in v.shown)
            or self.services.example
        )

    # --- sections --------------------------------------------------------------------------------

    def about(self) -> Section:
        blocks = [example_notice_block()] if self.has_example_data else []
        blocks.append(
            Generated(
                [
                    Paragraph.of(
                        _(
                            "Sammanställningen visar länsstyrelsernas regionala lägesbilder för %(year)s sida vid sida: "
                            "varje indikator för riket och de 21 länen, hur många indikatorer som kan läsas per län, "
                            "stödverksamheter per län och vilka länsrapporter som finns. Underlaget är detsamma som i "
                            "länsrapporterna och följer den nationella strategins fyra målsättningar (%(strategy)s)."
                        )
                        % {"year": self.year, "strategy": STRATEGY}
                    ),
                    method_paragraph(),
                    Paragraph.of(
                        _("Varje län visas med sin senaste period inom %(years)s.")
                        % {"years": self.scope.years_label}
                    ),
                ]
            )
        )
        blocks.append(self.slots.slot("om"))
        return Section("om", _("Om sammanställningen"), blocks)

    def county_reports(self) -> Section:
        stats = {
            row["territory_id"]: row
            for row in Commentary.objects.filter(year=self.year, territory__level=Level.LAN)
            .exclude(text="")
            .values("territory_id")
            .annotate(n=Count("id"), last=Max("updated_at"))
        }
        with_values = self._indicators_with_values()
        rows = []
        for county in self.counties:
            row = stats.get(county.code)
            written = row["n"] if row else 0
            rows.append(
                [
                    Cell(county.name),
                    Cell(str(with_values.get(county.code, 0)), numeric=True),
                    Cell(str(written), numeric=True),
                    Cell(swedish_date(row["last"].date(), self.language) if row else "–"),
                    Cell(_("Kommenterad") if written else _("Endast genererad")),
                ]
            )
        commented = sum(1 for county in self.counties if county.code in stats)
        table = Table(
            caption=_("Länens lägesrapporter %(year)s") % {"year": self.year},
            columns=[
                _("Län"),
                _("Indikatorer med värden"),
                _("Avsnitt med länets text"),
                _("Senast ändrad"),
                _("Rapport"),
            ],
            rows=rows,
            source=_("Källa: Lägesbild, länsstyrelsernas texter i rapporterna för %(year)s.")
            % {"year": self.year},
        )
        sentence = _(
            "Rapporten kan tas fram för alla %(total)s län. %(commented)s av dem har skrivit egen text i sin "
            "rapport för %(year)s; övriga rapporter innehåller bara genererat innehåll."
        ) % {"total": len(self.counties), "commented": commented, "year": self.year}
        return Section(
            "lansrapporter",
            _("Länens lägesrapporter"),
            [Generated.of(Sentence(sentence)), table, self.slots.slot("lansrapporter")],
        )

    def _indicators_with_values(self) -> dict[str, int]:
        """County code → how many of the selected indicators have a figure for the county in the years shown."""
        selected = [i.id for views in self.views.values() for v in views for i in [v.indicator]]
        rows = (
            Observation.objects.filter(
                indicator_id__in=selected,
                territory__level=Level.LAN,
                period_end__gte=self.scope.first_year,
                period_end__lte=self.year,
            )
            .exclude(value__isnull=True, lower__isnull=True)
            .values_list("territory_id", "indicator_id")
            .distinct()
        )
        counts: dict[str, int] = {}
        for code, _indicator in rows:
            counts[code] = counts.get(code, 0) + 1
        return counts

    def indicators(self) -> Section:
        section = Section(
            "indikatorer",
            _("Indikatorer per målsättning"),
            [
                Generated.of(
                    Sentence(
                        _(
                            "Varje indikator som kan läsas på länsnivå visas med riket och alla län i en tabell, "
                            "med spridningen mellan länen (högst, lägst, skillnaden och medianen), och i en figur "
                            "när minst två områden har värden."
                        )
                    )
                ),
                self.slots.slot("indikatorer"),
            ],
        )
        for goal in Goal.objects.all():
            goal_section = Section(
                f"mal-{goal.number}", goal_title(goal), [self.slots.slot(f"mal-{goal.number}")]
            )
            for view in self.views[goal.number]:
                blocks = [Generated.of(*view.sentences())]
                table = view.table()
                figure = view.figure()
                if figure is not None:
                    blocks.append(figure)
                blocks.append(table)
                spread = view.spread_table()
                if spread is not None:
                    blocks.append(spread)
                blocks.append(self.slots.slot(f"indikator-{view.indicator.id}"))
                goal_section.sections.append(
                    Section(f"indikator-{view.indicator.id}", view.indicator.name, blocks)
                )
            if not self.views[goal.number]:
                goal_section.blocks.insert(
                    0,
                    Generated(
                        [Paragraph.of(_("Målet har inga indikatorer som kan läsas på länsnivå."))]
                    ),
                )
            section.sections.append(goal_section)
        return section

    def coverage_section(self) -> Section:
        goals = list(Goal.objects.all())
        readable = {row.goal: row.readable["lan"] for row in coverage()}
        selected = {g.number: {v.indicator.id for v in self.views[g.number]} for g in goals}
        presence = set(
            Observation.objects.filter(
                territory__level=Level.LAN,
                period_end__gte=self.scope.first_year,
                period_end__lte=self.year,
            )
            .exclude(value__isnull=True, lower__isnull=True)
            .values_list("territory_id", "indicator_id")
            .distinct()
        )
        rows = []
        for county in self.counties:
            counts = [
                sum(1 for i in selected[g.number] if (county.code, i) in presence) for g in goals
            ]
            rows.append(
                [
                    Cell(county.name),
                    *(Cell(str(n), numeric=True) for n in counts),
                    Cell(str(sum(counts)), numeric=True, strong=True),
                ]
            )
        rows.append(
            [
                Cell(_("Kan läsas på länsnivå"), strong=True),
                *(Cell(str(readable.get(g.number, 0)), numeric=True, strong=True) for g in goals),
                Cell(str(sum(readable.get(g.number, 0) for g in goals)), numeric=True, strong=True),
            ]
        )
        table = Table(
            caption=_("Indikatorer med värden per län och målsättning, %(years)s")
            % {"years": self.scope.years_label},
            columns=[
                _("Län"),
                *(_("Mål %(number)s") % {"number": g.number} for g in goals),
                _("Totalt"),
            ],
            rows=rows,
            source=_("Källa: Lägesbilds indikatorkatalog och observationer."),
        )
        totals = [int(r[-1].text) for r in rows[:-1]]
        full = sum(1 for t in totals if t == sum(readable.values()))
        sentence = _(
            "Av %(readable)s indikatorer som kan läsas på länsnivå har länen värden för mellan %(low)s och "
            "%(high)s under %(years)s; %(full)s län har värden för alla."
        ) % {
            "readable": sum(readable.values()),
            "low": min(totals, default=0),
            "high": max(totals, default=0),
            "years": self.scope.years_label,
            "full": full,
        }
        return Section(
            "tackning",
            _("Indikatortäckning per län"),
            [Generated.of(Sentence(sentence)), table, self.slots.slot("tackning")],
        )

    def services_section(self) -> Section:
        return Section(
            "verksamheter",
            _("Stödverksamheter per län"),
            [*self.services.blocks, self.slots.slot("verksamheter")],
        )

    def analysis(self) -> Section:
        return Section(
            "analys",
            _("Analys och nationella rekommendationer"),
            [self.slots.slot("analys")],
        )

    def sources_section(self) -> Section:
        return Section("kallor", _("Källor"), self.sources.section_blocks(self.language))

    def build(self) -> Document:
        with translation.override(self.language):
            self.services = registers.national_services(self.year, self.language)
            self._indicator_views()
            indicators = self.indicators()
            sections = [
                self.about(),
                self.county_reports(),
                indicators,
                self.coverage_section(),
                self.services_section(),
                self.analysis(),
                self.sources_section(),
            ]
            if not self.draft:
                sections = prune(sections)
            example = self.has_example_data
            return Document(
                title=report_title(),
                subtitle=_("Nationell sammanställning av de regionala lägesrapporterna %(year)s")
                % {"year": self.year},
                issuer=issuer_of(self.national),
                issued=date.today(),
                language=self.language,
                example=example,
                example_notice=example_notice() if example else "",
                sections=sections,
                file_stem=f"lagesrapport-{self.year}-nationell-sammanstallning",
                about=[
                    _("Framtagen med Lägesbild %(day)s.")
                    % {"day": swedish_date(date.today(), self.language)},
                ],
                draft=self.draft,
                place_code="00",
                year=self.year,
            ).number()


def build_national_report(year: int, language: str = "sv", draft: bool = False) -> Document:
    return NationalReport(year, language, draft).build()
